"""The title: the game's name over the map of the region, and the way in."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game import faults
from game.i18n import N_, _
from game.ui.present import session_label
from game.ui.pygame import backdrop, mapview, widgets
from game.ui.pygame.notices import cut
from game.ui.pygame.screen import UI, Context, Go, Push, Quit, Screen, Toggle, Transition


class TitleScreen(Screen):
    name = "title"
    lists_notices = True

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        keeper = context.keeper
        # the autosaved game, offered first as "Continue" (as the terminal does)
        self.resumable = keeper.resumable() if keeper is not None else None
        self.problems = context.room.take_problems()  # a damaged settings file, a broken glossary...
        self.saved = has_saves(context)  # offer "Load a saved game" only when there is one

    hints = N_(
        "Tab or arrows move \u00b7 Enter chooses \u00b7 F5 projector mode \u00b7 G glossary \u00b7 "
        "F11 full screen \u00b7 Esc menu"
    )

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        width, height = ui.size
        margin = theme.space(3)
        self.background = pygame.Surface(ui.size).convert()
        backdrop.gradient(self.background, theme)
        area = backdrop.title_area(ui.size, theme)
        hint_height = widgets.line_height(theme, "small")
        notes = faults.notices()  # what failed to load (a font...): said quietly, over the key hints
        hint_height *= 1 + len(notes)
        bottom = height - margin - hint_height - theme.space(1)
        stack = self._stack_height(ui)
        wide = width / height > 1.3
        if backdrop.title_block(None, theme, area) + theme.space(2) + stack > bottom:
            area.y = margin  # a short window: start the name at the top margin
        under = backdrop.title_block(self.background, theme, area) + theme.space(2)
        if under + stack <= bottom:  # the usual place: the buttons under the name, the map beside
            if wide:
                self._map(ui, area)
            self._buttons(ui, pygame.Rect(area.x, under, area.width, stack))
        else:  # no room under the name (large projector type): the buttons take the map's place
            right = pygame.Rect(area.right + margin, margin, width - area.right - 2 * margin, bottom - margin)
            self._buttons(ui, pygame.Rect(right.x, right.centery - stack // 2, right.width, stack))
        line = widgets.line_height(theme, "small")
        for number, note in enumerate(notes):
            rect = pygame.Rect(
                margin, height - margin - hint_height + number * line, width - 2 * margin, line
            )
            widgets.label(ui, rect, cut(theme.text_font("small"), note, rect.width), "#muted")
        hint = pygame.Rect(margin, height - margin - line, width - 2 * margin, line)
        widgets.hint_line(ui, hint, self.hint_text())

    def _stack_height(self, ui: UI) -> int:
        count = len(self._entries())
        height = count * widgets.button_height(ui) + (count - 1) * ui.theme.space(0.6) + self._note_height(ui)
        return height + (widgets.line_height(ui.theme, "small") if self.resumable else 0)

    def _entries(self) -> list[tuple[str, str, Callable[[], Transition | None]]]:
        first: list[tuple[str, str, Callable[[], Transition | None]]] = (
            [(_("Continue"), "#primary", self.resume), (_("New game"), "", self.begin)]
            if self.resumable
            else [(_("Begin"), "#primary", self.begin)]
        )
        if self.saved:
            first.append((_("Load a saved game"), "", self.load))
        projector = _("Projector mode: on") if self.context.room.projector else _("Projector mode: off")
        return [
            *first,
            (_("Timeline, 1916\u20131931"), "", self.timeline),
            (_("Settings"), "", self.settings),
            (projector, "", lambda: Toggle("projector")),
            (_("Quit"), "", lambda: Quit(0)),
        ]

    def _note_height(self, ui: UI) -> int:
        catalog = self.context.catalog
        if catalog.errors or not catalog.scenarios or self.problems:
            return round(widgets.line_height(ui.theme, "body") * 3.2)
        return 0

    def _map(self, ui: UI, area: pygame.Rect) -> None:
        theme = ui.theme
        margin = theme.space(3)
        left = area.right + margin
        rect = pygame.Rect(left, margin, ui.size[0] - left - margin, ui.size[1] - 2 * margin - theme.space(2))
        view = mapview.view_for([], rect.width / max(rect.height, 1))
        # fit the panel to the map's own shape, so nothing is stretched and no band is left empty
        projection = mapview.Projection.fit(view, rect.size)
        used_height = round((view.north - view.south) * projection.scale)
        rect = pygame.Rect(rect.x, rect.y + (rect.height - used_height) // 2, rect.width, used_height)
        widgets.map_image(ui, rect, view, [])

    def _buttons(self, ui: UI, area: pygame.Rect) -> None:
        theme = ui.theme
        entries = self._entries()
        width = max(widgets.button_width(ui, text) for text, _style, _action in entries)
        width = min(max(width, theme.space(16)), area.width)
        height = widgets.button_height(ui)
        y = area.y
        for index, (text, style, action) in enumerate(entries):
            element = widgets.button(ui, pygame.Rect(area.x, y, width, height), text, style)
            self.focusable(element, action)
            y += height + theme.space(0.6)
            if index == 0 and self.resumable is not None:  # what "Continue" continues
                line = widgets.line_height(theme, "small")
                label = session_label(self.resumable.session)
                widgets.label(
                    ui, pygame.Rect(area.x, y - theme.space(0.3), area.width, line), label, "#muted"
                )
                y += line
        catalog = self.context.catalog
        notes = list(self.problems)
        if catalog.errors or not catalog.scenarios:
            problem = (
                _("No scenarios could be loaded.")
                if not catalog.scenarios
                else _("{count} scenario file(s) could not be loaded.").format(count=len(catalog.errors))
            )
            notes.append(problem + " " + _("Run \u201cpython main.py validate\u201d to see why."))
        if notes:
            rect = pygame.Rect(area.x, y + theme.space(0.5), area.width, -1)
            widgets.text_box(ui, rect, "<br>".join(widgets.esc(note) for note in notes), "#note")

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background, (0, 0))

    def resume(self) -> Transition | None:
        from game.ui.pygame.saving import resume_screen

        assert self.resumable is not None
        return Go(resume_screen(self.context, self.resumable))

    def load(self) -> Transition:
        from game.ui.pygame.load_screen import LoadScreen

        return Push(LoadScreen(self.context))

    def timeline(self) -> Transition:
        from game.ui.pygame.timeline import TimelineScreen

        return Push(TimelineScreen(self.context))

    def settings(self) -> Transition:
        from game.ui.pygame.settings_screen import SettingsScreen

        return Push(SettingsScreen(self.context))

    def begin(self) -> Transition | None:
        if not self.context.catalog.scenarios:
            return None
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        return Go(ScenarioSelectScreen(self.context))


def has_saves(context: Context) -> bool:
    """Is there any save in the saves folder? (Read when the list is opened, not here.)"""
    from game.ui.pygame.saving import store_of

    try:
        return any(store_of(context).folder.glob("*.json"))
    except OSError:
        return False
