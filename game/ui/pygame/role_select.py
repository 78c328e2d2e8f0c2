"""Choosing a role: who you will be in this scenario, and your brief; or two teams at one screen."""

from __future__ import annotations

import random

import pygame
from pygame_gui.core import UIElement

from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import ROLES, Role, Scenario
from game.ui.present import role_title
from game.ui.pygame import hotseat, widgets
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Transition
from game.ui.pygame.widgets import Markup, esc

TEAMS = "teams"  # the last card: both roles, one team each


def new_seed(context: Context) -> int:
    """The seed asked for on the command line, else a fresh one."""
    seed = context.options.seed
    return random.SystemRandom().randrange(1, 1_000_000) if seed is None else seed


def start(context: Context, scenario: Scenario, roles: tuple[Role, ...]) -> Transition:
    """A new game of `scenario` with `roles` played by people: to its first turn."""
    context.role = roles[0]
    context.play(Session.start(scenario, new_seed(context), roles), fresh=True)
    return Go(hotseat.first_screen(context))


class RoleSelectScreen(PickScreen):
    name = "role-select"
    hints = N_(
        "1\u20139 or arrows pick \u00b7 Enter begins \u00b7 Tab moves \u00b7 Backspace back \u00b7 Esc menu"
    )

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.scenario is not None
        self.scenario: Scenario = context.scenario
        self.roles: list[Role] = [role for role in ROLES if role in self.scenario.roles]
        self.picks: list[Role | str] = [*self.roles, TEAMS] if len(self.roles) > 1 else list(self.roles)
        wanted = (
            TEAMS if context.options.teams and TEAMS in self.picks else (context.options.role or context.role)
        )
        self.selected = self.picks.index(wanted) if wanted in self.picks else 0
        self.focus_index = self.selected
        self.details: list[UIElement] = []

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        margin = theme.space(2)
        body = ui.rect.inflate(-2 * margin, -2 * margin)
        eyebrow, body = widgets.cut_top(body, widgets.line_height(theme, "small"), 0)
        widgets.label(ui, eyebrow, local(self.scenario.title).upper(), "#eyebrow")
        title, body = widgets.cut_top(body, widgets.line_height(theme, "h1"), theme.space(1))
        widgets.label(ui, title, _("Who will you be?"), "#h1")
        footer, body = widgets.cut_bottom(body, widgets.button_height(ui), theme.space(1))
        left, right = widgets.cut_left(body, round(body.width * 0.4), theme.space(1.5))
        self.detail_rect = right
        markup = Markup(theme)
        specs = [
            widgets.CardSpec(self._card(markup, pick), key=str(n)) for n, pick in enumerate(self.picks, 1)
        ]
        self.list, self.cards, _height = widgets.card_list(ui, left, specs)
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self.show(index))
        self._footer(ui, footer)

    def _card(self, markup: Markup, pick: Role | str) -> str:
        if pick == TEAMS:
            return (
                "<b>"
                + esc(_("Two teams"))
                + "</b><br>"
                + markup.muted(_("One team negotiates, the other commands"))
            )
        info = self.scenario.roles[pick]  # type: ignore[index]
        person = f"<br>{markup.muted(local(info.person))}" if info.person else ""
        return f"<b>{esc(role_title(pick))}</b><br>{esc(local(info.name))}{person}"  # type: ignore[arg-type]

    def _begin_text(self, pick: Role | str) -> str:
        if pick == TEAMS:
            return _("Begin with two teams")
        return _("Begin as the negotiator") if pick == "negotiator" else _("Begin as the commander")

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        width = max(widgets.button_width(ui, self._begin_text(pick)) for pick in self.picks)
        right, rest = widgets.cut_right(rect, width, ui.theme.space(1))
        self.begin_button = widgets.button(ui, right, self._begin_text(self.picks[self.selected]), "#primary")
        self.focusable(self.begin_button, self.choose)
        rest = self.footer_button(ui, rest, _("Back"), self.back)
        widgets.hint_line(ui, rest, self.hint_text())

    def show(self, index: int) -> None:
        assert self.ui is not None
        self.selected = index
        for element in self.details:
            element.kill()
        pick = self.picks[index]
        text = self._teams_text() if pick == TEAMS else self._brief(pick)  # type: ignore[arg-type]
        self.details = [widgets.text_box(self.ui, self.detail_rect, text, "#sheet")]
        self.reading[:] = self.details
        if hasattr(self, "begin_button"):
            self.begin_button.set_text(self._begin_text(pick))

    def _brief(self, role: Role) -> str:
        assert self.ui is not None
        markup = Markup(self.ui.theme)
        info = self.scenario.roles[role]
        return (
            markup.eyebrow(_("{role} \u00b7 your brief").format(role=role_title(role)), "accent")
            + "<br>"
            + markup.heading(local(info.name), "h2", "ink")
            + (f"<br>{markup.muted(local(info.person))}" if info.person else "")
            + "<br><br>"
            + widgets.linked(local(info.brief), self.context.room.reference.glossary)  # a new box each time
        )

    def _teams_text(self) -> str:
        """What two teams at one screen means, and each team's side."""
        assert self.ui is not None
        markup = Markup(self.ui.theme)
        parts = [
            markup.eyebrow(_("Two teams at one screen"), "accent")
            + "<br>"
            + markup.heading(_("One team negotiates, the other commands"), "h2", "ink"),
            esc(
                _(
                    "Each turn both teams decide. The screen is passed between them: each team reads its own "
                    "situation and chooses while the other cannot see; then the turn is played with both "
                    "choices, and the history panel sets each side against what really happened."
                )
            ),
        ]
        for role in self.roles:
            info = self.scenario.roles[role]
            parts.append(markup.eyebrow(role_title(role)) + "<br><b>" + esc(local(info.name)) + "</b>")
        return "<br><br>".join(parts)

    def choose(self) -> Transition:
        pick = self.picks[self.selected]
        if pick == TEAMS:
            if self.context.room.named_here:  # named on the command line: no need to ask
                return start(self.context, self.scenario, tuple(self.roles))
            from game.ui.pygame.team_names import TeamNamesScreen

            return Go(TeamNamesScreen(self.context))
        return start(self.context, self.scenario, (pick,))  # type: ignore[arg-type]

    def back(self) -> Transition:
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        return Go(ScenarioSelectScreen(self.context))
