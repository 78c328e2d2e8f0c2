"""Words and numbers as both front ends show them: dates, changes, roles, paths.

Shared so the terminal, the window and the report say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from game.dates import MONTHS, format_date, format_span  # noqa: F401 - re-exported for the front ends
from game.engine.branches import Branches
from game.engine.conditions import format_number
from game.engine.session import Session
from game.engine.state import Move, State, TurnRecord
from game.scenario.model import Ending, Role, Scenario, Turn

ROLE_TITLES: Mapping[Role, str] = {"negotiator": "negotiator", "commander": "commander"}


def format_short_date(day: dt.date) -> str:
    """1918-03-13 -> '13 Mar 1918', for table columns."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def scenario_dates(scenario: Scenario) -> str:
    """The scenario's span as the player sees it: no more precise than the sources allow."""
    return scenario.dates.shown or format_span(scenario.dates.start, scenario.dates.end)


def turn_date(turn: Turn) -> str:
    """The date as the player sees it: no more precise than the sources allow."""
    return turn.shown_date or format_date(turn.date)


def turn_short_date(turn: Turn) -> str:
    """The date for a table column: the sources' wording when they give no exact day."""
    return turn.shown_date or format_short_date(turn.date)


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
    """A variable as the player sees it, with its description for a tooltip."""

    name: str
    label: str
    value: float
    low: float
    high: float
    description: str | None

    @property
    def text(self) -> str:
        return format_number(self.value)

    @property
    def share(self) -> float:
        """Where the value stands in its range, 0 to 1, for drawing a bar."""
        return share(self.value, self.low, self.high)


def share(value: float, low: float, high: float) -> float:
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


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
    shown_date: str  # as precise as the sources allow
    title: str
    role: Role
    chosen: str  # the text of the choice taken
    historical: str  # the text of history's choice
    matched: bool
    by: str


def path_against_history(scenario: Scenario, log: tuple[TurnRecord, ...]) -> list[PathStep]:
    return [path_step(scenario, record, move) for record in log for move in record.moves]


def path_step(scenario: Scenario, record: TurnRecord, move: Move) -> PathStep:
    turn = scenario.turns[scenario.turn_index(record.turn)]
    took = turn.history.took.get(move.role)
    chosen = scenario.choice(turn.id, move.role, move.choice).text
    historical = scenario.choice(turn.id, move.role, took).text if took else "(not recorded)"
    return PathStep(
        turn.date, turn_date(turn), turn.title, move.role, chosen, historical, move.choice == took, move.by
    )


def outcome_text(scenario: Scenario, record: TurnRecord, role: Role) -> str | None:
    move = record.move(role)
    if move is None or move.outcome is None:
        return None
    return scenario.choice(record.turn, role, move.choice).outcomes[move.outcome].text


# --- phrases both front ends and the report use --------------------------------------------


def role_title(role: Role) -> str:
    """'The negotiator'"""
    return f"The {ROLE_TITLES[role]}"


def historical_choices(scenario: Scenario, turn: Turn) -> list[tuple[Role, str]]:
    """(role, the text of the choice history took) for each role history records on a turn."""
    return [
        (role, scenario.choice(turn.id, role, choice_id).text)
        for role, choice_id in turn.history.took.items()
        if any(choice.id == choice_id for choice in turn.choices.get(role, ()))
    ]


def turn_heading(scenario: Scenario, turn: Turn, number: int) -> str:
    """'Turn 2 · 13 March 1918 · Kagan (New Bukhara)'"""
    return f"Turn {number} \u00b7 {turn_date(turn)} \u00b7 {scenario.places[turn.place].name}"


def move_line(scenario: Scenario, turn: Turn, move: Move) -> str:
    """'The commander, Chairman of the Turkestan Sovnarkom, following history, chose: …'

    A team's name, when one was recorded, follows the role's: '…, Young Bukharan envoy (Team Red), chose: …'.
    """
    who = scenario.roles[move.role].name
    if move.by not in ("player", "history"):
        who = f"{who} ({move.by})"
    verb = "following history, chose" if move.by == "history" else "chose"
    return f"The {ROLE_TITLES[move.role]}, {who}, {verb}: {scenario.choice(turn.id, move.role, move.choice).text}"


