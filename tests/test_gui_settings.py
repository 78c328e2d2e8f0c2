"""Settings in the window: chosen on the settings screen, used at once, kept for the next run;
projector mode is the projector type size; the colour-blind palette reaches the map and the
charts; and the window speaks Russian (every word of its own, in fonts that have the letters)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from guikit import DATA, button, click, elements, open_app, overflowing, press, texts
from pygame_gui.elements import UIButton, UILabel

from game import i18n
from game.engine.session import Session
from game.scenario.loader import load
from game.settings import PALETTES, load_settings
from game.ui.present import debrief
from game.ui.pygame import chart, mapview
from game.ui.pygame.app import App
from game.ui.pygame.room import Room
from game.ui.pygame.settings_screen import SettingsScreen
from game.ui.pygame.theme import Theme


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is the process's: leave it as the other tests expect it."""
    yield
    i18n.set_language("en")


def settings_screen(app: App) -> SettingsScreen:
    click(app, button(app, i18n._("Settings")))
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


def test_settings_chosen_in_the_window_apply_at_once_and_survive_a_restart(data_dir: Path) -> None:
    app = open_app()
    settings_screen(app)
    click(app, button(app, "Large"))
    assert app.theme.mode == "large" and app.theme.px("body") > Theme.load("normal", (1280, 720)).px("body")
    click(app, button(app, "Colour-blind safe"))
    assert app.theme.palette == "colour-blind"
    click(app, button(app, "On"))
    click(app, button(app, "Русский"))
    assert i18n.language() == "ru" and "Настройки" in texts(app)  # laid out again at once, in Russian
    assert not overflowing(app)
    press(app, pygame.K_ESCAPE)
    assert "Начать" in texts(app)  # the title below, in Russian too

    kept = load_settings().settings
    assert (kept.type_size, kept.theme, kept.vote, kept.language) == ("large", "colour-blind", True, "ru")
    i18n.set_language("en")
    again = open_app()  # the next lesson
    assert again.theme.mode == "large" and again.theme.palette == "colour-blind"
    assert again.context.room.vote and i18n.language() == "ru" and "Начать" in texts(again)


def test_projector_mode_is_the_projector_type_size(data_dir: Path) -> None:
    app = open_app()
    settings_screen(app)
    click(app, button(app, "Large"))
    press(app, pygame.K_F5)
    assert app.theme.projector and app.context.room.type_size == "projector"
    assert load_settings().settings.type_size == "projector"
    assert button(app, "Projector").object_ids[-1] == "#primary"  # the settings screen says so too
    press(app, pygame.K_F5)  # back to the size used before
    assert app.theme.mode == "large" and load_settings().settings.type_size == "large"


def test_command_line_flags_last_for_the_run_only(data_dir: Path) -> None:
    app = open_app(projector=True, vote=True, language="ru")
    room = app.context.room
    assert room.projector and room.vote and i18n.language() == "ru"
    assert not (data_dir / "settings.json").exists()  # nothing written for a flag
    i18n.set_language("en")
    plain = open_app()
    assert not plain.context.room.projector and not plain.context.room.vote and i18n.language() == "en"


def test_a_room_keeps_changes_and_says_when_it_cannot(data_dir: Path) -> None:
    room = Room.start({"vote": True})
    assert room.vote and not room.kept.vote
    room.change("vote", False)
    assert not room.vote and load_settings().settings.vote is False
    (data_dir / "settings.json").unlink()
    (data_dir / "settings.json").mkdir()  # cannot be written now
    room.change("theme", "high-contrast")
    assert room.theme == "high-contrast" and room.take_problems()


# --- the colour-blind palette -----------------------------------------------------------------


def colours_in(surface: pygame.Surface) -> set[tuple[int, int, int]]:
    width, height = surface.get_size()
    return {tuple(surface.get_at((x, y)))[:3] for x in range(0, width, 3) for y in range(0, height, 3)}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    colour = pygame.Color(hex_colour)
    return colour.r, colour.g, colour.b


