"""The menu over any screen (Esc): resume, the game's own entries (save, load, undo, what if,
branches, report), restart, back to the title, the glossary and the timeline, settings, quit.

Entries are laid out in columns: the game's in the first, the window's in the
next, and more columns when big type on a small window needs them.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.pygame import hotseat, widgets
from game.ui.pygame.screen import UI, Context, Go, Pop, Quit, Screen, Toggle, Transition
from game.ui.pygame.session_menu import Entry, game_entries, note


class MenuScreen(Screen):
    name = "menu"
    hints = N_("Esc resumes \u00b7 Tab or arrows move \u00b7 Enter chooses")

    def __init__(self, context: Context, below: Screen) -> None:
        super().__init__(context)
        self.below = below
        shown = pygame.display.get_surface()
        self.snapshot = shown.copy() if shown is not None else None

    def columns(self) -> list[list[Entry]]:
        """The entries, a column for each group: the game's, then the window's."""
        settings = self.context.settings
        session = self.context.session
        game = [
            Entry(_("Resume"), lambda: Pop(), "#primary"),
            *game_entries(self.context, self.below, self.snapshot),
        ]
        window: list[Entry] = []
        if session is not None:
            window.append(Entry(_("Restart this scenario"), self.restart))
        from game.ui.pygame.title import TitleScreen

        if not isinstance(self.below, TitleScreen):
            window.append(Entry(_("Back to the title"), self.to_title))
        if self.context.room.reference.glossary is not None:
            window.append(Entry(_("Glossary  (G)"), self.glossary_screen))
        window.append(Entry(_("Timeline, 1916\u20131931"), self.timeline))
        window.append(Entry(_("Settings"), self.settings_screen))
        projector = (
            _("Projector mode: on  (F5)") if self.context.room.projector else _("Projector mode: off  (F5)")
        )
        full = _("Full screen: on  (F11)") if settings.get("fullscreen") else _("Full screen: off  (F11)")
        window += [
            Entry(projector, lambda: Toggle("projector")),
            Entry(full, lambda: Toggle("fullscreen")),
            Entry(_("Quit the game"), lambda: Quit(0)),
        ]
        if session is None:  # a short menu: one column
            return [game + window]
        return [game, window]

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        self.background = self._dimmed(ui.size)
        session = self.context.session
        button_h = widgets.button_height(ui)
        gap = theme.space(0.6)
        pad = theme.space(1.5)
        heading = widgets.line_height(theme, "h1")
        note_h = widgets.line_height(theme, "small") if session is not None else 0
        room = ui.size[1] - 2 * theme.space(1) - 2 * pad - heading - gap - note_h
        columns = fit_rows(self.columns(), max(1, (room + gap) // (button_h + gap)))
        width = max(
            max(widgets.button_width(ui, entry.text) for column in columns for entry in column),
            theme.space(18),
        )
        width = min(width, (ui.size[0] - 2 * pad - theme.space(2) - gap * (len(columns) - 1)) // len(columns))
        rows = max(len(column) for column in columns)
        inner = pygame.Rect(0, 0, width * len(columns) + gap * (len(columns) - 1), heading + gap)
        inner.height += rows * (button_h + gap) + note_h
        box = inner.inflate(2 * pad, 2 * pad)
        box.center = ui.rect.center
        inner.center = box.center
        widgets.panel(ui, box, "#menu")
        widgets.label(ui, pygame.Rect(inner.x, inner.y, inner.width, heading), _("Paused"), "#h1")
        top = inner.y + heading + gap
        for number, column in enumerate(columns):
            x = inner.x + number * (width + gap)
            for row, entry in enumerate(column):
                rect = pygame.Rect(x, top + row * (button_h + gap), width, button_h)
                element = widgets.button(ui, rect, entry.text, entry.style, tooltip=entry.tooltip)
                if not entry.enabled:
                    element.disable()
                self.focusable(element, entry.action)
        if session is not None:
            line = pygame.Rect(inner.x, inner.bottom - note_h, inner.width, note_h)
            widgets.label(ui, line, note(self.context), "#muted")

    def _dimmed(self, size: tuple[int, int]) -> pygame.Surface:
        from game.ui.pygame.overlay import dimmed

        return dimmed(self.snapshot, size)

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background, (0, 0))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return Pop()
        if event.key == pygame.K_BACKSPACE:  # as on the turn: take back the last decision
            from game.ui.pygame.session_menu import undo

            return undo(self.context) if self.context.session is not None else None
        return super().key(event)

    def press(self, element: object) -> Transition | None:
        if not getattr(element, "is_enabled", True):  # Enter on a greyed entry does nothing
            return None
        return super().press(element)  # type: ignore[arg-type]

    def restart(self) -> Transition | None:
        from game.engine.session import Session

        session = self.context.session
        assert session is not None
        self.context.play(Session.start(session.scenario, session.seed, session.roles), fresh=True)
        return Go(hotseat.first_screen(self.context), reset=True)

    def glossary_screen(self) -> Transition:
        """The glossary in the menu's place: Esc there returns to the game."""
        from game.ui.pygame.glossary import GlossaryScreen

        return Go(GlossaryScreen(self.context))

    def timeline(self) -> Transition:
        from game.ui.pygame.timeline import TimelineScreen

        return Go(TimelineScreen(self.context))

    def settings_screen(self) -> Transition:
        from game.ui.pygame.settings_screen import SettingsScreen

        return Go(SettingsScreen(self.context))

    def to_title(self) -> Transition:
        from game.ui.pygame.title import TitleScreen

        self.context.session = None
        return Go(TitleScreen(self.context), reset=True)


def fit_rows(columns: list[list[Entry]], rows: int) -> list[list[Entry]]:
    """Split columns longer than `rows` (big type on a small window) into more columns."""
    fitted: list[list[Entry]] = []
    for column in columns:
        fitted += [column[start : start + rows] for start in range(0, len(column), rows)]
    return fitted
