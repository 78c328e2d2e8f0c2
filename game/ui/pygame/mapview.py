"""The map of Turkestan, drawn by our own code from `assets/maps/turkestan.json`.

An equirectangular projection (longitude shrunk by the cosine of the view's
middle latitude, so shapes look right at these latitudes) fitted to the panel,
keeping its aspect. The land, seas, relief, rivers and borders are drawn once
per size and view and kept (`_static`); the labels and the scenario's places are
drawn on a copy of that (`render`), which is still only done when a screen is
built, never per frame.

Labels are placed greedily in order of importance (the turn's place first, then
the scenario's places, then reference cities by rank, then regions), each trying
a few positions around its point and skipped if it would overlap one already placed.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pygame

from game.i18n import _, language
from game.paths import ASSETS
from game.ui.pygame.mapnames import shown
from game.ui.pygame.theme import Theme

MAP_FILE = ASSETS / "maps" / "turkestan.json"
Point = tuple[float, float]  # (lon, lat)


@dataclass(frozen=True)
class Extent:
    """A lon/lat box: the part of the world a map shows."""

    west: float
    east: float
    south: float
    north: float

    @property
    def middle(self) -> Point:
        return ((self.west + self.east) / 2, (self.south + self.north) / 2)


@dataclass(frozen=True)
class Pin:
    """A scenario's place on the map."""

    name: str
    at: Point
    here: bool = False  # the current turn's place


@dataclass(frozen=True)
class MapData:
    extent: Extent
    raw: dict[str, Any]

    def items(self, kind: str) -> list[dict[str, Any]]:
        return list(self.raw.get(kind, []))


@cache
def load_map() -> MapData:
    with MAP_FILE.open(encoding="utf-8") as file:
        raw = json.load(file)
    lon, lat = raw["extent"]["lon"], raw["extent"]["lat"]
    return MapData(Extent(lon[0], lon[1], lat[0], lat[1]), raw)


# --- projection --------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x grows with longitude (times cos of the middle latitude), y with -latitude."""

    view: Extent
    size: tuple[int, int]
    scale: float  # pixels per degree of latitude
    stretch: float  # cos(middle latitude)
    offset: tuple[float, float]

    @classmethod
    def fit(cls, view: Extent, size: tuple[int, int]) -> Projection:
        stretch = math.cos(math.radians(view.middle[1]))
        width_deg = (view.east - view.west) * stretch
        height_deg = view.north - view.south
        scale = min(size[0] / width_deg, size[1] / height_deg)
        # centre the view in the panel: the unused margin is split evenly
        offset = ((size[0] - width_deg * scale) / 2, (size[1] - height_deg * scale) / 2)
        return cls(view, size, scale, stretch, offset)

    def __call__(self, point: Point) -> tuple[float, float]:
        lon, lat = point
        x = (lon - self.view.west) * self.stretch * self.scale + self.offset[0]
        y = (self.view.north - lat) * self.scale + self.offset[1]
        return x, y

    def km_per_pixel(self) -> float:
        return 111.2 / self.scale


def view_for(points: Iterable[Point], aspect: float, data: MapData | None = None) -> Extent:
    """The view that shows `points` with room around them, shaped like the panel (width/height).

    Never smaller than about 10 by 6 degrees, so there is always some country
    around the action to recognise; never larger than the map's data.
    """
    data = data or load_map()
    full = data.extent
    points = list(points)
    if not points:
        return _shape(full, aspect, full)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east = min(lons) - 2.5, max(lons) + 2.5
    south, north = min(lats) - 1.8, max(lats) + 1.8
    middle_lon, middle_lat = (west + east) / 2, (south + north) / 2
    half_w, half_h = max((east - west) / 2, 5.0), max((north - south) / 2, 3.0)
    view = Extent(middle_lon - half_w, middle_lon + half_w, middle_lat - half_h, middle_lat + half_h)
    return _shape(view, aspect, full)


