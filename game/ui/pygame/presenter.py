"""The presenter view (`--presenter`): the teacher's notes in a second window of their own.

The game's window goes to the projector; this one stays on the teacher's own
screen and follows the game, showing the notes for the turn on screen. It is drawn
with plain pygame (pygame_gui draws into one window only). If the system cannot
open a second window, the game says so once and goes on: T still shows the notes.
"""

from __future__ import annotations

import contextlib
import warnings

import pygame

from game.i18n import _, local
from game.paths import ASSETS
from game.scenario.model import Turn
from game.ui.present import teacher_notes, turn_date

SIZE = (640, 720)
GROUND, INK, MUTED, ACCENT = (22, 20, 12), (239, 228, 204), (169, 179, 196), (232, 196, 104)
FONTS = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}


class Presenter:
    """The second window, and what it shows now."""

    def __init__(self, window: pygame.Window) -> None:
        self.window = window
        self.turn: Turn | None = None
        self.fonts: dict[tuple[str, int], pygame.font.Font] = {}

    @classmethod
    def open(cls) -> Presenter | None:
        """The teacher's window, or None (with one line on stderr) when none can be opened."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # the Window API is marked new
                window = pygame.Window(_("Teacher's notes \u2014 Turkestan Crossroads"), SIZE, resizable=True)
                with contextlib.suppress(pygame.error, AttributeError):
                    pygame.Window.from_display_module().focus()  # the game's window keeps the keyboard
        except (pygame.error, AttributeError) as error:
            import sys

            print(
                _(
                    "turkestan: no second window for the teacher's notes ({error}); hold T to see them."
                ).format(error=error),
                file=sys.stderr,
            )
            return None
        presenter = cls(window)
        presenter.draw()
        return presenter

    def owns(self, event: pygame.event.Event) -> bool:
        """Is this event about the teacher's window (so not for the game)?"""
        return getattr(event, "window", None) is self.window

    def handle(self, event: pygame.event.Event) -> bool:
        """React to an event of the teacher's window; True once it has been closed."""
        if event.type == pygame.WINDOWCLOSE:
            self.window.destroy()
            return True
        if event.type in (pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN):
            self.draw()
        return False

    def show(self, turn: Turn | None) -> None:
        """Follow the game: the notes for `turn` (None keeps the last turn's, between turns)."""
        if turn is not None and turn is not self.turn:
            self.turn = turn
        self.draw()

    # --- drawing ---

    def font(self, size: int, style: str = "regular") -> pygame.font.Font:
        if (style, size) not in self.fonts:
            self.fonts[(style, size)] = pygame.font.Font(ASSETS / "fonts" / FONTS[style], size)
        return self.fonts[(style, size)]

    def draw(self) -> None:
        surface = self.window.get_surface()
        surface.fill(GROUND)
        width = surface.get_width()
        margin = 24
        y = margin
        y = self._text(surface, _("FOR THE TEACHER \u00b7 NOT ON THE PROJECTOR"), 14, "bold", MUTED, y, width)
        turn = self.turn
        if turn is None:
            y = self._text(
                surface,
                _("The notes for each turn appear here during a game."),
                20,
                "regular",
                INK,
                y + 12,
                width,
            )
        else:
            heading = f"{turn_date(turn)} \u00b7 {local(turn.title)}"
            y = self._text(surface, heading, 24, "bold", ACCENT, y + 8, width)
            notes = teacher_notes(turn)
            if not notes:
                y = self._text(
                    surface, _("This turn has no notes for the teacher."), 20, "regular", MUTED, y + 16, width
                )
            for label, note in notes:
                y = self._text(surface, label, 18, "bold", ACCENT, y + 16, width)
                y = self._text(surface, note, 20, "regular", INK, y + 2, width)
        self.window.flip()

    def _text(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        style: str,
        colour: tuple[int, int, int],
        y: int,
        width: int,
    ) -> int:
        """Text wrapped to the window's width at (24, y); returns the y under it."""
        font = self.font(size, style)
        margin = 24
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] > width - 2 * margin and line:
                surface.blit(font.render(line, True, colour), (margin, y))
                y += font.get_linesize()
                line = word
            else:
                line = trial
        if line:
            surface.blit(font.render(line, True, colour), (margin, y))
            y += font.get_linesize()
        return y
