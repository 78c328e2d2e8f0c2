"""The 1916-1931 axis drawn as a picture: the years, the scenarios as spans and (on the
timeline screen) the events, placed by `game.ui.reference.timeline_layout`.

Dates are drawn as vague as the sources give them: an event known to a day is a
dot, one known only to a month or a year is a band across that month or year.
Spans that overlap go on separate lanes, events that crowd each other on separate
rows. `draw` returns where each entry landed, so a click can select it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.pygame.theme import Theme
from game.ui.reference import TimelineEntry, TimelineLayout


@dataclass(frozen=True)
class Hit:
    """Where an entry was drawn."""

    rect: pygame.Rect
    entry: TimelineEntry


@dataclass(frozen=True)
class Labels:
    """What each entry is called on the picture: a number (as in the list beside it) or a title."""

    numbers: dict[str, int]  # entry id -> its number in the list
    titles: bool = True  # write a span's title inside it when it fits


def strip_font(theme: Theme) -> pygame.font.Font:
    """The picture's type: the small type, a little smaller on a projector, where the small type
    is already large and the picture must leave room for the text read under it."""
    return theme.font(round(theme.px("small") * (0.8 if theme.projector else 1.0)), "bold")


def axis_height(theme: Theme) -> int:
    """The years' labels and their ticks."""
    return strip_font(theme).get_linesize() + theme.space(0.6)


def lane_height(theme: Theme) -> int:
    return round(strip_font(theme).get_linesize() * 1.25)


def spans_height(theme: Theme, width: int, layout: TimelineLayout, digits: int = 2) -> int:
    """How tall the scenarios' lanes are drawn (numbered with up to `digits` digits)."""
    gap = theme.space(0.3)
    lanes = span_lanes(theme, width, layout.scenarios, theme.space(1), digits)
    return max(1, max(lanes.values(), default=0) + 1) * (lane_height(theme) + gap)


def _span_extent(
    theme: Theme, entry: TimelineEntry, width: int, pad: int, digits: int = 2
) -> tuple[int, int]:
    """The x range a scenario's bar covers: its dates, but never too narrow for its number."""
    left, right = _x(entry.begins, width, pad), _x(entry.ends, width, pad)
    least = strip_font(theme).size("8" * digits)[0] + theme.space(0.6)
    return left, max(right, left + least)


def span_lanes(
    theme: Theme, width: int, scenarios: Sequence[TimelineEntry], pad: int, digits: int = 2
) -> dict[str, int]:
    """Each scenario's lane: the first where its bar, as drawn at this width, touches no other.

    Done here, in pixels, rather than by dates alone: a scenario of a few weeks is drawn
    wider than its dates so its number fits, and must not cover the next one.
    """
    ends: list[int] = []
    lanes = {}
    for entry in scenarios:
        left, right = _span_extent(theme, entry, width, pad, digits)
        lane = next((i for i, end in enumerate(ends) if end + 2 <= left), len(ends))
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        lanes[entry.id] = lane
    return lanes


def event_rows(theme: Theme, width: int, events: Sequence[TimelineEntry], pad: int) -> list[int]:
    """The row of each event, so that no two markers touch (the first free row from the axis)."""
    size = marker_width(theme)
    ends: list[int] = []  # per row: the x where its last marker ends
    rows = []
    for event in events:
        left, right = _event_span(event, width, pad, size)
        row = next((i for i, end in enumerate(ends) if end + 3 <= left), len(ends))
        if row == len(ends):
            ends.append(right)
        ends[row] = right
        rows.append(row)
    return rows


def marker_size(theme: Theme) -> int:
    return round(strip_font(theme).get_linesize() * 1.05)


def marker_width(theme: Theme) -> int:
    """The narrowest an event's marker is drawn: room for a two-digit number."""
    return max(marker_size(theme), strip_font(theme).size("88")[0] + theme.space(0.6))


def events_height(theme: Theme, width: int, layout: TimelineLayout) -> int:
    pad = theme.space(1)
    rows = event_rows(theme, width, layout.events, pad)
    count = max(rows, default=-1) + 1
    return count * (marker_size(theme) + theme.space(0.3))


def _x(at: float, width: int, pad: int) -> int:
    return round(pad + at * (width - 2 * pad))


