"""Words and numbers as both front ends show them: dates, changes, roles, paths.

Shared so the terminal, the window and the report say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from game.engine.conditions import format_number
from game.engine.state import State, TurnRecord
from game.scenario.model import Role, Scenario

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ROLE_TITLES: Mapping[Role, str] = {"negotiator": "negotiator", "commander": "commander"}


def format_date(day: dt.date) -> str:
    """1918-03-13 -> '13 March 1918'"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_span(start: dt.date, end: dt.date) -> str:
    """A scenario's dates, as short as is clear: 'March 1918', 'March 1918 - June 1920'."""
    first = f"{MONTHS[start.month - 1]} {start.year}"
    last = f"{MONTHS[end.month - 1]} {end.year}"
    return first if first == last else f"{first} \u2013 {last}"


@dataclass(frozen=True)
class Change:
    label: str
    before: float
    after: float

    def __str__(self) -> str:
        return f"{self.label}: {format_number(self.before)} \u2192 {format_number(self.after)} ({self.difference})"

    @property
    def difference(self) -> str:
        """The signed amount of the change: '+150', '\u2212150'."""
        sign = "+" if self.after > self.before else "\u2212"
        return f"{sign}{format_number(abs(self.after - self.before))}"

    def in_words(self) -> str:
        """'600 to 450 (\u2212150)': the change without an arrow, for fonts that lack one."""
        return f"{format_number(self.before)} to {format_number(self.after)} ({self.difference})"


def changes(scenario: Scenario, before: Mapping[str, float], after: Mapping[str, float]) -> list[Change]:
    """The visible variables that a turn moved."""
    return [
        Change(variable.label, before[name], after[name])
        for name, variable in scenario.variables.items()
        if not variable.hidden and before[name] != after[name]
    ]


@dataclass(frozen=True)
class Shown:
    """A variable as the player sees it."""

    name: str
    label: str
    value: float
    low: float
    high: float
    description: str | None

    @property
    def text(self) -> str:
        return format_number(self.value)


def visible_variables(scenario: Scenario, values: Mapping[str, float]) -> list[Shown]:
    """The variables the player may see, with their values."""
    return [
        Shown(name, variable.label, values[name], variable.min, variable.max, variable.description)
        for name, variable in scenario.variables.items()
        if not variable.hidden
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
                PathStep(turn.date, turn.title, move.role, chosen, historical, move.choice == took, move.by)
            )
    return steps


def outcome_text(scenario: Scenario, record: TurnRecord, role: Role) -> str | None:
    move = record.move(role)
    if move is None or move.outcome is None:
        return None
    return scenario.choice(record.turn, role, move.choice).outcomes[move.outcome].text


# --- shared by the window's screens (and free for the terminal and reports to use) -------------


def role_title(role: Role) -> str:
    """'The negotiator'"""
    return f"The {ROLE_TITLES[role]}"


def turn_label(state: State) -> str:
    """'Turn 3': the number of the turn being played, counting the turns played so far."""
    return f"Turn {len(state.log) + 1}"


def share(value: float, low: float, high: float) -> float:
    """Where a value stands in its range, 0 to 1, for drawing a bar."""
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


@dataclass(frozen=True)
class OtherMove:
    """A move taken on a turn by a role the player does not play (or a second player)."""

    role: Role
    by: str  # "history" or "player"
    choice: str  # the text of the choice
    outcome: str | None


def other_moves(scenario: Scenario, record: TurnRecord, role: Role) -> list[OtherMove]:
    return [
        OtherMove(
            move.role,
            move.by,
            scenario.choice(record.turn, move.role, move.choice).text,
            outcome_text(scenario, record, move.role),
        )
        for move in record.moves
        if move.role != role
    ]


def chosen_text(scenario: Scenario, record: TurnRecord, role: Role) -> str | None:
    """The text of the choice `role` took on a turn, if it took one."""
    move = record.move(role)
    return None if move is None else scenario.choice(record.turn, role, move.choice).text


def historical_choices(scenario: Scenario, turn_id: str) -> list[tuple[Role, str]]:
    """(role, text of the choice history took) for each role history records on a turn."""
    turn = scenario.turns[scenario.turn_index(turn_id)]
    return [
        (role, scenario.choice(turn.id, role, choice_id).text)
        for role, choice_id in turn.history.took.items()
        if any(choice.id == choice_id for choice in turn.choices.get(role, ()))
    ]


def matched_summary(steps: list[PathStep]) -> str:
    matched = sum(step.matched for step in steps)
    return f"You matched history on {matched} of {len(steps)} turn{'s' if len(steps) != 1 else ''}."


def ending_against_history(scenario: Scenario, ending_id: str) -> str:
    historical = scenario.historical_ending()
    if ending_id == historical.id:
        return "Your game ended as history did."
    return f"History ended differently: {historical.title}."
