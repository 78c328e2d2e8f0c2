"""Words and numbers as both front ends show them: dates, changes, roles, paths.

Shared so the terminal, the window and the report say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from game.dates import format_date, format_span  # noqa: F401 - re-exported for the front ends
from game.engine.conditions import format_number
from game.engine.state import State, TurnRecord
from game.scenario.model import Role, Scenario, Turn

ROLE_TITLES: Mapping[Role, str] = {"negotiator": "negotiator", "commander": "commander"}


def turn_date(turn: Turn) -> str:
    """The date as the player sees it: no more precise than the sources allow."""
    return turn.shown_date or format_date(turn.date)


@dataclass(frozen=True)
class Change:
    label: str
    before: float
    after: float

    def __str__(self) -> str:
        sign = "+" if self.after > self.before else "\u2212"
        difference = format_number(abs(self.after - self.before))
        return f"{self.label}: {format_number(self.before)} \u2192 {format_number(self.after)} ({sign}{difference})"


def changes(scenario: Scenario, before: Mapping[str, float], after: Mapping[str, float]) -> list[Change]:
    """The visible variables that a turn moved."""
    return [
        Change(variable.label, before[name], after[name])
        for name, variable in scenario.variables.items()
        if not variable.hidden and before[name] != after[name]
    ]


def visible_values(scenario: Scenario, state: State) -> Iterator[tuple[str, float, float, float]]:
    """(label, value, min, max) for each variable the player may see."""
    for name, variable in scenario.variables.items():
        if not variable.hidden:
            yield variable.label, state.values[name], variable.min, variable.max


@dataclass(frozen=True)
class PathStep:
    """One turn of the player's path set against history, for the debrief."""

    date: dt.date
    shown_date: str  # as precise as the sources allow
    title: str
    role: Role
    chosen: str  # the text of the choice taken
    historical: str  # the text of history's choice
    matched: bool
    by: str


def path_against_history(scenario: Scenario, log: tuple[TurnRecord, ...]) -> list[PathStep]:
    steps = []
    for record in log:
        turn = scenario.turns[scenario.turn_index(record.turn)]
        for move in record.moves:
            took = turn.history.took.get(move.role)
            chosen = scenario.choice(turn.id, move.role, move.choice).text
            historical = scenario.choice(turn.id, move.role, took).text if took else "(not recorded)"
            steps.append(
                PathStep(
                    turn.date,
                    turn_date(turn),
                    turn.title,
                    move.role,
                    chosen,
                    historical,
                    move.choice == took,
                    move.by,
                )
            )
    return steps


def outcome_text(scenario: Scenario, record: TurnRecord, role: Role) -> str | None:
    move = record.move(role)
    if move is None or move.outcome is None:
        return None
    return scenario.choice(record.turn, role, move.choice).outcomes[move.outcome].text