def _shape(view: Extent, aspect: float, full: Extent) -> Extent:
    """Grow `view` along one axis to match the panel's aspect, then keep it inside `full`."""
    stretch = math.cos(math.radians(view.middle[1]))
    width = (view.east - view.west) * stretch
    height = view.north - view.south
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    half_lon = min(width / stretch, full.east - full.west) / 2
    half_lat = min(height, full.north - full.south) / 2
    lon = min(max(view.middle[0], full.west + half_lon), full.east - half_lon)
    lat = min(max(view.middle[1], full.south + half_lat), full.north - half_lat)
    return Extent(lon - half_lon, lon + half_lon, lat - half_lat, lat + half_lat)


# --- drawing -----------------------------------------------------------------------------

_CACHE: OrderedDict[tuple[Any, ...], pygame.Surface] = OrderedDict()
_CACHE_SIZE = 12


def render(theme: Theme, size: tuple[int, int], view: Extent, pins: Sequence[Pin] = ()) -> pygame.Surface:
    """The finished map: the cached static layer with labels and the scenario's places on top.

    Kept too, since the outcome and history of a turn show the map its turn screen drew.
    """
    key = ("labelled", theme.key, language(), size, view, tuple(pins))
    surface = _CACHE.get(key)
    if surface is None:
        surface = _static(theme, size, view).copy()
        projection = Projection.fit(view, size)
        _Labeller(theme, surface, projection).draw(load_map(), pins)
        _frame(theme, surface)
        _remember(key, surface)
    return surface


def labels(
    theme: Theme, size: tuple[int, int], view: Extent, pins: Sequence[Pin] = ()
) -> list[tuple[str, pygame.Rect]]:
    """The names a map of this size would show, and where (to check the placing)."""
    labeller = _Labeller(theme, pygame.Surface(size), Projection.fit(view, size))
    labeller.draw(load_map(), pins)
    return labeller.placed


def _static(theme: Theme, size: tuple[int, int], view: Extent) -> pygame.Surface:
    key = ("static", theme.key, size, view)
    surface = _CACHE.get(key)
    if surface is None:
        surface = _draw_static(theme, size, view)
        _remember(key, surface)
    return surface


def _remember(key: tuple[Any, ...], surface: pygame.Surface) -> None:
    _CACHE[key] = surface
    _CACHE.move_to_end(key)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


def _draw_static(theme: Theme, size: tuple[int, int], view: Extent) -> pygame.Surface:
    data = load_map()
    projection = Projection.fit(view, size)
    surface = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
    surface.fill(theme.colour("map_land"))
    scale = max(projection.scale / 40, 0.6)  # line widths grow a little as the map zooms in
    _graticule(theme, surface, projection)
    _relief(theme, surface, projection, data)
    for border in data.items("borders"):
        _dashed(surface, theme.colour("map_border"), [projection(p) for p in border["line"]], scale)
    for river in sorted(data.items("rivers"), key=lambda r: -r["rank"]):
        width = max(1, round({1: 2.6, 2: 1.8, 3: 1.2}[river["rank"]] * scale * theme.line_width() / 2))
        points = [projection(p) for p in river["line"]]
        pygame.draw.lines(surface, theme.colour("map_river"), False, points, width)
    for water in data.items("waters"):
        points = [projection(p) for p in water["outline"]]
        pygame.draw.polygon(surface, theme.colour("map_water"), points)
        pygame.draw.polygon(surface, theme.colour("map_coast"), points, max(1, round(scale)))
    return surface


