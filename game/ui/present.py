"""Words and numbers as every front end shows them: dates, changes, roles, verdicts, paths.

Shared so the terminal, the window and the report say the same thing the same
way, in the player's language: every sentence here goes through `_()`, and
every text from a scenario through `local()` (its translation, where it has one).
The engine returns data; this is where it becomes words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from game.dates import MONTHS, format_date, format_month, format_short_date, format_span  # noqa: F401
from game.engine.branches import Branches
from game.engine.conditions import (
    AnyOf,
    Binary,
    Boolean,
    Call,
    Expr,
    Name,
    Needs,
    NeedsExpression,
    Node,
    Number,
    Unary,
    Unmet,
    format_number,
    unmet,
)
from game.engine.rules import Option
from game.engine.session import Session
from game.engine.state import Move, State, TurnRecord
from game.i18n import N_, _, local, ngettext
from game.scenario.model import Ending, Role, Scenario, Turn
from game.ui.classroom import hands_text

# The roles as a sentence names them (lower case, as in "What does the negotiator do?").
ROLE_TITLES: Mapping[Role, str] = {"negotiator": N_("negotiator"), "commander": N_("commander")}


def role_name(role: Role) -> str:
    """'negotiator', in the player's language."""
    return _(ROLE_TITLES[role])


def role_title(role: Role) -> str:
    """'The negotiator', to start a sentence or label a column."""
    return _("The negotiator") if role == "negotiator" else _("The commander")


def scenario_dates(scenario: Scenario) -> str:
    """The scenario's span as the player sees it: no more precise than the sources allow."""
    if scenario.dates.shown:
        return local(scenario.dates.shown)
    return format_span(scenario.dates.start, scenario.dates.end)


def turn_date(turn: Turn) -> str:
    """The date as the player sees it: no more precise than the sources allow."""
    return local(turn.shown_date) if turn.shown_date else format_date(turn.date)


def turn_short_date(turn: Turn) -> str:
    """The date for a table column: the sources' wording when they give no exact day."""
    return local(turn.shown_date) if turn.shown_date else format_short_date(turn.date)


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
        return _("{before} to {after} ({difference})").format(
            before=format_number(self.before), after=format_number(self.after), difference=self.difference
        )


