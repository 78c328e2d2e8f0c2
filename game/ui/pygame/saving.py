"""Keeping the window's game: the same autosave as the terminal's, after every change,
and the game to offer as "Continue" on the title.

A save is a seed and decisions (see game/saves.py), so the window and the terminal
continue each other's games. A failure to save never stops play; it is told once.

`resume_screen` is the one place that decides on which screen the window takes up a
saved game, of one player or of two teams: Continue on the title and Load in the menu
both go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.branches import Branches
from game.i18n import _
from game.saves import Loaded, SaveError, SaveStore, default_name, snapshot, write_save
from game.scenario.catalog import Catalog

if TYPE_CHECKING:
    from game.ui.pygame.screen import Context, Screen


@dataclass
class Keeper:
    """Autosaves the game in progress; `problem` holds a failure not yet shown."""

    store: SaveStore
    catalog: Catalog
    save_to: Path | None = None  # --save PATH: also kept there after every change, as in the terminal
    problem: str | None = None
    _told: bool = field(default=False, repr=False)

    def keep(self, branches: Branches) -> None:
        """Write the autosave: every branch, so "what if" paths survive a restart too."""
        fingerprint = self.catalog.fingerprint(branches.session.scenario.id)
        save = snapshot(branches, fingerprint, "Autosave")
        self._try(lambda: self.store.autosave(save))
        if self.save_to is not None:
            named = save.model_copy(update={"name": default_name(branches.session)})
            self._try(lambda: write_save(self.save_to, named))  # type: ignore[arg-type]

    def _try(self, write: Callable[[], None]) -> None:
        try:
            write()
        except SaveError as error:
            if not self._told:
                self.problem = _("{error} The game goes on.").format(error=error)
            self._told = True

    def take_problem(self) -> str | None:
        problem, self.problem = self.problem, None
        return problem

    def resumable(self) -> Loaded | None:
        """The autosaved game the window can continue."""
        loaded, _problem = self.store.resume(self.catalog)
        return loaded


def store_of(context: Context) -> SaveStore:
    """The saves folder: the autosave's, or the usual one when nothing autosaves (scripted play)."""
    return context.keeper.store if context.keeper is not None else SaveStore.default()


def resume_screen(context: Context, loaded: Loaded) -> Screen:
    """Take up a loaded game (Continue, Load): make it the game in progress; the screen to show."""
    from game.ui.pygame import hotseat
    from game.ui.pygame.ending import EndingScreen
    from game.ui.pygame.widgets import esc

    context.adopt(loaded.branches, loaded.notes)
    session = loaded.session
    context.role = session.roles[0]
    hotseat.adopt_teams(context, session)  # two teams keep the names they played under
    if session.state.finished:
        return EndingScreen(context)
    notes = " ".join(loaded.notes)
    return hotseat.first_screen(context, note=esc(notes) if notes else None)  # a team's handover, maybe
