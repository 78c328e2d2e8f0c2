"""The ending and the debrief: how your game ended and how history's did, your path
against history turn by turn (the turns where you went another way marked), and a
chart of how things moved."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage

from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role
from game.ui.present import (
    Debrief,
    debrief,
    ending_verdict,
    matched_sentence,
    passed_by_sentence,
    role_title,
)
from game.ui.pygame import chart, widgets
from game.ui.pygame import turn as turn_screen
from game.ui.pygame.outcome import undo_to_turn
from game.ui.pygame.screen import UI, Context, Go, Quit, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


class EndingScreen(Screen):
    name = "ending"
    hints = N_(
        "Tab or arrows move \u00b7 Enter chooses \u00b7 PageUp/PageDown scroll \u00b7 Backspace takes back "
        "the last decision"
    )

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        assert context.session is not None and context.role is not None
        self.session: Session = context.session
        self.role: Role = context.role
        self.summary: Debrief = debrief(self.session)

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        scenario = self.session.scenario
        assert self.summary.ending is not None
        body, footer = turn_screen.frame(ui)
        who = _("two teams") if len(self.session.roles) > 1 else role_title(self.role).lower()
        eyebrow = _("{scenario} \u00b7 {who} \u00b7 the end").format(scenario=local(scenario.title), who=who)
        top = self.heading(ui, body, eyebrow, local(self.summary.ending.title), ending_verdict(self.summary))
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        share = 0.4 if theme.projector else 0.46  # the chart needs the width more than the text
        left, right = widgets.cut_left(body, round(body.width * share), theme.space(1.5))
        self.text = self.readable(widgets.text_box(ui, left, self._ending(ui), "#sheet"))
        chart_height = round(right.height * (0.52 if theme.projector else 0.44)) if self.summary.series else 0
        path_rect, chart_rect = widgets.cut_top(
            right, right.height - chart_height - theme.space(1), theme.space(1)
        )
        self.path = self.readable(widgets.text_box(ui, path_rect, self._path(ui), "#sheet"))
        if chart_height:
            widgets.panel(ui, chart_rect, "#chart")
            caption, plot = widgets.cut_top(
                chart_rect.inflate(-theme.space(1.5), -theme.space(1)), widgets.line_height(theme, "small")
            )
            widgets.label(ui, caption, _("HOW THINGS MOVED, TURN BY TURN"), "#eyebrow")
            UIImage(plot, chart.render(theme, plot.size, self.summary), ui.manager)
        self._footer(ui, footer)

    def _ending(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        scenario = self.session.scenario
        summary = self.summary
        assert summary.ending is not None
        parts = [markup.eyebrow(_("How your game ended")) + "<br>" + esc(local(summary.ending.text))]
        if not summary.ended_as_history:
            historical = summary.historical_ending
            parts.append(
                markup.eyebrow(_("How history ended"))
                + "<br>"
                + markup.heading(local(historical.title), "body", "accent")
                + "<br>"
                + esc(local(historical.text))
            )
        sources = "<br>".join(
            f"<b>{esc(local(source.title))}</b>: {esc(local(source.note))}"
            for source in scenario.sources.values()
        )
        parts.append(markup.eyebrow(_("Sources")) + "<br>" + sources)
        return "<br><br>".join(parts)

    def _path(self, ui: UI) -> str:
        markup = Markup(ui.theme)
        summary = self.summary
        lines = [
            markup.eyebrow(_("Your path against history"), "accent"),
            markup.font(f"<b>{esc(matched_sentence(summary))}</b>", None, "ink"),
        ]
        single = len(summary.roles) == 1
        for step in summary.played_steps:
            tag = (
                markup.font("<b>" + esc(_("AS HISTORY")) + "</b>", "small", "good")
                if step.matched
                else markup.font("<b>" + esc(_("ANOTHER WAY")) + "</b>", "small", "warn")
            )
            lines.append(
                f"<br>{tag}  {markup.font(esc(step.shown_date), 'small', 'muted')} \u00b7 <b>{esc(step.title)}</b>"
            )
            lines.append(esc(self._chose(step.role, step.by, step.chosen, single)))
            if not step.matched:
                history = _("History: \u201c{choice}\u201d").format(choice=step.historical)
                lines.append(markup.font(esc(history), None, "muted"))
        if not summary.played_steps:
            lines.append(markup.muted(_("You took no decisions in this game.")))
        passed = passed_by_sentence(summary)
        if passed:
            lines.append("<br>" + markup.muted(passed))
        return "<br>".join(lines)

    @staticmethod
    def _chose(role: Role, by: str, chosen: str, single: bool) -> str:
        """'You chose “…”', or the team (or role) that chose it."""
        if single:
            return _("You chose \u201c{choice}\u201d").format(choice=chosen)
        if by not in ("player", "history"):
            return _("{team} chose \u201c{choice}\u201d").format(team=by, choice=chosen)
        return _("{role} chose \u201c{choice}\u201d").format(role=role_title(role), choice=chosen)

    def _footer(self, ui: UI, rect: pygame.Rect) -> None:
        entries = [
            (_("Play again"), "#primary", self.again),
            (_("Another scenario"), "", self.another),
            (_("Quit"), "", lambda: Quit(0)),
        ]
        places = []
        for text, _style, _action in reversed(entries):  # laid out from the right edge...
            button_rect, rect = widgets.cut_right(rect, widgets.button_width(ui, text), ui.theme.space(1))
            places.append(button_rect)
        for (text, style, action), button_rect in zip(entries, reversed(places), strict=True):
            element = widgets.button(ui, button_rect, text, style)  # ...but focused from the left
            self.focusable(element, action)  # type: ignore[arg-type]
        widgets.hint_line(ui, rect, self.footer_text())

    def again(self) -> Transition:
        from game.ui.pygame.role_select import RoleSelectScreen

        self.context.session = None
        return Go(RoleSelectScreen(self.context))

    def another(self) -> Transition:
        from game.ui.pygame.scenario_select import ScenarioSelectScreen

        self.context.session = None
        return Go(ScenarioSelectScreen(self.context))

    def key(self, event: pygame.event.Event) -> Transition | None:
        if event.key == pygame.K_BACKSPACE and self.session.decisions:
            return undo_to_turn(self.context)
        return super().key(event)
