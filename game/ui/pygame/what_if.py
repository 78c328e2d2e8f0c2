""" "What if?": go back to a turn on which you chose and take another choice, on a new branch.

The path played so far is kept as it was (game.engine.branches), so the end of the
game can set the two side by side. Reached from the menu and the debrief; the
history panel goes straight back to the turn it shows (`go_back`).
"""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.present import path_step, reached_date, role_title, turn_date, what_if_said
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Context, Go, PickScreen, Pop, Transition
from game.ui.pygame.turn import frame
from game.ui.pygame.widgets import Markup, esc


def go_back(context: Context, decisions_kept: int) -> Transition:
    """Start a branch at the turn after `decisions_kept` decisions and show that turn."""
    from game.ui.pygame.hotseat import first_screen  # with two teams, the handover first

    branches = context.branches
    assert branches is not None
    was = branches.branch.name
    branches = branches.what_if(decisions_kept)
    context.adopt(branches)
    now, session = branches.branch.name, branches.session
    said = what_if_said(now, decisions_kept + 1, reached_date(session.scenario, session.state))
    if now != was:
        kept = _("Branch {branch} is kept as it was: the end of the game sets the branches side by side.")
        said += " " + kept.format(branch=was)
    return Go(first_screen(context, note=esc(said)), reset=True)


class WhatIfScreen(PickScreen):
    """The turns on which people chose, newest first: pick one to choose again there."""

    name = "what-if"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        session = context.session
        assert session is not None
        # (decisions kept before it, its record): only the turns on which someone chose
        self.turns = [
            (index, record)
            for index, record in enumerate(session.state.log)
            if session.decisions[index].picks
        ][::-1]
        self.selected = 0

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("1\u20139 or arrows pick \u00b7 Enter goes back there \u00b7 Backspace or Esc back")

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        body, footer = frame(ui)
        session = self.context.session
        assert session is not None
        top = self.heading(
            ui,
            body,
            _("What if?"),
            _("Go back to a turn and choose again"),
            _("The path you played is kept: the end of the game sets the branches side by side."),
        )
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        self.list, self.cards, _used = widgets.card_list(ui, body, self._specs(ui))
        for index, made in enumerate(self.cards):
            self.focusable(made.hit, self.choose_focused, lambda index=index: self._show(index))
        self._footer(ui, footer)

    def _specs(self, ui: UI) -> list[widgets.CardSpec]:
        markup = Markup(ui.theme)
        session = self.context.session
        assert session is not None
        scenario = session.scenario
        single = len(session.roles) == 1
        specs = []
        for number, (index, record) in enumerate(self.turns, start=1):
            turn = scenario.turns[scenario.turn_index(record.turn)]
            heading = _("Turn {number}").format(number=index + 1)
            lines = [f"<b>{esc(heading)} \u00b7 {esc(turn_date(turn))} \u00b7 {esc(turn.title)}</b>"]
            for move in record.moves:
                if move.role not in session.roles:
                    continue
                step = path_step(scenario, record, move)
                who = _("You chose") if single else role_title(move.role)
                word, colour = (_("AS HISTORY"), "good") if step.matched else (_("ANOTHER WAY"), "warn")
                tag = markup.font(f"<b>{esc(word)}</b>", "small", colour)
                lines.append(f"{tag}  {esc(who)}: \u201c{esc(step.chosen)}\u201d")
            specs.append(widgets.CardSpec("<br>".join(lines), key=str(number) if number <= 9 else None))
        return specs

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        rect = self.footer_button(ui, rect, _("Go back to this turn"), self.choose, "#primary")
        rect = self.footer_button(ui, rect, _("Back"), self.back)
        widgets.hint_line(ui, rect, self.hints)

    def _show(self, index: int) -> None:
        self.selected = index
        widgets.scroll_into_view(self.list, self.cards[index].hit)

    def choose(self) -> Transition | None:
        if not self.turns:
            return None
        return go_back(self.context, self.turns[self.selected][0])

    def back(self) -> Transition:
        return Pop()

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_ESCAPE:
            return self.back()
        return super().key(event)
