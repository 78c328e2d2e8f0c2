"""Choosing a role: who you will be in this scenario, and your brief."""

from __future__ import annotations

import random

import pygame
from pygame_gui.core import UIElement

from game.engine.session import Session
from game.scenario.model import ROLES, Role, Scenario
from game.ui.present import role_title
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Transition
from game.ui.pygame.widgets import Markup, esc


class RoleSelectScreen(PickScreen):
    name = "role-select"
    hints = (
        "1\u20139 or arrows pick \u00b7 Enter begins \u00b7 Tab moves \u00b7 Backspace back \u00b7 Esc menu"
    )

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.scenario is not None
        self.scenario: Scenario = context.scenario
        self.roles: list[Role] = [role for role in ROLES if role in self.scenario.roles]
        wanted = context.options.role or context.role
        self.selected = self.roles.index(wanted) if wanted in self.roles else 0  # type: ignore[arg-type]
        self.focus_index = self.selected
        self.details: list[UIElement] = []

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        eyebrow, body = widgets.cut_top(body, widgets.line_height(theme, "small"), 0)
        widgets.label(ui, eyebrow, self.scenario.title.upper(), "#eyebrow")
        title, body = widgets.cut_top(body, widgets.line_height(theme, "h1"), theme.space(1))
        widgets.label(ui, title, "Who will you be?", "#h1")
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        left, right = widgets.cut_left(body, round(body.width * 0.4), theme.space(1.5))
        self.detail_rect = right
        specs = []
        for number, role in enumerate(self.roles, start=1):
            info = self.scenario.roles[role]
            person = f"<br>{Markup(theme).muted(info.person)}" if info.person else ""
            specs.append(
                widgets.CardSpec(f"<b>{role_title(role)}</b><br>{esc(info.name)}{person}", key=str(number))
            )
        self.list, self.cards, _ = widgets.card_list(ui, left, specs)
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self.show(index))
        self._footer(ui, footer)

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        begin = f"Begin as {role_title(self.roles[self.selected]).lower()}"
        width = max(widgets.button_width(ui, f"Begin as {role_title(role).lower()}") for role in self.roles)
        right, rest = widgets.cut_right(rect, width, ui.theme.space(1))
        self.begin_button = widgets.button(ui, right, begin, "#primary")
        self.focusable(self.begin_button, self.choose)
        back, rest = widgets.cut_right(rest, widgets.button_width(ui, "Back"), ui.theme.space(1))
        self.focusable(widgets.button(ui, back, "Back"), self.back)
        widgets.hint_line(ui, rest, self.hints)

    def show(self, index: int) -> None:
        assert self.ui is not None
        self.selected = index
        for element in self.details:
            element.kill()
        role = self.roles[index]
        info = self.scenario.roles[role]
        markup = Markup(self.ui.theme)
        text = (
            markup.eyebrow(f"{role_title(role)} \u00b7 your brief", "accent")
            + "<br>"
            + markup.heading(info.name, "h2", "ink")
            + (f"<br>{markup.muted(info.person)}" if info.person else "")
            + "<br><br>"
            + esc(info.brief)
        )
        self.details = [widgets.text_box(self.ui, self.detail_rect, text, "#sheet")]
        self.reading[:] = self.details
        if hasattr(self, "begin_button"):
            self.begin_button.set_text(f"Begin as {role_title(role).lower()}")

    def choose(self) -> Transition:
        from game.ui.pygame.turn import TurnScreen

        role = self.roles[self.selected]
        seed = self.context.options.seed
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        self.context.role = role
        self.context.play(Session.start(self.scenario, seed, [role]), fresh=True)
        return Go(TurnScreen(self.context))

    def back(self) -> Transition:
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        return Go(ScenarioSelectScreen(self.context))
