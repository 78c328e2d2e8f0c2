"""The title's art, drawn with plain pygame so the very first frame needs nothing else.

The app draws this before it imports pygame_gui or reads a scenario, so the
window shows the game's name at once (see `app.py`); the title screen then draws
the same art under its buttons, adding the map.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.pygame.theme import Theme

TITLE = N_("Turkestan Crossroads")  # translated when drawn: the language may change while the game runs
YEARS = "1918\u20131931"
TAGLINE = N_("Central Asia from the Russian revolution to the end of the Basmachi movement")


def gradient(surface: pygame.Surface, theme: Theme) -> None:
    """A quiet vertical gradient: three bands smoothed, cheap enough for the first frame."""
    top, bottom = theme.colour("backdrop_top"), theme.colour("backdrop_bottom")
    strip = pygame.Surface((1, 2))
    strip.set_at((0, 0), top)
    strip.set_at((0, 1), bottom)
    surface.blit(pygame.transform.smoothscale(strip, surface.get_size()), (0, 0))


def title_block(surface: pygame.Surface | None, theme: Theme, area: pygame.Rect) -> int:
    """The name, the years and the tagline, top-left in `area`. Returns the y under them.

    With no surface it only measures, so a screen can plan around the block.
    """
    y = area.y
    display = theme.text_font("display", "bold")
    title = _(TITLE)
    lines = [title] if display.size(title)[0] <= area.width else title.split(" ", 1)  # narrow: two lines
    for line in lines:
        _blit(surface, display.render(line, True, theme.colour("accent")), (area.x, y))
        y += round(display.get_linesize() * 0.95)
    years = theme.text_font("h1", "bold").render(YEARS, True, theme.colour("ink"))
    _blit(surface, years, (area.x, y))
    y += years.get_height() + theme.space(0.75)
    if surface is not None:
        rule_width = min(area.width, theme.space(6))
        pygame.draw.line(
            surface, theme.colour("accent"), (area.x, y), (area.x + rule_width, y), theme.line_width()
        )
    y += theme.space(1)
    return _wrapped(surface, theme, _(TAGLINE), area.x, y, area.width)


def _blit(surface: pygame.Surface | None, image: pygame.Surface, at: tuple[int, int]) -> None:
    if surface is not None:
        surface.blit(image, at)


def _wrapped(surface: pygame.Surface | None, theme: Theme, text: str, x: int, y: int, width: int) -> int:
    font = theme.text_font("h2", "italic")
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] > width and line:
            _blit(surface, font.render(line, True, theme.colour("muted")), (x, y))
            y += font.get_linesize()
            line = word
        else:
            line = trial
    if line:
        _blit(surface, font.render(line, True, theme.colour("muted")), (x, y))
        y += font.get_linesize()
    return y


def title_area(size: tuple[int, int], theme: Theme) -> pygame.Rect:
    """Where the name goes: the left part of the window, with a margin."""
    margin = theme.space(3)
    width = round(size[0] * (0.5 if size[0] / max(size[1], 1) > 1.3 else 0.86)) - margin
    return pygame.Rect(margin, round(size[1] * 0.14), width, size[1] - margin)


def icon() -> pygame.Surface:
    """The window's icon: a gold crossroads on deep blue, drawn here so no image file is needed."""
    size = 64
    image = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.rect(image, (15, 26, 44), image.get_rect(), border_radius=12)
    gold = (226, 184, 98)
    pygame.draw.line(image, gold, (14, 50), (50, 14), 7)
    pygame.draw.line(image, gold, (14, 14), (50, 50), 7)
    pygame.draw.circle(image, gold, (32, 32), 9)
    pygame.draw.circle(image, (15, 26, 44), (32, 32), 4)
    return image


def first_frame(surface: pygame.Surface, theme: Theme) -> None:
    gradient(surface, theme)
    title_block(surface, theme, title_area(surface.get_size(), theme))
