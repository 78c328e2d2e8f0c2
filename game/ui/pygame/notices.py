"""What the window says over any screen: short messages, and the notice of a crash.

Both are drawn with plain pygame on top of the frame, not with pygame_gui widgets:
a message must show whatever screen is up (saved from the menu, a report written,
a font that could not be loaded), and the crash notice must show even when the
error came from the widgets themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game import faults
from game.i18n import _
from game.ui.pygame.theme import Theme

TOAST_TIMER = pygame.event.custom_type()  # wakes the idle loop when a message has had its time
TOAST_SECONDS = 7.0
MOST_SHOWN = 3


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Lines of `text` no wider than `width` (a word longer than that, like a path, is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return [cut(font, text, width) for text in lines]


def cut(font: pygame.font.Font, text: str, width: int) -> str:
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "\u2026")[0] > width:
        text = text[:-1]
    return text + "\u2026"


@dataclass
class Toasts:
    """Messages shown for a few seconds at the foot of the window, newest at the bottom."""

    shown: list[tuple[str, float]] = field(default_factory=list)  # (message, when it goes)
    notices_seen: int = 0  # game.faults notices already shown (a font that fell back...)

    def update(self, messages: list[str], notices_shown: bool = False) -> bool:
        """Take new messages (emptying `messages`) and drop old ones; True if the picture changed.

        New game.faults notices come as messages too, once, unless the screen already lists
        them (`notices_shown`: the title).
        """
        now = pygame.time.get_ticks() / 1000
        fresh = list(messages)
        messages.clear()
        found = faults.notices()
        if not notices_shown:
            fresh += found[self.notices_seen :]
        self.notices_seen = len(found)
        before = len(self.shown)
        self.shown = [(text, until) for text, until in self.shown if until > now]
        changed = len(self.shown) != before or bool(fresh)
        for text in fresh:
            self.shown.append((text, now + TOAST_SECONDS))
        self.shown = self.shown[-MOST_SHOWN:]
        if changed and self.shown:
            wait = min(until for _text, until in self.shown) - now
            pygame.time.set_timer(TOAST_TIMER, max(1, round(wait * 1000) + 20), loops=1)
        return changed

    def texts(self) -> list[str]:
        return [text for text, _until in self.shown]

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.shown:
            return
        font = theme.text_font("body")
        pad = theme.space(0.75)
        width = min(surface.get_width() - 4 * pad, theme.space(48))
        lines = [line for text in self.texts() for line in wrap(font, text, width - 2 * pad)]
        used = max(font.size(line)[0] for line in lines) + 2 * pad
        height = font.get_linesize() * len(lines) + 2 * pad
        # above the footer's buttons, where screens keep their key hints
        bottom = surface.get_height() - theme.space(1.5) - round(font.get_linesize() * 1.9) - theme.space(1)
        box = pygame.Rect(0, 0, used, height)
        box.midbottom = (surface.get_width() // 2, bottom)
        radius = theme.space(0.5)
        pygame.draw.rect(surface, theme.colour("surface"), box, border_radius=radius)
        pygame.draw.rect(
            surface, theme.colour("accent"), box, max(1, theme.line_width()), border_radius=radius
        )
        y = box.y + pad
        for line in lines:
            surface.blit(font.render(line, True, theme.colour("ink")), (box.x + pad, y))
            y += font.get_linesize()


@dataclass
class Crash:
    """The notice over the window after an unexpected error: one line, and the way on."""

    error: str  # the kind of error, e.g. 'KeyError'
    report: Path | None  # the crash report, None if no folder could be written
    snapshot: pygame.Surface | None
    buttons: dict[str, pygame.Rect] = field(default_factory=dict)

    @property
    def line(self) -> str:
        """The one line the player reads (and that goes to stderr)."""
        if self.report is None:
            return _(
                "Sorry: the game met an unexpected error ({error}). No crash report could be saved "
                "(the data folder cannot be written). Your saved games are untouched."
            ).format(error=self.error)
        return _(
            "Sorry: the game met an unexpected error ({error}). A crash report was saved to {path}; "
            "please send it to the game's makers. Your saved games are untouched."
        ).format(error=self.error, path=self.report)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        size = surface.get_size()
        surface.fill(theme.colour("background"))
        if self.snapshot is not None:
            surface.blit(pygame.transform.smoothscale(self.snapshot, size), (0, 0))
        shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 190))
        surface.blit(shade, (0, 0))
        pad = theme.space(1.5)
        width = min(size[0] - 2 * pad, theme.space(44))
        heading = theme.text_font("h1", "bold")
        body = theme.text_font("body")
        lines = wrap(body, self.line, width - 2 * pad)
        button_height = round(body.get_linesize() * 1.9)
        height = pad * 3 + heading.get_linesize() + body.get_linesize() * len(lines) + button_height
        box = pygame.Rect(0, 0, width, height)
        box.center = (size[0] // 2, size[1] // 2)
        pygame.draw.rect(surface, theme.colour("surface"), box, border_radius=theme.space(0.5))
        pygame.draw.rect(
            surface, theme.colour("warn"), box, theme.line_width(), border_radius=theme.space(0.5)
        )
        y = box.y + pad
        surface.blit(heading.render(_("Something went wrong"), True, theme.colour("warn")), (box.x + pad, y))
        y += heading.get_linesize()
        for line in lines:
            surface.blit(body.render(line, True, theme.colour("ink")), (box.x + pad, y))
            y += body.get_linesize()
        self._buttons(surface, theme, pygame.Rect(box.x + pad, y + pad, width - 2 * pad, button_height))

    def _buttons(self, surface: pygame.Surface, theme: Theme, row: pygame.Rect) -> None:
        font = theme.text_font("body", "bold")
        labels = [("quit", _("Quit (Esc)")), ("title", _("Back to the title (Enter)"))]
        right = row.right
        self.buttons.clear()
        for key, text in labels:
            width = font.size(text)[0] + theme.space(2)
            rect = pygame.Rect(right - width, row.y, width, row.height)
            primary = key == "title"
            pygame.draw.rect(
                surface, theme.colour("accent" if primary else "card"), rect, border_radius=theme.space(0.3)
            )
            image = font.render(text, True, theme.colour("on_accent" if primary else "ink"))
            surface.blit(image, image.get_rect(center=rect.center))
            self.buttons[key] = rect
            right = rect.x - theme.space(1)

    def hit(self, position: tuple[int, int]) -> str | None:
        return next((key for key, rect in self.buttons.items() if rect.collidepoint(position)), None)
