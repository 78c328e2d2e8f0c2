"""The settings' looks as plain data: the type sizes and the colour palettes.

Apart from game/settings.py (which validates the settings with pydantic) so that the
window can read the look it opens in before its first frame, without that import;
the full settings are read and validated right after. The palettes are data here so
that the window draws the map and the charts in the chosen theme, and the report or
any other front end can do the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

TypeSize = Literal["normal", "large", "projector"]
ThemeName = Literal["default", "high-contrast", "colour-blind"]
TYPE_SIZES: tuple[TypeSize, ...] = get_args(TypeSize)
THEMES: tuple[ThemeName, ...] = get_args(ThemeName)

# How much larger than normal the window draws its type: "projector" is for the back row.
TYPE_SCALE: Mapping[TypeSize, float] = {"normal": 1.0, "large": 1.3, "projector": 1.7}


# --- palettes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    """Colours as '#rrggbb' for everything the game draws itself: text, map and charts."""

    background: str
    text: str
    muted: str
    accent: str
    matched: str  # a choice as history took it
    diverged: str  # a choice that left history's way
    map_land: str
    map_water: str
    map_border: str
    map_route: str
    map_place: str
    map_highlight: str  # the turn's place
    series: tuple[str, ...]  # chart lines, in order


PALETTES: Mapping[ThemeName, Palette] = {
    "default": Palette(
        background="#f5efe0",
        text="#1d1d1d",
        muted="#5a5a5a",
        accent="#1f4e79",
        matched="#2e6b3a",
        diverged="#8a1c1c",
        map_land="#e8dcc0",
        map_water="#9cc3d5",
        map_border="#8c7a5b",
        map_route="#8a1c1c",
        map_place="#1d1d1d",
        map_highlight="#c9a227",
        series=("#1f4e79", "#8a1c1c", "#2e6b3a", "#c9a227", "#6a3d9a", "#5a5a5a"),
    ),
    # Black, white and yellow: the strongest contrast a washed-out projector still shows.
    "high-contrast": Palette(
        background="#000000",
        text="#ffffff",
        muted="#d0d0d0",
        accent="#ffff00",
        matched="#00ff66",
        diverged="#ff6666",
        map_land="#1a1a1a",
        map_water="#003a66",
        map_border="#ffffff",
        map_route="#ffff00",
        map_place="#ffffff",
        map_highlight="#ffff00",
        series=("#ffff00", "#00ffff", "#ff66ff", "#ffffff", "#00ff66", "#ff9900"),
    ),
    # The Okabe-Ito colours, told apart with every common colour-vision deficiency;
    # matched/diverged are blue/orange rather than green/red.
    "colour-blind": Palette(
        background="#ffffff",
        text="#000000",
        muted="#555555",
        accent="#0072b2",
        matched="#0072b2",
        diverged="#d55e00",
        map_land="#f0e6cc",
        map_water="#56b4e9",
        map_border="#666666",
        map_route="#d55e00",
        map_place="#000000",
        map_highlight="#d55e00",  # vermillion: orange is too faint on the light land
        series=("#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#f0e442"),
    ),
}


def first_look() -> tuple[str, str]:
    """The saved type size and theme, read quickly for the window's first frame: whatever
    cannot be read is the default (the settings are read properly, and any problem told, next)."""
    from game.storage import SETTINGS_FILE, config_dir

    try:
        with (config_dir() / SETTINGS_FILE).open(encoding="utf-8") as file:
            data = json.loads(file.read(64 * 1024))
    except (OSError, ValueError):
        data = None
    data = data if isinstance(data, dict) else {}
    size, theme = data.get("type_size"), data.get("theme")
    return (size if size in TYPE_SIZES else "normal"), (theme if theme in THEMES else "default")
