"""The rules: which choices are open, and resolving a turn.

A turn resolves in a fixed order so that replays are exact: every role's
choice is checked against the state at the start of the turn; then, role by
role (negotiator, then commander), the choice's effects apply, its outcome is
drawn from the `random.Random` passed in, and the outcome's effects apply.
Values are clamped to their variable's range after every effect. The story
then moves to the first `next` named (outcome before choice, negotiator before
commander, then the turn's own), else to the following turn; early endings are
checked after every turn, and all endings when the turns run out.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from game.engine.conditions import Unmet, unmet
from game.engine.rulebook import ChoiceRule, EffectRule, TurnRule, is_open
from game.engine.state import Move, State, TurnRecord
from game.scenario.model import ROLES, Choice, Ending, Role, Scenario, Turn


@dataclass(frozen=True, slots=True)
class Success:
    state: State
    record: TurnRecord


@dataclass(frozen=True, slots=True)
class Impossible:
    reason: str


Result = Success | Impossible


@dataclass(frozen=True, slots=True)
class Option:
    """A choice as offered to a role: open, or closed with what it lacks.

    A closed choice carries the scenario's `why_not` text when it has one, and
    always the unmet parts of its `requires` as data: the front ends put them in
    words (game.ui.present.closed_reason), in the player's language.
    """

    choice: Choice
    number: int  # 1-based, as shown to the player
    available: bool
    why_not: str | None = None  # the scenario's own reason (a LocalText), if it gives one
    unmet: tuple[Unmet, ...] = ()  # what the values lack, for a closed choice


def current_turn(scenario: Scenario, state: State) -> Turn | None:
    return None if state.turn is None else scenario.turns[state.turn]


def roles_to_choose(turn: Turn) -> tuple[Role, ...]:
    """The roles with choices on this turn, in the order they resolve."""
    return tuple(role for role in ROLES if turn.choices.get(role))


def options(scenario: Scenario, state: State, role: Role) -> list[Option]:
    """Every choice of `role` on the current turn, with whether it is open now."""
    turn = current_turn(scenario, state)
    if turn is None:
        return []
    result = []
    for number, choice in enumerate(turn.choices.get(role, ()), start=1):
        if choice.requires is None or choice.requires(state.values):
            result.append(Option(choice, number, True))
        else:
            result.append(Option(choice, number, False, choice.why_not, unmet(choice.requires, state.values)))
    return result


def resolve_turn(
    scenario: Scenario,
    state: State,
    picks: Mapping[Role, str],
    rng: random.Random,
    by: Mapping[Role, str] | None = None,
) -> Result:
    """Play the current turn with one choice id per role that has choices."""
    ready = _current_choices(scenario, state, picks)
    if isinstance(ready, Impossible):
        return ready
    turn, chosen = ready
    values, drawn, jump = _play_out(scenario, turn, chosen, state.values, rng)
    moves = tuple(
        [
            Move(role, choice.id, outcome, by.get(role, "player") if by else "player")
            for (role, choice), outcome in zip(chosen, drawn, strict=True)
        ]
    )
    after = MappingProxyType(values)
    record = TurnRecord(turn.id, moves, state.values, after)
    return Success(_advance(scenario, state.turn, jump, after, (*state.log, record)), record)


def resolve_turn_unrecorded(
    scenario: Scenario, state: State, picks: Mapping[Role, str], rng: random.Random
) -> State | Impossible:
    """The state `resolve_turn` leads to, but with no record of the turn: its log is `state`'s.

    For the simulator, which plays thousands of games and reads none of their
    logs: the records, their moves and a growing log cost it a fifth of its time.
    """
    ready = _current_choices(scenario, state, picks)
    if isinstance(ready, Impossible):
        return ready
    turn, chosen = ready
    values, _, jump = _play_out(scenario, turn, chosen, state.values, rng)
    return _advance(scenario, state.turn, jump, MappingProxyType(values), state.log)


def _play_out(
    scenario: Scenario,
    turn: TurnRule,
    chosen: list[tuple[Role, ChoiceRule]],
    start: Mapping[str, float],
    rng: random.Random,
) -> tuple[dict[str, float], list[int | None], str | None]:
    """The chosen choices' effects and drawn outcomes, in resolving order: the values after,
    the outcome drawn for each choice, and where the story goes (None: the following turn)."""
    values = dict(start)
    bounds = scenario.bounds
    drawn: list[int | None] = []
    jump: str | None = None
    for _, choice in chosen:
        _apply(bounds, values, choice.effects)
        outcome_index = _draw(choice, values, rng)
        if outcome_index is not None:
            outcome = choice.outcomes[outcome_index]
            _apply(bounds, values, outcome.effects)
            jump = jump or outcome.next
        jump = jump or choice.next
        drawn.append(outcome_index)
    return values, drawn, jump or turn.next


def _current_choices(
    scenario: Scenario, state: State, picks: Mapping[Role, str]
) -> tuple[TurnRule, list[tuple[Role, ChoiceRule]]] | Impossible:
    """The turn to play and each role's picked choice in it, or why it cannot be played."""
    if state.turn is None:
        return Impossible("the game has ended")
    turn = scenario.rulebook[state.turn]
    chosen = _chosen(turn, state.values, picks)
    return chosen if isinstance(chosen, Impossible) else (turn, chosen)


