"""Scripted play through the real window: a policy plays, as a player would, by key presses.

Each screen is saved as a numbered PNG once it has been drawn (01-title.png,
02-scenario-select.png, ...), then the autoplayer posts the keys a player would
press there. The game ends (exit code 0) when the ending has been shown.

It plays the classroom too: with --teams both roles (each team takes the screen
at its handover), with --vote a show of hands (a few hands for the policy's choice,
one for another), so the screens a class sees can be looked at.
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from game.engine.policies import POLICIES
from game.engine.rules import Option
from game.engine.session import Session
from game.scenario.model import Role
from game.ui.pygame.ending import EndingScreen
from game.ui.pygame.handover import HandoverScreen
from game.ui.pygame.history import HistoryScreen
from game.ui.pygame.menu import MenuScreen
from game.ui.pygame.outcome import OutcomeScreen
from game.ui.pygame.role_select import RoleSelectScreen
from game.ui.pygame.scenario_select import ScenarioSelectScreen
from game.ui.pygame.screen import Options, Quit, Screen, Transition
from game.ui.pygame.team_names import TeamNamesScreen
from game.ui.pygame.title import TitleScreen
from game.ui.pygame.turn import TurnScreen
from game.ui.pygame.vote import VoteScreen

DIGITS = [
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_5,
    pygame.K_6,
    pygame.K_7,
    pygame.K_8,
    pygame.K_9,
]


def press(key: int) -> None:
    """Queue a key press, exactly as the keyboard would deliver it."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))


class Autoplayer:
    def __init__(self, policy: str, options: Options) -> None:
        self.policy = POLICIES[policy]
        self.rng = random.Random(options.seed if options.seed is not None else 0)
        self.folder: Path | None = options.screenshot_dir
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.saved: list[Path] = []

    def shown(self, screen: Screen, surface: pygame.Surface, number: int) -> None:
        if self.folder is not None:
            path = self.folder / f"{number:02d}-{screen.name}.png"
            pygame.image.save(surface, path)
            self.saved.append(path)

    def act(self, screen: Screen) -> Transition | None:
        """Press the keys for this screen; at the ending, stop."""
        if isinstance(screen, EndingScreen):
            return Quit(0)
        if isinstance(screen, MenuScreen):
            press(pygame.K_ESCAPE)
        elif isinstance(screen, (ScenarioSelectScreen, RoleSelectScreen)):
            self._pick(screen.selected)  # already the one asked for on the command line
        elif isinstance(screen, TurnScreen):
            self._turn(screen)
        elif isinstance(screen, VoteScreen):
            self._vote(screen)
        elif isinstance(screen, TeamNamesScreen):
            return screen.begin()
        elif isinstance(screen, (TitleScreen, OutcomeScreen, HistoryScreen, HandoverScreen)):
            press(pygame.K_RETURN)  # the way forward has the focus
        return None

    def _pick(self, index: int) -> None:
        if index < len(DIGITS):
            press(DIGITS[index])
        press(pygame.K_RETURN)

    def _turn(self, screen: TurnScreen) -> None:
        if not screen.must_choose:
            press(pygame.K_1)
            return
        press(DIGITS[self._number(screen.session, screen.role, screen.options) - 1])

    def _number(self, session: Session, role: Role, offered: list[Option]) -> int:
        """The number of the choice the policy takes."""
        choice = self.policy(session.scenario, session.state, role, self.rng)
        return next(option.number for option in offered if option.choice.id == choice)

    def _vote(self, screen: VoteScreen) -> None:
        """A show of hands: most for the policy's choice, one for another open one; then go with it."""
        number = self._number(screen.session, screen.role, screen.options)
        for _hand in range(self.rng.randint(3, 9)):
            press(DIGITS[number - 1])
        others = [o.number for o in screen.options if o.available and o.number != number]
        if others:
            press(DIGITS[self.rng.choice(others) - 1])
        press(pygame.K_RETURN)
