"""For discussion (projector mode): the verdict and the questions, after the history.

In projector type the history panel cannot also hold the questions, so they come
next on a screen of their own, set large for the class. In the normal window they
are part of the history panel and this screen is not shown.
"""

from __future__ import annotations

import pygame

from game.ui.present import historical_choices, role_title, turn_date
from game.ui.pygame import turn as turn_screen
from game.ui.pygame import widgets
from game.ui.pygame.history import HistoryScreen
from game.ui.pygame.outcome import footer_buttons
from game.ui.pygame.screen import UI
from game.ui.pygame.widgets import Markup, esc


class DiscussScreen(HistoryScreen):
    kind = "discuss"

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = turn_screen.frame(ui)
        eyebrow = f"Turn {len(self.session.state.log)} \u00b7 for discussion"
        place = self.session.scenario.places[self.turn.place].name
        top = self.heading(ui, body, eyebrow, f"{turn_date(self.turn)} \u00b7 {place}", self.turn.title)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        body = self._verdict_strip(ui, body)
        markup = Markup(theme)
        questions = "<br><br>".join(  # space between the questions: the class takes them one by one
            f"<b>{number}.</b> {esc(question)}"
            for number, question in enumerate(self.turn.history.discuss, 1)
        )
        others = [
            f"{role_title(role)}: {esc(text)}"
            for role, text in historical_choices(self.session.scenario, self.turn)
            if role != self.role
        ]
        if others:
            left, right = widgets.cut_left(body, round(body.width * 0.64), theme.space(1.5))
            side = markup.eyebrow("History's choice for the other side") + "<br>" + "<br>".join(others)
        else:
            left, right, side = body, None, ""
        text = markup.eyebrow("For discussion", "accent") + "<br>" + questions
        self.discuss = self.readable(widgets.text_box(ui, left, text, "#sheet"))
        if right is not None:
            self.readable(widgets.text_box(ui, right, side, "#sheet"))
        footer_buttons(self, ui, footer, self.forward_text(), self.forward, what_if=True)
