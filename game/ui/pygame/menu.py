"""The menu over any screen (Esc): resume, restart, back to the title, settings, quit."""

from __future__ import annotations

import pygame

from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Go, Pop, Quit, Screen, Toggle, Transition


class MenuScreen(Screen):
    name = "menu"
    hints = "Esc resumes \u00b7 Tab or arrows move \u00b7 Enter chooses"

    def __init__(self, context: Context, below: Screen) -> None:
        super().__init__(context)
        self.below = below
        shown = pygame.display.get_surface()
        self.snapshot = shown.copy() if shown is not None else None

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        self.background = self._dimmed(ui.size)
        settings = self.context.settings
        session = self.context.session
        entries: list[tuple[str, str, object]] = [("Resume", "#primary", lambda: Pop())]
        if session is not None:
            entries.append(("Restart this scenario", "", self.restart))
        from game.ui.pygame.title import TitleScreen

        if not isinstance(self.below, TitleScreen):
            entries.append(("Back to the title", "", self.to_title))
        entries += [
            (
                f"Projector mode: {'on' if settings.get('projector') else 'off'}  (F5)",
                "",
                lambda: Toggle("projector"),
            ),
            (
                f"Full screen: {'on' if settings.get('fullscreen') else 'off'}  (F11)",
                "",
                lambda: Toggle("fullscreen"),
            ),
            ("Quit the game", "", lambda: Quit(0)),
        ]
        button_h = widgets.button_height(ui)
        gap = theme.space(0.6)
        width = max(max(widgets.button_width(ui, text) for text, _, _ in entries), theme.space(20))
        heading = widgets.line_height(theme, "h1")
        note_h = widgets.line_height(theme, "small") if session is not None else 0
        pad = theme.space(1.5)
        height = pad * 2 + heading + gap + len(entries) * (button_h + gap) + note_h
        box = pygame.Rect(0, 0, width + 2 * pad, height)
        box.center = ui.rect.center
        widgets.panel(ui, box, "#menu")
        widgets.label(ui, pygame.Rect(box.x + pad, box.y + pad, width, heading), "Paused", "#h1")
        y = box.y + pad + heading + gap
        for text, style, action in entries:
            element = widgets.button(ui, pygame.Rect(box.x + pad, y, width, button_h), text, style)
            self.focusable(element, action)  # type: ignore[arg-type]
            y += button_h + gap
        if session is not None:
            assert self.context.scenario is not None
            note = f"{self.context.scenario.title} \u00b7 game seed {session.seed}"
            widgets.label(ui, pygame.Rect(box.x + pad, y, width, note_h), note, "#muted")

    def _dimmed(self, size: tuple[int, int]) -> pygame.Surface:
        background = pygame.Surface(size).convert()
        if self.snapshot is not None:
            background.blit(pygame.transform.smoothscale(self.snapshot, size), (0, 0))
        shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        background.blit(shade, (0, 0))
        return background

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background, (0, 0))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return Pop()
        return super().key(event)

    def restart(self) -> Transition | None:
        from game.engine.session import Session
        from game.ui.pygame.turn import TurnScreen

        session = self.context.session
        assert session is not None
        self.context.play(Session.start(session.scenario, session.seed, session.roles), fresh=True)
        return Go(TurnScreen(self.context), reset=True)

    def to_title(self) -> Transition:
        from game.ui.pygame.title import TitleScreen

        self.context.session = None
        return Go(TitleScreen(self.context), reset=True)
