"""Whole-scenario checks that keep a valid scenario honest and playable.

The loader refuses what the engine cannot run; the lint warns of what a
player or a class would trip over: turns and endings no path reaches, choices
that are no choice, variables that change nothing, history's own choices not
leading to history's ending, text too long for a projector, and names spelt
other than the one way the game uses (see shared/CONTENT.md).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

from game.engine.conditions import Expr
from game.engine.policies import historical
from game.engine.rules import options
from game.engine.session import Session
from game.scenario.model import Choice, Scenario, SetTo, Turn
from game.scenario.problems import Path_, Problem
from game.scenario.yamlread import Document

SITUATION_WORDS = 110  # about 90 words fit a projector at its type size; warn a little past that
HISTORY_WORDS = 150  # about 120 words for a history panel
HISTORICAL_SEEDS = 20

# One spelling for every name: the form the game does not use -> the form it does.
SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"Xo[ʻ']?jayev|Faizulla|Khojaev", "Fayzulla Khodjaev"),
    (r"Sayeed Alim Khan|Alimkhan", "Emir Alim Khan (Sayyid Alim Khan)"),
    (r"Ibrahim Bey\b", "Ibrahim Bek"),
    (r"\bMadamin\b(?! Bek)", "Madamin Bek"),
    (r"Faizal Maksum", "Fayzal Maksum"),
    (r"(?<!Army of )\bFergana\b", "Ferghana (Fergana only in 'Peasant Army of Fergana')"),
    (r"Young Bukharians", "Young Bukharans"),
    (r"Jemiyeti|Jamiyati", "Ulema Jemyeti"),
)
_SPELLINGS = tuple((re.compile(pattern), preferred) for pattern, preferred in SPELLINGS)


def lint(scenario: Scenario, document: Document) -> list[Problem]:
    """Every warning for a scenario that has already loaded cleanly."""
    checks = (
        _unreachable_turns,
        _unreachable_endings,
        _variables,
        _unused_names,
        _choices,
        _historical_path,
        _lengths,
        _spellings,
    )
    warnings = [problem for check in checks for problem in check(scenario, document)]
    return sorted(set(warnings))


def _warn(document: Document, path: Path_, message: str, *, key: bool = False) -> Problem:
    return document.problem(path, message, key=key, severity="warning")


# --- the story's graph -------------------------------------------------------------------


def successors(scenario: Scenario, index: int) -> set[str]:
    """Every turn or ending the story can move to from turn `index` (ignoring conditions)."""
    turn = scenario.turns[index]
    targets: set[str] = set()
    can_fall_through = True
    for choices in turn.choices.values():
        role_can_fall_through = False
        for choice in choices:
            jumps, falls = _choice_jumps(choice)
            targets |= jumps
            role_can_fall_through |= falls
        can_fall_through &= role_can_fall_through
    if can_fall_through:
        if turn.next is not None:
            targets.add(turn.next)
        elif index + 1 < len(scenario.turns):
            targets.add(scenario.turns[index + 1].id)
        else:
            targets.add("<end of turns>")
    return targets


def _choice_jumps(choice: Choice) -> tuple[set[str], bool]:
    """The jumps a choice can make, and whether it can also make none."""
    if not choice.outcomes:
        return ({choice.next}, False) if choice.next else (set(), True)
    jumps = {outcome.next for outcome in choice.outcomes if outcome.next}
    without = any(outcome.next is None for outcome in choice.outcomes)
    if without and choice.next:
        return jumps | {choice.next}, False
    return jumps, without


def reachable(scenario: Scenario) -> set[str]:
    """The ids of every turn and ending some path reaches (plus '<end of turns>')."""
    seen = {scenario.turns[0].id}
    for index, turn in enumerate(scenario.turns):
        if turn.id in seen:
            seen |= successors(scenario, index)
    return seen


def _unreachable_turns(scenario: Scenario, document: Document) -> Iterator[Problem]:
    seen = reachable(scenario)
    for index, turn in enumerate(scenario.turns):
        if turn.id not in seen:
            yield _warn(document, ("turns", index, "id"), f"no path reaches turn {turn.id!r}")


def _unreachable_endings(scenario: Scenario, document: Document) -> Iterator[Problem]:
    seen = reachable(scenario)
    runs_out = "<end of turns>" in seen
    shadowed = False  # an earlier ending without `when` takes every game that runs out of turns
    for index, ending in enumerate(scenario.endings):
        by_jump = ending.id in seen
        at_end = runs_out and not shadowed
        if not (by_jump or at_end or (ending.early and ending.when is not None)):
            why = "it comes after an ending without 'when'" if runs_out else "no path runs out of turns"
            yield _warn(
                document,
                ("endings", index, "id"),
                f"ending {ending.id!r} can never be reached: no 'next' names it and {why}",
            )
        if ending.when is None:
            shadowed = True


# --- variables, names, choices -----------------------------------------------------------------


def _expressions(scenario: Scenario) -> Iterator[Expr]:
    for turn in scenario.turns:
        for choice in _all_choices(turn):
            if choice.requires is not None:
                yield choice.requires
            for outcome in choice.outcomes:
                if outcome.chance is not None:
                    yield outcome.chance
            for effects in (choice.effects, *(outcome.effects for outcome in choice.outcomes)):
                for effect in effects.values():
                    yield effect.set if isinstance(effect, SetTo) else effect
    for ending in scenario.endings:
        if ending.when is not None:
            yield ending.when


def _changed(scenario: Scenario) -> set[str]:
    changed: set[str] = set()
    for turn in scenario.turns:
        for choice in _all_choices(turn):
            changed |= set(choice.effects)
            for outcome in choice.outcomes:
                changed |= set(outcome.effects)
    return changed


def _all_choices(turn: Turn) -> Iterator[Choice]:
    for choices in turn.choices.values():
        yield from choices


def _variables(scenario: Scenario, document: Document) -> Iterator[Problem]:
    read = {name for expr in _expressions(scenario) for name in expr.names()}
    changed = _changed(scenario)
    for name in scenario.variables:
        path = ("variables", name)
        if name not in changed:
            yield _warn(document, path, f"variable {name!r} never changes: no effect moves it", key=True)
        elif name not in read:
            yield _warn(
                document,
                path,
                f"variable {name!r} changes nothing: no condition, chance or ending reads it",
                key=True,
            )


def _unused_names(scenario: Scenario, document: Document) -> Iterator[Problem]:
    # Factions are not checked: their motives are shown even when no variable names them.
    places = {turn.place for turn in scenario.turns}
    sources = {source for turn in scenario.turns for source in turn.history.sources}
    for section, used in (("places", places), ("sources", sources)):
        for name in getattr(scenario, section):
            if name not in used:
                yield _warn(document, (section, name), f"{section[:-1]} {name!r} is never used", key=True)


def _choices(scenario: Scenario, document: Document) -> Iterator[Problem]:
    for index, turn in enumerate(scenario.turns):
        for role, choices in turn.choices.items():
            if len(choices) < 2:
                yield _warn(
                    document,
                    ("turns", index, "choices", role),
                    f"the {role} has no real choice here (one option)",
                )


def _historical_path(scenario: Scenario, document: Document) -> Iterator[Problem]:
    """History's choices must be open on history's path and lead to history's ending."""
    expected = scenario.historical_ending()
    expected_index = scenario.endings.index(expected)
    closed: set[tuple[int, str]] = set()
    for seed in range(HISTORICAL_SEEDS):
        session = Session.start(scenario, seed, tuple(scenario.roles))
        while not session.state.finished:
            index = session.state.turn
            assert index is not None
            turn = scenario.turns[index]
            for role in session.roles_to_choose():
                took = turn.history.took[role]
                if not any(
                    o.choice.id == took and o.available for o in options(scenario, session.state, role)
                ):
                    closed.add((index, role))
            picks = {
                role: historical(scenario, session.state, role, random.Random(0))
                for role in session.roles_to_choose()
            }
            session = session.decide(picks)  # type: ignore[assignment] - historical picks are always valid
        if session.state.ending != expected.id:
            yield _warn(
                document,
                ("endings", expected_index, "historical"),
                f"history's choices end in {session.state.ending!r} (seed {seed}), not in this historical ending",
            )
            break
    for index, role in sorted(closed):
        yield _warn(
            document,
            ("turns", index, "history", "took", role),
            "history's choice is not open when history's path reaches this turn (its 'requires' fails)",
        )


# --- text --------------------------------------------------------------------------------


def _lengths(scenario: Scenario, document: Document) -> Iterator[Problem]:
    for index, turn in enumerate(scenario.turns):
        situations = (
            {(): turn.situation}
            if isinstance(turn.situation, str)
            else {(r,): t for r, t in turn.situation.items()}
        )
        for extra, text in situations.items():
            words = len(text.split())
            if words > SITUATION_WORDS:
                yield _warn(
                    document,
                    ("turns", index, "situation", *extra),
                    f"{words} words: a situation should fit a projector (about 90; at most {SITUATION_WORDS})",
                )
        words = len(turn.history.text.split())
        if words > HISTORY_WORDS:
            yield _warn(
                document,
                ("turns", index, "history", "text"),
                f"{words} words: a history panel should be about 120 (at most {HISTORY_WORDS})",
            )


def _spellings(scenario: Scenario, document: Document) -> Iterator[Problem]:
    for path, text in _strings(document.data, ()):
        for pattern, preferred in _SPELLINGS:
            found = pattern.search(text)
            if found:
                yield _warn(
                    document,
                    path,
                    f"write {preferred!r}, not {found.group(0)!r} (one spelling for every name)",
                )


def _strings(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
