"""Naming the two teams before a game at one screen: each name shows on its handover
screen, beside its choices and verdicts, and goes into the save and the report.

The fields start with the names in use (the settings' or the defaults); a name left
as it is, or emptied, keeps it. Enter moves to the next field, then begins.
"""

from __future__ import annotations

from types import MappingProxyType

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.i18n import N_, _, local
from game.scenario.model import ROLES, Role, Scenario
from game.ui.classroom import Teams
from game.ui.pygame import widgets
from game.ui.pygame.role_select import start
from game.ui.pygame.screen import UI, Context, Go, Screen, Transition
from game.ui.pygame.widgets import esc

MAX_NAME = 40  # as the settings allow


class TeamNamesScreen(Screen):
    name = "team-names"
    hints = N_("Type a name \u00b7 Enter next \u00b7 Tab moves \u00b7 Esc back")

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.scenario is not None
        self.scenario: Scenario = context.scenario
        self.roles: list[Role] = [role for role in ROLES if role in self.scenario.roles]
        self.typed: dict[Role, str] = {role: context.room.teams.name(role) for role in self.roles}
        self.fields: dict[Role, UITextEntryLine] = {}

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        width = min(ui.size[0] - 2 * margin, theme.space(44))
        body = pygame.Rect((ui.size[0] - width) // 2, margin, width, ui.size[1] - 2 * margin)
        top = self.heading(ui, body, local(self.scenario.title), _("Name the two teams"), None)
        y = top + theme.space(1)
        intro = esc(_("The names show when the screen is passed between the teams, and in the report."))
        box = widgets.text_box(ui, pygame.Rect(body.x, y, body.width, -1), intro, "#header")
        y = box.rect.bottom + theme.space(1.5)
        line = widgets.line_height(theme, "body")
        height = widgets.button_height(ui)
        for role in self.roles:
            info = self.scenario.roles[role]
            caption = _("Negotiator team: {name}") if role == "negotiator" else _("Commander team: {name}")
            widgets.label(ui, pygame.Rect(body.x, y, body.width, line), caption.format(name=local(info.name)))
            y += line + theme.space(0.3)
            entry = UITextEntryLine(pygame.Rect(body.x, y, body.width, height), ui.manager, object_id="#name")
            entry.set_text_length_limit(MAX_NAME)
            entry.set_text(self.typed[role])
            self.fields[role] = entry
            y += height + theme.space(1.2)
        footer = pygame.Rect(body.x, y + theme.space(0.5), body.width, height)
        rest = self.footer_button(ui, footer, _("Begin with two teams"), self.begin, "#primary")
        rest = self.footer_button(ui, rest, _("Back"), self.back)
        hint = pygame.Rect(
            body.x, footer.bottom + theme.space(1), body.width, widgets.line_height(theme, "small")
        )
        widgets.hint_line(ui, hint, self.hint_text())
        self.take(self.fields[self.roles[0]])

    def typing(self) -> bool:
        return any(field.is_focused for field in self.fields.values())

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in self.fields.values():
            role = next(role for role, field in self.fields.items() if field is event.ui_element)
            self.typed[role] = event.ui_element.get_text()
            return None
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.fields.values():
            return self.next_field(event.ui_element)
        if event.type == pygame.KEYDOWN and self.typing():
            if event.key == pygame.K_ESCAPE:
                return self.back()
            if event.key == pygame.K_TAB:
                self.next_field(next(f for f in self.fields.values() if f.is_focused), wrap=True)
            return None  # the field has the keys: a letter is a letter, not a command
        return super().handle(event)

    def next_field(self, field: UITextEntryLine, wrap: bool = False) -> Transition | None:
        """Enter in a field: on to the next one; in the last, begin the game."""
        fields = list(self.fields.values())
        index = fields.index(field)
        field.unfocus()
        if index + 1 < len(fields):
            self.take(fields[index + 1])
            return None
        if wrap:
            self.focus(0)
            return None
        return self.begin()

    @staticmethod
    def take(field: UITextEntryLine) -> None:
        """Focus a field with its name selected, so typing replaces it (and Enter keeps it)."""
        field.focus()
        field.select_range = [0, len(field.get_text())]

    def teams(self) -> Teams:
        """The names in use, with those typed in place of the ones changed."""
        teams = self.context.room.teams
        given = dict(teams.given)
        for role, typed in self.typed.items():
            name = typed.strip()[:MAX_NAME]
            if name and name != teams.name(role):
                given[role] = name
        return Teams(MappingProxyType(given))

    def begin(self) -> Transition:
        self.context.room.teams = self.teams()
        return start(self.context, self.scenario, tuple(self.roles))

    def back(self) -> Transition:
        from game.ui.pygame.role_select import RoleSelectScreen

        return Go(RoleSelectScreen(self.context))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return self.back()
        return super().key(event)
