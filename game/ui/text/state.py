"""The game at the terminal: its branches, where it is kept, and how the class plays it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from game import faults
from game.engine.branches import Branches
from game.engine.session import Session
from game.i18n import _
from game.saves import SaveError, SaveStore, default_name, snapshot, write_save
from game.scenario.catalog import Catalog
from game.settings import Settings
from game.ui.classroom import Teams
from game.ui.reference import Reference
from game.ui.text.terminal import Terminal

# What a command did: changed the game (show the turn afresh, from its first team),
# filled the screen (show the current choices again), or left things as they were.
Outcome = Literal["changed", "redraw", "stay"]


@dataclass
class Classroom:
    """How the people in the room play: teams, a class vote, notes for the teacher."""

    teams: Teams = field(default_factory=Teams)
    vote: bool = False  # each decision is a show of hands that the teacher types in
    presenter: bool = False  # print the teacher's notes before every turn (a transcript for the teacher)
    named_here: bool = False  # the team names came from the command line: they win over a save's


@dataclass
class Room:
    """What the terminal has before any game and keeps across games: the scenarios, the saves,
    the reference screens, the settings and how the class plays."""

    catalog: Catalog
    store: SaveStore
    classroom: Classroom = field(default_factory=Classroom)
    reference: Reference = field(default_factory=Reference)
    settings: Settings = field(default_factory=Settings)
    seen_words: set[str] = field(default_factory=set)  # glossary entries already defined this game


@dataclass
class Game:
    """The game at the terminal: its branches, the room it is played in, and where it is kept."""

    branches: Branches
    room: Room
    save_to: Path | None = None  # --save PATH: also kept there after every change
    complained: bool = False  # a failing autosave is told once, not every turn

    def __post_init__(self) -> None:
        self.track()

    @property
    def session(self) -> Session:
        return self.branches.session

    @property
    def catalog(self) -> Catalog:
        return self.room.catalog

    @property
    def store(self) -> SaveStore:
        return self.room.store

    @property
    def classroom(self) -> Classroom:
        return self.room.classroom

    @property
    def reference(self) -> Reference:
        return self.room.reference

    @property
    def teams(self) -> bool:
        """Two teams at one screen: both roles are played by people."""
        return len(self.session.roles) > 1

    def change(self, terminal: Terminal, branches: Branches) -> None:
        self.branches = branches
        self.track()
        self.keep(terminal)

    def track(self) -> None:
        """Tell the crash reporter the game on screen, so a report holds its decisions."""
        file = self.catalog.files.get(self.session.scenario.id)
        faults.track(self.session, scenario_file=file, front_end="text")

    def keep(self, terminal: Terminal) -> None:
        """Autosave after every change of the game (and to --save PATH); a failure never stops play."""
        save = snapshot(self.branches, self.fingerprint, "Autosave")  # the file's own name, not shown
        self._try(terminal, lambda: self.store.autosave(save))
        if self.save_to is not None:
            named = save.model_copy(update={"name": default_name(self.session)})
            self._try(terminal, lambda: write_save(self.save_to, named))

    def _try(self, terminal: Terminal, write: Callable[[], None]) -> None:
        try:
            write()
        except SaveError as error:
            if not self.complained:
                terminal.say(_("({error} The game goes on.)").format(error=error))
            self.complained = True

    @property
    def fingerprint(self) -> str:
        return self.catalog.fingerprint(self.session.scenario.id)
