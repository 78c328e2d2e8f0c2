"""The look of the window: colours, type sizes and the pygame_gui theme, scaled to the window.

The theme files in `assets/` are pygame_gui themes with one extra block, `game`,
that holds what pygame_gui does not know about: the palette for our own drawing
(map, backdrop), the named type sizes used in text markup, and the spacing unit.
Sizes in the files are for a 1280x720 window; the whole interface scales with
the window so that the layout looks the same at 1920x1080 or on a projector.

A look has two parts, as the settings have (game/settings.py): the type size
(`mode`: normal, large or projector) and the colours (`palette`: default,
high-contrast or colour-blind). The projector's file holds its type sizes and its
high-contrast colours; "default" colours at projector size are those high-contrast
ones, since a projector washes anything softer out. "large" is the normal file's
type, 1.3 times larger. The colour-blind palette keeps the window's dark ground but
draws the map and the charts in the settings' Okabe-Ito palette, and says "as
history" and "another way" in blue and orange instead of green and orange.

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
from game.palettes import PALETTES, TYPE_SCALE
from game.paths import ASSETS

if TYPE_CHECKING:
    from pygame_gui import UIManager

BASE_SIZE = (1280, 720)
MODES = {"normal": "theme.json", "projector": "theme-projector.json"}  # the theme files
TYPE_SIZES = ("normal", "large", "projector")  # the settings' type sizes: a theme's `mode`
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
    """One type size (`mode`: normal, large or projector) in one palette, at one scale."""

    mode: str
    scale: float
    game: dict[str, Any] = field(repr=False)
    gui: dict[str, Any] = field(repr=False)
    _fonts: dict[tuple[str, int], pygame.font.Font] = field(default_factory=dict, repr=False)
    palette: str = "default"

    @classmethod
    def load(cls, mode: str, window: tuple[int, int], palette: str = "default") -> Theme:
        mode = mode if mode in TYPE_SIZES else "normal"
        palette = palette if palette in PALETTES else "default"
        data = copy.deepcopy(_read("projector" if mode == "projector" else "normal"))
        if palette == "high-contrast" and mode != "projector":
            _take_colours(data, _read("projector"))
        if palette == "colour-blind":
            _colour_blind(data)
        game = data.pop("game")
        scale = ui_scale(window)
        type_scale = TYPE_SCALE["large"] / TYPE_SCALE["normal"] if mode == "large" else 1.0
        game["type"] = {name: size * type_scale for name, size in game["type"].items()}
        paths = {style: font_file(game["fonts"][style]) for style in STYLES}
        for block in data.values():
            _scale_block(block, scale, paths, type_scale)
        return cls(mode, scale, game, data, palette=palette)

    @property
    def key(self) -> tuple[str, str, float]:
        """What a drawing made for this theme depends on (for the map's cache)."""
        return (self.mode, self.palette, self.scale)

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

    def chart_colour(self, name: str) -> pygame.Color:
        """A colour of the charts ('ground', 'ink', 'muted', 'grid', 'band'): the palette's own
        where it gives the charts one, else the window's."""
        fallback = {"ground": "surface", "ink": "ink", "muted": "muted", "grid": "line", "band": "warn"}
        colours = self.game["colours"]
        return pygame.Color(colours.get(f"chart_{name}", colours[fallback[name]]))

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
        from game.ui.pygame.gui_manager import Manager  # deferred: see the module docstring

        manager = Manager(window, self.gui, enable_live_theme_updates=False)
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


def _scale_block(block: dict[str, Any], scale: float, paths: dict[str, str], type_scale: float = 1.0) -> None:
    """Scale one theme block's sizes and point its fonts at our font files, in place.

    `type_scale` grows the type alone (the large type size), not the spacing.
    """
    font = block.get("font")
    if isinstance(font, dict):
        font["size"] = str(round(float(font["size"]) * scale * type_scale))
        for style, path in paths.items():
            font[f"{style}_path"] = path
    misc = block.get("misc", {})
    for key in _LENGTHS:
        if key in misc:
            parts = [str(round(float(part) * scale)) for part in str(misc[key]).split(",")]
            misc[key] = ",".join(parts)


# --- palettes ------------------------------------------------------------------------------


def _take_colours(data: dict[str, Any], source: dict[str, Any]) -> None:
    """Give `data` the colours of another theme file (its sizes stay), in place."""
    data["game"]["colours"] = copy.deepcopy(source["game"]["colours"])
    data["game"]["chart"] = list(source["game"]["chart"])
    for name, block in data.items():
        if name != "game" and "colours" in source.get(name, {}):
            block["colours"] = copy.deepcopy(source[name]["colours"])


# On the window's dark ground, the Okabe-Ito pair that every common colour-vision
# deficiency tells apart: sky blue for "as history", orange for "another way".
_SAFE_GOOD = "#56b4e9"
_SAFE_WARN = "#e69f00"


def _colour_blind(data: dict[str, Any]) -> None:
    """Swap green/orange for blue/orange everywhere, and draw the map and the charts in the
    settings' colour-blind palette (the chart on that palette's own light ground), in place."""
    palette = PALETTES["colour-blind"]
    colours = data["game"]["colours"]
    swaps = {colours["good"].lower(): _SAFE_GOOD, colours["warn"].lower(): _SAFE_WARN}
    for name, block in data.items():
        if name != "game":
            for key, value in block.get("colours", {}).items():
                block["colours"][key] = swaps.get(str(value).lower(), value)
    colours.update(
        good=_SAFE_GOOD,
        warn=_SAFE_WARN,
        map_land=palette.map_land,
        map_relief=_mix(palette.map_land, palette.muted, 0.12),
        map_water=palette.map_water,
        map_coast=palette.accent,
        map_river=palette.accent,
        map_border=palette.map_border,
        map_place=palette.map_place,
        map_here=palette.map_highlight,
        map_ink=palette.text,
        chart_ground=palette.background,
        chart_ink=palette.text,
        chart_muted=palette.muted,
        chart_grid=_mix(palette.background, palette.muted, 0.35),
        chart_band=palette.diverged,
    )
    data["game"]["chart"] = list(palette.series)


def _mix(one: str, other: str, share: float) -> str:
    """`share` of the way from one colour to the other, as '#rrggbb'."""
    a, b = pygame.Color(one), pygame.Color(other)
    return "#{:02x}{:02x}{:02x}".format(
        *(round(x + (y - x) * share) for x, y in zip(a[:3], b[:3], strict=True))
    )
