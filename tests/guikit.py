"""Driving the game window in tests: open it on the dummy video driver, press keys, click
buttons, and look at what is on the screen. Shared by the test_gui_* modules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from pygame_gui.core import UIElement  # noqa: E402
from pygame_gui.elements import UIButton, UILabel, UITextBox  # noqa: E402

from game.ui.pygame.app import App, open_window  # noqa: E402
from game.ui.pygame.screen import Options, Screen  # noqa: E402

DATA = Path(__file__).parent / "data"


def open_app(
    size: tuple[int, int] = (1280, 720), projector: bool = False, scenarios: Path = DATA, **options: object
) -> App:
    chosen = Options(scenarios=scenarios, size=size, projector=projector, seed=7, **options)  # type: ignore[arg-type]
    surface = open_window(chosen)
    pygame.event.get()  # nothing left over from an earlier test (not clear(): it leaks posted events' attributes)
    app = App(surface, chosen)
    settle(app, 1)
    return app


def settle(app: App, frames: int = 3) -> None:
    for _ in range(frames):
        app.step()
        if app.failure is not None:  # the window caught it (and showed its one line): the test must fail
            raise app.failure


def press(app: App, key: int, mod: int = 0) -> None:
    """A key press, delivered through the event queue as the keyboard would."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    settle(app)


def click(app: App, element: UIElement) -> None:
    """A left click in the middle of what is visible of `element`."""
    visible = element.rect.clip(pygame.Rect((0, 0), app.surface.get_size()))
    assert visible.width > 0 and visible.height > 0, f"{element} is off the screen"
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        if kind == pygame.MOUSEMOTION:
            event = pygame.event.Event(kind, pos=visible.center, rel=(0, 0), buttons=(0, 0, 0))
        else:
            event = pygame.event.Event(kind, pos=visible.center, button=1)
        pygame.event.post(event)
    settle(app)


def elements(app: App) -> Iterator[UIElement]:
    """Every visible widget of the current screen."""
    for sprite in app.manager.get_sprite_group().sprites():
        if (
            isinstance(sprite, UIElement)
            and sprite.visible
            and sprite is not app.manager.get_root_container()
        ):
            yield sprite


def buttons(app: App) -> list[UIButton]:
    return [element for element in elements(app) if isinstance(element, UIButton) and element.text]


def button(app: App, text: str) -> UIButton:
    found = [element for element in buttons(app) if element.text.startswith(text)]
    assert found, f"no button {text!r} on {app.screen.name}: {[b.text for b in buttons(app)]}"
    return found[0]


def texts(app: App) -> str:
    """All the words on the screen (labels, buttons, text boxes), for asserting what is shown."""
    words = []
    for element in elements(app):
        if isinstance(element, UITextBox):
            words.append(element.html_text)
        elif isinstance(element, (UILabel, UIButton)):
            words.append(element.text)
    return "\n".join(words)


def screen(app: App) -> Screen:
    return app.screen


def overflowing(app: App) -> list[str]:
    """Widgets whose one-line text is wider than the widget, or that stick out of the window."""
    window = pygame.Rect((0, 0), app.surface.get_size())
    problems = []
    for element in elements(app):
        if element.rect.width == 0 or element.rect.height == 0:
            continue  # a scroll bar folded away because nothing needs scrolling
        if element.ui_container is app.manager.get_root_container() and not window.contains(element.rect):
            problems.append(f"{type(element).__name__} at {element.rect} is outside {window}")
        if isinstance(element, (UILabel, UIButton)) and element.text:
            width = element.font.size(element.text)[0]
            if width > element.rect.width:
                problems.append(f"{element.text!r} is {width}px wide in {element.rect.width}px")
    return problems


def type_text(app: App, text: str) -> None:
    """Typing, as the keyboard delivers it to a text field."""
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    settle(app)


def hold(app: App, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    settle(app)


def release(app: App, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    settle(app)


def click_at(app: App, position: tuple[int, int]) -> None:
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        if kind == pygame.MOUSEMOTION:
            event = pygame.event.Event(kind, pos=position, rel=(0, 0), buttons=(0, 0, 0))
        else:
            event = pygame.event.Event(kind, pos=position, button=1)
        pygame.event.post(event)
    settle(app)


def click_link(app: App, box: UITextBox, target: str | None = None) -> str:
    """Click a link in a text box (the first, or the one to `target`); returns where it leads."""
    chunks = [chunk for chunk in box.link_hover_chunks if target is None or chunk.href == target]
    assert chunks, f"no link {target!r} in the box"
    left, top = box._calculate_hyperlinks_offsets()  # noqa: SLF001 - where pygame_gui draws the links
    chunk = chunks[0]
    click_at(app, (left + chunk.x + chunk.size[0] // 2, top + chunk.y + chunk.size[1] // 2))
    return str(chunk.href)
