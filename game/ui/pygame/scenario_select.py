"""Choosing a scenario: the list in date order on the left, the one in focus described on the right."""

from __future__ import annotations

import pygame
from pygame_gui.core import UIElement

from game.scenario.model import ROLES, Scenario
from game.ui.present import role_title, scenario_dates
from game.ui.pygame import mapview, widgets
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Transition
from game.ui.pygame.widgets import Markup, esc


class ScenarioSelectScreen(PickScreen):
    name = "scenario-select"
    hints = (
        "1\u20139 or arrows pick \u00b7 Enter plays \u00b7 Tab moves \u00b7 Backspace back \u00b7 Esc menu"
    )

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        scenarios = context.catalog.scenarios
        wanted = context.options.scenario_id or (context.scenario.id if context.scenario else None)
        self.selected = next((i for i, s in enumerate(scenarios) if s.id == wanted), 0)
        self.focus_index = self.selected
        self.details: list[UIElement] = []

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return self.context.catalog.scenarios

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        title, body = widgets.cut_top(body, widgets.line_height(theme, "h1"), theme.space(1))
        widgets.label(ui, title, "Choose a scenario", "#h1")
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        left, right = widgets.cut_left(body, round(body.width * 0.4), theme.space(1.5))
        self.detail_rect = right
        specs = [
            widgets.CardSpec(
                f"<b>{esc(s.title)}</b><br>{Markup(theme).muted(scenario_dates(s))}",
                key=str(number) if number <= 9 else None,
            )
            for number, s in enumerate(self.scenarios, start=1)
        ]
        self.list, self.cards, _ = widgets.card_list(ui, left, specs)
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self.show(index))
        self._footer(ui, footer)

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        play = "Play this scenario"
        width = widgets.button_width(ui, play)
        right, rest = widgets.cut_right(rect, width, ui.theme.space(1))
        self.focusable(widgets.button(ui, right, play, "#primary"), self.choose)
        back_w = widgets.button_width(ui, "Back")
        back, rest = widgets.cut_right(rest, back_w, ui.theme.space(1))
        self.focusable(widgets.button(ui, back, "Back"), self.back)
        widgets.hint_line(ui, rest, self.hints)

    def show(self, index: int) -> None:
        """Describe the scenario in focus (and scroll the list to it)."""
        assert self.ui is not None
        self.selected = index
        widgets.scroll_into_view(self.list, self.cards[index].hit)
        for element in self.details:
            element.kill()
        self.details = self._describe(self.ui, self.scenarios[index], self.detail_rect)

    def _describe(self, ui: UI, scenario: Scenario, rect: pygame.Rect) -> list[UIElement]:
        theme = ui.theme
        text = self._text(ui, scenario)
        # the description takes what it needs (up to two thirds), the map the rest
        probe = widgets.text_box(ui, pygame.Rect(rect.x, rect.y, rect.width, -1), text, "#sheet")
        text_height = min(probe.rect.height, round(rect.height * 0.66))
        probe.kill()
        text_rect, map_rect = widgets.cut_top(rect, text_height, theme.space(1))
        elements: list[UIElement] = [widgets.text_box(ui, text_rect, text, "#sheet")]
        self.reading[:] = elements[:1]
        pins = [mapview.Pin(place.name, (place.at.lon, place.at.lat)) for place in scenario.places.values()]
        view = mapview.view_for([pin.at for pin in pins], map_rect.width / max(map_rect.height, 1))
        elements.append(widgets.map_image(ui, map_rect, view, pins))
        return elements

    def _text(self, ui: UI, scenario: Scenario) -> str:
        markup = Markup(ui.theme)
        parts = [markup.heading(scenario.title, "h1", "ink")]
        if scenario.subtitle:
            parts.append("<br>" + markup.font(f"<i>{esc(scenario.subtitle)}</i>", "h2", "muted"))
        span = scenario_dates(scenario)
        parts.append("<br>" + markup.eyebrow(f"{span} \u00b7 {len(scenario.turns)} turns", "accent"))
        parts.append("<br><br>" + esc(scenario.summary))
        roles = [
            f"<b>{role_title(role)}</b>: {esc(scenario.roles[role].name)}"
            for role in ROLES
            if role in scenario.roles
        ]
        parts.append("<br><br>" + markup.eyebrow("Who you can be") + "<br>" + "<br>".join(roles))
        return "".join(parts)

    def choose(self) -> Transition:
        from game.ui.pygame.role_select import RoleSelectScreen

        self.context.scenario = self.scenarios[self.selected]
        return Go(RoleSelectScreen(self.context))

    def back(self) -> Transition:
        from game.ui.pygame.title import TitleScreen

        return Go(TitleScreen(self.context))
