"""How things moved, turn by turn, on a screen of its own: the debrief's chart in projector
mode, where big type leaves the ending screen no room for it."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.present import Debrief, debrief, role_title
from game.ui.pygame import widgets
from game.ui.pygame.ending import chart_panel
from game.ui.pygame.screen import UI, Context, Pop, Screen, Transition
from game.ui.pygame.turn import frame


class ChartScreen(Screen):
    name = "chart"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.session is not None
        self.summary: Debrief = debrief(context.session)

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("Enter or Esc goes back")

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = frame(ui)
        session = self.context.session
        assert session is not None
        roles = ", ".join(role_title(role).lower() for role in session.roles)
        eyebrow = f"{session.scenario.title} \u00b7 {roles}"
        top = self.heading(ui, body, eyebrow, _("How things moved, turn by turn"), None)
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        chart_panel(ui, body, self.summary, caption=False)
        rest = self.footer_button(ui, footer, _("Back"), Pop, "#primary")
        widgets.hint_line(ui, rest, self.footer_text())

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return Pop()
        return super().key(event)
