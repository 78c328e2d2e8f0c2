"""What keeps the window's memory down: widgets freed on a change of screen, and
pygame_gui's theming ids remembered under short keys (game/ui/pygame/gui_manager.py)."""

from __future__ import annotations

import gc
import weakref

import pygame
from guikit import open_app, press
from pygame_gui.core import UIAppearanceTheme, UIElement

from game.ui.pygame.gui_manager import CompactIdTheme
from game.ui.pygame.title import TitleScreen
from game.ui.pygame.turn import TurnScreen


def elements(app: object) -> list[UIElement]:
    return list(app.manager.get_sprite_group().sprites())  # type: ignore[attr-defined]


def test_the_compact_theme_gives_every_element_the_ids_pygame_gui_would() -> None:
    app = open_app()
    for _ in range(3):  # Begin, the scenario, the negotiator
        press(app, pygame.K_RETURN)
    assert isinstance(app.screen, TurnScreen)
    theme = app.manager.get_theme()
    assert isinstance(theme, CompactIdTheme)
    plain = UIAppearanceTheme(app.manager.resource_loader, "en")
    deep = [e for e in elements(app) if len(e.element_ids) >= 3]
    assert deep, "the turn screen nests widgets in containers"
    for element in elements(app):
        ids = (element.element_base_ids, element.element_ids, element.class_ids, element.object_ids)
        assert element.combined_element_ids == plain.build_all_combined_ids(*ids)
    assert max(map(len, plain.unique_theming_ids)) > 10_000  # the library's own keys are that long
    assert not theme.unique_theming_ids  # ours keeps none of them


def test_a_screen_left_behind_frees_its_widgets_at_once() -> None:
    gc.disable()  # only the window's own collection may free them
    try:
        app = open_app()
        gone = [weakref.ref(element) for element in elements(app)]
        press(app, pygame.K_RETURN)  # Begin: the title gives way to the scenarios
        assert not isinstance(app.screen, TitleScreen)
        assert all(ref() is None for ref in gone)
    finally:
        gc.enable()