def changes(scenario: Scenario, before: Mapping[str, float], after: Mapping[str, float]) -> list[Change]:
    """The visible variables that a turn moved."""
    return [
        Change(local(variable.label), before[name], after[name])
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
            yield local(variable.label), state.values[name], variable.min, variable.max


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
    chosen = local(scenario.choice(turn.id, move.role, move.choice).text)
    historical = local(scenario.choice(turn.id, move.role, took).text) if took else _("(not recorded)")
    return PathStep(
        turn.date,
        turn_date(turn),
        local(turn.title),
        move.role,
        chosen,
        historical,
        move.choice == took,
        move.by,
    )


def outcome_text(scenario: Scenario, record: TurnRecord, role: Role) -> str | None:
    move = record.move(role)
    if move is None or move.outcome is None:
        return None
    return local(scenario.choice(record.turn, role, move.choice).outcomes[move.outcome].text)


# --- phrases both front ends and the report use --------------------------------------------


def historical_choices(scenario: Scenario, turn: Turn) -> list[tuple[Role, str]]:
    """(role, the text of the choice history took) for each role history records on a turn."""
    return [
        (role, scenario.choice(turn.id, role, choice_id).text)
        for role, choice_id in turn.history.took.items()
        if any(choice.id == choice_id for choice in turn.choices.get(role, ()))
    ]


def turn_heading(scenario: Scenario, turn: Turn, number: int) -> str:
    """'Turn 2 · 13 March 1918 · Kagan (New Bukhara)'"""
    return _("Turn {number} \u00b7 {date} \u00b7 {place}").format(
        number=number, date=turn_date(turn), place=local(scenario.places[turn.place].name)
    )


def move_line(scenario: Scenario, turn: Turn, move: Move) -> str:
    """'The commander, Chairman of the Turkestan Sovnarkom, following history, chose: …'

    A team's name, when one was recorded, follows the role's: '…, Young Bukharan envoy (Team Red), chose: …'.
    """
    who = local(scenario.roles[move.role].name)
    if move.by not in ("player", "history"):
        who = f"{who} ({move.by})"
    choice = local(scenario.choice(turn.id, move.role, move.choice).text)
    if move.by == "history":
        if move.role == "negotiator":
            line = _("The negotiator, {who}, following history, chose: {choice}")
        else:
            line = _("The commander, {who}, following history, chose: {choice}")
    elif move.role == "negotiator":
        line = _("The negotiator, {who}, chose: {choice}")
    else:
        line = _("The commander, {who}, chose: {choice}")
    return line.format(who=who, choice=choice)


def votes_line(votes: Mapping[str, int] | None, scenario: Scenario, turn: Turn, role: Role) -> str | None:
    """'The class voted: Talk. 14, Threaten. 9' when a vote was taken on the turn for `role`."""
    tally = role_votes(votes, role)
    if not tally:
        return None
    texts = {choice.id: local(choice.text) for choice in turn.choices.get(role, ())}
    counted = ", ".join(f"{texts.get(choice, choice)} {count}" for choice, count in tally.items())
    return _("The class voted: {tally}").format(tally=counted)


def votes_by_number(votes: Mapping[str, int] | None, turn: Turn, role: Role) -> str | None:
    """'The class voted: 1 \u2014 14 hands, 2 \u2014 9 hands': the tally by the choices' numbers, short
    enough for a screen that shows the choice itself beside it."""
    tally = role_votes(votes, role)
    if not tally:
        return None
    numbers = {choice.id: number for number, choice in enumerate(turn.choices.get(role, ()), start=1)}
    counted = ", ".join(
        f"{numbers.get(choice, '?')} \u2014 {hands_text(count)}"
        for choice, count in sorted(tally.items(), key=lambda item: numbers.get(item[0], 0))
    )
    return _("The class voted: {tally}").format(tally=counted)


# When both roles vote on one turn (two teams, each voting), the tally keys say whose
# choice it is: "negotiator:talk". A choice id never holds ':', so the two never mix.
VOTE_KEY_SEPARATOR = ":"


def vote_key(role: Role, choice: str, several: bool) -> str:
    """The key a hand count is stored under in `Decision.votes`."""
    return f"{role}{VOTE_KEY_SEPARATOR}{choice}" if several else choice


def role_votes(votes: Mapping[str, int] | None, role: Role) -> dict[str, int]:
    """The tally of one role's vote on a turn, by choice id (empty if that role did not vote)."""
    if not votes:
        return {}
    prefixed = {
        key.split(VOTE_KEY_SEPARATOR, 1)[1]: count
        for key, count in votes.items()
        if key.startswith(role + VOTE_KEY_SEPARATOR)
    }
    if prefixed:
        return prefixed
    if any(VOTE_KEY_SEPARATOR in key for key in votes):
        return {}  # the other role's vote only
    return dict(votes)


def sources_line(scenario: Scenario, turn: Turn) -> str:
    return "; ".join(local(scenario.sources[source].title) for source in turn.history.sources)


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
    title = local(scenario.title)
    if state.ending:
        return _("{title}, ended: {ending}").format(
            title=title, ending=local(scenario.ending(state.ending).title)
        )
    return _("{title}, {date}").format(title=title, date=reached_date(scenario, state))


def team_names(session: Session) -> dict[Role, str]:
    """The team that played each role, as the decisions recorded it (the latest name wins)."""
    names: dict[Role, str] = {}
    for decision in session.decisions:
        for role, by in decision.by.items():
            if by not in ("player", "history"):
                names[role] = by
    return names


def played_as(session: Session) -> str:
    """'Played as the negotiator (Young Bukharan envoy)', or the two teams and their roles."""
    scenario = session.scenario
    names = {role: local(scenario.roles[role].name) for role in session.roles}
    if len(session.roles) == 1:
        role = session.roles[0]
        if role == "negotiator":
            return _("Played as the negotiator ({name})").format(name=names[role])
        return _("Played as the commander ({name})").format(name=names[role])
    teams = team_names(session)
    if len(teams) == len(session.roles):
        return _(
            "Played by two teams: {negotiators} as the negotiator ({negotiator}), "
            "{commanders} as the commander ({commander})"
        ).format(
            negotiators=teams["negotiator"],
            negotiator=names["negotiator"],
            commanders=teams["commander"],
            commander=names["commander"],
        )
    return _("Played as the negotiator ({negotiator}) and the commander ({commander})").format(
        negotiator=names["negotiator"], commander=names["commander"]
    )


def teacher_notes(turn: Turn) -> tuple[tuple[str, str], ...]:
    """(label, note) for each of the turn's notes for the teacher; empty if it has none.

    For the teacher's eyes only: the terminal shows them on request or with
    --presenter, the teacher's report prints them; never the projected screen.
    """
    notes = turn.teacher
    if notes is None:
        return ()
    found = (
        (_("Background"), notes.background),
        (_("Pitfalls"), notes.pitfalls),
        (_("Ask the class"), notes.ask),
    )
    return tuple((label, local(text)) for label, text in found if text)


SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """A value series as block characters scaled to the variable's range: '▅▄▄▁'."""
    span = (high - low) or 1.0
    top = len(SPARKS) - 1
    return "".join(SPARKS[round(min(max((v - low) / span, 0.0), 1.0) * top)] for v in values)


# --- a turn set against history, and why a choice is closed ---------------------------------


def verdict(scenario: Scenario, record: TurnRecord, role: Role) -> str:
    """One line comparing the role's choice on a turn with history's."""
    turn = scenario.turns[scenario.turn_index(record.turn)]
    move = record.move(role)
    historical_id = turn.history.took.get(role)
    if move is None or historical_id is None:
        return _("History records no choice for this role on this turn.")
    historical = sentence(local(scenario.choice(turn.id, role, historical_id).text))
    if move.choice == historical_id:
        return _("As in history: {choice}").format(choice=historical)
    return _("History went another way: {choice}").format(choice=historical)


def verdict_line(scenario: Scenario, record: TurnRecord, role: Role, single: bool) -> str:
    """'Verdict: …', or 'Verdict for the negotiator: …' when two roles were played."""
    if single:
        label = _("Verdict: {verdict}")
    elif role == "negotiator":
        label = _("Verdict for the negotiator: {verdict}")
    else:
        label = _("Verdict for the commander: {verdict}")
    return label.format(verdict=verdict(scenario, record, role))


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def closed_reason(scenario: Scenario, option: Option) -> str:
    """Why a closed choice is closed: the scenario's own words, else what its condition lacks."""
    if option.why_not:
        return local(option.why_not)
    return explain_unmet(option.unmet, scenario.labels)


def explain(expr: Expr, values: Mapping[str, float], labels: Mapping[str, str]) -> str:
    """Say in words why a boolean expression is false for these values."""
    return explain_unmet(unmet(expr, values), labels) or _("needs {condition}").format(condition=expr.source)


def explain_unmet(parts: Sequence[Unmet], labels: Mapping[str, str]) -> str:
    return "; ".join(dict.fromkeys(_say_unmet(part, labels) for part in parts))


_COMPARISON_WORDS = {
    "<": N_("needs {label} below {target} (now {now})"),
    "<=": N_("needs {label} at most {target} (now {now})"),
    ">": N_("needs {label} above {target} (now {now})"),
    ">=": N_("needs {label} at least {target} (now {now})"),
    "==": N_("needs {label} exactly {target} (now {now})"),
    "!=": N_("needs {label} not {target} (now {now})"),
}


def _say_unmet(part: Unmet, labels: Mapping[str, str]) -> str:
    if isinstance(part, Needs):
        return _(_COMPARISON_WORDS[part.op]).format(
            label=local(labels.get(part.variable, part.variable)),
            target=render_expression(part.target, labels),
            now=format_number(part.now),
        )
    if isinstance(part, AnyOf):
        return _(" or ").join(_say_unmet(alternative, labels) for alternative in part.alternatives)
    assert isinstance(part, NeedsExpression)
    return _("needs {condition}").format(condition=render_expression(part.node, labels))


def render_expression(node: Node, labels: Mapping[str, str]) -> str:
    """An expression as a reader sees it: the variables by their labels."""
    if isinstance(node, Number):
        return format_number(node.value)
    if isinstance(node, Boolean):
        return _("true") if node.value else _("false")
    if isinstance(node, Name):
        return local(labels.get(node.name, node.name))
    if isinstance(node, Call):
        return f"{node.function}({', '.join(render_expression(arg, labels) for arg in node.args)})"
    if isinstance(node, Unary):
        if node.op == "not":
            return _("not {condition}").format(condition=render_expression(node.operand, labels))
        return f"{node.op}{render_expression(node.operand, labels)}"
    assert isinstance(node, Binary)
    op = {"and": _("and"), "or": _("or")}.get(node.op, node.op)
    return f"{render_expression(node.left, labels)} {op} {render_expression(node.right, labels)}"


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

    def decided_by(self, roles: Sequence[Role]) -> bool:
        """Did one of these roles choose on this turn? (Some turns are the other side's alone.)"""
        return any(step.role in roles for step in self.steps)


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
        if single:
            said = _("{date}, {title}: you chose \u201c{choice}\u201d")
        elif step.role == "negotiator":
            said = _("{date}, {title}: the negotiator chose \u201c{choice}\u201d")
        else:
            said = _("{date}, {title}: the commander chose \u201c{choice}\u201d")
        text = said.format(date=step.shown_date, title=step.title, choice=step.chosen)
        history = None if step.matched else _("History: \u201c{choice}\u201d").format(choice=step.historical)
        lines.append(PathLine(step.matched, text, history))
    return lines


def ending_verdict(summary: Debrief) -> str | None:
    """How the ending compares with history's; None while the game is unfinished."""
    if summary.ending is None:
        return None
    if summary.ended_as_history:
        return _("Your game ended as history did.")
    return _("History ended differently: {ending}.").format(ending=local(summary.historical_ending.title))


def matched_sentence(summary: Debrief) -> str:
    turns, diverged = len(summary.played_steps), len(summary.divergences)
    matched = ngettext(
        "You matched history on {matched} of {count} turn",
        "You matched history on {matched} of {count} turns",
        turns,
    ).format(matched=summary.matched, count=turns)
    left = ngettext(
        "the path left history's way on {count} turn.",
        "the path left history's way on {count} turns.",
        diverged,
    ).format(count=diverged)
    return _("{matched}; {left}").format(matched=matched, left=left)


def passed_by_sentence(summary: Debrief) -> str | None:
    if not summary.not_reached:
        return None
    turns = "; ".join(f"{turn_date(turn)}, {local(turn.title)}" for turn in summary.not_reached)
    return _("The story passed by: {turns}.").format(turns=turns)


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
            local(variable.label),
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
            local(scenario.choice(turn.id, role, turn.history.took[role]).text)
            for role in roles
            if role in turn.history.took
        )
        rows.append(BranchRow(turn, history, tuple(steps.get(turn.id) for steps in by_branch)))
    endings = tuple(
        scenario.ending(b.session.state.ending) if b.session.state.ending else None for b in branches.branches
    )
    names = tuple(branch.name for branch in branches.branches)
    return BranchTable(names, branches.current, roles, tuple(rows), endings, scenario.historical_ending())


