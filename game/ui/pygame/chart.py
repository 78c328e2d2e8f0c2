"""The debrief's chart: each visible variable over the turns, with the turns where the
path left history's way marked. Drawn once into an image for the ending screen.

Every variable is drawn against its own range (bottom = its minimum, top = its
maximum), so variables counted in thousands and in ones can share one chart.

The colours are the theme's chart colours: in the colour-blind palette the chart
is drawn on that palette's own light ground, in its series colours.
"""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.present import Debrief
from game.ui.pygame.theme import Theme


def render(theme: Theme, size: tuple[int, int], summary: Debrief) -> pygame.Surface:
    """The chart, with its legend beside the plot when there is the width, else under it."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    if "chart_ground" in theme.game["colours"]:  # a palette with a ground of its own for charts
        pygame.draw.rect(
            surface, theme.chart_colour("ground"), surface.get_rect(), border_radius=theme.space(0.5)
        )
    font = theme.text_font("small")
    colours = [pygame.Color(c) for c in theme.game["chart"]]
    entries = _entries(theme, summary, colours)
    pad = theme.space(0.75)
    legend_width = (
        max((font.size(label)[0] for _colour, label in entries), default=0) + font.get_height() + pad
    )
    left = pad + max(font.size(_("max"))[0], font.size(_("min"))[0]) + pad // 2
    bottom = size[1] - pad - font.get_linesize()
    beside = pygame.Rect(left, pad, size[0] - legend_width - left - pad, bottom - pad)
    under = pygame.Rect(
        left,
        pad,
        size[0] - left - pad,
        size[1] - _legend_rows_height(theme, size[0], entries, font) - 2 * pad - font.get_linesize(),
    )
    fits_beside = font.get_linesize() * len(entries) <= bottom - pad and beside.width > size[0] * 0.3
    # beside (one label a line) when that leaves the plot more room: a short chart in big type
    # would otherwise give the legend's rows most of its height
    if fits_beside and (beside.width > size[0] * 0.45 or _area(beside) > _area(under)):
        _legend_column(
            theme, surface, entries, font, pygame.Rect(size[0] - legend_width, pad, legend_width, bottom)
        )
        plot = beside
    else:
        _legend_rows(theme, surface, entries, font)
        plot = under
    if plot.width < 20 or plot.height < 20:
        return surface
    _axes(theme, surface, plot, summary, font)
    for index, series in enumerate(summary.series):
        points = [
            _point(plot, step, len(series.values), _share(v, series.low, series.high))
            for step, v in enumerate(series.values)
        ]
        colour = colours[index % len(colours)]
        width = max(2, theme.line_width())
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, width)
        for point in points:
            pygame.draw.circle(surface, colour, point, width + 1)
    return surface


def _entries(theme: Theme, summary: Debrief, colours: list[pygame.Color]) -> list[tuple[pygame.Color, str]]:
    entries = [(colours[index % len(colours)], series.label) for index, series in enumerate(summary.series)]
    if summary.divergences:
        entries.append((_band_colour(theme), _("went another way")))
    return entries


def _legend_column(
    theme: Theme,
    surface: pygame.Surface,
    entries: list[tuple[pygame.Color, str]],
    font: pygame.font.Font,
    area: pygame.Rect,
) -> None:
    line = font.get_linesize()
    swatch = font.get_height() // 2
    y = area.y + max(0, (area.height - line * len(entries)) // 2)
    for colour, label in entries:
        pygame.draw.rect(surface, colour, (area.x, y + (line - swatch) // 2, swatch, swatch))
        surface.blit(font.render(label, True, theme.chart_colour("ink")), (area.x + swatch + 6, y))
        y += line


def _band_colour(theme: Theme) -> pygame.Color:
    band = theme.chart_colour("band")
    return pygame.Color(band.r, band.g, band.b, 70)


def _share(value: float, low: float, high: float) -> float:
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


def _point(plot: pygame.Rect, step: int, count: int, share: float) -> tuple[int, int]:
    x = plot.left + (plot.width * step / max(count - 1, 1))
    y = plot.bottom - plot.height * share
    return round(x), round(y)


def _axes(
    theme: Theme, surface: pygame.Surface, plot: pygame.Rect, summary: Debrief, font: pygame.font.Font
) -> None:
    grid = theme.chart_colour("grid")
    muted = theme.chart_colour("muted")
    for share, text in ((0.0, _("min")), (0.5, ""), (1.0, _("max"))):
        y = round(plot.bottom - plot.height * share)
        pygame.draw.line(surface, grid, (plot.left, y), (plot.right, y), 1)
        if text:  # inside the plot's height, clear of the turn numbers under it
            image = font.render(text, True, muted)
            where = (
                {"bottomright": (plot.left - 6, y + 2)}
                if share == 0
                else {"topright": (plot.left - 6, y - 2)}
            )
            surface.blit(image, image.get_rect(**where))
    count = len(summary.timeline) + 1
    warn = theme.chart_colour("band")
    for step in range(count):
        x, _y = _point(plot, step, count, 0)
        label = _("start") if step == 0 else str(step)
        if step and summary.timeline[step - 1].diverged:
            # the turn the path went another way: a band behind the lines and its number in colour
            band = pygame.Surface((max(6, theme.space(0.6)), plot.height), pygame.SRCALPHA)
            band.fill(_band_colour(theme))
            surface.blit(band, band.get_rect(midtop=(x, plot.top)))
        colour = warn if step and summary.timeline[step - 1].diverged else muted
        image = font.render(label, True, colour)
        surface.blit(image, image.get_rect(midtop=(x, plot.bottom + 4)))


def _area(rect: pygame.Rect) -> int:
    return max(rect.width, 0) * max(rect.height, 0)


def _legend_rows_height(
    theme: Theme, width: int, entries: list[tuple[pygame.Color, str]], font: pygame.font.Font
) -> int:
    """How tall `_legend_rows` would make the legend, without drawing it."""
    pad = theme.space(0.75)
    swatch = font.get_height() // 2
    rows, x = 1, pad
    for _colour, label in entries:
        item = swatch + 6 + font.size(label)[0] + pad
        if x + item > width - pad and x > pad:
            rows, x = rows + 1, pad
        x += item
    return font.get_linesize() * rows + pad


def _legend_rows(
    theme: Theme,
    surface: pygame.Surface,
    entries: list[tuple[pygame.Color, str]],
    font: pygame.font.Font,
) -> int:
    """Swatches and labels along the bottom, wrapped into rows. Returns the rows' height."""
    width, height = surface.get_size()
    pad = theme.space(0.75)
    swatch = font.get_height() // 2
    rows: list[list[tuple[pygame.Color, str, int]]] = [[]]
    x = pad
    for colour, label in entries:
        item = swatch + 6 + font.size(label)[0] + pad
        if x + item > width - pad and rows[-1]:
            rows.append([])
            x = pad
        rows[-1].append((colour, label, x))
        x += item
    line = font.get_linesize()
    top = height - pad - line * len(rows)
    for number, row in enumerate(rows):
        y = top + number * line
        for colour, label, x in row:
            pygame.draw.rect(surface, colour, (x, y + (line - swatch) // 2, swatch, swatch))
            surface.blit(font.render(label, True, theme.chart_colour("ink")), (x + swatch + 6, y))
    return line * len(rows) + pad
