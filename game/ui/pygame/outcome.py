"""What came of the turn: your choice and what it led to, the other side's move, what changed.

Two teams at one screen see each team's choice and what came of it, under the line
that tells the room both teams have chosen; a class vote's count is shown with the
choice it made.
"""

from __future__ import annotations

import pygame

from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role, Turn
from game.ui.classroom import both_chosen
from game.ui.present import changes, move_line, outcome_text, votes_by_number
from game.ui.pygame import hotseat, widgets
from game.ui.pygame import turn as turn_screen
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


def played_turn(session: Session) -> Turn:
    """The turn that was just played (the last in the log)."""
    record = session.state.log[-1]
    return session.scenario.turns[session.scenario.turn_index(record.turn)]


def undo_to_turn(context: Context, reset: bool = False) -> Transition:
    """Take back the last decision taken (with the turns that then played themselves) and
    go back to that turn (to its first team's handover, with two teams); with `reset`, from
    the menu, leave the menu too."""
    assert context.session is not None
    session = context.session.undo_choice()
    context.play(session)
    note = esc(_("You took back your decision. Choose again."))
    return Go(hotseat.first_screen(context, note=note), reset=reset)


def footer_buttons(
    screen: Screen, ui: UI, rect: pygame.Rect, forward: str, action: object, what_if: bool = False
) -> None:
    """The footer of the after-turn screens: hints, 'Choose again' and the way forward.

    With `what_if` (the history panel), also "What if?": back to this turn on a new branch,
    keeping this path to compare at the end.
    """
    right, rest = widgets.cut_right(rect, widgets.button_width(ui, forward), ui.theme.space(1))
    screen.focusable(widgets.button(ui, right, forward, "#primary"), action)  # type: ignore[arg-type]
    again = _("Choose again")
    left, rest = widgets.cut_right(rest, widgets.button_width(ui, again), ui.theme.space(1))
    tip = _("Take back this decision and choose again: what if? (Backspace)")
    screen.focusable(widgets.button(ui, left, again, tooltip=tip), lambda: undo_to_turn(screen.context))
    session = screen.context.session
    if what_if and session is not None and session.decisions and session.decisions[-1].picks:
        from game.ui.pygame.what_if import go_back

        text = _("What if?")
        tip = _(
            "Go back to this turn on a new branch and choose otherwise; this path is kept, to compare at the end"
        )
        button, rest = widgets.cut_right(rest, widgets.button_width(ui, text), ui.theme.space(1))
        kept = len(session.decisions) - 1
        screen.focusable(widgets.button(ui, button, text, tooltip=tip), lambda: go_back(screen.context, kept))
    widgets.hint_line(ui, rest, screen.footer_text())


class AfterTurn(Screen):
    """What the screens after a decision share: the turn just played, Backspace to choose again."""

    hints = N_(
        "Enter continues \u00b7 Backspace chooses again \u00b7 PageUp/PageDown scroll \u00b7 G glossary "
        "\u00b7 Esc menu"
    )
    kind = "after"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.session is not None and context.role is not None
        self.session: Session = context.session
        self.role: Role = context.role
        self.turn = played_turn(self.session)
        self.teams = hotseat.teams(self.session)

    def teacher_turn(self) -> Turn | None:
        return self.turn

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"{self.kind}-{len(self.session.state.log)}"

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_BACKSPACE:
            return undo_to_turn(self.context)
        return super().key(event)


class OutcomeScreen(AfterTurn):
    kind = "outcome"

    def __init__(self, context: Context, shared: bool = False) -> None:
        """`shared`: the teams chose in private, and now everyone may look."""
        super().__init__(context)
        self.shared = shared

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = turn_screen.frame(ui)
        eyebrow = _("Turn {number} \u00b7 what came of it").format(number=len(self.session.state.log))
        top = turn_screen.turn_header(self, ui, body, self.turn, eyebrow)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        left, right = turn_screen.columns(ui, body, projector_share=0.56)  # room for what changed
        self.text = self.readable(widgets.text_box(ui, left, self._story(ui), "#sheet"))
        map_rect, rest = widgets.cut_top(right, round(right.height * 0.45), theme.space(1))
        turn_screen.place_map(ui, map_rect, self.session.scenario, self.turn.place)
        self.readable(widgets.text_box(ui, rest, self._changes(ui), "#sheet"))
        footer_buttons(self, ui, footer, _("What really happened"), self.forward)

    def _story(self, ui: UI) -> str:
        """As the terminal tells it: the others' moves, then your choice and what came of it.

        Outcome texts speak to the role that chose, so the other side's is not shown
        (with two teams, each team's outcome follows its own choice).
        """
        markup = Markup(ui.theme)
        record = self.session.state.log[-1]
        parts: list[str] = []
        if self.shared:
            parts.append(markup.font("<b>" + esc(both_chosen()) + "</b>", None, "accent"))
        roles = self.session.roles if self.teams else (self.role,)
        chose = [role for role in roles if record.move(role) is not None]
        for role in chose:
            parts += self._choice(ui, role)
        if not chose:
            parts.append(markup.muted(_("You had no decision to take on this turn.")))
        others = [other for other in record.moves if other.role not in self.session.roles]
        if others:
            lines = "<br>".join(esc(move_line(self.session.scenario, self.turn, other)) for other in others)
            parts.append(markup.eyebrow(_("The other side")) + "<br>" + lines)
        return "<br><br>".join(parts)

    def _choice(self, ui: UI, role: Role) -> list[str]:
        """A role's choice (with the class's count, if it voted) and what came of it."""
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        record = self.session.state.log[-1]
        move = record.move(role)
        assert move is not None
        chosen = local(scenario.choice(record.turn, role, move.choice).text)
        if self.teams:
            whose = _("{team}: your choice").format(team=self.context.room.teams.called(role))
        else:
            whose = _("Your choice")
        parts = [markup.eyebrow(whose) + "<br>" + markup.heading(chosen, "body", "accent")]
        tally = votes_by_number(self.session.decisions[-1].votes, self.turn, role)
        if tally:
            parts[-1] += "<br>" + markup.muted(tally)
        outcome = outcome_text(scenario, record, role)
        if outcome:
            parts.append(self.linked(outcome))
        return parts

    def _changes(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        record = self.session.state.log[-1]
        moved = changes(self.session.scenario, record.before, record.after)
        lines = [markup.eyebrow(_("What changed"))]
        if not moved:
            lines.append(markup.muted(_("Nothing you can measure changed.")))
        for change in moved:
            colour = "good" if change.after > change.before else "warn"
            lines.append(
                f"{esc(change.label)}: " + markup.font(f"<b>{esc(change.in_words())}</b>", None, colour)
            )
        return "<br>".join(lines)

    def forward(self) -> Transition:
        from game.ui.pygame.history import HistoryScreen

        return Go(HistoryScreen(self.context))
