"""The debrief's own buttons: what if, the branches side by side, the chart (projector mode),
how others fared; and the report, which goes in the footer.

A row under the timeline on the ending screen (two rows when big type needs them).
Each opens its screen over the debrief; Back returns to it.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.ui.pygame import widgets
from game.ui.pygame.screen import UI, Push, Screen, Transition

Action = tuple[str, str | None, Callable[[], Transition | None]]  # text, tooltip, what it does


def actions(screen: Screen) -> list[Action]:
    from game.ui.pygame.branch_table import BranchesScreen
    from game.ui.pygame.others import OthersScreen
    from game.ui.pygame.what_if import WhatIfScreen

    context = screen.context
    branches = context.branches
    assert branches is not None and context.session is not None
    found: list[Action] = []
    if context.session.can_undo():
        tip = _("Go back to an earlier turn on a new branch and choose again; this path is kept")
        found.append((_("What if?\u2026"), tip, lambda: Push(WhatIfScreen(context))))
    if len(branches.branches) > 1:
        text = _("Branches side by side ({count})").format(count=len(branches.branches))
        found.append((text, None, lambda: Push(BranchesScreen(context))))
    if screen.ui is not None and screen.ui.theme.projector:  # no room for the chart beside the text
        from game.ui.pygame.chart_screen import ChartScreen

        found.append((_("How things moved"), None, lambda: Push(ChartScreen(context))))
    tip = _("The endings of 1,000 players of your role who chose at random")
    found.append((_("How did others fare?"), tip, lambda: Push(OthersScreen(context))))
    return found


def report(screen: Screen) -> Action:
    """Write the handout: in the footer, beside the way on (the last thing a lesson does)."""
    from game.ui.pygame import overlay
    from game.ui.pygame.report_screen import ReportScreen

    tip = _("A handout of this game for the class, as one HTML file")
    return _("Write the report"), tip, lambda: Push(ReportScreen(screen.context, overlay.snapshot()))


def places(ui: UI, width: int, texts: list[str]) -> list[pygame.Rect]:
    """Where each button goes, left to right, on as many rows as the width needs (from 0, 0)."""
    gap = ui.theme.space(0.75)
    height = widgets.button_height(ui)
    rects: list[pygame.Rect] = []
    x = y = 0
    for text in texts:
        button = min(widgets.button_width(ui, text), width)
        if x and x + button > width:
            x, y = 0, y + height + gap
        rects.append(pygame.Rect(x, y, button, height))
        x += button + gap
    return rects


def height(ui: UI, width: int, screen: Screen) -> int:
    rects = places(ui, width, [text for text, _tip, _action in actions(screen)])
    return max(rect.bottom for rect in rects) if rects else 0


def action_row(screen: Screen, ui: UI, rect: pygame.Rect) -> None:
    found = actions(screen)
    for (text, tip, action), place in zip(found, places(ui, rect.width, [a[0] for a in found]), strict=True):
        element = widgets.button(ui, place.move(rect.x, rect.y), text, tooltip=tip)
        screen.focusable(element, action)
