from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.engine.vote import count

ORDER = ["sign", "delay", "refuse"]


def test_the_majority_wins() -> None:
    result = count({"sign": 4, "delay": 11, "refuse": 2}, ORDER)
    assert result is not None and (result.winner, result.hands, result.was_tie) == ("delay", 11, False)


def test_a_tie_goes_to_the_choice_listed_first() -> None:
    result = count({"refuse": 6, "delay": 6, "sign": 1}, ORDER)
    assert result is not None and result.winner == "delay" and result.tied == ("delay", "refuse")


def test_no_hands_no_winner() -> None:
    assert count({}, ORDER) is None
    assert count({"sign": 0}, ORDER) is None


def test_votes_for_closed_choices_do_not_count() -> None:
    result = count({"sign": 2, "closed": 30}, ORDER)
    assert result is not None and result.winner == "sign"


@given(st.dictionaries(st.sampled_from(ORDER), st.integers(0, 40)))
def test_the_winner_always_has_the_most_hands(tally: dict[str, int]) -> None:
    result = count(tally, ORDER)
    if result is None:
        assert all(value == 0 for value in tally.values())
    else:
        assert result.hands == max(tally.values()) == tally[result.winner]