def votes_line(votes: Mapping[str, int] | None, scenario: Scenario, turn: Turn, role: Role) -> str | None:
    """'The class voted: Talk. 14, Threaten. 9' when a vote was taken on the turn."""
    if not votes:
        return None
    texts = {choice.id: choice.text for choice in turn.choices.get(role, ())}
    tally = ", ".join(f"{texts.get(choice, choice)} {count}" for choice, count in votes.items())
    return f"The class voted: {tally}"


def sources_line(scenario: Scenario, turn: Turn) -> str:
    return "; ".join(scenario.sources[source].title for source in turn.history.sources)


def reached_date(scenario: Scenario, state: State) -> str:
    """The date a game has reached, as the game shows it (the current turn's, else the last played)."""
    if state.turn is not None:
        return turn_date(scenario.turns[state.turn])
    if state.log:
        return turn_date(scenario.turns[scenario.turn_index(state.log[-1].turn)])
    return format_date(scenario.dates.start)


def session_label(session: Session) -> str:
    """'The March on Bukhara, 13 March 1918': what "Continue" and save lists show."""
    scenario, state = session.scenario, session.state
    where = f"ended: {scenario.ending(state.ending).title}" if state.ending else reached_date(scenario, state)
    return f"{scenario.title}, {where}"


SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """A value series as block characters scaled to the variable's range: '▅▄▄▁'."""
    span = (high - low) or 1.0
    top = len(SPARKS) - 1
    return "".join(SPARKS[round(min(max((v - low) / span, 0.0), 1.0) * top)] for v in values)


# --- the debrief: the path against history, and the numbers over the turns ------------------


@dataclass(frozen=True)
class Moment:
    """One turn of a played path on the debrief's timeline."""

    number: int  # 1-based, as "Turn 1" in the game
    turn: Turn
    steps: tuple[PathStep, ...]  # every role's choice against history's (roles nobody played too)
    record: TurnRecord

    @property
    def diverged(self) -> bool:
        """The marker: on this turn the path left history's way."""
        return any(not step.matched for step in self.steps)


@dataclass(frozen=True)
class Series:
    """A visible variable's values: at the start, then after each turn (for a line chart)."""

    name: str
    label: str
    low: float
    high: float
    values: tuple[float, ...]


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    roles: tuple[Role, ...]  # the roles people played
    timeline: tuple[Moment, ...]
    dates: tuple[dt.date, ...]  # the x axis of every series: the start, then each turn's date
    series: tuple[Series, ...]
    ending: Ending | None  # None while the game is unfinished
    historical_ending: Ending
    not_reached: tuple[Turn, ...]  # turns this path passed by (the story jumped over them)

    @property
    def divergences(self) -> tuple[Moment, ...]:
        return tuple(moment for moment in self.timeline if moment.diverged)

    @property
    def played_steps(self) -> tuple[PathStep, ...]:
        return tuple(step for m in self.timeline for step in m.steps if step.role in self.roles)

    @property
    def matched(self) -> int:
        return sum(step.matched for step in self.played_steps)

    @property
    def ended_as_history(self) -> bool:
        return self.ending is not None and self.ending.id == self.historical_ending.id


@dataclass(frozen=True)
class PathLine:
    """One choice on the debrief's path: '= 1 March 1918, First: you chose “Talk.”'."""

    matched: bool
    text: str
    history: str | None  # 'History: “March.”' where the path went another way

    @property
    def mark(self) -> str:
        return "=" if self.matched else "\u2260"


def path_lines(summary: Debrief) -> list[PathLine]:
    single = len(summary.roles) == 1
    lines = []
    for step in summary.played_steps:
        who = "you" if single else f"the {step.role}"
        text = f"{step.shown_date}, {step.title}: {who} chose \u201c{step.chosen}\u201d"
        lines.append(
            PathLine(step.matched, text, None if step.matched else f"History: \u201c{step.historical}\u201d")
        )
    return lines


def ending_verdict(summary: Debrief) -> str | None:
    """How the ending compares with history's; None while the game is unfinished."""
    if summary.ending is None:
        return None
    if summary.ended_as_history:
        return "Your game ended as history did."
    return f"History ended differently: {summary.historical_ending.title}."


def matched_sentence(summary: Debrief) -> str:
    turns, diverged = len(summary.played_steps), len(summary.divergences)
    return (
        f"You matched history on {summary.matched} of {plural(turns, 'turn')}; "
        f"the path left history's way on {plural(diverged, 'turn')}."
    )


