"""The menu over any screen (Esc): resume, restart, back to the title, the glossary and the
timeline, the settings, quit."""

from __future__ import annotations

import pygame

from game.i18n import N_, _, local
from game.ui.pygame import hotseat, widgets
from game.ui.pygame.screen import UI, Context, Go, Pop, Quit, Screen, Toggle, Transition


class MenuScreen(Screen):
    name = "menu"
    hints = N_("Esc resumes \u00b7 Tab or arrows move \u00b7 Enter chooses")

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
        entries: list[tuple[str, str, object]] = [(_("Resume"), "#primary", lambda: Pop())]
        if session is not None:
            entries.append((_("Restart this scenario"), "", self.restart))
        from game.ui.pygame.title import TitleScreen

        if not isinstance(self.below, TitleScreen):
            entries.append((_("Back to the title"), "", self.to_title))
        if self.context.room.reference.glossary is not None:
            entries.append((_("Glossary  (G)"), "", self.glossary_screen))
        entries.append((_("Timeline, 1916\u20131931"), "", self.timeline))
        entries.append((_("Settings"), "", self.settings_screen))
        projector = (
            _("Projector mode: on  (F5)") if self.context.room.projector else _("Projector mode: off  (F5)")
        )
        full = _("Full screen: on  (F11)") if settings.get("fullscreen") else _("Full screen: off  (F11)")
        entries += [
            (projector, "", lambda: Toggle("projector")),
            (full, "", lambda: Toggle("fullscreen")),
            (_("Quit the game"), "", lambda: Quit(0)),
        ]
        button_h = widgets.button_height(ui)
        gap = theme.space(0.6)
        width = max(max(widgets.button_width(ui, text) for text, _style, _action in entries), theme.space(20))
        heading = widgets.line_height(theme, "h1")
        note_h = widgets.line_height(theme, "small") if session is not None else 0
        pad = theme.space(1.5)

        def height(rows: int) -> int:
            return pad * 2 + heading + gap + rows * (button_h + gap) + note_h

        # one column, or two when one would not fit the window (projector type)
        columns = 1 if height(len(entries)) <= ui.size[1] - 2 * gap else 2
        rows = -(-len(entries) // columns)
        box = pygame.Rect(0, 0, columns * width + (columns - 1) * gap + 2 * pad, height(rows))
        box.center = ui.rect.center
        widgets.panel(ui, box, "#menu")
        widgets.label(ui, pygame.Rect(box.x + pad, box.y + pad, width, heading), _("Paused"), "#h1")
        top = box.y + pad + heading + gap
        for index, (text, style, action) in enumerate(entries):
            column, row = divmod(index, rows)
            at = pygame.Rect(
                box.x + pad + column * (width + gap), top + row * (button_h + gap), width, button_h
            )
            element = widgets.button(ui, at, text, style)
            self.focusable(element, action)  # type: ignore[arg-type]
        y = top + rows * (button_h + gap)
        if session is not None:
            assert self.context.scenario is not None
            note = _("{scenario} \u00b7 game seed {seed}").format(
                scenario=local(self.context.scenario.title), seed=session.seed
            )
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

        session = self.context.session
        assert session is not None
        self.context.play(Session.start(session.scenario, session.seed, session.roles), fresh=True)
        return Go(hotseat.first_screen(self.context), reset=True)

    def glossary_screen(self) -> Transition:
        """The glossary in the menu's place: Esc there returns to the game."""
        from game.ui.pygame.glossary import GlossaryScreen

        return Go(GlossaryScreen(self.context))

    def timeline(self) -> Transition:
        from game.ui.pygame.timeline import TimelineScreen

        return Go(TimelineScreen(self.context))

    def settings_screen(self) -> Transition:
        from game.ui.pygame.settings_screen import SettingsScreen

        return Go(SettingsScreen(self.context))

    def to_title(self) -> Transition:
        from game.ui.pygame.title import TitleScreen

        self.context.session = None
        return Go(TitleScreen(self.context), reset=True)
