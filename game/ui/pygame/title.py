"""The title: the game's name over the map of the region, and the way in."""

from __future__ import annotations

import pygame

from game.ui.pygame import backdrop, mapview, widgets
from game.ui.pygame.screen import UI, Go, Quit, Screen, Toggle, Transition


class TitleScreen(Screen):
    name = "title"
    hints = "Tab or arrows move \u00b7 Enter chooses \u00b7 F5 projector mode \u00b7 F11 full screen \u00b7 Esc menu"

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        width, height = ui.size
        self.background = pygame.Surface(ui.size).convert()
        backdrop.gradient(self.background, theme)
        area = backdrop.title_area(ui.size, theme)
        wide = width / height > 1.3
        if wide:
            self._map(ui, area)
        bottom = backdrop.title_block(self.background, theme, area)
        self._buttons(ui, pygame.Rect(area.x, bottom + theme.space(2), area.width, height - bottom))
        margin = theme.space(3)
        hint = pygame.Rect(
            margin, height - margin - widgets.line_height(theme, "small"), width - 2 * margin, 0
        )
        hint.height = widgets.line_height(theme, "small")
        widgets.hint_line(ui, hint, self.hints)

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
        settings = self.context.settings
        entries: list[tuple[str, str, object]] = [
            ("Begin", "#primary", self.begin),
            (
                f"Projector mode: {'on' if settings.get('projector') else 'off'}",
                "",
                lambda: Toggle("projector"),
            ),
            (
                f"Full screen: {'on' if settings.get('fullscreen') else 'off'}",
                "",
                lambda: Toggle("fullscreen"),
            ),
            ("Quit", "", lambda: Quit(0)),
        ]
        width = max(widgets.button_width(ui, text) for text, _, _ in entries)
        width = max(width, theme.space(16))
        height = widgets.button_height(ui)
        y = area.y
        for text, style, action in entries:
            element = widgets.button(ui, pygame.Rect(area.x, y, width, height), text, style)
            self.focusable(element, action)  # type: ignore[arg-type]
            y += height + theme.space(0.6)
        catalog = self.context.catalog
        if catalog.errors or not catalog.scenarios:
            problem = (
                "No scenarios could be loaded."
                if not catalog.scenarios
                else f"{len(catalog.errors)} scenario file(s) could not be loaded."
            )
            note = f"{problem} Run \u201cpython main.py validate\u201d to see why."
            rect = pygame.Rect(area.x, y + theme.space(0.5), area.width, -1)
            widgets.text_box(ui, rect, widgets.esc(note), "#note")

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background, (0, 0))

    def begin(self) -> Transition | None:
        if not self.context.catalog.scenarios:
            return None
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        return Go(ScenarioSelectScreen(self.context))
