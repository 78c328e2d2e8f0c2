"""The debrief's timeline: the turns played, left to right, each a mark on a line: a dot
where the path went history's way, a diamond in the warning colour where it left it, and
a ring on a turn where only the side nobody played chose.
Drawn once into an image, like the chart under it.
"""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.present import Debrief, turn_short_date
from game.ui.pygame.theme import Theme


def height(theme: Theme) -> int:
    """The strip's height: a line of numbers, the marks, two lines of dates (staggered when crowded);
    at the left, the caption and a legend of three marks."""
    line = theme.text_font("small").get_linesize()
    return round(line * 4.5) + theme.space(1.5)


def render(theme: Theme, size: tuple[int, int], summary: Debrief) -> pygame.Surface:
    surface = pygame.Surface(size, pygame.SRCALPHA)
    small = theme.text_font("small")
    bold = theme.text_font("small", "bold")
    line = small.get_linesize()
    pad = theme.space(0.75)
    moments = summary.timeline
    yours = [moment.decided_by(summary.roles) for moment in moments]
    legend = _legend(theme, surface, small, pad, rings=not all(yours))
    # room at both ends for half a date, so the first and last dates stay clear of the legend and edge
    half = small.size(turn_short_date(moments[0].turn))[0] // 2 if moments else 0
    left = pad + legend + theme.space(1.5) + half
    right = size[0] - pad - (small.size(turn_short_date(moments[-1].turn))[0] // 2 if moments else 0)
    y = pad + line + theme.space(0.5)
    radius = max(5, round(line * 0.32))
    pygame.draw.line(surface, theme.colour("line"), (left, y), (right, y), max(2, theme.line_width()))
    if not moments:
        return surface
    step = (right - left) / max(len(moments) - 1, 1) if len(moments) > 1 else 0
    dates = [turn_short_date(moment.turn) for moment in moments]
    widths = [small.size(date)[0] for date in dates]
    crowded = len(moments) > 1 and any(width > step * 0.95 for width in widths)
    if len(moments) > 1 and any(width > step * 1.9 for width in widths):
        dates = ["" for _date in dates]  # too many turns for their dates even on two lines: numbers only
    for index, moment in enumerate(moments):
        x = round(left + step * index) if len(moments) > 1 else (left + right) // 2
        colour = (
            theme.colour("warn") if moment.diverged else theme.colour("good" if yours[index] else "muted")
        )
        number = bold.render(str(moment.number), True, colour)
        surface.blit(number, number.get_rect(midbottom=(x, y - radius - 2)))
        _mark(surface, colour, (x, y), radius, moment.diverged, yours[index])
        row = index % 2 if crowded else 0  # crowded: every other date a line lower, so none overlap
        if not dates[index]:
            continue
        date = small.render(
            dates[index], True, theme.colour("warn") if moment.diverged else theme.colour("muted")
        )
        where = date.get_rect(midtop=(x, y + radius + 4 + row * line))
        where.clamp_ip(surface.get_rect())
        surface.blit(date, where)
    return surface


def _mark(
    surface: pygame.Surface,
    colour: pygame.Color,
    centre: tuple[int, int],
    radius: int,
    diverged: bool,
    yours: bool,
    legend: bool = False,
) -> None:
    """A dot for history's way, a diamond for another (the shape tells it without the colour),
    a ring for a turn on which only the other side chose."""
    if diverged:
        _diamond(surface, colour, centre, radius + (1 if legend else 3))
    elif yours:
        pygame.draw.circle(surface, colour, centre, radius)
    else:
        pygame.draw.circle(surface, colour, centre, radius, max(2, radius // 3))


def _diamond(surface: pygame.Surface, colour: pygame.Color, centre: tuple[int, int], size: int) -> None:
    x, y = centre
    pygame.draw.polygon(surface, colour, [(x, y - size), (x + size, y), (x, y + size), (x - size, y)])


def _legend(theme: Theme, surface: pygame.Surface, font: pygame.font.Font, pad: int, rings: bool) -> int:
    """'● as history / ◆ another way', and '○ not your decision' when a turn was not; returns its width."""
    line = font.get_linesize()
    radius = max(4, round(line * 0.25))
    entries = [
        (theme.colour("good"), _("as history"), False, True),
        (theme.colour("warn"), _("another way"), True, True),
    ]
    if rings:
        entries.append((theme.colour("muted"), _("not your decision"), False, False))
    width = 0
    y = pad + line // 2
    caption = theme.text_font("small", "bold").render(_("YOUR PATH"), True, theme.colour("accent"))
    surface.blit(caption, (pad, pad))
    y += line
    for colour, label, diverged, yours in entries:
        _mark(surface, colour, (pad + radius, y + line // 2), radius, diverged, yours, legend=True)
        text = font.render(label, True, theme.colour("ink"))
        surface.blit(text, (pad + 2 * radius + 6, y))
        width = max(width, 2 * radius + 6 + text.get_width(), caption.get_width())
        y += line
    return width
