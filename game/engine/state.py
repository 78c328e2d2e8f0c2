"""The game state: the values of the scenario's variables, where the story
stands, and the log of every turn played. Immutable: each turn makes a new one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from game.scenario.model import Role, Scenario


@dataclass(frozen=True, slots=True)
class Move:
    """One role's part in a turn: the choice, the outcome it drew, and who chose."""

    role: Role
    choice: str
    outcome: int | None  # index into the choice's outcomes, None if it has none
    by: str  # "player", or "history" when the role was not played by a person


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """What happened on one turn, kept in the log for the history panel and debrief."""

    turn: str
    moves: tuple[Move, ...]
    before: Mapping[str, float]
    after: Mapping[str, float]

    def move(self, role: Role) -> Move | None:
        return next((move for move in self.moves if move.role == role), None)


@dataclass(frozen=True, slots=True)
class State:
    """Where a playthrough stands. `turn` is None once an ending is reached."""

    turn: int | None  # index into scenario.turns
    values: Mapping[str, float]
    ending: str | None
    log: tuple[TurnRecord, ...]

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def date(self, scenario: Scenario) -> dt.date:
        if self.turn is not None:
            return scenario.turns[self.turn].date
        return (
            scenario.turns[scenario.turn_index(self.log[-1].turn)].date if self.log else scenario.dates.start
        )


def initial_state(scenario: Scenario) -> State:
    values = MappingProxyType({name: variable.start for name, variable in scenario.variables.items()})
    return State(turn=0, values=values, ending=None, log=())