def _event_span(event: TimelineEntry, width: int, pad: int, size: int) -> tuple[int, int]:
    """The x range an event's marker covers: its period, at least a dot's width."""
    left, right = _x(event.begins, width, pad), _x(event.ends, width, pad)
    if right - left < size:
        middle = (left + right) // 2 if event.end != event.start else left
        left, right = middle - size // 2, middle + size - size // 2
    return left, right


def picture_height(theme: Theme, width: int, layout: TimelineLayout, events: bool, digits: int = 2) -> int:
    """How tall the picture is drawn at `width`, at its natural size."""
    above = events_height(theme, width, layout) + theme.space(0.3) if events else 0
    return above + axis_height(theme) + theme.space(0.3) + spans_height(theme, width, layout, digits)


def draw(
    theme: Theme,
    size: tuple[int, int],
    layout: TimelineLayout,
    labels: Labels,
    selected: str | None = None,
    events: bool = False,
) -> tuple[pygame.Surface, list[Hit]]:
    """The picture: events (if asked) over the axis, the scenarios' spans under it.

    When `size` is too short for it (big type in a small window), it is drawn larger and
    scaled down whole, rather than cut off.
    """
    digits = len(str(max(labels.numbers.values(), default=0)))
    natural = picture_height(theme, size[0], layout, events, digits)
    factor = min(1.0, size[1] / natural) if natural else 1.0
    if factor > 0.98:
        return _draw(theme, size, layout, labels, selected, events)
    larger = (round(size[0] / factor), round(size[1] / factor))
    surface, hits = _draw(theme, larger, layout, labels, selected, events)
    scaled = [
        Hit(
            pygame.Rect(
                *(round(value * factor) for value in (hit.rect.x, hit.rect.y, hit.rect.w, hit.rect.h))
            ),
            hit.entry,
        )
        for hit in hits
    ]
    return pygame.transform.smoothscale(surface, size), scaled


def _draw(
    theme: Theme,
    size: tuple[int, int],
    layout: TimelineLayout,
    labels: Labels,
    selected: str | None,
    events: bool,
) -> tuple[pygame.Surface, list[Hit]]:
    surface = pygame.Surface(size, pygame.SRCALPHA)
    width, _height = size
    pad = theme.space(1)
    hits: list[Hit] = []
    y = 0
    if events:
        top = events_height(theme, width, layout)
        hits += _events(theme, surface, layout, labels, selected, top, pad)
        y = top + theme.space(0.3)
    _axis(theme, surface, layout, y, pad)
    y += axis_height(theme) + theme.space(0.3)
    hits += _spans(theme, surface, layout, labels, selected, y, pad)
    return surface, hits


def _axis(theme: Theme, surface: pygame.Surface, layout: TimelineLayout, y: int, pad: int) -> None:
    """The years: a rule with a tick at each 1 January, each year labelled where it fits."""
    width = surface.get_width()
    font = strip_font(theme)
    line_y = y + font.get_linesize() + theme.space(0.2)
    ink, muted = theme.colour("ink"), theme.colour("muted")
    pygame.draw.line(surface, muted, (pad, line_y), (width - pad, line_y), theme.line_width())
    right_edge = -1
    for year, at in (*layout.years, (layout.last_year + 1, 1.0)):
        x = _x(at, width, pad)
        pygame.draw.line(surface, muted, (x, line_y - theme.space(0.25)), (x, line_y + theme.space(0.25)), 1)
        if year > layout.last_year:
            continue
        middle = (x + _x(at + 1 / (layout.last_year - layout.first_year + 1), width, pad)) // 2
        label = font.render(str(year), True, ink)
        rect = label.get_rect(midbottom=(middle, line_y - 2))
        if rect.left > right_edge + 4 and rect.right <= width:
            surface.blit(label, rect)
            right_edge = rect.right
        else:  # too narrow for every year: the short form, if even that fits
            short = font.render("\u2019" + str(year)[2:], True, muted)
            rect = short.get_rect(midbottom=(middle, line_y - 2))
            if rect.left > right_edge + 4:
                surface.blit(short, rect)
                right_edge = rect.right


