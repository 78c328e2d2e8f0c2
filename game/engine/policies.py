"""Automatic players, for the role nobody plays, for tests and for simulation.

A policy looks at the open options of a role and returns a choice id. All are
deterministic given the `random.Random` they are handed.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from game.engine.rulebook import ChoiceRule, RoleRule, is_open, role_rule
from game.engine.rules import Option, options
from game.engine.state import State
from game.scenario.model import Role, Scenario

Policy = Callable[[Scenario, State, Role, random.Random], str]


def _open(scenario: Scenario, state: State, role: Role) -> list[Option]:
    return [option for option in options(scenario, state, role) if option.available]


def _open_choices(scenario: Scenario, state: State, role: Role) -> list[ChoiceRule]:
    """The open choices, or all of them if none is open; skips wording the reasons (the hot path)."""
    choices = _role_rule(scenario, state, role).choices
    values = state.values
    return [choice for choice in choices if is_open(choice, values)] or list(choices)


def _role_rule(scenario: Scenario, state: State, role: Role) -> RoleRule:
    assert state.turn is not None
    rule = role_rule(scenario.rulebook[state.turn], role)
    assert rule is not None, f"the {role} has no choice on this turn"
    return rule


def historical(scenario: Scenario, state: State, role: Role, rng: random.Random) -> str:
    """History's choice when it is open; otherwise the first open choice."""
    _, choices, took = _role_rule(scenario, state, role)
    values = state.values
    first_open: str | None = None
    for choice in choices:
        if is_open(choice, values):
            if choice.id == took:
                return choice.id
            first_open = first_open or choice.id
    return first_open or choices[0].id


def random_choice(scenario: Scenario, state: State, role: Role, rng: random.Random) -> str:
    """Any open choice, uniformly."""
    return rng.choice(_open_choices(scenario, state, role)).id


def greedy(scenario: Scenario, state: State, role: Role, rng: random.Random) -> str:
    """The open choice whose own effects most raise the sum of the role's variables' share of range.

    A simple, predictable opponent for balance tests: it looks one choice ahead
    and ignores chance outcomes.
    """
    available = _open(scenario, state, role) or options(scenario, state, role)

    def gain(option: Option) -> float:
        total = 0.0
        for name, effect in option.choice.effects.items():
            variable = scenario.variables[name]
            span = variable.max - variable.min
            amount = (
                effect.set(state.values) - state.values[name]
                if hasattr(effect, "set")
                else effect(state.values)
            )
            total += float(amount) / span
        return total

    best = max(gain(option) for option in available)
    return next(option.choice.id for option in available if gain(option) == best)


POLICIES: dict[str, Policy] = {"historical": historical, "random": random_choice, "greedy": greedy}
