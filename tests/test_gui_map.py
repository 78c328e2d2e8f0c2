"""The map: drawn from lon/lat data with an equirectangular projection, geography that
holds together, and names that do not cover each other."""

from __future__ import annotations

import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.paths import SCENARIOS  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.ui.pygame import mapview  # noqa: E402
from game.ui.pygame.theme import Theme  # noqa: E402

DATA = mapview.load_map()


def line(name: str) -> list[tuple[float, float]]:
    river = next(r for r in DATA.items("rivers") if r["name"] == name)
    return [tuple(p) for p in river["line"]]


def lon_at(points: list[tuple[float, float]], lat: float) -> float:
    """Where a river crosses a latitude (the first crossing, going downstream)."""
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:], strict=False):
        if min(lat1, lat2) <= lat <= max(lat1, lat2) and lat1 != lat2:
            return lon1 + (lon2 - lon1) * (lat - lat1) / (lat2 - lat1)
    raise AssertionError(f"no crossing at {lat}")


def city(name: str) -> tuple[float, float]:
    return tuple(next(c for c in DATA.items("cities") if c["name"] == name)["at"])  # type: ignore[return-value]


def inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def water(name: str) -> list[tuple[float, float]]:
    return [tuple(p) for p in next(w for w in DATA.items("waters") if w["name"] == name)["outline"]]


def test_the_rivers_run_where_they_should() -> None:
    amu, syr = line("Amu Darya"), line("Syr Darya")
    bukhara, khiva, tashkent, termez = city("Bukhara"), city("Khiva"), city("Tashkent"), city("Termez")
    # the Amu Darya passes south-west of Bukhara and east of Khiva, and through Termez
    assert lon_at(amu, khiva[1]) > khiva[0]
    assert lon_at(amu, bukhara[1]) < bukhara[0]
    assert min(math.dist(termez, p) for p in amu) < 0.1
    # both rivers end in the Aral Sea; the Syr Darya passes west of Tashkent
    assert inside(amu[-1], water("Aral Sea")) and inside(syr[-1], water("Aral Sea"))
    assert lon_at(syr[::-1], tashkent[1]) < tashkent[0]
    # and the Caspian is west of it all
    assert all(p[0] < 55 for p in water("Caspian Sea"))


def test_the_projection_keeps_the_aspect_and_fits_the_panel() -> None:
    view = mapview.Extent(60, 70, 37, 43)
    projection = mapview.Projection.fit(view, (800, 300))
    x1, y1 = projection((65, 40))
    x2, _ = projection((66, 40))
    _, y2 = projection((65, 41))
    # one degree of longitude is cos(latitude) of one of latitude, on screen as on the ground
    assert (x2 - x1) / (y1 - y2) == pytest.approx(math.cos(math.radians(40)), rel=1e-6)
    for corner in ((60, 37), (70, 43)):
        x, y = projection(corner)
        assert -0.5 <= x <= 800.5 and -0.5 <= y <= 300.5


def test_a_view_takes_the_panels_shape_and_holds_its_places() -> None:
    places = [(64.55, 39.72), (66.96, 39.65), (69.28, 41.31)]
    for aspect in (0.8, 1.6, 2.5):
        view = mapview.view_for(places, aspect)
        stretch = math.cos(math.radians(view.middle[1]))
        assert (view.east - view.west) * stretch / (view.north - view.south) == pytest.approx(
            aspect, rel=0.02
        )
        assert all(view.west < lon < view.east and view.south < lat < view.north for lon, lat in places)


@pytest.fixture(scope="module")
def theme() -> Theme:
    pygame.display.init()
    pygame.font.init()
    return Theme.load("normal", (1280, 720))


@pytest.mark.parametrize("size", [(500, 300), (900, 500), (1200, 700)])
def test_names_never_cover_each_other(theme: Theme, size: tuple[int, int]) -> None:
    scenario = load(SCENARIOS / "bukhara-1918.yaml")
    pins = [
        mapview.Pin(place.name, (place.at.lon, place.at.lat), here=place_id == "kagan")
        for place_id, place in scenario.places.items()
    ]
    view = mapview.view_for([pin.at for pin in pins], size[0] / size[1])
    placed = mapview.labels(theme, size, view, pins)
    names = [name for name, _ in placed]
    assert all(pin.name in names for pin in pins)  # every place of the scenario is named
    bounds = pygame.Rect((0, 0), size)
    for index, (name, rect) in enumerate(placed):
        assert bounds.contains(rect), name
        for other, other_rect in placed[index + 1 :]:
            assert not rect.colliderect(other_rect), f"{name} covers {other}"


def test_the_static_map_is_drawn_once_per_size(theme: Theme) -> None:
    view = mapview.view_for([], 2.0)
    first = mapview._static(theme, (400, 200), view)
    assert mapview._static(theme, (400, 200), view) is first
    assert mapview._static(theme, (500, 250), mapview.view_for([], 2.0)) is not first