def _relief(theme: Theme, surface: pygame.Surface, projection: Projection, data: MapData) -> None:
    """Mountains as soft-edged shading: the outlines are rough, so a hard edge would claim too much.

    Drawn and blurred at a quarter of the size, then scaled up: the same softness, far cheaper.
    """
    factor = 4
    width, height = surface.get_size()
    layer = pygame.Surface((max(1, width // factor), max(1, height // factor)), pygame.SRCALPHA)
    colour = theme.colour("map_relief")
    layer.fill((colour.r, colour.g, colour.b, 0))  # blur towards the same colour, not towards black
    for relief in data.items("relief"):
        points = [(x / factor, y / factor) for x, y in (projection(p) for p in relief["outline"])]
        pygame.draw.polygon(layer, colour, points)
    radius = max(1, round(projection.scale * 0.18 / factor))
    surface.blit(
        pygame.transform.smoothscale(pygame.transform.gaussian_blur(layer, radius), (width, height)), (0, 0)
    )


def _graticule(theme: Theme, surface: pygame.Surface, projection: Projection) -> None:
    colour = theme.colour("map_grid")
    view = projection.view
    for lon in range(math.ceil(view.west / 5) * 5, math.floor(view.east) + 1, 5):
        top, bottom = projection((lon, view.north)), projection((lon, view.south))
        pygame.draw.line(surface, colour, top, bottom)
    for lat in range(math.ceil(view.south / 5) * 5, math.floor(view.north) + 1, 5):
        left, right = projection((view.west, lat)), projection((view.east, lat))
        pygame.draw.line(surface, colour, left, right)


def _dashed(
    surface: pygame.Surface, colour: pygame.Color, points: list[tuple[float, float]], scale: float
) -> None:
    """A dashed line, the usual mark of a frontier; the pattern runs on across the line's corners."""
    dash, gap = 9 * scale, 5 * scale
    width = max(1, round(1.6 * scale))
    drawing, left = True, dash  # in a dash or a gap, and how much of it remains
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        start = 0.0
        while length - start > 1e-6:
            step = min(left, length - start)
            if drawing:
                a = (x1 + (x2 - x1) * start / length, y1 + (y2 - y1) * start / length)
                b = (x1 + (x2 - x1) * (start + step) / length, y1 + (y2 - y1) * (start + step) / length)
                pygame.draw.line(surface, colour, a, b, width)
            start += step
            left -= step
            if left <= 1e-6:
                drawing = not drawing
                left = dash if drawing else gap


def _frame(theme: Theme, surface: pygame.Surface) -> None:
    pygame.draw.rect(surface, theme.colour("map_frame"), surface.get_rect(), max(1, theme.line_width()))


class _Labeller:
    """Places dots and labels without overlaps, most important first."""

    def __init__(self, theme: Theme, surface: pygame.Surface, projection: Projection) -> None:
        self.theme = theme
        self.surface = surface
        self.projection = projection
        self.bounds = surface.get_rect().inflate(-6, -6)
        self.taken: list[pygame.Rect] = []
        self.placed: list[tuple[str, pygame.Rect]] = []
        small = theme.px("small")
        # Labels on a small map are a little smaller than the interface's small type.
        fit = min(1.0, max(0.72, surface.get_width() / (900 * theme.scale)))
        self.size = max(10, round(small * fit))
        self.halo = max(1, round(self.size / 9))

    # --- the layers, in order of importance ---

    def draw(self, data: MapData, pins: Sequence[Pin]) -> None:
        pinned = [self.projection(pin.at) for pin in pins]
        cities = [city for city in data.items("cities") if not self._near_any(city["at"], pins)]
        # dots first, so that no label covers a place's dot
        for pin, point in zip(pins, pinned, strict=True):
            self.taken.append(self._dot_rect(point, self._ring() + 3 if pin.here else 6))
        for city in cities:  # the main cities' dots too; lesser towns give way to labels
            if city.get("kind") != "region" and city["rank"] == 1 and self._inside(city["at"]):
                self.taken.append(self._dot_rect(self.projection(city["at"]), 4))
        for pin, point in sorted(zip(pins, pinned, strict=True), key=lambda item: not item[0].here):
            self._pin(pin, point, _away(point, pinned, self.size * 4))
        regions = [city for city in cities if city.get("kind") == "region"]
        towns = [city for city in cities if city.get("kind") != "region"]
        for city in regions:
            self._region(shown(city["name"]), city["at"], "region")
        for city in towns:
            if city["rank"] == 1:
                self._city(city)
        for water in data.items("waters"):
            self._region(shown(water["name"]), water["label"], "water")
        for river in data.items("rivers"):
            if "label" in river and river["rank"] == 1:
                self._region(shown(river["name"]), river["label"], "river")
        for city in towns:
            if city["rank"] == 2:
                self._city(city)
        for label in data.items("labels"):
            self._region(shown(label["text"]), label["at"], label["kind"])
        for river in data.items("rivers"):
            if "label" in river and river["rank"] > 1:
                self._region(shown(river["name"]), river["label"], "river")
        for city in towns:
            if city["rank"] == 3:
                self._city(city)
        self._scale_bar()

    def _ring(self) -> int:
        return round(self.size * 0.95)

    def _pin(self, pin: Pin, point: tuple[float, float], side: int) -> None:
        theme = self.theme
        x, y = round(point[0]), round(point[1])
        if pin.here:
            ring = self._ring()
            pygame.draw.circle(self.surface, theme.colour("map_halo"), (x, y), ring + 3)
            pygame.draw.circle(self.surface, theme.colour("map_here"), (x, y), ring, max(2, ring // 4))
            pygame.draw.circle(self.surface, theme.colour("map_here"), (x, y), max(3, ring // 3))
        else:
            half = max(4, round(self.size * 0.38))
            diamond = [(x, y - half), (x + half, y), (x, y + half), (x - half, y)]
            pygame.draw.polygon(self.surface, theme.colour("map_halo"), diamond)
            inner = [(x, y - half + 2), (x + half - 2, y), (x, y + half - 2), (x - half + 2, y)]
            pygame.draw.polygon(self.surface, theme.colour("map_place"), inner)
        size = round(self.size * (1.25 if pin.here else 1.05))
        colour = "map_here" if pin.here else "map_place"
        gap = round(self.size * (1.2 if pin.here else 0.7))
        self._label(pin.name, (x, y), size, "bold", colour, gap, force=True, side=side)

    def _city(self, city: dict[str, Any]) -> None:
        if not self._inside(city["at"]):
            return
        x, y = self.projection(city["at"])
        radius = max(2, round(self.size * (0.26 if city["rank"] == 1 else 0.2)))
        if city["rank"] > 1:
            dot = self._dot_rect((x, y), radius + 1)
            if dot.collidelist(self.taken) != -1:
                return  # a more important name covers this town: leave it out
            self.taken.append(dot)
        pygame.draw.circle(self.surface, self.theme.colour("map_halo"), (round(x), round(y)), radius + 1)
        pygame.draw.circle(self.surface, self.theme.colour("map_ink"), (round(x), round(y)), radius)
        style = "bold" if city["rank"] == 1 else "regular"
        size = self.size if city["rank"] == 1 else round(self.size * 0.9)
        self._label(shown(city["name"]), (x, y), size, style, "map_ink", radius + 3)

    def _region(self, text: str, at: Sequence[float], kind: str) -> None:
        """A name set over an area, centred on its point: seas, rivers, deserts, countries, ranges."""
        if not self._inside((at[0], at[1])):
            return
        style = {"water": "italic", "river": "italic", "region": "italic"}.get(kind, "regular")
        colour = {"water": "map_coast", "river": "map_river"}.get(kind, "map_soft_ink")
        size = round(self.size * (1.05 if kind in ("country", "water", "region") else 0.92))
        if kind in ("desert", "mountains", "country"):
            text = " ".join(text)  # letter-spaced capitals, the cartographer's mark for an area
            text = text.replace("   ", "  ")
        x, y = self.projection((at[0], at[1]))
        image = self._text(text, size, style, colour)
        for shift in (0.0, -0.8, 0.8):  # a little up or down if its own spot is taken
            rect = image.get_rect(center=(round(x), round(y + shift * image.get_height())))
            if self._free(rect):
                self._place(image, rect, text)
                return

    def _label(
        self,
        text: str,
        point: tuple[float, float],
        size: int,
        style: str,
        colour: str,
        gap: int,
        force: bool = False,
        side: int = 1,
    ) -> None:
        """Name a point: to its right, else left, above, below...; `side` -1 tries the left first."""
        image = self._text(text, size, style, colour)
        x, y = round(point[0]), round(point[1])
        w, h = image.get_size()
        candidates = [
            pygame.Rect(x + gap, y - h // 2, w, h),  # right
            pygame.Rect(x - gap - w, y - h // 2, w, h),  # left
            pygame.Rect(x - w // 2, y - gap - h, w, h),  # above
            pygame.Rect(x - w // 2, y + gap, w, h),  # below
            pygame.Rect(x + gap // 2, y - gap - h + 2, w, h),  # above right
            pygame.Rect(x - gap // 2 - w, y + gap - 2, w, h),  # below left
            pygame.Rect(x + gap // 2, y + gap - 2, w, h),  # below right
            pygame.Rect(x - gap // 2 - w, y - gap - h + 2, w, h),  # above left
        ]
        if side < 0:
            candidates[0], candidates[1] = candidates[1], candidates[0]
        for rect in candidates:
            if self._free(rect):
                self._place(image, rect, text)
                return
        if force:  # a scenario's place is always named: where it covers least, inside the map
            inside = [rect.clamp(self.bounds) for rect in candidates]
            self._place(image, min(inside, key=self._overlap), text)

    def _text(self, text: str, size: int, style: str, colour: str) -> pygame.Surface:
        font = self.theme.font(size, style)
        ink = font.render(text, True, self.theme.colour(colour))
        font.outline = self.halo
        halo = font.render(text, True, self.theme.colour("map_halo"))
        font.outline = 0
        halo.blit(ink, (self.halo, self.halo))
        return halo

    def _overlap(self, rect: pygame.Rect) -> int:
        """How much of what is already placed a label at `rect` would cover, in square pixels."""
        total = 0
        for index in rect.collidelistall(self.taken):
            clip = rect.clip(self.taken[index])
            total += clip.width * clip.height
        return total

    def _free(self, rect: pygame.Rect) -> bool:
        return self.bounds.contains(rect) and rect.collidelist(self.taken) == -1

    def _place(self, image: pygame.Surface, rect: pygame.Rect, text: str = "") -> None:
        self.surface.blit(image, rect)
        inner = rect.inflate(-2 * self.halo + 2, -2 * self.halo)  # the halo may touch a neighbour's
        self.taken.append(inner)
        if text:
            self.placed.append((text, inner))

    def _dot_rect(self, point: tuple[float, float], radius: int) -> pygame.Rect:
        return pygame.Rect(round(point[0]) - radius, round(point[1]) - radius, 2 * radius, 2 * radius)

    def _inside(self, at: Point) -> bool:
        x, y = self.projection(at)
        return self.bounds.collidepoint(x, y)

    @staticmethod
    def _near_any(at: Sequence[float], pins: Sequence[Pin]) -> bool:
        """A reference city the scenario names itself (same spot) is drawn as the scenario's place."""
        return any(abs(at[0] - pin.at[0]) < 0.08 and abs(at[1] - pin.at[1]) < 0.08 for pin in pins)

    def _scale_bar(self) -> None:
        km_per_px = self.projection.km_per_pixel()
        target = self.surface.get_width() * 0.16 * km_per_px
        km = next((step for step in (50, 100, 200, 250, 500, 1000) if step >= target * 0.7), 1000)
        length = round(km / km_per_px)
        label = self._text(_("{km} km").format(km=km), round(self.size * 0.85), "regular", "map_ink")
        x = self.bounds.left + 8
        y = self.bounds.bottom - 8
        rect = pygame.Rect(
            x, y - label.get_height() - 8, max(length, label.get_width()), label.get_height() + 8
        )
        if not self._free(rect):
            return
        ink = self.theme.colour("map_ink")
        pygame.draw.line(self.surface, ink, (x, y), (x + length, y), 2)
        for tick in (x, x + length):
            pygame.draw.line(self.surface, ink, (tick, y - 5), (tick, y), 2)
        self._place(label, label.get_rect(bottomleft=(x, y - 4)))


def _away(point: tuple[float, float], others: Sequence[tuple[float, float]], reach: float) -> int:
    """Which side to name a place on: away from its nearest neighbour (1 right, -1 left).

    Two places a few pixels apart (Bukhara and Kagan) would otherwise get their names
    swapped round, each written on the other's side.
    """
    near = [o for o in others if o != point and abs(o[0] - point[0]) + abs(o[1] - point[1]) < reach]
    if not near:
        return 1
    nearest = min(near, key=lambda o: abs(o[0] - point[0]) + abs(o[1] - point[1]))
    return -1 if nearest[0] > point[0] else 1
