"""The ending and the debrief: how your game ended and how history's did, the timeline of
your path against history (the turns where you went another way marked), your path
turn by turn, a chart of how things moved, and the way to what if, the branches side
by side, how others fared and the report (debrief_actions)."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage

from game.engine.branches import Branches
from game.engine.session import Session
from game.i18n import N_, _, local
from game.scenario.model import Role
from game.ui.present import (
    Debrief,
    branch_line,
    debrief,
    ending_verdict,
    matched_sentence,
    passed_by_sentence,
    reached_date,
    role_title,
)
from game.ui.pygame import chart, debrief_actions, others, pathline, widgets
from game.ui.pygame import turn as turn_screen
from game.ui.pygame.outcome import undo_to_turn
from game.ui.pygame.screen import UI, Context, Go, Quit, Screen, Transition
from game.ui.pygame.widgets import Markup, esc


def chart_panel(ui: UI, rect: pygame.Rect, summary: Debrief, caption: bool = True) -> None:
    """The chart of the variables over the turns, in its panel (with its caption, unless the
    screen's heading says it already)."""
    theme = ui.theme
    widgets.panel(ui, rect, "#chart")
    plot = rect.inflate(-theme.space(1.5), -theme.space(1))
    if caption:
        top, plot = widgets.cut_top(plot, widgets.line_height(theme, "small"))
        widgets.label(ui, top, _("HOW THINGS MOVED, TURN BY TURN"), "#eyebrow")
    UIImage(plot, chart.render(theme, plot.size, summary), ui.manager)


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
        self.built = False  # laid out once: the focus starts on "Play again", later stays put

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        scenario = self.session.scenario
        assert self.summary.ending is not None
        others.start(scenario, self.role)  # counted in the background while the class reads
        body, footer = turn_screen.frame(ui)
        who = _("two teams") if len(self.session.roles) > 1 else role_title(self.role).lower()
        eyebrow = _("{scenario} \u00b7 {who} \u00b7 the end").format(scenario=local(scenario.title), who=who)
        top = self.heading(ui, body, eyebrow, local(self.summary.ending.title), ending_verdict(self.summary))
        body = pygame.Rect(body.x, top + theme.space(1), body.width, body.bottom - top - theme.space(1))
        actions_h = debrief_actions.height(ui, body.width, self)
        strip_h = pathline.height(theme)
        reading = body.height - actions_h - strip_h - theme.space(1.75)
        if reading >= theme.text_font("body").get_linesize() * 6:  # else the text needs the room more
            strip, body = widgets.cut_top(body, strip_h, theme.space(0.75))
            widgets.panel(ui, strip, "#chart")
            UIImage(strip, pathline.render(theme, strip.size, self.summary), ui.manager)
        actions, body = widgets.cut_top(body, actions_h, theme.space(1))
        debrief_actions.action_row(self, ui, actions)
        if theme.projector:
            # Big type cannot hold the text and the chart at once: the path in words goes beside
            # the ending, and the chart gets a screen of its own (a button in the row above).
            left, right = widgets.cut_left(body, round(body.width * 0.55), theme.space(1.5))
            self.text = self.readable(widgets.text_box(ui, left, self._ending(ui, path=False), "#sheet"))
            self.path = self.readable(widgets.text_box(ui, right, self._path(ui), "#sheet"))
        else:
            left, right = widgets.cut_left(body, round(body.width * 0.5), theme.space(1.5))
            self.text = self.readable(widgets.text_box(ui, left, self._ending(ui), "#sheet"))
            if self.summary.series:
                chart_panel(ui, right, self.summary)
        self._footer(ui, footer)

    def _ending(self, ui: UI, path: bool = True) -> str:
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
        if path:  # the timeline above, in words: each choice against history's
            parts.append(self._path(ui))
        branches = self.context.branches
        if branches is not None and len(branches.branches) > 1:
            parts.append(self._branches(ui, branches))
        sources = "<br>".join(
            f"<b>{esc(local(source.title))}</b>: {esc(local(source.note))}"
            for source in scenario.sources.values()
        )
        parts.append(markup.eyebrow(_("Sources")) + "<br>" + sources)
        return "<br><br>".join(parts)

    def _branches(self, ui: UI, branches: Branches) -> str:
        """Each "what if" branch and how it ended (the table of them is a button away)."""
        lines = [Markup(ui.theme).eyebrow(_("What if? The branches"), "accent")]
        for index, branch in enumerate(branches.branches):
            session = branch.session
            ending = session.scenario.ending(session.state.ending) if session.state.ending else None
            reached = reached_date(session.scenario, session.state)
            lines.append(esc(branch_line(branch.name, index == branches.current, ending, reached)))
        return "<br>".join(lines)

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
        report, tip, write = debrief_actions.report(self)
        entries = [
            (report, "", write, tip),
            (_("Play again"), "#primary", self.again, None),
            (_("Another scenario"), "", self.another, None),
            (_("Quit"), "", lambda: Quit(0), None),
        ]
        places = []
        for text, *_rest in reversed(entries):  # laid out from the right edge...
            button_rect, rect = widgets.cut_right(rect, widgets.button_width(ui, text), ui.theme.space(1))
            places.append(button_rect)
        for (text, style, action, tooltip), button_rect in zip(entries, reversed(places), strict=True):
            element = widgets.button(ui, button_rect, text, style, tooltip)  # ...but focused from the left
            index = self.focusable(element, action)  # type: ignore[arg-type]
            if style == "#primary" and not self.built:
                self.focus_index = index  # the focus starts on the way on, after the debrief's own
        self.built = True
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
        if event.key == pygame.K_BACKSPACE and self.session.can_undo():
            return undo_to_turn(self.context)
        return super().key(event)
