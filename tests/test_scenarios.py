"""Every shipped scenario loads, plays to an ending for every role, and history reaches history's ending."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.policies import historical, random_choice
from game.engine.rules import Impossible
from game.engine.session import Session
from game.scenario.model import ROLES, Scenario
from tests.conftest import SHIPPED


def test_the_first_scenario_ships() -> None:
    assert "bukhara-1918" in {path.stem for path in SHIPPED}


def test_file_names_match_ids(shipped: Scenario) -> None:
    assert shipped.id in {path.stem for path in SHIPPED}


def test_every_turn_carries_its_history(shipped: Scenario) -> None:
    assert len(shipped.turns) >= 8
    assert len(shipped.endings) >= 3
    for turn in shipped.turns:
        assert turn.history.text and turn.history.sources and turn.history.discuss
        for role, choices in turn.choices.items():
            assert turn.history.took[role] in {choice.id for choice in choices}


def test_every_turn_has_notes_for_the_teacher(shipped: Scenario) -> None:
    """The presenter view and the teacher's report have something to say on every turn."""
    for turn in shipped.turns:
        notes = turn.teacher
        assert notes is not None and notes.background and notes.pitfalls and notes.ask, turn.id


def play(scenario: Scenario, seed: int, roles: tuple[str, ...], policy, choice_seed: int = 0) -> Session:
    session = Session.start(scenario, seed, roles)
    rng = random.Random(choice_seed)
    for _ in range(len(scenario.turns) + 1):
        if session.state.finished:
            return session
        picks = {role: policy(scenario, session.state, role, rng) for role in session.roles_to_choose()}
        result = session.decide(picks)
        assert not isinstance(result, Impossible), result
        session = result
    raise AssertionError("the game did not end within the number of turns")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), choice_seed=st.integers(0, 2**31), role=st.sampled_from(ROLES))
def test_random_play_always_reaches_an_ending(
    shipped: Scenario, seed: int, choice_seed: int, role: str
) -> None:
    if role not in shipped.roles:
        return
    session = play(shipped, seed, (role,), random_choice, choice_seed)
    assert session.state.ending in {ending.id for ending in shipped.endings}


def test_history_reaches_the_historical_ending(shipped: Scenario) -> None:
    for seed in range(25):
        session = play(shipped, seed, tuple(shipped.roles), historical)
        assert session.state.ending == shipped.historical_ending().id, seed
        for record in session.state.log:
            turn = shipped.turns[shipped.turn_index(record.turn)]
            assert all(move.choice == turn.history.took[move.role] for move in record.moves)