def _chosen(
    turn: TurnRule, values: Mapping[str, float], picks: Mapping[Role, str]
) -> list[tuple[Role, ChoiceRule]] | Impossible:
    """Each role's picked choice, in resolving order, checked against the values at the turn's start."""
    chosen: list[tuple[Role, ChoiceRule]] = []
    for role, choices, _ in turn.roles:
        if role not in picks:
            return Impossible(f"no choice given for the {role}")
        pick = picks[role]
        for choice in choices:  # a plain loop: a generator here cost more than the search
            if choice.id == pick:
                break
        else:
            return Impossible(f"{pick!r} is not a choice of the {role} on this turn")
        if not is_open(choice, values):
            return Impossible(f"{pick!r} is not possible now")
        chosen.append((role, choice))
    if len(picks) != len(chosen):
        extra = set(picks) - {role for role, _ in chosen}
        return Impossible(f"the {sorted(extra)[0]} has no choice to make on this turn")
    return chosen


def _apply(
    bounds: Mapping[str, tuple[float, float]], values: dict[str, float], effects: tuple[EffectRule, ...]
) -> None:
    for name, amount, replaces in effects:
        value = amount.evaluate(values) if replaces else values[name] + amount.evaluate(values)
        if value != value:  # NaN (say, infinity minus infinity): drop the effect, see `clamp`
            continue
        low, high = bounds[name]
        values[name] = low if value < low else high if value > high else value


def clamp(value: float, low: float, high: float, otherwise: float) -> float:
    """`value` kept within [low, high]; `otherwise` if it is not a number at all.

    Expressions cannot raise, but arithmetic on huge values can overflow to
    infinity (clamped to the bound like any large number) or give NaN (say
    infinity minus infinity), which would poison every later comparison: the
    effect is then dropped and the value stays as it was. (`_apply` inlines
    this for speed.)
    """
    if math.isnan(value):
        return otherwise
    return min(max(value, low), high)


def _draw(choice: ChoiceRule, values: Mapping[str, float], rng: random.Random) -> int | None:
    """Pick an outcome: chances are cumulative in order, the last is 'otherwise'."""
    outcomes = choice.outcomes
    if len(outcomes) <= 1:
        return 0 if outcomes else None
    roll = rng.random()
    total = 0.0
    last = len(outcomes) - 1
    for index in range(last):
        chance = outcomes[index].chance
        assert chance is not None  # the model guarantees it for all but the last
        value = float(chance.evaluate(values))
        if value == value:  # a NaN chance counts as no chance (it would make `total` NaN)
            total += min(max(value, 0.0), 1.0)
        if roll < total:
            return index
    return last


def _advance(
    scenario: Scenario,
    index: int | None,
    jump: str | None,
    values: Mapping[str, float],
    log: tuple[TurnRecord, ...],
) -> State:
    assert index is not None
    if jump is not None and jump not in scenario.turn_positions:
        return State(None, values, jump, log)  # a jump straight to an ending
    early = _first_ending(scenario, values, early_only=True)
    if early is not None:
        return State(None, values, early.id, log)
    following = scenario.turn_index(jump) if jump is not None else index + 1
    if following < len(scenario.turns):
        return State(following, values, None, log)
    final = _first_ending(scenario, values, early_only=False)
    assert final is not None  # the loader guarantees an ending without `when`
    return State(None, values, final.id, log)


def _first_ending(scenario: Scenario, values: Mapping[str, float], *, early_only: bool) -> Ending | None:
    for ending in scenario.endings:
        if early_only and not ending.early:
            continue
        if ending.when is None or ending.when.evaluate(values):
            return ending
    return None


def took_history(turn: Turn, role: Role, choice_id: str) -> bool:
    return turn.history.took.get(role) == choice_id
