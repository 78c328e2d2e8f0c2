"""Passing the screen to the next team (two teams at one screen).

Shown before each team chooses on a turn where both have a choice: nothing on it
belongs to either team (the date, the place, whose turn it is), so the team that
has just chosen can hand over without the other seeing its options. The team
that takes the screen presses Enter, or clicks, when the other cannot see it.
"""

from __future__ import annotations

import pygame

from game.engine.rules import current_turn
from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role, Turn
from game.ui.classroom import handover_prompt, handover_title
from game.ui.pygame import turn as turn_screen
from game.ui.pygame import widgets
from game.ui.pygame.hotseat import Draft
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


class HandoverScreen(Screen):
    hints = N_("Enter or click when ready \u00b7 T teacher's notes \u00b7 G glossary \u00b7 Esc menu")

    def __init__(self, context: Context, role: Role, draft: Draft, note: str | None = None) -> None:
        super().__init__(context)
        assert context.session is not None
        self.session: Session = context.session
        self.role = role
        self.draft = draft
        self.note = note  # markup: why the turn starts again, after an undo
        turn = current_turn(self.session.scenario, self.session.state)
        assert turn is not None
        self.turn: Turn = turn

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"handover-{len(self.session.state.log) + 1}-{self.role}"

    def teacher_turn(self) -> Turn | None:
        return self.turn

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        teams = self.context.room.teams
        body, footer = turn_screen.frame(ui)
        eyebrow = _("Turn {number} \u00b7 two teams at one screen").format(
            number=len(self.session.state.log) + 1
        )
        top = turn_screen.turn_header(self, ui, body, self.turn, eyebrow)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        if theme.projector:  # big type: the message has the width, the map gives way
            left = body
        else:
            left, right = turn_screen.columns(ui, body)
            turn_screen.place_map(ui, right, self.session.scenario, self.turn.place)
        self.message = self.readable(widgets.text_box(ui, left, self._message(ui), "#handover"))
        ready = _("{team}: we are ready").format(team=teams.name(self.role))
        width = min(widgets.button_width(ui, ready), footer.width // 2)
        button_rect, rest = widgets.cut_right(footer, width, theme.space(1))
        self.ready = widgets.button(ui, button_rect, ready, "#primary")
        self.focusable(self.ready, self.take)
        widgets.hint_line(ui, rest, self.footer_text())

    def _message(self, ui: UI) -> str:
        """Whose turn it is, the prompt, and how far the turn has got."""
        markup = Markup(ui.theme)
        teams = self.context.room.teams
        parts = [
            markup.heading(handover_title(self.role, teams), "h1", "accent"),
            esc(handover_prompt(self.role, teams)),
        ]
        if self.draft.picks:
            done = next(iter(self.draft.picks))
            parts.append(
                markup.muted(
                    _("{team} has chosen. Its choice stays hidden until the turn is played.").format(
                        team=teams.called(done)
                    )
                )
            )
        else:
            parts.append(markup.muted(_("Each team reads its own situation when it has the screen.")))
            parts.append(
                markup.eyebrow(_("This turn")) + "<br>" + markup.heading(local(self.turn.title), "h2", "ink")
            )
        if self.note:
            parts.append(self.note)
        if self.role == "negotiator":
            next_up = _("The negotiators' situation and choices come next, for their eyes only.")
        else:
            next_up = _("The commanders' situation and choices come next, for their eyes only.")
        parts.append(markup.muted(next_up))
        return "<br><br>".join(parts)

    def take(self) -> Transition:
        """The team has the screen: its own situation and choices."""
        from game.ui.pygame.turn import TurnScreen

        return Go(TurnScreen(self.context, role=self.role, draft=self.draft))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.take()
        if event.key == pygame.K_BACKSPACE:
            return None  # nothing to take back here: a team's choice is taken back on its own screen
        return super().key(event)
