"""What really happened on the turn's date: the history panel.

What happened and why; what in the account is uncertain or disputed, in its own
marked box; the choice history took and the verdict on yours; the sources by
title; and the questions for the class to discuss, set large on the right.
Two teams get a verdict each, side by side against history.
"""

from __future__ import annotations

import pygame

from game.i18n import _, local
from game.ui.present import historical_choices, role_title, sources_line, turn_date, verdict
from game.ui.pygame import turn as turn_screen
from game.ui.pygame import widgets
from game.ui.pygame.outcome import AfterTurn, footer_buttons
from game.ui.pygame.screen import UI, Go, Transition
from game.ui.pygame.widgets import Markup, esc


def fitted_height(ui: UI, rect: pygame.Rect, markup: str, style: str, most: float) -> int:
    """The height a text box needs for `markup` at the width of `rect`, but at most `most` of its height."""
    probe = widgets.text_box(ui, pygame.Rect(rect.x, rect.y, rect.width, -1), markup, style)
    height = min(probe.rect.height, round(rect.height * most))
    probe.kill()
    return height


class HistoryScreen(AfterTurn):
    kind = "history"

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = turn_screen.frame(ui)
        eyebrow = _("Turn {number} \u00b7 what really happened").format(number=len(self.session.state.log))
        scenario = self.session.scenario
        place = local(scenario.places[self.turn.place].name)
        title = f"{turn_date(self.turn)} \u00b7 {place}"
        top = self.heading(ui, body, eyebrow, title, local(self.turn.title))
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        if theme.projector:
            # Big type cannot hold the history and the questions at once: the questions
            # (with the verdict) get a screen of their own, next.
            left, right = turn_screen.columns(ui, body, projector_share=0.62)
            self._reading(ui, left, uncertain_here=False)
            map_rect, rest = widgets.cut_top(right, round(right.height * 0.42), theme.space(1))
            turn_screen.place_map(ui, map_rect, self.session.scenario, self.turn.place)
            if self.turn.history.uncertain:
                self._uncertain(ui, rest, most=1.0)
            footer_buttons(self, ui, footer, _("For discussion"), self.discussion, what_if=True)
            return
        body = self._verdict_strip(ui, body)
        left, right = turn_screen.columns(ui, body)
        self._reading(ui, left)
        self._side(ui, right)
        footer_buttons(self, ui, footer, self.forward_text(), self.forward, what_if=True)

    def forward_text(self) -> str:
        return _("See how it ended") if self.session.state.finished else _("Next turn")

    def discussion(self) -> Transition:
        from game.ui.pygame.discuss import DiscussScreen

        return Go(DiscussScreen(self.context))

    def _verdict_strip(self, ui: UI, body: pygame.Rect) -> pygame.Rect:
        """Your choice against history's, across the screen: the line a class looks for first."""
        markup, matched = self._verdict(ui)
        if markup is None:
            return body
        style = "#verdict_same" if matched else "#verdict_other"
        height = fitted_height(ui, body, markup, style, 0.42 if self.teams else 0.3)
        strip, rest = widgets.cut_top(body, height, ui.theme.space(0.75))
        self.readable(widgets.text_box(ui, strip, markup, style))
        return rest

    def _uncertain_markup(self, ui: UI) -> str | None:
        uncertain = self.turn.history.uncertain
        if not uncertain:
            return None
        return (
            Markup(ui.theme).eyebrow(_("Uncertain or disputed"), "uncertain")
            + "<br>"
            + self.linked(uncertain)
        )

    def _uncertain(self, ui: UI, rect: pygame.Rect, most: float) -> pygame.Rect:
        """The box of what is uncertain or disputed, at the bottom of `rect`; returns what is left."""
        text = self._uncertain_markup(ui)
        if text is None:
            return rect
        height = rect.height if most >= 1 else fitted_height(ui, rect, text, "#uncertain", most)
        uncertain_rect, rest = widgets.cut_bottom(rect, height, ui.theme.space(0.75))
        self.uncertain = widgets.text_box(ui, uncertain_rect, text, "#uncertain")
        self.reading.append(self.uncertain)
        return rest

    def _reading(self, ui: UI, rect: pygame.Rect, uncertain_here: bool = True) -> None:
        """What happened, why, and history's other choices, over the box of what is uncertain."""
        markup = Markup(ui.theme)
        history = self.turn.history
        self.uncertain = None
        parts = [self.linked(history.text)]  # linked first: a word is linked where it is first read
        if history.why:
            parts.append(markup.eyebrow(_("Why")) + "<br>" + self.linked(history.why))
        scenario = self.session.scenario
        others = self.others_markup()
        if others:
            parts.append(markup.eyebrow(_("History's choice for the other side")) + "<br>" + others)
        parts.append(markup.eyebrow(_("Sources")) + "<br>" + esc(sources_line(scenario, self.turn)))
        if uncertain_here:
            rect = self._uncertain(ui, rect, most=0.45)
        self.text = widgets.text_box(ui, rect, "<br><br>".join(parts), "#sheet")
        self.reading.insert(0, self.text)  # read before the uncertain box under it

    def _side(self, ui: UI, rect: pygame.Rect) -> None:
        """The map over the questions for discussion, which get the larger share."""
        theme = ui.theme
        markup = Markup(theme)
        questions = "<br>".join(
            f"<b>{number}.</b> {esc(local(question))}"
            for number, question in enumerate(self.turn.history.discuss, 1)
        )
        text = markup.eyebrow(_("For discussion"), "accent") + "<br>" + questions
        height = fitted_height(ui, rect, text, "#sheet", 0.62)
        discuss_rect, map_rect = widgets.cut_bottom(
            rect, max(height, round(rect.height * 0.45)), theme.space(1)
        )
        turn_screen.place_map(ui, map_rect, self.session.scenario, self.turn.place)
        self.discuss = self.readable(widgets.text_box(ui, discuss_rect, text, "#sheet"))

    def others_markup(self) -> str:
        """History's choices for the roles nobody played, as lines of markup ('' if none)."""
        return "<br>".join(
            f"{esc(role_title(role))}: {esc(local(text))}"
            for role, text in historical_choices(self.session.scenario, self.turn)
            if role not in (self.session.roles if self.teams else (self.role,))
        )

    def _verdict(self, ui: UI) -> tuple[str | None, bool]:
        """Your choice against history's (each team's, with two teams); whether all matched."""
        if self.teams:
            return self._verdicts(ui)
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        record = self.session.state.log[-1]
        move = record.move(self.role)
        if move is None:
            return None, False
        matched = self.turn.history.took.get(self.role) == move.choice
        colour = "good" if matched else "warn"
        line = markup.font(f"<b>{esc(verdict(scenario, record, self.role))}</b>", None, colour)
        if matched:
            return line, True
        mine = local(scenario.choice(record.turn, self.role, move.choice).text)
        return esc(_("You chose: {choice}").format(choice=mine)) + f"<br>{line}", False

    def _verdicts(self, ui: UI) -> tuple[str | None, bool]:
        """A verdict for each team that chose, under its name, in its own colour."""
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        record = self.session.state.log[-1]
        lines, all_matched = [], True
        for role in self.session.roles:
            move = record.move(role)
            if move is None:
                continue
            matched = self.turn.history.took.get(role) == move.choice
            all_matched &= matched
            colour = "good" if matched else "warn"
            team = markup.eyebrow(self.context.room.teams.called(role), colour)
            said = markup.font(f"<b>{esc(verdict(scenario, record, role))}</b>", None, colour)
            if not matched:
                chosen = local(scenario.choice(record.turn, role, move.choice).text)
                said = esc(_("You chose: {choice}").format(choice=chosen)) + "<br>" + said
            lines.append(f"{team}<br>{said}")
        if not lines:
            return None, False
        return "<br>".join(lines), all_matched

    def forward(self) -> Transition:
        """On to the next turn, or to the ending."""
        if self.session.state.finished:
            from game.ui.pygame.ending import EndingScreen

            return Go(EndingScreen(self.context))
        from game.ui.pygame.hotseat import first_screen

        return Go(first_screen(self.context))