def test_the_colour_blind_palette_reaches_the_map_and_the_chart() -> None:
    palette = PALETTES["colour-blind"]
    normal = Theme.load("normal", (1280, 720))
    safe = Theme.load("normal", (1280, 720), "colour-blind")
    assert safe.colour("good") != normal.colour("good")  # no green-against-orange for "as history"
    view = mapview.view_for([(64.55, 39.72)], 1.5)
    pins = [mapview.Pin("Kagan", (64.55, 39.72), here=True)]
    drawn = colours_in(mapview.render(safe, (300, 200), view, pins))
    assert rgb(palette.map_land) in drawn and rgb(palette.map_highlight) in drawn
    assert rgb(palette.map_land) not in colours_in(mapview.render(normal, (300, 200), view, pins))

    scenario = load(DATA / "small.yaml")
    session = Session.start(scenario, 1, ["negotiator"])
    for pick in ("talk", None, "sign"):
        result = session.decide({"negotiator": pick} if pick else {})
        assert isinstance(result, Session)
        session = result
    plotted = colours_in(chart.render(safe, (600, 300), debrief(session)))
    assert rgb(palette.series[0]) in plotted and rgb(palette.series[1]) in plotted
    assert rgb(palette.background) in plotted  # the palette's own ground under the lines


def test_every_type_size_and_theme_loads_and_large_is_larger() -> None:
    for size in ("normal", "large", "projector"):
        for theme in PALETTES:
            loaded = Theme.load(size, (1280, 720), theme)
            assert loaded.mode == size and loaded.palette == theme
    normal, large = Theme.load("normal", (1280, 720)), Theme.load("large", (1280, 720))
    assert large.px("body") >= 1.25 * normal.px("body")
    contrast = Theme.load("normal", (1280, 720), "high-contrast")
    assert contrast.colour("background") == Theme.load("projector", (1280, 720)).colour("background")
    assert contrast.px("body") == normal.px("body")


# --- Russian ------------------------------------------------------------------------------------

LATIN = re.compile(r"[A-Za-z]{2,}")
KEYS = {"Enter", "Esc", "Tab", "Backspace", "PageUp", "PageDown", "F5", "F11", "English"}  # named as on keys


def english_left(app: App, allowed: set[str]) -> list[str]:
    """Labels and buttons that still show English words (other than keys' names and the scenario's
    own text, which has no Russian version in the test scenario)."""
    found = []
    for element in elements(app):
        if isinstance(element, (UILabel, UIButton)) and element.text:
            words = set(LATIN.findall(element.text)) - KEYS
            if words and not words <= allowed:
                found.append(element.text)
    return found


def test_every_screen_of_the_window_speaks_russian(data_dir: Path) -> None:
    app = open_app(language="ru", vote=True)
    source = (DATA / "small.yaml").read_text(encoding="utf-8")  # the scenario's own words, in English only
    allowed = {word for word in LATIN.findall(source)} | {word.upper() for word in LATIN.findall(source)}
    seen = []

    def check() -> None:
        assert not english_left(app, allowed), f"{app.screen.name}: {english_left(app, allowed)}"
        assert not overflowing(app), f"{app.screen.name}: {overflowing(app)}"
        seen.append(app.screen.name)

    check()
    for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_3, pygame.K_RETURN):  # to two teams' names
        press(app, key)
        check()
    press(app, pygame.K_ESCAPE)  # back to the roles
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    check()
    while app.screen.name != "ending":
        if app.screen.name.startswith("vote"):
            press(app, pygame.K_1)  # a hand for the first choice
        press(app, pygame.K_1 if app.screen.name.startswith("turn") else pygame.K_RETURN)
        check()
        assert len(seen) < 40
    for key in (pygame.K_g, pygame.K_ESCAPE, pygame.K_ESCAPE):
        press(app, key)
        check()
    assert {"title", "team-names", "turn-1", "vote-1", "history-1", "ending", "glossary", "menu"} <= set(seen)


def test_the_fonts_have_the_cyrillic_letters_and_the_marks_the_window_uses() -> None:
    """Every letter drawn as itself, not as the font's box for a missing letter."""
    pygame.font.init()
    theme = Theme.load("normal", (1280, 720))
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»–—…·\u00bb"
    for style in ("regular", "bold", "italic", "bold_italic"):
        font = theme.text_font("body", style)
        missing = pygame.image.tobytes(
            font.render("\u4e2d", True, (255, 255, 255)), "RGBA"
        )  # not in the font
        for letter in letters:
            drawn = pygame.image.tobytes(font.render(letter, True, (255, 255, 255)), "RGBA")
            assert drawn != missing, f"{letter!r} is missing from the {style} font"
