"""The debrief as data: the path against history with its divergences, the numbers over the turns,
and the "what if" branches side by side."""

from __future__ import annotations

from game.engine.branches import Branches
from game.engine.session import Session
from game.scenario.model import Scenario
from game.ui.present import compare_branches, debrief, session_label, sparkline

BOTH = ("negotiator", "commander")


def test_the_timeline_marks_every_divergence_and_the_turns_passed_by(small: Scenario) -> None:
    session = Session.start(small, 1, BOTH).decide({"negotiator": "talk", "commander": "stay"})
    session = session.decide({"negotiator": "sign"})
    report = debrief(session)
    assert [m.turn.id for m in report.timeline] == ["first", "third"]
    assert [m.diverged for m in report.timeline] == [True, False]
    steps = report.timeline[0].steps
    assert [(s.role, s.chosen, s.historical, s.matched) for s in steps] == [
        ("negotiator", "Talk.", "Talk.", True),
        ("commander", "Stay.", "March.", False),
    ]
    assert [turn.id for turn in report.not_reached] == ["second"]  # "stay" jumped over it
    assert report.ending is not None and report.ending.id == "peace" and report.ended_as_history
    assert (report.matched, len(report.played_steps), len(report.divergences)) == (2, 3, 1)


def test_a_turn_only_the_other_side_chose_is_not_counted_as_the_players(small: Scenario) -> None:
    session = Session.start(small, 7, ["commander"]).decide({"commander": "march"})
    session = session.decide({"commander": "wait"}).decide({})  # the third turn is the negotiator's alone
    report = debrief(session)
    assert [m.decided_by(report.roles) for m in report.timeline] == [True, True, False]
    assert [m.decided_by(BOTH) for m in report.timeline] == [True, True, True]
    assert len(report.played_steps) == 2  # "matched history on _ of 2 turns"


def test_the_series_hold_every_visible_value_from_the_start_to_the_end(small: Scenario) -> None:
    session = Session.start(small, 7, ["commander"]).decide({"commander": "march"})
    session = session.decide({"commander": "wait"}).decide({})
    report = debrief(session)
    assert [s.name for s in report.series] == ["troops", "resolve"]
    troops = report.series[0]
    assert (troops.label, troops.low, troops.high) == ("Troops", 0, 5000)
    assert troops.values == (600, *(record.after["troops"] for record in session.state.log))
    assert len(report.dates) == len(troops.values) == len(session.state.log) + 1
    assert report.dates[0] == small.dates.start and report.dates[1] == small.turns[0].date


def test_hidden_variables_stay_off_the_chart(small: Scenario) -> None:
    hidden = small.model_copy(
        update={
            "variables": {
                **small.variables,
                "resolve": small.variables["resolve"].model_copy(update={"hidden": True}),
            }
        }
    )
    report = debrief(Session.start(hidden, 1, ["commander"]).decide({"commander": "march"}))
    assert [s.name for s in report.series] == ["troops"]


def test_an_unfinished_game_has_no_ending_yet(small: Scenario) -> None:
    report = debrief(Session.start(small, 1, ["commander"]))
    assert report.ending is None and report.timeline == () and report.series[0].values == (600,)
    assert report.not_reached == ()


def test_the_branches_side_by_side(small: Scenario) -> None:
    session = Session.start(small, 3, ["negotiator"]).decide({"negotiator": "talk"})
    session = session.decide({}).decide({"negotiator": "refuse"})
    branches = Branches.start(session).what_if(2)
    branches = branches.update(branches.session.decide({"negotiator": "sign"}))
    table = compare_branches(branches)
    assert table.names == ("A", "B") and table.current == 1
    assert [row.turn.id for row in table.rows] == [
        "first",
        "third",
    ]  # the negotiator had no choice on "second"
    third = table.rows[1]
    assert third.history == ("Sign.",)
    assert [[(s.chosen, s.matched) for s in cell] for cell in third.cells] == [
        [("Refuse.", False)],
        [("Sign.", True)],
    ]
    assert [e.id for e in table.endings] == [session.state.ending, "peace"]


def test_a_branch_that_never_reached_a_turn_shows_nothing_there(small: Scenario) -> None:
    session = Session.start(small, 3, ["negotiator"]).decide({"negotiator": "talk"}).decide({})
    branches = Branches.start(session).what_if(0)
    table = compare_branches(branches)
    assert [row.turn.id for row in table.rows] == ["first"]
    assert table.rows[0].cells[1] is None and table.endings == (None, None)


def test_sparkline_and_label() -> None:
    assert sparkline([0, 5, 10], 0, 10) == "\u2581\u2585\u2588"
    assert sparkline([-3, 99], 0, 10) == "\u2581\u2588"  # out of range is clamped


def test_session_label(small: Scenario) -> None:
    session = Session.start(small, 1, ["negotiator"])
    assert session_label(session) == "A Small Test, 1 March 1918"
    finished = session.decide({"negotiator": "talk"}).decide({}).decide({"negotiator": "sign"})
    assert session_label(finished) == "A Small Test, ended: Peace"
