"""Keeping the window's game: the same autosave as the terminal's, after every change,
and the game to offer as "Continue" on the title.

A save is a seed and decisions (see game/saves.py), so the window and the terminal
continue each other's games. A failure to save never stops play; it is told once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.branches import Branches
from game.engine.session import Session
from game.i18n import _
from game.saves import Loaded, SaveError, SaveStore, snapshot
from game.scenario.catalog import Catalog


@dataclass
class Keeper:
    """Autosaves the game in progress; `problem` holds a failure not yet shown."""

    store: SaveStore
    catalog: Catalog
    branches: Branches | None = None
    problem: str | None = None
    _told: bool = field(default=False, repr=False)

    def keep(self, session: Session, fresh: bool = False) -> None:
        """Record `session` (after a decision, an undo or a new start) and write the autosave."""
        if fresh or self.branches is None:
            self.branches = Branches.start(session)
        else:
            self.branches = self.branches.update(session)
        fingerprint = self.catalog.fingerprint(session.scenario.id)
        try:
            self.store.autosave(snapshot(self.branches, fingerprint, "Autosave"))
        except SaveError as error:
            if not self._told:
                self.problem = _("{error} The game goes on.").format(error=error)
            self._told = True

    def take_problem(self) -> str | None:
        problem, self.problem = self.problem, None
        return problem

    def resumable(self) -> Loaded | None:
        """The autosaved game the window can continue (one role, or two teams)."""
        loaded, _problem = self.store.resume(self.catalog)
        return loaded

    def resume(self, loaded: Loaded) -> None:
        self.branches = loaded.branches
