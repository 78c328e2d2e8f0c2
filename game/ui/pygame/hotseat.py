"""One turn for the people at the screen: who chooses next, and the turn played once all have.

Alone, the player chooses on the turn screen. Two teams at one screen each choose
in private when both have a choice on the turn: a handover screen hides the first
team's options before the second takes the screen, and the turn resolves only once
both have chosen (each decision recorded `by` its team's name). With a class vote,
each choice is a show of hands counted on the vote screen. The choices taken so far
on a turn wait in a `Draft`; the engine sees them all at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.engine.rules import Impossible
from game.engine.session import Session
from game.i18n import _
from game.scenario.model import Role
from game.ui.classroom import Tally, Teams
from game.ui.present import team_names, vote_key
from game.ui.pygame.screen import Context, Go, Screen, Transition
from game.ui.pygame.widgets import esc


@dataclass(frozen=True)
class Draft:
    """The choices taken so far on the current turn, before it is played."""

    picks: Mapping[Role, str] = field(default_factory=lambda: MappingProxyType({}))
    by: Mapping[Role, str] = field(default_factory=lambda: MappingProxyType({}))
    votes: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def with_pick(
        self, session: Session, role: Role, choice: str, by: str | None, tally: Tally | None
    ) -> Draft:
        """The draft with `role`'s choice (and who took it, and the hands if the class voted)."""
        picks = {**self.picks, role: choice}
        named = {**self.by, role: by} if by else dict(self.by)
        votes = dict(self.votes)
        if tally is not None:
            several = len(session.roles_to_choose()) > 1  # both roles voted: keys say whose choice
            votes.update({vote_key(role, c, several): n for c, n in tally.votes().items()})
        return Draft(MappingProxyType(picks), MappingProxyType(named), MappingProxyType(votes))


def teams(session: Session) -> bool:
    """Two teams at one screen: both roles are played by people."""
    return len(session.roles) > 1


def private(session: Session) -> bool:
    """Does each team choose where the other cannot see (both have a choice on this turn)?"""
    return teams(session) and len(session.roles_to_choose()) > 1


def waiting(session: Session, draft: Draft) -> list[Role]:
    """The roles still to choose on this turn, in the order they are asked."""
    return [role for role in session.roles_to_choose() if role not in draft.picks]


def adopt_teams(context: Context, session: Session) -> None:
    """A continued two-team game keeps the names its teams played under (unless named on the
    command line)."""
    room = context.room
    if not teams(session) or room.named_here:
        return
    recorded = {role: name for role, name in team_names(session).items() if name != room.teams.name(role)}
    if recorded:
        room.teams = Teams(MappingProxyType({**room.teams.given, **recorded}))


def first_screen(context: Context, note: str | None = None) -> Screen:
    """The screen a turn begins on: the turn, or the handover to the first team."""
    from game.ui.pygame.handover import HandoverScreen
    from game.ui.pygame.turn import TurnScreen

    session = context.session
    assert session is not None
    roles = waiting(session, Draft())
    if private(session) and roles:
        return HandoverScreen(context, roles[0], Draft(), note)
    return TurnScreen(context, note=note)


def next_step(context: Context, draft: Draft) -> Transition:
    """After a choice: the next team's handover or turn, else the turn played."""
    from game.ui.pygame.handover import HandoverScreen
    from game.ui.pygame.turn import TurnScreen

    session = context.session
    assert session is not None
    roles = waiting(session, draft)
    if not roles:
        return play(context, draft)
    if private(session):
        return Go(HandoverScreen(context, roles[0], draft))
    return Go(TurnScreen(context, role=roles[0], draft=draft))


def play(context: Context, draft: Draft) -> Transition:
    """Play the turn with every choice taken (the roles nobody plays follow history)."""
    from game.ui.pygame.outcome import OutcomeScreen
    from game.ui.pygame.turn import TurnScreen

    session = context.session
    assert session is not None
    result = session.decide(draft.picks, by=dict(draft.by) or None, votes=dict(draft.votes) or None)
    if isinstance(result, Impossible):  # options() said it was open; the engine has the last word
        note = "<b>" + esc(_("That cannot be done:")) + "</b> " + esc(result.reason) + "."
        return Go(TurnScreen(context, note=note))
    context.play(result)
    return Go(OutcomeScreen(context, shared=private(session)))