def passed_by_sentence(summary: Debrief) -> str | None:
    if not summary.not_reached:
        return None
    turns = "; ".join(f"{turn_date(turn)}, {turn.title}" for turn in summary.not_reached)
    return f"The story passed by: {turns}."


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def debrief(session: Session) -> Debrief:
    """Everything the end-of-game debrief shows, as data: the window charts it, the terminal prints it."""
    scenario, state = session.scenario, session.state
    timeline = tuple(
        Moment(
            number,
            scenario.turns[scenario.turn_index(record.turn)],
            tuple(path_step(scenario, record, move) for move in record.moves),
            record,
        )
        for number, record in enumerate(state.log, start=1)
    )
    start_values = state.log[0].before if state.log else state.values
    series = tuple(
        Series(
            name,
            variable.label,
            variable.min,
            variable.max,
            (start_values[name], *(record.after[name] for record in state.log)),
        )
        for name, variable in scenario.variables.items()
        if not variable.hidden
    )
    dates = (scenario.dates.start, *(moment.turn.date for moment in timeline))
    played = {record.turn for record in state.log}
    last = scenario.turn_index(state.log[-1].turn) if state.log else -1
    upto = len(scenario.turns) if state.finished else last + 1
    skipped = tuple(turn for turn in scenario.turns[:upto] if turn.id not in played)
    ending = scenario.ending(state.ending) if state.ending else None
    return Debrief(
        scenario, session.roles, timeline, dates, series, ending, scenario.historical_ending(), skipped
    )


# --- "what if": the branches side by side ---------------------------------------------------


@dataclass(frozen=True)
class BranchChoice:
    """What some branches chose on a turn, the same way."""

    texts: tuple[str, ...]  # one per role played
    matched: bool  # as history chose
    branches: tuple[int, ...]  # indexes into BranchTable.names


@dataclass(frozen=True)
class BranchRow:
    turn: Turn
    history: tuple[str, ...]  # history's choice for each role played
    # per branch: its played roles' choices, None if the branch did not reach the turn
    cells: tuple[tuple[PathStep, ...] | None, ...]

    def choices(self) -> tuple[BranchChoice, ...]:
        """The different choices taken on this turn, each with the branches that took it."""
        groups: dict[tuple[str, ...], list[int]] = {}
        matched: dict[tuple[str, ...], bool] = {}
        for index, steps in enumerate(self.cells):
            if steps is None:
                continue
            texts = tuple(step.chosen for step in steps)
            groups.setdefault(texts, []).append(index)
            matched[texts] = all(step.matched for step in steps)
        return tuple(BranchChoice(texts, matched[texts], tuple(indexes)) for texts, indexes in groups.items())

    @property
    def parted(self) -> bool:
        """Did the branches that reached this turn choose differently on it?"""
        return len(self.choices()) > 1


@dataclass(frozen=True)
class BranchTable:
    names: tuple[str, ...]
    current: int
    roles: tuple[Role, ...]
    rows: tuple[BranchRow, ...]
    endings: tuple[Ending | None, ...]  # per branch, None while unfinished
    historical_ending: Ending


def compare_branches(branches: Branches) -> BranchTable:
    """The turns on which a branch's people chose, with each branch's choices, and their endings."""
    first = branches.branches[0].session
    scenario, roles = first.scenario, first.roles
    by_branch: list[dict[str, tuple[PathStep, ...]]] = []
    for branch in branches.branches:
        steps: dict[str, tuple[PathStep, ...]] = {}
        for record in branch.session.state.log:
            steps[record.turn] = tuple(
                path_step(scenario, record, move) for move in record.moves if move.role in roles
            )
        by_branch.append(steps)
    rows = []
    for turn in scenario.turns:
        if not any(steps.get(turn.id) for steps in by_branch):
            continue  # no branch had a choice of its own to make here
        history = tuple(
            scenario.choice(turn.id, role, turn.history.took[role]).text
            for role in roles
            if role in turn.history.took
        )
        rows.append(BranchRow(turn, history, tuple(steps.get(turn.id) for steps in by_branch)))
    endings = tuple(
        scenario.ending(b.session.state.ending) if b.session.state.ending else None for b in branches.branches
    )
    names = tuple(branch.name for branch in branches.branches)
    return BranchTable(names, branches.current, roles, tuple(rows), endings, scenario.historical_ending())
