"""The look of the window: colours, type sizes and the pygame_gui theme, scaled to the window.

The theme files in `assets/` are pygame_gui themes with one extra block, `game`,
that holds what pygame_gui does not know about: the palette for our own drawing
(map, backdrop), the named type sizes used in text markup, and the spacing unit.
Sizes in the files are for a 1280x720 window; the whole interface scales with
the window so that the layout looks the same at 1920x1080 or on a projector.

This module imports pygame_gui only when a UI manager is asked for, so the first
frame of the title can be drawn before that import (see `app.py`).

A font file that is missing or cannot be read never stops the game: pygame's own
font is used instead (for our drawing and for the widgets), and the window says
so quietly (game.faults.notices(), shown on the title).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import faults
from game.paths import ASSETS

if TYPE_CHECKING:
    from pygame_gui import UIManager

BASE_SIZE = (1280, 720)
MODES = {"normal": "theme.json", "projector": "theme-projector.json"}
STYLES = ("regular", "bold", "italic", "bold_italic")
# Theme "misc" entries that are lengths, and so grow with the window.
_LENGTHS = ("padding", "shape_corner_radius", "text_horiz_alignment_padding", "rect_width")


def ui_scale(size: tuple[int, int]) -> float:
    """How much bigger than 1280x720 the interface is drawn, in steps of 1/20.

    Rounded so that small resizes keep the same fonts (and so reuse the UI manager).
    """
    raw = min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1])
    return round(max(0.7, min(raw, 3.0)) * 20) / 20


@cache
def _read(mode: str) -> dict[str, Any]:
    with (ASSETS / MODES[mode]).open(encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


@dataclass
class Theme:
    """One mode (normal or projector) at one scale."""

    mode: str
    scale: float
    game: dict[str, Any] = field(repr=False)
    gui: dict[str, Any] = field(repr=False)
    _fonts: dict[tuple[str, int], pygame.font.Font] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, mode: str, window: tuple[int, int]) -> Theme:
        data = copy.deepcopy(_read(mode))
        game = data.pop("game")
        scale = ui_scale(window)
        paths = {style: font_file(game["fonts"][style]) for style in STYLES}
        for block in data.values():
            _scale_block(block, scale, paths)
        return cls(mode, scale, game, data)

    @property
    def projector(self) -> bool:
        return self.mode == "projector"

    # --- sizes ---------------------------------------------------------------------------

    def px(self, name: str) -> int:
        """A named type size ('display', 'h1', 'h2', 'body', 'small') in pixels."""
        return round(self.game["type"][name] * self.scale)

    def space(self, times: float = 1.0) -> int:
        """The spacing unit, scaled."""
        return round(self.game["space"] * self.scale * times)

    def line_width(self) -> int:
        return max(1, round(self.game["line"] * self.scale))

    # --- colours -------------------------------------------------------------------------

    def colour(self, name: str) -> pygame.Color:
        return pygame.Color(self.game["colours"][name])

    def hex(self, name: str) -> str:
        """A palette colour as '#rrggbb', for text markup."""
        return str(self.game["colours"][name])[:7]

    # --- fonts for our own drawing (map, backdrop) -----------------------------------------

    def font(self, size: int, style: str = "regular") -> pygame.font.Font:
        key = (style, size)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(font_file(self.game["fonts"][style]), size)
        return self._fonts[key]

    def text_font(self, name: str, style: str = "regular") -> pygame.font.Font:
        return self.font(self.px(name), style)

    # --- pygame_gui ----------------------------------------------------------------------

    def manager(self, window: tuple[int, int]) -> UIManager:
        """A UI manager with this theme, its fonts loaded before first use."""
        import pygame_gui  # deferred: see the module docstring

        manager = pygame_gui.UIManager(window, self.gui, enable_live_theme_updates=False)
        name = self.game["fonts"]["name"]
        fonts = [
            {"name": name, "point_size": self.px(size), "style": style}
            for size in self.game["type"]
            for style in STYLES
        ]
        manager.preload_fonts(fonts)
        return manager


def default_font_file() -> str:
    """pygame's own font, shipped inside pygame: what we fall back on."""
    return str(Path(pygame.__file__).parent / pygame.font.get_default_font())


@cache
def font_file(relative: str) -> str:
    """The file of one of the theme's fonts, or pygame's own if it cannot be loaded (said once)."""
    path = ASSETS / relative

    def load() -> str:
        pygame.font.init()  # harmless if done; a check before the window opened must not fail for that
        pygame.font.Font(path, 12)  # raises on a missing, unreadable or damaged file
        return str(path)

    # in English, as the rest of game.faults' notice ("Could not load the font ...; using a plain one")
    return faults.fallback(load, default_font_file, f"the font {path.name}")


def _scale_block(block: dict[str, Any], scale: float, paths: dict[str, str]) -> None:
    """Scale one theme block's sizes and point its fonts at our font files, in place."""
    font = block.get("font")
    if isinstance(font, dict):
        font["size"] = str(round(float(font["size"]) * scale))
        for style, path in paths.items():
            font[f"{style}_path"] = path
    misc = block.get("misc", {})
    for key in _LENGTHS:
        if key in misc:
            parts = [str(round(float(part) * scale)) for part in str(misc[key]).split(",")]
            misc[key] = ",".join(parts)
