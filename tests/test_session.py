"""A session is scenario + seed + decisions: replays, undo and "what if" are exact."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.policies import historical, random_choice
from game.engine.rules import Impossible
from game.engine.session import Session
from game.scenario.loader import load_text
from game.scenario.model import Scenario
from tests.test_loader import SMALL


def play_randomly(scenario: Scenario, seed: int, roles: tuple[str, ...], choice_seed: int) -> Session:
    session = Session.start(scenario, seed, roles)
    rng = random.Random(choice_seed)
    while not session.state.finished:
        picks = {
            role: random_choice(scenario, session.state, role, rng) for role in session.roles_to_choose()
        }
        result = session.decide(picks)
        assert not isinstance(result, Impossible), result
        session = result
    return session


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31), choice_seed=st.integers(0, 2**31))
def test_replaying_the_decisions_gives_the_identical_state(
    small: Scenario, seed: int, choice_seed: int
) -> None:
    played = play_randomly(small, seed, ("negotiator", "commander"), choice_seed)
    replayed, stopped = Session.replay(small, seed, played.roles, played.decisions)
    assert stopped is None
    assert replayed.state == played.state
    assert replayed.states == played.states


def test_the_role_nobody_plays_follows_history(small: Scenario) -> None:
    session = Session.start(small, 1, ["commander"])
    assert session.roles_to_choose() == ("commander",)
    session = session.decide({"commander": "march"})
    move = session.state.log[0].move("negotiator")
    assert (move.choice, move.by) == ("talk", "history")
    assert session.state.log[0].move("commander").by == "player"


def test_a_role_not_played_cannot_be_picked(small: Scenario) -> None:
    session = Session.start(small, 1, ["commander"])
    assert isinstance(session.decide({"negotiator": "talk", "commander": "march"}), Impossible)


def test_undo_returns_to_the_earlier_state_exactly(small: Scenario) -> None:
    session = Session.start(small, 9, ["negotiator", "commander"])
    first = session.decide({"negotiator": "talk", "commander": "march"})
    second = first.decide({"commander": "wait"})
    assert second.undo().state == first.state
    assert second.undo(5).state == session.state
    assert second.undo().decisions == first.decisions


def test_what_if_keeps_the_luck_of_later_turns(small: Scenario) -> None:
    """Taking another choice on one turn does not change the dice of the next ones."""
    for seed in range(30):
        session = Session.start(small, seed, ["negotiator", "commander"])
        a = session.decide({"negotiator": "talk", "commander": "stay"})
        b = session.decide({"negotiator": "talk", "commander": "march"}).rewind(0)
        b = b.decide({"negotiator": "talk", "commander": "stay"})
        assert a.state == b.state


def test_replay_stops_where_a_changed_scenario_no_longer_fits(small: Scenario) -> None:
    played = Session.start(small, 3, ["negotiator", "commander"])
    played = played.decide({"negotiator": "talk", "commander": "march"}).decide({"commander": "attack"})
    changed = load_text(
        SMALL.replace("{id: attack, text: Attack.", "{id: assault, text: Attack.").replace(
            "took: {commander: attack}", "took: {commander: assault}"
        )
    )
    session, stopped = Session.replay(changed, 3, played.roles, played.decisions)
    assert stopped == 1
    assert len(session.decisions) == 1


def test_historical_policy_follows_history(small: Scenario) -> None:
    session = Session.start(small, 0, ["negotiator", "commander"])
    while not session.state.finished:
        session = session.decide(
            {r: historical(small, session.state, r, random.Random()) for r in session.roles_to_choose()}
        )
    assert all(
        step.choice == small.turns[small.turn_index(rec.turn)].history.took[step.role]
        for rec in session.state.log
        for step in rec.moves
    )
    assert session.state.ending == small.historical_ending().id
