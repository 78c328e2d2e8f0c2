"""A screen drawn as a panel over the game, dimmed behind it: the menu's own dialogs
(save, the report written). Esc goes back to the game under it."""

from __future__ import annotations

import pygame

from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Pop, Screen, Transition


class Overlay(Screen):
    """A dialog over `snapshot`, a picture of the screen it was opened from."""

    hints = "Enter chooses \u00b7 Tab moves \u00b7 Esc back"

    def __init__(self, context: Context, snapshot: pygame.Surface | None) -> None:
        super().__init__(context)
        self.snapshot = snapshot
        self.background: pygame.Surface | None = None

    def build(self, ui: UI) -> None:
        self.background = dimmed(self.snapshot, ui.size)
        super().build(ui)

    def draw(self, surface: pygame.Surface) -> None:
        if self.background is not None:
            surface.blit(self.background, (0, 0))

    def box(self, ui: UI, width: int, height: int) -> pygame.Rect:
        """The dialog's panel, centred, never larger than the window; returns its inside."""
        pad = ui.theme.space(1.5)
        margin = ui.theme.space(1)
        outer = pygame.Rect(0, 0, min(width + 2 * pad, ui.size[0] - 2 * margin), 0)
        outer.height = min(height + 2 * pad, ui.size[1] - 2 * margin)
        outer.center = ui.rect.center
        widgets.panel(ui, outer, "#menu")
        return outer.inflate(-2 * pad, -2 * pad)

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return self.back()
        return super().key(event)

    def back(self) -> Transition | None:
        return Pop()


def dimmed(snapshot: pygame.Surface | None, size: tuple[int, int]) -> pygame.Surface:
    """The screen under a dialog, darkened so the dialog stands out."""
    background = pygame.Surface(size).convert()
    if snapshot is not None:
        background.blit(pygame.transform.smoothscale(snapshot, size), (0, 0))
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    background.blit(shade, (0, 0))
    return background


def snapshot() -> pygame.Surface | None:
    """What the window shows now, to dim behind a dialog."""
    shown = pygame.display.get_surface()
    return shown.copy() if shown is not None else None
