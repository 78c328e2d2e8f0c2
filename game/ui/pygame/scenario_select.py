"""Choosing a scenario: the list in date order on the left, the one in focus described on the right,
and all of them on a 1916-1931 timeline along the bottom (the one in focus highlighted; a click on
a span selects it), so a class sees where each episode falls in the period."""

from __future__ import annotations

import pygame
from pygame_gui.core import UIElement
from pygame_gui.elements import UIImage

from game.i18n import N_, _, local, ngettext
from game.scenario.model import FIRST_YEAR, LAST_YEAR, ROLES, Scenario
from game.ui.present import role_title, scenario_dates
from game.ui.pygame import mapview, timeline_strip, widgets
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Transition
from game.ui.pygame.widgets import Markup, esc
from game.ui.reference import TimelineLayout, timeline_layout


class ScenarioSelectScreen(PickScreen):
    name = "scenario-select"
    hints = N_(
        "1\u20139 or arrows pick \u00b7 Enter plays \u00b7 Tab moves \u00b7 L timeline \u00b7 Backspace back "
        "\u00b7 Esc menu"
    )

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        scenarios = context.catalog.scenarios
        wanted = context.options.scenario_id or (context.scenario.id if context.scenario else None)
        self.selected = next((i for i, s in enumerate(scenarios) if s.id == wanted), 0)
        self.focus_index = self.selected
        self.details: list[UIElement] = []
        self.strip: UIImage | None = None
        self.hits: list[timeline_strip.Hit] = []

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return self.context.catalog.scenarios

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        title, body = widgets.cut_top(body, widgets.line_height(theme, "h1"), theme.space(1))
        widgets.label(ui, title, _("Choose a scenario"), "#h1")
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        self.timeline = timeline_layout(None, self.scenarios)
        if theme.projector:  # big type: the strip takes the map's place, under the description
            left, right = widgets.cut_left(body, round(body.width * 0.4), theme.space(1.5))
            strip, right = widgets.cut_bottom(
                right, self._strip_height(ui, right.width, self.timeline), theme.space(1)
            )
        else:  # across the window, under the list and the description
            strip, body = widgets.cut_bottom(
                body, self._strip_height(ui, body.width, self.timeline), theme.space(1)
            )
            left, right = widgets.cut_left(body, round(body.width * 0.4), theme.space(1.5))
        self.detail_rect = right
        specs = [
            widgets.CardSpec(
                f"<b>{esc(local(s.title))}</b><br>{Markup(theme).muted(scenario_dates(s))}",
                key=str(number) if number <= 9 else None,
            )
            for number, s in enumerate(self.scenarios, start=1)
        ]
        self.list, self.cards, _height = widgets.card_list(ui, left, specs)
        self._strip(ui, strip)
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self.show(index))
        self._footer(ui, footer)

    # --- the timeline strip ---

    def _strip_height(self, ui: UI, width: int, layout: TimelineLayout) -> int:
        """The caption and the picture; on a short screen at most a third of it (drawn smaller)."""
        digits = len(str(len(self.scenarios)))
        picture = timeline_strip.picture_height(ui.theme, width, layout, False, digits)
        return widgets.line_height(ui.theme, "small") + min(picture, ui.size[1] // 3)

    def _strip(self, ui: UI, rect: pygame.Rect) -> None:
        """The caption, and the picture of the scenarios' spans (drawn again on each selection)."""
        caption, picture = widgets.cut_top(rect, widgets.line_height(ui.theme, "small"), 0)
        text = _("THE SCENARIOS ON THE TIMELINE, {first}\u2013{last}").format(
            first=FIRST_YEAR, last=LAST_YEAR
        )
        widgets.label(ui, caption, text, "#eyebrow")
        self.strip_rect = picture
        self.strip = UIImage(picture, pygame.Surface(picture.size, pygame.SRCALPHA), ui.manager)
        self._draw_strip()

    def _draw_strip(self) -> None:
        if self.strip is None or self.ui is None or not self.scenarios:
            return
        numbers = {s.id: number for number, s in enumerate(self.scenarios, start=1)}
        selected = self.scenarios[self.selected].id
        image, self.hits = timeline_strip.draw(
            self.ui.theme, self.strip_rect.size, self.timeline, timeline_strip.Labels(numbers), selected
        )
        self.strip.set_image(image)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        at = timeline_strip.click_in(event, self.strip_rect) if self.strip is not None else None
        if at is not None:
            entry = timeline_strip.hit_at(self.hits, at)
            if entry is not None:
                self.focus(next(i for i, s in enumerate(self.scenarios) if s.id == entry.id))
            return None
        return super().handle(event)

    # --- the list and the description ---

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        rest = self.footer_button(ui, rect, _("Play this scenario"), self.choose, "#primary")
        rest = self.footer_button(ui, rest, _("Back"), self.back)
        if self.context.room.reference.timeline is not None:
            rest = self.footer_button(ui, rest, _("Timeline"), self.open_timeline)
        widgets.hint_line(ui, rest, self.hint_text())

    def show(self, index: int) -> None:
        """Describe the scenario in focus (and scroll the list to it, and mark it on the timeline)."""
        assert self.ui is not None
        self.selected = index
        widgets.scroll_into_view(self.list, self.cards[index].hit)
        for element in self.details:
            element.kill()
        self.details = self._describe(self.ui, self.scenarios[index], self.detail_rect)
        self._draw_strip()

    def _describe(self, ui: UI, scenario: Scenario, rect: pygame.Rect) -> list[UIElement]:
        theme = ui.theme
        text = self._text(ui, scenario)
        # the description takes what it needs (up to two thirds), the map the rest
        probe = widgets.text_box(ui, pygame.Rect(rect.x, rect.y, rect.width, -1), text, "#sheet")
        text_height = probe.rect.height
        probe.kill()
        if text_height > rect.height * 0.64 or theme.projector:  # the text before a map cut too small
            text_height = rect.height
        text_rect, map_rect = widgets.cut_top(rect, text_height, theme.space(1))
        elements: list[UIElement] = [widgets.text_box(ui, text_rect, text, "#sheet")]
        self.reading[:] = elements[:1]
        pins = [
            mapview.Pin(local(place.name), (place.at.lon, place.at.lat)) for place in scenario.places.values()
        ]
        if map_rect.height > theme.space(3) and not theme.projector:
            view = mapview.view_for([pin.at for pin in pins], map_rect.width / max(map_rect.height, 1))
            elements.append(widgets.map_image(ui, map_rect, view, pins))
        return elements

    def _text(self, ui: UI, scenario: Scenario) -> str:
        markup = Markup(ui.theme)
        parts = [markup.heading(local(scenario.title), "h1", "ink")]
        if scenario.subtitle:
            parts.append("<br>" + markup.font(f"<i>{esc(local(scenario.subtitle))}</i>", "h2", "muted"))
        turns = ngettext("{count} turn", "{count} turns", len(scenario.turns)).format(
            count=len(scenario.turns)
        )
        parts.append("<br>" + markup.eyebrow(f"{scenario_dates(scenario)} \u00b7 {turns}", "accent"))
        glossary = self.context.room.reference.glossary
        parts.append("<br><br>" + widgets.linked(local(scenario.summary), glossary))
        roles = [
            f"<b>{esc(role_title(role))}</b>: {esc(local(scenario.roles[role].name))}"
            for role in ROLES
            if role in scenario.roles
        ]
        parts.append("<br><br>" + markup.eyebrow(_("Who you can be")) + "<br>" + "<br>".join(roles))
        return "".join(parts)

    def choose(self) -> Transition:
        from game.ui.pygame.role_select import RoleSelectScreen

        self.context.scenario = self.scenarios[self.selected]
        return Go(RoleSelectScreen(self.context))

    def back(self) -> Transition:
        from game.ui.pygame.title import TitleScreen

        return Go(TitleScreen(self.context))

    def open_timeline(self) -> Transition | None:
        from game.ui.pygame.screen import Push
        from game.ui.pygame.timeline import TimelineScreen

        return Push(TimelineScreen(self.context, self.scenarios[self.selected].id))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_l and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return self.open_timeline()
        return super().key(event)
