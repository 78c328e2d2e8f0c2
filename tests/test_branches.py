"""Undo and "what if": going back replays to identical states, and every branch is kept."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.branches import Branches, branch_name
from game.engine.policies import random_choice
from game.engine.session import Session
from game.scenario.model import Scenario

BOTH = ("negotiator", "commander")


def play_on(session: Session, rng: random.Random) -> Session:
    while not session.state.finished:
        picks = {r: random_choice(session.scenario, session.state, r, rng) for r in session.roles_to_choose()}
        session = session.decide(picks)
    return session


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31), choices=st.integers(0, 2**31), back=st.integers(0, 5))
def test_a_what_if_branch_replays_to_the_same_states_as_a_fresh_game(
    small: Scenario, seed: int, choices: int, back: int
) -> None:
    rng = random.Random(choices)
    original = play_on(Session.start(small, seed, BOTH), rng)
    branches = Branches.start(original).what_if(back)
    kept = min(back, len(original.decisions))
    assert branches.session.states == original.states[: kept + 1]
    other = play_on(branches.session, rng)
    branches = branches.update(other)

    assert branches.branches[0].session is original  # the first path is kept untouched
    replayed, stopped = Session.replay(small, seed, BOTH, other.decisions)
    assert stopped is None and replayed.states == other.states
    assert other.decisions[:kept] == original.decisions[:kept]


def test_what_if_adds_a_branch_and_remembers_where_it_forked(small: Scenario) -> None:
    session = Session.start(small, 2, BOTH).decide({"negotiator": "talk", "commander": "march"})
    session = session.decide({"commander": "wait"})
    branches = Branches.start(session).what_if(1)
    assert [(b.name, b.parent, b.fork) for b in branches.branches] == [("A", None, 0), ("B", "A", 1)]
    assert branches.current == 1 and len(branches.session.decisions) == 1
    assert branches.switch(0).session is session


def test_what_if_again_before_choosing_moves_the_empty_branch(small: Scenario) -> None:
    session = Session.start(small, 2, BOTH).decide({"negotiator": "talk", "commander": "march"})
    session = session.decide({"commander": "wait"})
    branches = Branches.start(session).what_if(1).what_if(0)
    assert [(b.name, b.fork, len(b.session.decisions)) for b in branches.branches] == [
        ("A", 0, 2),
        ("B", 0, 0),
    ]


def test_branch_names_are_letters() -> None:
    assert [branch_name(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "A2", "B2"]


def test_undo_takes_back_the_last_choice_and_the_turns_that_played_themselves(small: Scenario) -> None:
    start = Session.start(small, 5, ["negotiator"])
    first = start.decide({"negotiator": "talk"})  # the commander marches for history; turn 2 is his alone
    second = first.decide({})
    assert second.state.turn == 2 and second.can_undo()
    assert second.undo_choice().state == start.state
    assert second.undo().state == first.state
    assert not start.can_undo() and start.undo_choice().state == start.state


def test_undo_as_many_times_as_the_player_likes(small: Scenario) -> None:
    rng = random.Random(3)
    session = play_on(Session.start(small, 11, BOTH), rng)
    states = session.states
    for back in range(len(session.decisions), -1, -1):
        assert session.state == states[back]
        session = session.undo_choice()
    assert session.state == states[0]
