"""The balance lint: what thousands of random players reveal about a scenario.

`python main.py validate --simulate` plays 10,000 random games per role (the
other role following history) and warns, at the place in the file, of endings
and turns never reached, games that get stuck, choices never open, and choices
that settle the ending by themselves. Sampling can miss what is merely rare,
so these are warnings for the author to judge, never errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from game.scenario.model import ROLES, Choice, Role, Scenario
from game.scenario.problems import Problem
from game.scenario.yamlread import Document
from game.simulate import Progress, Tally, tally_runs

RUNS = 10_000
MIN_SAMPLE = 30  # fewer runs than this through a choice say nothing about its ending
RARE = 0.10  # "otherwise rare": at most this share of the other runs through the turn end there


def played_roles(scenario: Scenario) -> tuple[Role, ...]:
    """The roles that have a choice to make somewhere."""
    return tuple(role for role in ROLES if any(turn.choices.get(role) for turn in scenario.turns))


def balance_problems(
    scenario: Scenario,
    document: Document,
    runs: int = RUNS,
    seed: int = 0,
    jobs: int = 1,
    progress: Callable[[Role], Progress | None] | None = None,
) -> list[Problem]:
    """Play `runs` random games per role and return the warnings, in file order."""
    tallies = {
        role: tally_runs(scenario, role, "random", runs, seed, jobs, progress(role) if progress else None)
        for role in played_roles(scenario)
    }
    return sorted(check_balance(scenario, document, tallies))


def check_balance(scenario: Scenario, document: Document, tallies: Mapping[Role, Tally]) -> Iterator[Problem]:
    yield from _endings_never_reached(scenario, document, tallies)
    yield from _turns_never_reached(scenario, document, tallies)
    yield from _dead_ends(scenario, document, tallies)
    for role, tally in tallies.items():
        yield from _choices_never_open(scenario, document, role, tally)
        yield from _choices_deciding_the_ending(scenario, document, role, tally)


def _warn(document: Document, path: tuple[str | int, ...], message: str) -> Problem:
    return document.problem(path, message, severity="warning")


def _in_all(tallies: Mapping[Role, Tally]) -> str:
    total = sum(tally.runs for tally in tallies.values())
    each = " and ".join(f"{tally.runs:,} as the {role}" for role, tally in tallies.items())
    return f"{total:,} random playthroughs ({each})"


def _endings_never_reached(
    scenario: Scenario, document: Document, tallies: Mapping[Role, Tally]
) -> Iterator[Problem]:
    for index, ending in enumerate(scenario.endings):
        if not any(tally.endings[ending.id] for tally in tallies.values()):
            yield _warn(
                document, ("endings", index), f"ending {ending.id!r} was never reached in {_in_all(tallies)}"
            )


def _turns_never_reached(
    scenario: Scenario, document: Document, tallies: Mapping[Role, Tally]
) -> Iterator[Problem]:
    for index, turn in enumerate(scenario.turns):
        if not any(tally.visited[turn.id] for tally in tallies.values()):
            yield _warn(
                document, ("turns", index), f"turn {turn.id!r} was never played in {_in_all(tallies)}"
            )


def _dead_ends(scenario: Scenario, document: Document, tallies: Mapping[Role, Tally]) -> Iterator[Problem]:
    for index, turn in enumerate(scenario.turns):
        for role, tally in tallies.items():
            stuck = tally.stuck[turn.id]
            if stuck:
                yield _warn(
                    document,
                    ("turns", index),
                    f"{stuck:,} of {tally.runs:,} random playthroughs as the {role} got stuck here: "
                    "a role had no open choice",
                )


def _choices_never_open(
    scenario: Scenario, document: Document, role: Role, tally: Tally
) -> Iterator[Problem]:
    for index, turn in enumerate(scenario.turns):
        reached = tally.reached[turn.id]
        if not reached:
            continue
        for number, choice in enumerate(turn.choices.get(role, ())):
            if not tally.opened[(turn.id, choice.id)]:
                requires = f" (requires: {choice.requires})" if choice.requires is not None else ""
                yield _warn(
                    document,
                    ("turns", index, "choices", role, number),
                    f"choice {choice.id!r} was never open in the {reached:,} random playthroughs "
                    f"as the {role} that reached this turn{requires}",
                )


def _choices_deciding_the_ending(
    scenario: Scenario, document: Document, role: Role, tally: Tally
) -> Iterator[Problem]:
    """A choice after which every run ends the same way, when that ending is rare after the others."""
    endings_after = _endings_by_choice(tally)
    for index, turn in enumerate(scenario.turns):
        choices = turn.choices.get(role, ())
        reached = tally.reached[turn.id]
        for number, choice in enumerate(choices):
            taken = tally.taken[(turn.id, choice.id)]
            others = reached - taken
            after = endings_after.get((turn.id, choice.id), {})
            if taken < MIN_SAMPLE or others < MIN_SAMPLE or len(after) != 1:
                continue
            (ending,) = after
            if ending is None:  # stuck games are reported as dead ends
                continue
            elsewhere = sum(
                endings_after.get((turn.id, c.id), {}).get(ending, 0) for c in choices if c is not choice
            )
            if elsewhere / others > RARE:
                continue
            if tally.not_last[(turn.id, choice.id)] * 2 < taken:
                continue  # mostly the role's last say: of course it settles the ending
            if _jumps_to(choice, ending):
                continue  # the author sent it straight there: a deliberate ending, not an accident
            yield _warn(
                document,
                ("turns", index, "choices", role, number),
                f"choice {choice.id!r} decides the ending alone: all {taken:,} random playthroughs "
                f"as the {role} that took it ended in {ending!r}, against "
                f"{elsewhere / others:.1%} of the {others:,} that took another choice here",
            )


def _endings_by_choice(tally: Tally) -> dict[tuple[str, str], dict[str | None, int]]:
    index: dict[tuple[str, str], dict[str | None, int]] = {}
    for (turn, choice, ending), count in tally.endings_after.items():
        index.setdefault((turn, choice), {})[ending] = count
    return index


def _jumps_to(choice: Choice, ending: str) -> bool:
    """Does the choice itself, or every one of its outcomes, lead straight to this ending?"""
    if choice.next == ending:
        return True
    return bool(choice.outcomes) and all(outcome.next == ending for outcome in choice.outcomes)