# --- sessions: saves, loading, "what if" (the terminal and the window say it alike) ----------


def save_title(name: str, autosave: bool, latest: bool) -> str:
    """What a saves list calls a save: its name, or which autosave it is."""
    if not autosave:
        return name
    return _("Autosave") if latest else _("The autosave before it")


def welcome_back(label: str, branch: str | None) -> str:
    """'Welcome back: The March on Bukhara, 13 March 1918.' (with the branch when there are several)."""
    if branch is not None:
        return _("Welcome back: {label} (branch {branch}).").format(label=label, branch=branch)
    return _("Welcome back: {label}.").format(label=label)


def what_if_said(branch: str, number: int, date: str) -> str:
    """'What if? Branch B goes back to turn 2, 13 March 1918.'"""
    return _("What if? Branch {branch} goes back to turn {number}, {date}.").format(
        branch=branch, number=number, date=date
    )


def on_branch(branch: str, label: str) -> str:
    """'You are on branch B: The March on Bukhara, 13 March 1918.' after switching branches."""
    return _("You are on branch {branch}: {label}.").format(branch=branch, label=label)


def branch_line(name: str, current: bool, ending: Ending | None, reached: str) -> str:
    """'Branch B (being played): ended in Peace' or 'Branch A: not finished (13 March 1918)'."""
    if ending is not None and current:
        return _("Branch {branch} (being played): {ending}").format(branch=name, ending=local(ending.title))
    if ending is not None:
        return _("Branch {branch}: {ending}").format(branch=name, ending=local(ending.title))
    if current:
        return _("Branch {branch} (being played): not finished, at {date}").format(branch=name, date=reached)
    return _("Branch {branch}: not finished, at {date}").format(branch=name, date=reached)


