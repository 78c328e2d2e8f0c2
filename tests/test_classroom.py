"""Classroom helpers every front end shares: teams, the tally a window edits key by key, the typed
tally, the tie rule in words, and where teams and votes end up (decisions, saves, the report)."""

from __future__ import annotations

import pytest

from game import report
from game.engine.branches import Branches
from game.engine.rules import options
from game.engine.session import Session
from game.engine.state import initial_state
from game.saves import load, snapshot, write_save
from game.scenario.catalog import load_catalog
from game.scenario.model import Scenario
from game.ui.classroom import (
    Tally,
    TallyError,
    Teams,
    handover_prompt,
    parse_tally,
    tie_rule_text,
    vote_result_text,
)
from game.ui.present import played_as, role_votes, team_names, vote_key, votes_line
from tests.conftest import DATA


def third_turn(small: Scenario) -> Session:
    """The small scenario at its last turn, where the negotiator has two open choices (sign, refuse)."""
    session = Session.start(small, 1, ["negotiator", "commander"])
    session = session.decide({"negotiator": "talk", "commander": "stay"})
    assert not isinstance(session, type(None)) and session.state.turn == 2
    return session


def test_number_keys_add_hands_and_backspace_takes_the_last_one_back(small: Scenario) -> None:
    offered = options(small, initial_state(small), "negotiator")  # 1 talk (open), 2 threaten (closed)
    tally = Tally.for_options(offered)
    assert tally.order == ("talk",)
    tally = tally.press(1).press(1).press(2).press(7)  # a closed or unknown number adds nothing
    assert tally.votes() == {"talk": 2} and tally.total == 2
    assert tally.backspace().votes() == {"talk": 1}
    assert tally.backspace().backspace().backspace().votes() == {"talk": 0}
    assert tally.result() is not None and tally.result().winner == "talk"


def test_hands_are_added_set_and_removed_per_choice_never_below_none(small: Scenario) -> None:
    session = third_turn(small)
    tally = Tally.for_options(options(small, session.state, "negotiator"))
    tally = tally.add("sign", 3).add("refuse", 2).remove("sign").set("refuse", 9)
    assert tally.votes() == {"sign": 2, "refuse": 9}
    assert tally.remove("sign", 10).count_of("sign") == 0
    assert tally.backspace().votes() == {"sign": 2, "refuse": 8}  # the last hand added was refuse's
    assert tally.add("nonsense").votes() == tally.votes()


def test_a_typed_tally_reads_pairs_of_choice_and_hands(small: Scenario) -> None:
    session = third_turn(small)
    empty = Tally.for_options(options(small, session.state, "negotiator"))
    assert parse_tally("1 12, 2 7", empty).votes() == {"sign": 12, "refuse": 7}
    assert parse_tally("1:3 2=4", empty).votes() == {"sign": 3, "refuse": 4}
    assert parse_tally("2 5", empty).votes() == {"sign": 0, "refuse": 5}
    for bad, message in [
        ("2", "e.g. 1 12, 2 7"),
        ("one 3", "e.g. 1 12, 2 7"),
        ("3 4", "Choice 3 is not open to a vote."),
        ("1 2, 1 3", "Choice 1 is given twice."),
        ("1 5000", "more than a class"),
    ]:
        with pytest.raises(TallyError, match=message):
            parse_tally(bad, empty)


def test_a_tie_is_broken_by_the_rule_and_the_rule_is_said(small: Scenario) -> None:
    session = third_turn(small)
    offered = options(small, session.state, "negotiator")
    tally = parse_tally("1 4, 2 4", Tally.for_options(offered))
    result = tally.result()
    assert result is not None and result.was_tie and result.winner == "sign"
    said = vote_result_text(tally, offered)
    assert said.startswith("A tie between 1, 2: 4 hands each.")
    assert tie_rule_text() in said and said.endswith("The class chose 1. Sign. (4 hands).")
    assert vote_result_text(Tally.for_options(offered), offered) == "Nobody has voted yet."


def test_teams_have_default_names_or_their_own() -> None:
    teams = Teams.named(["9B Reds", " "])
    assert teams.name("negotiator") == "9B Reds" and teams.name("commander") == "Commander team"
    assert teams.called("negotiator") == "9B Reds (negotiators)"
    assert handover_prompt("commander", Teams()) == (
        "Commander team, press Enter when the negotiators can't see the screen."
    )


def test_both_roles_voting_keep_their_tallies_apart(small: Scenario) -> None:
    votes = {vote_key("negotiator", "talk", True): 5, vote_key("commander", "march", True): 3}
    assert role_votes(votes, "negotiator") == {"talk": 5}
    assert role_votes(votes, "commander") == {"march": 3}
    assert role_votes({"talk": 5}, "negotiator") == {"talk": 5}  # one role voted: plain ids
    assert votes_line(votes, small, small.turns[0], "commander") == "The class voted: March. 3"


def test_team_names_and_votes_reach_the_save_and_the_report(small: Scenario, tmp_path) -> None:
    catalog = load_catalog([DATA])
    session = Session.start(small, 1, ["negotiator", "commander"])
    by = {"negotiator": "9B Reds", "commander": "9B Blues"}
    votes = {"negotiator:talk": 14, "commander:march": 9, "commander:stay": 11}
    session = session.decide({"negotiator": "talk", "commander": "stay"}, by=by, votes=votes)
    assert team_names(session) == by
    assert played_as(session) == (
        "Played by two teams: 9B Reds as the negotiator (Envoy), 9B Blues as the commander (Commander)"
    )
    path = tmp_path / "class.json"
    write_save(path, snapshot(Branches.start(session), catalog.fingerprint("small")))
    loaded = load(path, catalog)
    assert not hasattr(loaded, "reason"), loaded
    text = report.to_markdown(report.build(loaded.branches))
    assert "Played by two teams: 9B Reds as the negotiator" in text
    assert "Envoy (9B Reds), chose: Talk." in text
    assert "The class voted: Talk. 14" in text and "The class voted: March. 9, Stay. 11" in text
