"""The window under 20,000 frames of random input: it must never crash.

The events go through the window's own queue and loop (`App.step`), as a
player's would. Random clicks, drags, wheel turns, keys, typed text (including control
characters and far-away Unicode), resizes and focus changes are fed in, seeded
so a failure replays. When the app quits (say, Escape then a confirm), a new
one is started and the monkey goes on.
"""

from __future__ import annotations

import os
import random

import pygame

from game.paths import SCENARIOS
from game.ui.pygame.app import App, Options

FRAMES = int(os.environ.get("MONKEY_FRAMES", "20000"))  # MONKEY_SEED=n tries another sequence
SIZE = (1280, 720)
KEYS = [
    pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_TAB, pygame.K_BACKSPACE, pygame.K_UP,
    pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_u,
    pygame.K_h, pygame.K_q, pygame.K_z, pygame.K_F11, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME,
]  # fmt: skip
TEXT = ["1", "a", " ", "\u00e9", "\u0436", "\u4e2d", "\U0001f600", "\x00", "\x1b", "\u202e", "\u200b"]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    position = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    kind = rng.choices(
        ["click", "release", "motion", "wheel", "key", "text", "resize", "focus"],
        weights=[30, 25, 20, 5, 12, 5, 2, 1],
    )[0]
    if kind == "click":
        return pygame.event.Event(
            pygame.MOUSEBUTTONDOWN, pos=position, button=rng.choice([1, 1, 1, 2, 3, 4, 5])
        )
    if kind == "release":
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=position, button=rng.choice([1, 3]))
    if kind == "motion":
        buttons = (rng.random() < 0.2, False, False)
        return pygame.event.Event(
            pygame.MOUSEMOTION, pos=position, rel=(rng.randint(-50, 50), 0), buttons=buttons
        )
    if kind == "wheel":
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)
    if kind == "key":
        key = rng.choice(KEYS)
        return pygame.event.Event(
            pygame.KEYDOWN, key=key, mod=rng.choice([0, 0, pygame.KMOD_SHIFT]), unicode=""
        )
    if kind == "text":
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXT))
    if kind == "resize":
        width, height = rng.choice([(640, 480), (800, 600), (1920, 1080), (320, 200), (1280, 720)])
        return pygame.event.Event(pygame.VIDEORESIZE, size=(width, height), w=width, h=height)
    return pygame.event.Event(pygame.WINDOWFOCUSLOST)


class Unhurried:
    """A clock that never waits: the monkey's frames come as fast as the machine allows."""

    def tick(self, framerate: float = 0) -> int:
        return 0


def new_app(options: Options) -> App:
    app = App(pygame.display.set_mode(SIZE, pygame.RESIZABLE), options)
    app.clock = Unhurried()  # type: ignore[assignment]
    return app


def test_the_window_survives_random_input() -> None:
    seed = int(os.environ.get("MONKEY_SEED", "1"))
    rng = random.Random(seed)
    options = Options(scenarios=SCENARIOS, size=SIZE)
    pygame.init()
    try:
        app = new_app(options)
        for frame in range(FRAMES):
            events = [random_event(rng, SIZE) for _ in range(rng.choice([0, 0, 1, 1, 2, 5]))]
            pygame.event.get()  # the queue emptied: clear() would leak the attributes of events posted by pygame_gui
            for event in events:
                pygame.event.post(event)
            app.step()  # the window catches its own errors (a crash report and one line): look for one
            if app.failure is not None:
                error = app.failure
                raise AssertionError(f"seed {seed}, frame {frame}: {error!r} after {events!r}") from error
            if app.exit_code is not None:  # the monkey quit the game: start another
                app = new_app(options)
    finally:
        pygame.quit()
