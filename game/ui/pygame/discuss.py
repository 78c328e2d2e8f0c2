"""For discussion (projector mode): the verdict and the questions, after the history.

In projector type the history panel cannot also hold the questions, so they come
next on a screen of their own, set large for the class. In the normal window they
are part of the history panel and this screen is not shown.
"""

from __future__ import annotations

import pygame

from game.i18n import _, local
from game.ui.present import turn_date
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
        eyebrow = _("Turn {number} \u00b7 for discussion").format(number=len(self.session.state.log))
        place = local(self.session.scenario.places[self.turn.place].name)
        top = self.heading(
            ui, body, eyebrow, f"{turn_date(self.turn)} \u00b7 {place}", local(self.turn.title)
        )
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        body = self._verdict_strip(ui, body)
        markup = Markup(theme)
        questions = "<br><br>".join(  # space between the questions: the class takes them one by one
            f"<b>{number}.</b> {esc(local(question))}"
            for number, question in enumerate(self.turn.history.discuss, 1)
        )
        others = self.others_markup()
        if others:
            left, right = widgets.cut_left(body, round(body.width * 0.64), theme.space(1.5))
            side = markup.eyebrow(_("History's choice for the other side")) + "<br>" + others
        else:
            left, right, side = body, None, ""
        text = markup.eyebrow(_("For discussion"), "accent") + "<br>" + questions
        self.discuss = self.readable(widgets.text_box(ui, left, text, "#sheet"))
        if right is not None:
            self.readable(widgets.text_box(ui, right, side, "#sheet"))
        footer_buttons(self, ui, footer, self.forward_text(), self.forward, what_if=True)
