"""Each turn's rules in the shape the engine's inner loop reads them: a few small tuples.

Why not read the scenario's models directly: every model keeps its fields in a
dict of its own, its mappings behind read-only proxies, and loading spreads one
turn's rules over some 13 KB of heap between its prose. A short game comes back
to its turns while they are still in the CPU's cache; a 2,000-turn game comes
back to a turn only after touching every other one, so each turn waited on
dozens of cache misses and cost ~40% more than the same turn in a 100-turn
scenario. Built in one pass, a turn's rules lie together, right after the
previous turn's, and the ids they compare are shared strings.

`Scenario.rulebook` builds it on first use and keeps it. It holds the
scenario's own `Expr` objects, which pickle, so a scenario still crosses to the
simulator's worker processes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from game.engine.conditions import Expr

if TYPE_CHECKING:
    from game.scenario.model import Choice, Effect, Outcome, Role, Scenario, Turn

Values = Mapping[str, float]


class EffectRule(NamedTuple):
    variable: str
    amount: Expr
    replaces: bool  # a `{set: ...}` effect: the amount replaces the value instead of adding to it


class OutcomeRule(NamedTuple):
    chance: Expr | None  # None on the last outcome, "otherwise"
    effects: tuple[EffectRule, ...]
    next: str | None


class ChoiceRule(NamedTuple):
    id: str
    requires: Expr | None
    effects: tuple[EffectRule, ...]
    outcomes: tuple[OutcomeRule, ...]
    next: str | None


class RoleRule(NamedTuple):
    role: Role
    choices: tuple[ChoiceRule, ...]  # never empty
    took: str | None  # the choice history took, if it names one


class TurnRule(NamedTuple):
    id: str
    roles: tuple[RoleRule, ...]  # the roles with choices, in the order they resolve
    next: str | None


def compile_rulebook(scenario: Scenario, roles: Iterable[Role]) -> tuple[TurnRule, ...]:
    """One `TurnRule` per turn of `scenario`, in order; `roles` in the order they resolve."""
    resolving = tuple(roles)
    return tuple(_turn_rule(turn, resolving) for turn in scenario.turns)


def is_open(choice: ChoiceRule, values: Values) -> bool:
    return choice.requires is None or bool(choice.requires.evaluate(values))


def role_rule(turn: TurnRule, role: Role) -> RoleRule | None:
    for rule in turn.roles:
        if rule.role == role:
            return rule
    return None


def _turn_rule(turn: Turn, roles: tuple[Role, ...]) -> TurnRule:
    role_rules = []
    for role in roles:
        choices = turn.choices.get(role)
        if choices:
            rules = tuple(_choice_rule(choice) for choice in choices)
            role_rules.append(RoleRule(role, rules, _shared(turn.history.took.get(role))))
    return TurnRule(turn.id, tuple(role_rules), _shared(turn.next))


def _choice_rule(choice: Choice) -> ChoiceRule:
    outcomes = tuple(_outcome_rule(outcome) for outcome in choice.outcomes)
    return ChoiceRule(
        _shared(choice.id), choice.requires, _effect_rules(choice.effects), outcomes, _shared(choice.next)
    )


def _outcome_rule(outcome: Outcome) -> OutcomeRule:
    return OutcomeRule(outcome.chance, _effect_rules(outcome.effects), _shared(outcome.next))


def _effect_rules(effects: Mapping[str, Effect]) -> tuple[EffectRule, ...]:
    return tuple(
        EffectRule(name, effect, False) if isinstance(effect, Expr) else EffectRule(name, effect.set, True)
        for name, effect in effects.items()
    )


def _shared(text: str | None) -> str | None:
    # One string object per id for the whole scenario (and the same object as the role names and
    # picks it is compared with): comparing it is a pointer check on memory that stays in cache.
    return None if text is None else sys.intern(str(text))
