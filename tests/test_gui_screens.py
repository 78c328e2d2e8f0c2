"""Every screen draws, fits its window at any size, and grows its type in projector mode."""

from __future__ import annotations

import pygame
import pytest
from guikit import button, elements, open_app, overflowing, press, settle, texts
from pygame_gui.elements import UIImage, UILabel

from game.ui.pygame.app import App
from game.ui.pygame.theme import Theme

SIZES = [(1280, 720), (1920, 1080), (800, 450), (1024, 768)]


def walk(app: App) -> list[str]:
    """Go from the title to the ending (and open the menu), checking each screen on the way."""
    seen = []

    def check() -> None:
        surface = app.surface
        colours = {
            tuple(surface.get_at((x, y)))
            for x in range(0, surface.get_width(), 37)
            for y in range(0, surface.get_height(), 29)
        }
        assert len(colours) > 4, f"{app.screen.name} looks blank"
        assert not overflowing(app), f"{app.screen.name}: {overflowing(app)}"
        seen.append(app.screen.name)

    check()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
        check()
    while app.screen.name != "ending":
        press(app, pygame.K_1 if app.screen.name.startswith("turn") else pygame.K_RETURN)
        check()
        assert len(seen) < 30
    press(app, pygame.K_ESCAPE)
    check()
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_screen_draws_and_fits(size: tuple[int, int]) -> None:
    seen = walk(open_app(size))
    assert seen[:4] == ["title", "scenario-select", "role-select", "turn-1"]
    assert {"outcome-1", "history-1", "ending", "menu"} <= set(seen)


def test_every_screen_fits_in_projector_mode_too() -> None:
    seen = walk(open_app((1280, 720), projector=True))
    assert "ending" in seen


def test_resizing_lays_the_screen_out_again() -> None:
    app = open_app((1280, 720))
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    before = app.screen.situation.rect.copy()  # type: ignore[attr-defined]
    screen = app.screen
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    settle(app)
    assert app.surface.get_size() == (1920, 1080)
    assert app.screen is screen  # the same turn, laid out again
    after = app.screen.situation.rect  # type: ignore[attr-defined]
    assert after.width > before.width * 1.3 and after.height > before.height * 1.3
    assert not overflowing(app)
    # not stretched: the map is drawn for its new size, not scaled up
    images = [e for e in elements(app) if isinstance(e, UIImage)]
    assert images and all(image.image.get_size() == image.rect.size for image in images)


def test_projector_mode_makes_text_at_least_one_and_six_tenths_larger() -> None:
    for size in ((1280, 720), (1920, 1080)):
        normal, projector = Theme.load("normal", size), Theme.load("projector", size)
        for name in ("display", "h1", "h2", "body", "small"):
            assert projector.px(name) >= 1.6 * normal.px(name) - 1, name
    # and in the window: F5 switches it on, and the situation's text is drawn larger
    app = open_app((1920, 1080))
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    row = app.screen.situation.text_box_layout.layout_rows[0].height  # type: ignore[attr-defined]
    press(app, pygame.K_F5)
    assert app.theme.projector and app.context.room.type_size == "projector"  # the type-size setting
    bigger = app.screen.situation.text_box_layout.layout_rows[0].height  # type: ignore[attr-defined]
    assert bigger >= 1.6 * row - 1
    press(app, pygame.K_F5)
    assert not app.theme.projector


def test_the_title_shows_the_game_and_the_way_in() -> None:
    app = open_app()
    shown = texts(app)
    assert "Begin" in shown and "Quit" in shown
    assert button(app, "Begin").is_selected  # the keyboard focus starts on the way in


def test_the_turn_shows_date_place_variables_and_numbered_choices() -> None:
    app = open_app()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)
    shown = texts(app)
    for expected in (
        "1 March 1918",
        "Kagan",
        "First",
        "You wait.",
        "Troops",
        "Resolve",
        "600",
        "Talk.",
        "Threaten.",
    ):
        assert expected in shown
    keys = [e.text for e in elements(app) if isinstance(e, UILabel) and e.text in ("1", "2")]
    assert sorted(keys) == ["1", "2"]


def test_f11_goes_full_screen_and_back() -> None:
    app = open_app((1280, 720))
    press(app, pygame.K_F11)
    assert app.context.settings["fullscreen"]
    assert not overflowing(app)
    press(app, pygame.K_F11)
    assert not app.context.settings["fullscreen"] and app.surface.get_size() == (1280, 720)
