"""What really happened on the turn's date: the history panel.

What happened and why; what in the account is uncertain or disputed, in its own
marked box; the choice history took and the verdict on yours; the sources by
title; and the questions for the class to discuss, set large on the right.
"""

from __future__ import annotations

import pygame

from game.engine.rules import verdict
from game.engine.session import Session
from game.scenario.model import Role
from game.ui.present import format_date, historical_choices, role_title
from game.ui.pygame import turn as turn_screen
from game.ui.pygame import widgets
from game.ui.pygame.outcome import footer_buttons, played_turn, undo_to_turn
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


class HistoryScreen(Screen):
    hints = "Enter continues \u00b7 Backspace chooses again \u00b7 PageUp/PageDown scroll \u00b7 Esc menu"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.session is not None and context.role is not None
        self.session: Session = context.session
        self.role: Role = context.role
        self.turn = played_turn(self.session)

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"history-{len(self.session.state.log)}"

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = turn_screen.frame(ui)
        eyebrow = f"Turn {len(self.session.state.log)} \u00b7 what really happened"
        scenario = self.session.scenario
        place = scenario.places[self.turn.place].name
        title = f"{format_date(self.turn.date)} \u00b7 {place}"
        top = widgets.header(ui, body, eyebrow, title, self.turn.title)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        left, right = turn_screen.columns(ui, body)
        self._reading(ui, left)
        self._side(ui, right)
        forward = "See how it ended" if self.session.state.finished else "Next turn"
        footer_buttons(self, ui, footer, forward, self.forward)

    def _reading(self, ui: UI, rect: pygame.Rect) -> None:
        """What happened and why over the box of what is uncertain (if anything is)."""
        theme = ui.theme
        markup = Markup(theme)
        history = self.turn.history
        uncertain = None
        if history.uncertain:
            text = markup.eyebrow("Uncertain or disputed", "uncertain") + "<br>" + esc(history.uncertain)
            probe = widgets.text_box(ui, pygame.Rect(rect.x, rect.y, rect.width, -1), text, "#uncertain")
            height = min(probe.rect.height, round(rect.height * 0.4))
            probe.kill()
            uncertain_rect, rect = widgets.cut_bottom(rect, height, theme.space(0.75))
            uncertain = widgets.text_box(ui, uncertain_rect, text, "#uncertain")
        parts = [esc(history.text)]
        if history.why:
            parts.append(markup.eyebrow("Why") + "<br>" + esc(history.why))
        scenario = self.session.scenario
        sources = "; ".join(esc(scenario.sources[source].title) for source in history.sources)
        parts.append(markup.eyebrow("Sources") + "<br>" + sources)
        self.text = widgets.text_box(ui, rect, "<br><br>".join(parts), "#sheet")
        self.uncertain = uncertain

    def _side(self, ui: UI, rect: pygame.Rect) -> None:
        """The map, your choice against history's, and the questions for discussion."""
        theme = ui.theme
        map_rect, rest = widgets.cut_top(rect, round(rect.height * 0.32), theme.space(1))
        turn_screen.place_map(ui, map_rect, self.session.scenario, self.turn.place)
        verdict_markup, matched = self._verdict(ui)
        style = "#verdict_same" if matched else "#verdict_other"
        box = widgets.text_box(ui, pygame.Rect(rest.x, rest.y, rest.width, -1), verdict_markup, style)
        height = min(box.rect.height, round(rest.height * 0.5))
        if height < box.rect.height:  # too long for half the column: give it a scrolling box instead
            box.kill()
            box = widgets.text_box(ui, pygame.Rect(rest.x, rest.y, rest.width, height), verdict_markup, style)
        _, rest = widgets.cut_top(rest, height, theme.space(1))
        markup = Markup(theme)
        questions = "<br>".join(
            f"<b>{number}.</b> {esc(question)}"
            for number, question in enumerate(self.turn.history.discuss, 1)
        )
        self.discuss = widgets.text_box(
            ui, rest, markup.eyebrow("For discussion", "accent") + "<br>" + questions, "#sheet"
        )

    def _verdict(self, ui: UI) -> tuple[str, bool]:
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        record = self.session.state.log[-1]
        lines = [markup.eyebrow("Your choice and history's")]
        move = record.move(self.role)
        matched = move is not None and self.turn.history.took.get(self.role) == move.choice
        if move is not None:
            mine = scenario.choice(record.turn, self.role, move.choice).text
            lines.append(f"You chose: {esc(mine)}")
            colour = "good" if matched else "warn"
            lines.append(markup.font(f"<b>{esc(verdict(scenario, record, self.role))}</b>", None, colour))
        for role, text in historical_choices(scenario, self.turn.id):
            if role != self.role:
                lines.append(f"{role_title(role)}: {esc(text)}")
        return "<br>".join(lines), matched

    def forward(self) -> Transition:
        if self.session.state.finished:
            from game.ui.pygame.ending import EndingScreen

            return Go(EndingScreen(self.context))
        from game.ui.pygame.turn import TurnScreen

        return Go(TurnScreen(self.context))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_BACKSPACE:
            return undo_to_turn(self.context)
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            widgets.scroll_text(self.text, 1 if event.key == pygame.K_PAGEDOWN else -1)
            return None
        return super().key(event)
