"""The menu's entries for the game in progress: save, load, undo, what if, branches, report.

Kept apart from menu.py (which lays the menu out and holds the window's own
entries) so each screen they open stays in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.i18n import _, local
from game.ui.pygame.screen import Context, Go, Screen, Transition


@dataclass(frozen=True)
class Entry:
    """One button of the menu."""

    text: str
    action: Callable[[], Transition | None]
    style: str = ""
    enabled: bool = True
    tooltip: str | None = None


def game_entries(context: Context, below: Screen, snapshot: object) -> list[Entry]:
    """What can be done with the game in progress (none when there is none)."""
    session = context.session
    branches = context.branches
    if session is None or branches is None:
        return [Entry(_("Load a saved game"), lambda: load_game(context))]
    entries = [
        Entry(_("Save this game"), lambda: save_game(context, snapshot)),
        Entry(_("Load a saved game"), lambda: load_game(context)),
        Entry(
            _("Undo the last decision"),
            lambda: undo(context),
            enabled=session.can_undo(),
            tooltip=_("Take back your last decision and choose again (Backspace)"),
        ),
        Entry(
            _("What if? Go back to a turn"),
            lambda: what_if(context),
            enabled=session.can_undo(),
            tooltip=_("Go back to an earlier turn on a new branch; this path is kept to compare"),
        ),
    ]
    if len(branches.branches) > 1:
        entries.append(
            Entry(
                _("Branches side by side ({count})").format(count=len(branches.branches)),
                lambda: show_branches(context),
            )
        )
    entries.append(
        Entry(
            _("Write the report"),
            lambda: write_report(context, snapshot),
            tooltip=_("A handout of this game for the class, as one HTML file"),
        )
    )
    return entries


def save_game(context: Context, snapshot: object) -> Transition:
    from game.ui.pygame.save_screen import SaveScreen

    return Go(SaveScreen(context, snapshot))  # type: ignore[arg-type]


def load_game(context: Context) -> Transition:
    from game.ui.pygame.load_screen import LoadScreen

    return Go(LoadScreen(context))


def undo(context: Context) -> Transition | None:
    from game.ui.pygame.outcome import undo_to_turn

    session = context.session
    if session is None or not session.can_undo():
        context.say(_("There is nothing to undo yet."))
        return None
    return undo_to_turn(context, reset=True)


def what_if(context: Context) -> Transition | None:
    from game.ui.pygame.what_if import WhatIfScreen

    session = context.session
    if session is None or not session.can_undo():
        context.say(_("There is no earlier choice to go back to yet."))
        return None
    return Go(WhatIfScreen(context))


def show_branches(context: Context) -> Transition:
    from game.ui.pygame.branch_table import BranchesScreen

    return Go(BranchesScreen(context))


def write_report(context: Context, snapshot: object) -> Transition:
    from game.ui.pygame.report_screen import ReportScreen

    return Go(ReportScreen(context, snapshot))  # type: ignore[arg-type]


def note(context: Context) -> str:
    """The menu's small line: which game this is, and which branch."""
    session, branches = context.session, context.branches
    assert session is not None and branches is not None
    line = _("{title} \u00b7 game seed {seed}").format(title=local(session.scenario.title), seed=session.seed)
    if len(branches.branches) > 1:
        line += " \u00b7 " + _("branch {name} of {count}").format(
            name=branches.branch.name, count=len(branches.branches)
        )
    return line
