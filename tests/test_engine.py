"""The rules: options, effects and clamping, outcomes, jumps and endings."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from game.engine.rules import Impossible, Success, options, resolve_turn, resolve_turn_unrecorded
from game.engine.state import State, initial_state
from game.scenario.loader import load_text
from game.scenario.model import Scenario
from game.ui.present import closed_reason, verdict
from tests.test_loader import SMALL


def play(scenario: Scenario, *turns: dict[str, str], seed: int = 0):
    state = initial_state(scenario)
    rng = random.Random(seed)
    for picks in turns:
        result = resolve_turn(scenario, state, picks, rng)
        assert isinstance(result, Success), result
        state = result.state
    return state


def test_initial_state_holds_the_start_values(small: Scenario) -> None:
    state = initial_state(small)
    assert dict(state.values) == {"troops": 600, "resolve": 4}
    assert state.turn == 0 and state.ending is None and state.log == ()


def test_closed_choices_are_offered_with_their_reason(small: Scenario) -> None:
    offered = options(small, initial_state(small), "negotiator")
    assert [(o.choice.id, o.available, o.why_not) for o in offered] == [
        ("talk", True, None),
        ("threaten", False, "Too few men."),
    ]
    assert offered[1].unmet and closed_reason(small, offered[1]) == "Too few men."


def test_a_closed_choice_cannot_be_taken(small: Scenario) -> None:
    result = resolve_turn(
        small, initial_state(small), {"negotiator": "threaten", "commander": "march"}, random.Random(0)
    )
    assert result == Impossible("'threaten' is not possible now")


def test_every_role_with_choices_must_pick(small: Scenario) -> None:
    result = resolve_turn(small, initial_state(small), {"negotiator": "talk"}, random.Random(0))
    assert result == Impossible("no choice given for the commander")
    result = resolve_turn(
        small, initial_state(small), {"negotiator": "talk", "commander": "fly"}, random.Random(0)
    )
    assert isinstance(result, Impossible) and "'fly' is not a choice" in result.reason


def test_effects_apply_in_order_and_clamp(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "march"}, {"commander": "wait"})
    record = state.log[0]
    outcome = record.move("commander").outcome
    assert dict(record.after)["resolve"] == 3
    assert record.after["troops"] == (300 if outcome == 0 else 500)
    assert state.log[1].after["troops"] == record.after["troops"] / 2  # "-troops / 2" halves


def test_values_never_leave_their_range() -> None:
    text = SMALL.replace("effects: {resolve: -1}", "effects: {resolve: -100}")
    scenario = load_text(text)
    state = play(scenario, {"negotiator": "talk", "commander": "stay"})
    assert state.values["resolve"] == 0


def test_outcome_chances_are_cumulative(small: Scenario) -> None:
    counts: Counter[int | None] = Counter()
    rng = random.Random(5)
    for _ in range(4000):
        result = resolve_turn(small, initial_state(small), {"negotiator": "talk", "commander": "march"}, rng)
        assert isinstance(result, Success)
        counts[result.record.move("commander").outcome] += 1
    assert 0.45 < counts[0] / 4000 < 0.55  # chance: 0.5, the rest "otherwise"


def test_next_jumps_forward_and_skips_turns(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "stay"})
    assert small.turns[state.turn].id == "third"


def test_next_to_an_ending_ends_the_game(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "stay"}, {"negotiator": "sign"})
    assert state.finished and state.ending == "peace" and state.turn is None


def test_when_turns_run_out_the_first_matching_ending_applies(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "stay"}, {"negotiator": "refuse"})
    assert state.ending == "peace"  # resolve fell to 3
    text = SMALL.replace("effects: {resolve: -1}", "effects: {resolve: +1}")
    state = play(load_text(text), {"negotiator": "talk", "commander": "stay"}, {"negotiator": "refuse"})
    assert state.ending == "stalemate"  # the ending without `when`


def test_an_early_ending_is_checked_after_every_turn() -> None:
    text = SMALL.replace("effects: {troops: -100}", "effects: {troops: -500}")
    scenario = load_text(text)
    state = play(scenario, {"negotiator": "talk", "commander": "march"})
    assert state.ending == "rout"
    assert len(state.log) == 1


def test_the_game_refuses_turns_after_the_end(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "stay"}, {"negotiator": "sign"})
    assert resolve_turn(small, state, {}, random.Random(0)) == Impossible("the game has ended")
    assert options(small, state, "negotiator") == []


@pytest.mark.parametrize(
    "games",
    [
        [{"negotiator": "talk", "commander": "march"}, {"commander": "attack"}, {"negotiator": "refuse"}],
        [{"negotiator": "talk", "commander": "march"}, {"commander": "wait"}, {"negotiator": "sign"}],
        [{"negotiator": "talk", "commander": "stay"}, {"negotiator": "sign"}],
        [{"negotiator": "threaten", "commander": "march"}],
        [{"negotiator": "talk"}],
    ],
)
def test_an_unrecorded_turn_leads_where_a_recorded_one_does(
    small: Scenario, games: list[dict[str, str]]
) -> None:
    """The simulator's resolve_turn_unrecorded: the same state, luck and refusals; only no record."""
    for seed in range(20):
        state = initial_state(small)
        for picks in games:
            recorded = resolve_turn(small, state, picks, random.Random(seed))
            unrecorded = resolve_turn_unrecorded(small, state, picks, random.Random(seed))
            if isinstance(recorded, Impossible):
                assert unrecorded == recorded
                break
            assert isinstance(unrecorded, State) and unrecorded.log == state.log
            assert (unrecorded.turn, dict(unrecorded.values), unrecorded.ending) == (
                recorded.state.turn,
                dict(recorded.state.values),
                recorded.state.ending,
            )
            state = recorded.state


def test_the_verdict_compares_with_history(small: Scenario) -> None:
    state = play(small, {"negotiator": "talk", "commander": "stay"})
    assert verdict(small, state.log[0], "negotiator") == "As in history: Talk."
    assert verdict(small, state.log[0], "commander") == "History went another way: March."