def _spans(
    theme: Theme,
    surface: pygame.Surface,
    layout: TimelineLayout,
    labels: Labels,
    selected: str | None,
    top: int,
    pad: int,
) -> list[Hit]:
    """Each scenario as a bar over its dates, on its lane: its title inside when it fits, else
    its number inside and its title just after it, when the lane is free that far."""
    width = surface.get_width()
    font = strip_font(theme)
    height, gap = lane_height(theme), theme.space(0.3)
    digits = len(str(max(labels.numbers.values(), default=0)))
    lanes = span_lanes(theme, width, layout.scenarios, pad, digits)
    extents = {entry.id: _span_extent(theme, entry, width, pad, digits) for entry in layout.scenarios}
    hits = []
    for entry in layout.scenarios:
        left, right = extents[entry.id]
        rect = pygame.Rect(left, top + lanes[entry.id] * (height + gap), right - left, height)
        chosen = entry.id == selected
        fill = theme.colour("accent") if chosen else theme.colour("card")
        pygame.draw.rect(surface, fill, rect, border_radius=theme.space(0.3))
        border = theme.colour("ink") if chosen else theme.colour("line")
        pygame.draw.rect(
            surface, border, rect, max(1, theme.line_width() - (0 if chosen else 1)), theme.space(0.3)
        )
        number = labels.numbers.get(entry.id)
        title = f"{number}. {entry.title}" if number is not None else entry.title
        ink = theme.colour("on_accent") if chosen else theme.colour("ink")
        if labels.titles and font.size(title)[0] + theme.space(0.8) <= rect.width:
            image = font.render(title, True, ink)
            surface.blit(image, image.get_rect(midleft=(rect.x + theme.space(0.4), rect.centery)))
            hits.append(Hit(rect.inflate(0, gap), entry))
            continue
        if number is not None:  # a narrow span: its number (the bar is never narrower than that)
            image = font.render(str(number), True, ink)
            surface.blit(image, image.get_rect(center=rect.center))
        following = [
            extents[other.id][0]
            for other in layout.scenarios
            if lanes[other.id] == lanes[entry.id] and extents[other.id][0] >= right
        ]
        room = min(following, default=width) - right - theme.space(0.8)
        if labels.titles and font.size(entry.title)[0] <= room:  # the title beside it, in the free lane
            image = font.render(entry.title, True, theme.colour("accent" if chosen else "muted"))
            beside = image.get_rect(midleft=(right + theme.space(0.4), rect.centery))
            surface.blit(image, beside)
            rect = rect.union(beside)
        hits.append(Hit(rect.inflate(0, gap), entry))
    return hits


def _events(
    theme: Theme,
    surface: pygame.Surface,
    layout: TimelineLayout,
    labels: Labels,
    selected: str | None,
    bottom: int,
    pad: int,
) -> list[Hit]:
    """Each event as a numbered marker over its date: a dot for a day, a band for a month or year."""
    width = surface.get_width()
    size = marker_size(theme)
    gap = theme.space(0.3)
    font = strip_font(theme)
    rows = event_rows(theme, width, layout.events, pad)
    hits = []
    for event, row in zip(layout.events, rows, strict=True):
        left, right = _event_span(event, width, pad, marker_width(theme))
        y = bottom - (row + 1) * (size + gap)
        rect = pygame.Rect(left, y, right - left, size)
        chosen = event.id == selected
        fill = theme.colour("accent") if chosen else theme.colour("surface")
        edge = (
            theme.colour("accent")
            if chosen
            else theme.colour("uncertain" if event.end != event.start else "ink")
        )
        stem_x = _x(event.begins, width, pad) if event.end == event.start else rect.centerx
        pygame.draw.line(surface, theme.colour("line"), (stem_x, rect.bottom), (stem_x, bottom + gap), 1)
        pygame.draw.rect(surface, fill, rect, border_radius=size // 2)
        pygame.draw.rect(surface, edge, rect, max(1, theme.line_width()), border_radius=size // 2)
        number = labels.numbers.get(event.id)
        if number is not None:
            ink = theme.colour("on_accent") if chosen else theme.colour("ink")
            image = font.render(str(number), True, ink)
            surface.blit(image, image.get_rect(center=rect.center))
        hits.append(Hit(rect, event))
    return hits


def hit_at(hits: Sequence[Hit], position: tuple[int, int]) -> TimelineEntry | None:
    """The entry drawn at `position` (relative to the picture), if any."""
    for hit in hits:
        if hit.rect.collidepoint(position):
            return hit.entry
    return None


def click_in(event: pygame.event.Event, rect: pygame.Rect) -> tuple[int, int] | None:
    """Where a left click landed inside the picture at `rect` (relative to it), if it did."""
    if event.type != pygame.MOUSEBUTTONUP or getattr(event, "button", 0) != 1:
        return None
    if not rect.collidepoint(event.pos):
        return None
    return event.pos[0] - rect.x, event.pos[1] - rect.y
