"""The ending and the debrief: how your game ended, how history's did, and your path
against history turn by turn, with the turns where you went another way marked."""

from __future__ import annotations

import pygame

from game.engine.session import Session
from game.scenario.model import Role
from game.ui.present import (
    ending_against_history,
    format_date,
    matched_summary,
    path_against_history,
    role_title,
)
from game.ui.pygame import turn as turn_screen
from game.ui.pygame import widgets
from game.ui.pygame.outcome import undo_to_turn
from game.ui.pygame.screen import UI, Context, Go, Quit, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


class EndingScreen(Screen):
    name = "ending"
    hints = "Tab or arrows move \u00b7 Enter chooses \u00b7 Backspace takes back the last decision \u00b7 Esc menu"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.session is not None and context.role is not None
        self.session: Session = context.session
        self.role: Role = context.role
        self.steps = [
            step
            for step in path_against_history(self.session.scenario, self.session.state.log)
            if step.role == self.role
        ]

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        scenario = self.session.scenario
        ending = scenario.ending(self.session.state.ending or "")
        body, footer = turn_screen.frame(ui)
        eyebrow = f"{scenario.title} \u00b7 {role_title(self.role).lower()} \u00b7 the end"
        top = widgets.header(ui, body, eyebrow, ending.title, matched_summary(self.steps))
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        left, right = widgets.cut_left(body, round(body.width * 0.48), theme.space(1.5))
        self.text = widgets.text_box(ui, left, self._ending(ui), "#sheet")
        self.path = widgets.text_box(ui, right, self._path(ui), "#sheet")
        self._footer(ui, footer)

    def _ending(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        ending = scenario.ending(self.session.state.ending or "")
        historical = scenario.historical_ending()
        parts = [markup.eyebrow("How your game ended"), esc(ending.text)]
        comparison = ending_against_history(scenario, ending.id)
        colour = "good" if ending.id == historical.id else "warn"
        parts.append("<br>" + markup.font(f"<b>{esc(comparison)}</b>", None, colour))
        if ending.id != historical.id:
            parts.append(
                "<br>"
                + markup.eyebrow("How history ended")
                + "<br>"
                + markup.heading(historical.title, "body", "accent")
            )
            parts.append(esc(historical.text))
        sources = [f"<b>{esc(source.title)}</b>: {esc(source.note)}" for source in scenario.sources.values()]
        parts.append("<br>" + markup.eyebrow("Sources") + "<br>" + "<br>".join(sources))
        return "<br>".join(parts)

    def _path(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        lines = [markup.eyebrow("Your path against history", "accent")]
        if not self.steps:
            lines.append(markup.muted("You took no decisions in this game."))
        for step in self.steps:
            tag = (
                markup.font("<b>AS HISTORY</b>", "small", "good")
                if step.matched
                else markup.font("<b>WENT ANOTHER WAY</b>", "small", "warn")
            )
            lines.append(
                f"<br>{markup.font(esc(format_date(step.date)), 'small', 'muted')} \u00b7 "
                f"<b>{esc(step.title)}</b> \u00b7 {tag}"
            )
            you = "You" if step.by != "history" else "History, for you"
            lines.append(f"{you}: {esc(step.chosen)}")
            if not step.matched:
                lines.append(markup.font(f"History: {esc(step.historical)}", None, "muted"))
        return "<br>".join(lines)

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        entries = [
            ("Play again", "#primary", self.again),
            ("Another scenario", "", self.another),
            ("Quit", "", lambda: Quit(0)),
        ]
        places = []
        for text, _, _ in reversed(entries):  # laid out from the right edge...
            button_rect, rect = widgets.cut_right(rect, widgets.button_width(ui, text), ui.theme.space(1))
            places.append(button_rect)
        for (text, style, action), button_rect in zip(entries, reversed(places), strict=True):
            element = widgets.button(ui, button_rect, text, style)  # ...but focused from the left
            self.focusable(element, action)  # type: ignore[arg-type]
        widgets.hint_line(ui, rect, self.hints)

    def again(self) -> Transition:
        from game.ui.pygame.role_select import RoleSelectScreen

        self.context.session = None
        return Go(RoleSelectScreen(self.context))

    def another(self) -> Transition:
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        self.context.session = None
        return Go(ScenarioSelectScreen(self.context))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_BACKSPACE and self.session.decisions:
            return undo_to_turn(self.context)
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            widgets.scroll_text(self.path, 1 if event.key == pygame.K_PAGEDOWN else -1)
            return None
        return super().key(event)
