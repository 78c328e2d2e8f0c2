"""Playing the window through, as a player would: keyboard only, then mouse only."""

from __future__ import annotations

import pygame
from guikit import button, click, open_app, press, texts

from game.engine.policies import historical
from game.ui.pygame.autoplay import DIGITS
from game.ui.pygame.ending import EndingScreen
from game.ui.pygame.history import HistoryScreen
from game.ui.pygame.menu import MenuScreen
from game.ui.pygame.outcome import OutcomeScreen
from game.ui.pygame.role_select import RoleSelectScreen
from game.ui.pygame.scenario_select import ScenarioSelectScreen
from game.ui.pygame.title import TitleScreen
from game.ui.pygame.turn import TurnScreen


def test_a_whole_scenario_with_the_keyboard_alone() -> None:
    app = open_app()
    assert isinstance(app.screen, TitleScreen)
    press(app, pygame.K_RETURN)  # Begin has the focus
    assert isinstance(app.screen, ScenarioSelectScreen)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, RoleSelectScreen)
    press(app, pygame.K_DOWN)  # to the commander...
    press(app, pygame.K_UP)  # ...and back to the negotiator
    press(app, pygame.K_RETURN)
    seen = []
    while not isinstance(app.screen, EndingScreen):
        screen = app.screen
        seen.append(type(screen).__name__)
        if isinstance(screen, TurnScreen):
            session = screen.session
            if screen.must_choose:
                choice = historical(session.scenario, session.state, "negotiator", None)  # type: ignore[arg-type]
                number = next(o.number for o in screen.options if o.choice.id == choice)
                press(app, DIGITS[number - 1])
            else:
                press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_RETURN)
        assert app.screen is not screen, f"the key did nothing on {screen.name}"
        assert len(seen) < 40
    session = app.context.session
    assert session is not None and session.state.finished
    assert session.state.ending == "peace"  # history's way in small.yaml
    assert seen[:3] == ["TurnScreen", "OutcomeScreen", "HistoryScreen"]
    assert "matched history on 2 of 2" in texts(app)


def test_a_whole_scenario_with_the_mouse_alone() -> None:
    app = open_app()
    click(app, button(app, "Begin"))
    assert isinstance(app.screen, ScenarioSelectScreen)
    click(app, button(app, "Play this scenario"))
    assert isinstance(app.screen, RoleSelectScreen)
    click(app, app.screen.cards[1].hit)  # the commander's card
    click(app, button(app, "Begin as the commander"))
    assert isinstance(app.screen, TurnScreen) and app.context.role == "commander"
    steps = 0
    while not isinstance(app.screen, EndingScreen):
        screen = app.screen
        if isinstance(screen, TurnScreen):
            last = len(screen.cards) - 1  # the last choice: away from history's, to see another path
            click(app, screen.cards[last].hit)
        elif isinstance(screen, OutcomeScreen):
            click(app, button(app, "What really happened"))
        elif isinstance(screen, HistoryScreen):
            forward = "See how it ended" if screen.session.state.finished else "Next turn"
            click(app, button(app, forward))
        assert app.screen is not screen, f"the click did nothing on {screen.name}"
        steps += 1
        assert steps < 40
    assert "ANOTHER WAY" in texts(app)
    click(app, button(app, "Quit"))
    assert app.exit_code == 0


def test_a_closed_choice_shows_why_and_does_not_play() -> None:
    app = open_app()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    screen = app.screen
    assert isinstance(screen, TurnScreen)
    closed = next(option for option in screen.options if not option.available)
    assert "Too few men" in (screen.cards[closed.number - 1].hit.tool_tip_text or "")
    assert screen.note_box is not None and not screen.note_box.visible
    press(app, DIGITS[closed.number - 1])
    assert app.screen is screen and not screen.session.decisions
    assert screen.note_box.visible and "Too few men" in screen.note_box.html_text
    click(app, screen.cards[0].hit)  # the open choice plays
    assert isinstance(app.screen, OutcomeScreen)


def test_backspace_takes_back_the_last_decision() -> None:
    app = open_app()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    first = app.screen
    assert isinstance(first, TurnScreen)
    press(app, pygame.K_BACKSPACE)  # nothing to undo yet: it says so, and stays
    assert app.screen is first and "nothing to undo" in (first.note or "")
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)  # to the history
    press(app, pygame.K_RETURN)  # to turn 2
    assert isinstance(app.screen, TurnScreen) and len(app.screen.session.decisions) == 1
    press(app, pygame.K_BACKSPACE)
    assert isinstance(app.screen, TurnScreen)
    assert app.screen.turn.id == "first" and not app.screen.session.decisions
    assert "took back" in (app.screen.note or "")


def test_escape_opens_the_menu_which_resumes_restarts_and_leaves() -> None:
    app = open_app()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN, pygame.K_1):
        press(app, key)
    assert isinstance(app.screen, OutcomeScreen)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MenuScreen)
    press(app, pygame.K_ESCAPE)  # Esc again resumes
    assert isinstance(app.screen, OutcomeScreen)
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Restart this scenario"))
    assert isinstance(app.screen, TurnScreen) and not app.screen.session.decisions
    assert len(app.stack) == 1
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Back to the title"))
    assert isinstance(app.screen, TitleScreen) and app.context.session is None
    press(app, pygame.K_ESCAPE)
    click(app, button(app, "Quit the game"))
    assert app.exit_code == 0


def test_the_window_autosaves_and_the_title_offers_to_continue() -> None:
    app = open_app()
    assert "Continue" not in texts(app)  # nothing saved yet (each test has its own data folder)
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN, pygame.K_1):
        press(app, key)
    assert isinstance(app.screen, OutcomeScreen)
    again = open_app()  # the next lesson
    assert "Continue" in texts(again) and "A Small Test" in texts(again)
    press(again, pygame.K_RETURN)  # Continue has the focus
    screen = again.screen
    assert isinstance(screen, TurnScreen)
    assert len(screen.session.decisions) == 1 and screen.turn.id == "second"
