"""The classroom in the window: two teams at one screen and a class vote played to the end with
keys and clicks, the teacher's notes (only while T is held, or in a window of their own)."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
from guikit import DATA, button, click, hold, open_app, press, release, settle, texts, type_text

from game import report
from game.ui.pygame.ending import EndingScreen
from game.ui.pygame.handover import HandoverScreen
from game.ui.pygame.history import HistoryScreen
from game.ui.pygame.outcome import OutcomeScreen
from game.ui.pygame.team_names import TeamNamesScreen
from game.ui.pygame.turn import TurnScreen
from game.ui.pygame.vote import VoteScreen

NOTES = "    teacher: {background: The railway mattered., ask: Who held the railway?}\n"


def with_teacher_notes(folder: Path) -> Path:
    """The small scenario with notes for the teacher on its first turn."""
    original = (DATA / "small.yaml").read_text(encoding="utf-8")
    marked = original.replace(
        "      discuss: [Why?]\n  - id: second", "      discuss: [Why?]\n" + NOTES + "  - id: second", 1
    )
    (folder / "small.yaml").write_text(marked, encoding="utf-8")
    return folder


def onward(app: object) -> None:
    """From an outcome or a history screen to what comes next."""
    press(app, pygame.K_RETURN)  # type: ignore[arg-type]


def test_two_teams_play_to_the_end_each_choosing_out_of_the_others_sight(data_dir: Path) -> None:
    app = open_app()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_3):  # begin, the scenario, "Two teams"
        press(app, key)
    assert "Two teams" in texts(app)
    click(app, button(app, "Begin with two teams"))
    assert isinstance(app.screen, TeamNamesScreen)
    type_text(app, "9B Reds")  # the default name is selected: typing replaces it
    press(app, pygame.K_RETURN)
    type_text(app, "9B Blues")
    press(app, pygame.K_RETURN)

    # turn 1: both roles choose, each team in private
    screen = app.screen
    assert isinstance(screen, HandoverScreen) and screen.role == "negotiator"
    assert "Pass the screen to: 9B Reds (negotiators)" in texts(app)
    assert "Talk." not in texts(app) and "March." not in texts(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, TurnScreen) and app.screen.role == "negotiator"
    assert "Talk." in texts(app) and "March." not in texts(app)
    click(app, app.screen.cards[0].hit)  # Talk
    screen = app.screen
    assert isinstance(screen, HandoverScreen) and screen.role == "commander"
    assert "Talk." not in texts(app), "the negotiators' choice is hidden from the commanders"
    assert "9B Reds (negotiators) has chosen" in texts(app)
    click(app, button(app, "9B Blues: we are ready"))
    assert isinstance(app.screen, TurnScreen) and "March." in texts(app) and "Talk." not in texts(app)
    press(app, pygame.K_1)  # March
    assert isinstance(app.screen, OutcomeScreen)
    assert "Both teams have chosen" in texts(app)
    decision = app.context.session.decisions[0]  # type: ignore[union-attr]
    assert dict(decision.picks) == {"negotiator": "talk", "commander": "march"}
    assert dict(decision.by) == {"negotiator": "9B Reds", "commander": "9B Blues"}
    onward(app)
    assert isinstance(app.screen, HistoryScreen)
    shown = texts(app)
    assert "9B REDS (NEGOTIATORS)" in shown and "9B BLUES (COMMANDERS)" in shown  # a verdict each
    onward(app)

    # turn 2 is the commanders' alone: no handover, their name on the turn
    assert isinstance(app.screen, TurnScreen) and app.screen.role == "commander"
    assert "9B BLUES (COMMANDERS), WHAT DO YOU CHOOSE?" in texts(app)
    press(app, pygame.K_1)
    onward(app)
    onward(app)
    assert isinstance(app.screen, TurnScreen) and app.screen.role == "negotiator"  # turn 3: the negotiators
    press(app, pygame.K_1)
    onward(app)
    onward(app)
    assert isinstance(app.screen, EndingScreen)
    assert "9B Reds chose" in texts(app) and "9B Blues chose" in texts(app)

    saved = json.loads((data_dir / "saves" / "autosave.json").read_text(encoding="utf-8"))
    assert saved["roles"] == ["negotiator", "commander"]
    assert saved["decisions"][0]["by"] == {"negotiator": "9B Reds", "commander": "9B Blues"}
    branches = app.context.branches
    assert branches is not None
    handout = report.render(report.build(branches), "md")
    assert "9B Reds as the negotiator" in handout and "9B Blues as the commander" in handout


def test_a_class_vote_is_counted_with_keys_and_clicks_and_kept(data_dir: Path) -> None:
    app = open_app(vote=True)
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):  # begin, the scenario, the negotiator
        press(app, key)
    assert "WHAT DOES THE CLASS CHOOSE?" in texts(app)
    press(app, pygame.K_1)  # choosing opens the vote, it decides nothing yet
    screen = app.screen
    assert isinstance(screen, VoteScreen) and not app.context.session.decisions  # type: ignore[union-attr]
    assert "On a tie, the tied choice listed first wins." in texts(app)  # said before anyone votes
    assert not screen.confirm.is_enabled  # type: ignore[union-attr]
    for key in (pygame.K_1, pygame.K_1, pygame.K_1, pygame.K_2, pygame.K_1, pygame.K_1):
        press(app, key)  # choice 2 (threaten) is closed: its key adds nothing
    assert screen.tally.votes() == {"talk": 5}
    press(app, pygame.K_BACKSPACE)
    assert screen.tally.votes() == {"talk": 4}
    plus = [b for b in screen._ring if getattr(b, "text", "") == "+"][0]  # noqa: SLF001
    click(app, plus)
    assert screen.tally.votes() == {"talk": 5} and "Choice 1 wins" in texts(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, OutcomeScreen)
    assert "The class voted: 1 \u2014 5 hands" in texts(app)
    session = app.context.session
    assert session is not None and dict(session.decisions[0].votes or {}) == {"talk": 5}
    while not isinstance(app.screen, TurnScreen) or app.screen.turn.id != "third":
        press(app, pygame.K_1 if isinstance(app.screen, TurnScreen) else pygame.K_RETURN)
    press(app, pygame.K_1)  # the last turn: a tie
    for key in (pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_1):
        press(app, key)
    assert "A tie between 1, 2: 2 hands each." in texts(app) and "Choice 1 wins" in texts(app)
    press(app, pygame.K_RETURN)
    assert app.context.session.decisions[-1].picks["negotiator"] == "sign"  # type: ignore[union-attr]
    while not isinstance(app.screen, EndingScreen):
        press(app, pygame.K_RETURN)
    branches = app.context.branches
    assert branches is not None
    handout = report.render(report.build(branches), "md")
    assert "The class voted: Talk. 5" in handout and "Sign. 2, Refuse. 2" in handout


def test_two_teams_can_vote_too_each_on_its_own_choices(data_dir: Path) -> None:
    app = open_app(vote=True, teams=True, team_names=("Reds", "Blues"))
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):  # to the first handover
        press(app, key)
    press(app, pygame.K_1)  # the negotiators' vote
    assert isinstance(app.screen, VoteScreen)
    for key in (pygame.K_1, pygame.K_1, pygame.K_RETURN, pygame.K_RETURN, pygame.K_2, pygame.K_2):
        press(app, key)  # two hands for Talk; go; the commanders take the screen; choose; a hand for Stay
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    decision = app.context.session.decisions[0]  # type: ignore[union-attr]
    assert dict(decision.votes or {}) == {
        "negotiator:talk": 2,
        "commander:march": 0,
        "commander:stay": 2,
    }
    assert dict(decision.by) == {"negotiator": "Reds", "commander": "Blues"}


def test_the_teachers_notes_show_only_while_t_is_held(tmp_path: Path) -> None:
    app = open_app(scenarios=with_teacher_notes(tmp_path))
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    screen = app.screen
    assert isinstance(screen, TurnScreen)
    assert "railway" not in texts(app), "never on the projected screen by themselves"
    hold(app, pygame.K_t)
    assert screen.popup is not None and screen.popup.kind == "notes"
    assert "The railway mattered." in texts(app) and "Who held the railway?" in texts(app)
    settle(app, 5)
    assert "railway" in texts(app)  # still there while the key is down
    release(app, pygame.K_t)
    assert screen.popup is None and "railway" not in texts(app)
    assert app.screen is screen and not app.context.session.decisions  # type: ignore[union-attr]


def test_presenter_mode_opens_the_notes_in_a_window_of_their_own(tmp_path: Path) -> None:
    app = open_app(scenarios=with_teacher_notes(tmp_path), presenter=True)
    presenter = app.presenter
    assert presenter is not None
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    assert presenter.turn is not None and presenter.turn.id == "first"
    assert "railway" not in texts(app)  # the game's own window stays as it was
    drawn = presenter.window.get_surface()
    colours = {tuple(drawn.get_at((x, y))) for x in range(0, drawn.get_width(), 13) for y in range(0, 200, 7)}
    assert len(colours) > 3, "the notes' window shows something"
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE, window=presenter.window))
    settle(app)
    assert app.presenter is None and app.exit_code is None  # closing the notes does not end the game