def report_written(path: object, teacher: bool) -> str:
    """'The report was written to …' (or the teacher's edition)."""
    if teacher:
        return _("The teacher's edition was written to {path}").format(path=path)
    return _("The report was written to {path}").format(path=path)


def report_failed(path: object, error: OSError) -> str:
    """One line when the report could not be written (a read-only or full folder)."""
    return _("Could not write the report to {path}: {reason}.").format(
        path=path, reason=error.strerror or error
    )


# --- how others fared: the ending of many simulated players, for the debrief -----------------


@dataclass(frozen=True)
class EndingBar:
    """One ending in the "how did others fare?" chart."""

    id: str
    title: str
    count: int
    share: float  # 0 to 1
    yours: bool  # the ending this game reached
    historical: bool  # the ending history reached


def ending_bars(scenario: Scenario, counts: Sequence[tuple[str, int]], yours: str | None) -> list[EndingBar]:
    """(ending id, games) from a simulation as bars, in the scenario's order, marked."""
    total = sum(count for _id, count in counts) or 1
    historical = scenario.historical_ending().id
    return [
        EndingBar(
            ending,
            local(scenario.ending(ending).title),
            count,
            count / total,
            ending == yours,
            ending == historical,
        )
        for ending, count in counts
    ]


def others_caption(runs: int, role: Role) -> str:
    """What the simulated players were: the chart's heading line."""
    if role == "negotiator":
        said = ngettext(
            "How {runs} player who chose at random as the negotiator ended",
            "How {runs} players who chose at random as the negotiator ended",
            runs,
        )
    else:
        said = ngettext(
            "How {runs} player who chose at random as the commander ended",
            "How {runs} players who chose at random as the commander ended",
            runs,
        )
    return said.format(runs=f"{runs:,}")


def others_method() -> str:
    """How the simulated players played, under their chart."""
    return _(
        "Each chose at random among the choices open to them, with history playing the other side; "
        "luck was drawn as in your game."
    )


def percent(share: float) -> str:
    """'23%' ('under 1%' for a share that rounds to nothing but is not nothing)."""
    if 0 < share < 0.005:
        return _("under 1%")
    return f"{share * 100:.0f}%"


def others_sentence(bars: Sequence[EndingBar]) -> str:
    """'23% of them ended as you did; 41% as history did.'"""
    yours = next((bar for bar in bars if bar.yours), None)
    history = next((bar for bar in bars if bar.historical), None)
    parts = []
    if yours is not None:
        parts.append(_("{share} of them ended as you did").format(share=percent(yours.share)))
    if history is not None and (yours is None or not yours.historical):
        parts.append(_("{share} as history did").format(share=percent(history.share)))
    return _("{sentence}.").format(sentence="; ".join(parts)) if parts else ""
