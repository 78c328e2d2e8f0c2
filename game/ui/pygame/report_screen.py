"""The report of the game, for a handout: written at once as one HTML file in the data
folder's reports/, with where it went said plainly; the teacher's edition (with the
scenario's notes for the teacher) on request. A folder that cannot be written gives
one line, and the game goes on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game.i18n import _
from game.report import write_report
from game.saves import reports_dir
from game.ui.present import report_failed, report_written
from game.ui.pygame import widgets
from game.ui.pygame.overlay import Overlay
from game.ui.pygame.screen import UI, Context, Transition
from game.ui.pygame.widgets import Markup, esc


def report_path(context: Context, teacher: bool, stamp: str) -> Path:
    """reports/<scenario>-<time>.html, and the teacher's edition beside it."""
    assert context.session is not None
    name = f"{context.session.scenario.id}-{stamp}" + ("-teacher" if teacher else "")
    return reports_dir() / f"{name}.html"


class ReportScreen(Overlay):
    name = "report"

    def __init__(self, context: Context, snapshot: pygame.Surface | None) -> None:
        super().__init__(context, snapshot)
        self.stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.lines: list[str] = []  # markup, one paragraph each: what was written where, or why not
        self.written: dict[bool, Path] = {}  # teacher's edition or not -> the file
        self.write(teacher=False)

    @property
    def hints(self) -> str:  # type: ignore[override]
        return _("Tab moves \u00b7 Enter chooses \u00b7 Esc back to the game")

    def write(self, teacher: bool) -> bool:
        branches = self.context.branches
        assert branches is not None
        path = report_path(self.context, teacher, self.stamp)
        try:
            write_report(path, branches, self.context.notes, teacher=teacher)
        except OSError as error:  # a read-only or full folder: one line, and the game goes on
            self.lines.append("<b>" + esc(report_failed(path, error)) + "</b> " + esc(_("The game goes on.")))
            return False
        self.written[teacher] = path
        self.lines.append(esc(report_written(path, teacher)))
        return True

    def layout(self, ui: UI) -> None:
        theme = ui.theme
        markup = Markup(theme)
        width = theme.space(40)
        text = "<br><br>".join(self.lines)
        if self.written:
            text += "<br><br>" + markup.muted(
                _("It is one file that needs nothing else: open it in a web browser to read it or print it.")
            )
        if True in self.written:
            text += "<br>" + markup.font(
                esc(_("The teacher's edition holds the notes for the teacher: keep it off the projector.")),
                None,
                "warn",
            )
        probe = widgets.text_box(ui, pygame.Rect(0, 0, width, -1), text, "#sheet")
        text_h = min(probe.rect.height, round(ui.size[1] * 0.6))
        probe.kill()
        button_h = widgets.button_height(ui)
        heading = widgets.line_height(theme, "h1")
        gap = theme.space(0.75)
        inside = self.box(ui, width, heading + gap + text_h + gap + button_h)
        top, rest = widgets.cut_top(inside, heading, gap)
        widgets.label(ui, top, _("The report of this game"), "#h1")
        buttons, rest = widgets.cut_bottom(rest, button_h, gap)
        self.readable(widgets.text_box(ui, rest, text, "#sheet"))
        done = _("Back to the game")
        right, buttons = widgets.cut_right(buttons, widgets.button_width(ui, done), theme.space(1))
        self.focusable(widgets.button(ui, right, done, "#primary"), self.back)
        if self.written and True not in self.written:
            teacher = _("Also the teacher's edition")
            left, _rest = widgets.cut_right(buttons, widgets.button_width(ui, teacher), theme.space(1))
            tip = _("The same report with the scenario's notes for the teacher, in a file of its own")
            self.focusable(widgets.button(ui, left, teacher, tooltip=tip), self.teacher)

    def teacher(self) -> Transition | None:
        from game.ui.pygame.screen import Go

        self.write(teacher=True)
        self.focus_index = 0
        return Go(self)  # laid out again, with the new line
