"""One playthrough: scenario + seed + the decisions taken = the state.

Everything that remembers a game (saves, undo, "what if", reports, bug
reports) keeps a Session's seed and decisions and replays them. Each turn gets
its own random stream derived from the seed and the turn's number, so taking
another choice on one turn does not change the luck of the turns after it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.engine.policies import historical
from game.engine.rules import Impossible, Success, current_turn, resolve_turn, roles_to_choose
from game.engine.state import State, initial_state
from game.scenario.model import ROLES, Role, Scenario


@dataclass(frozen=True, slots=True)
class Decision:
    """The choices the people at the game took on one turn, by role."""

    turn: str
    picks: Mapping[Role, str]
    by: Mapping[Role, str] = field(default_factory=lambda: MappingProxyType({}))  # team or player name
    votes: Mapping[str, int] | None = None  # a class vote's tally, if one was taken


def turn_rng(seed: int, turn_number: int) -> random.Random:
    """The random stream for the n-th turn played (0-based) of a session."""
    return random.Random(seed * 1_000_003 + turn_number)


@dataclass(frozen=True)
class Session:
    """A playthrough that can always be replayed. Build one with `Session.start`."""

    scenario: Scenario
    seed: int
    roles: tuple[Role, ...]  # the roles played by people; the rest follow history
    decisions: tuple[Decision, ...] = ()
    states: tuple[State, ...] = field(default=(), repr=False, compare=False)  # states[i] = after i decisions

    @classmethod
    def start(cls, scenario: Scenario, seed: int, roles: Iterable[Role]) -> Session:
        played = tuple(role for role in ROLES if role in set(roles))
        if not played:
            raise ValueError("a session needs at least one role played by a person")
        return cls(scenario, seed, played, (), (initial_state(scenario),))

    @property
    def state(self) -> State:
        return self.states[-1]

    def roles_to_choose(self) -> tuple[Role, ...]:
        """The roles people must decide for on the current turn (may be empty)."""
        turn = current_turn(self.scenario, self.state)
        if turn is None:
            return ()
        return tuple(role for role in roles_to_choose(turn) if role in self.roles)

    def decide(
        self,
        picks: Mapping[Role, str],
        by: Mapping[Role, str] | None = None,
        votes: Mapping[str, int] | None = None,
    ) -> Session | Impossible:
        """Take the current turn with the players' picks; the other roles follow history."""
        turn = current_turn(self.scenario, self.state)
        if turn is None:
            return Impossible("the game has ended")
        unplayed = set(picks) - set(self.roles)
        if unplayed:
            return Impossible(f"the {sorted(unplayed)[0]} is not played by a person in this session")
        decision = Decision(turn.id, MappingProxyType(dict(picks)), MappingProxyType(dict(by or {})), votes)
        result = _play(self.scenario, self.seed, self.roles, self.state, len(self.decisions), decision)
        if isinstance(result, Impossible):
            return result
        return Session(
            self.scenario, self.seed, self.roles, (*self.decisions, decision), (*self.states, result.state)
        )

    def undo(self, steps: int = 1) -> Session:
        """Take back the last `steps` decisions (never past the start)."""
        return self.rewind(max(len(self.decisions) - steps, 0))

    def undo_choice(self) -> Session:
        """Take back the last decision people took, with any turns that then played themselves.

        What Backspace and `u` do: a turn on which nobody played had no choice to
        take back, and would only play itself again.
        """
        kept = len(self.decisions)
        while kept and not self.decisions[kept - 1].picks:
            kept -= 1
        return self.rewind(max(kept - 1, 0))

    def can_undo(self) -> bool:
        return any(decision.picks for decision in self.decisions)

    def rewind(self, decisions_kept: int) -> Session:
        """The session as it stood after the first `decisions_kept` decisions ("what if")."""
        kept = max(0, min(decisions_kept, len(self.decisions)))
        return Session(self.scenario, self.seed, self.roles, self.decisions[:kept], self.states[: kept + 1])

    @classmethod
    def replay(
        cls, scenario: Scenario, seed: int, roles: Iterable[Role], decisions: Iterable[Decision]
    ) -> tuple[Session, int | None]:
        """Rebuild a session from its decisions.

        Returns the session and, if a decision no longer fits the scenario (it
        changed since), the index of the first decision that did not replay.
        """
        session = cls.start(scenario, seed, roles)
        for index, decision in enumerate(decisions):
            turn = current_turn(scenario, session.state)
            if turn is None or turn.id != decision.turn:
                return session, index
            result = session.decide(decision.picks, decision.by, decision.votes)
            if isinstance(result, Impossible):
                return session, index
            session = result
        return session, None


def _play(
    scenario: Scenario, seed: int, roles: tuple[Role, ...], state: State, number: int, decision: Decision
) -> Success | Impossible:
    turn = current_turn(scenario, state)
    assert turn is not None
    rng = turn_rng(seed, number)
    picks: dict[Role, str] = {}
    by: dict[Role, str] = {}
    for role in roles_to_choose(turn):
        if role in roles:
            if role not in decision.picks:
                return Impossible(f"the {role} has not chosen yet")
            picks[role] = decision.picks[role]
            by[role] = decision.by.get(role, "player")
        else:
            picks[role] = historical(scenario, state, role, rng)
            by[role] = "history"
    return resolve_turn(scenario, state, picks, rng, by)
