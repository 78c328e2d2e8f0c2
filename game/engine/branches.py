"""The branches of one game: "what if we had chosen the other way?".

A class plays a path, returns to an earlier turn and takes another choice; both
paths are kept so the debrief can set them side by side. Every branch is a
Session of the same scenario, seed and roles, and shares the first `fork`
decisions with the branch it was made from, so each is still nothing more than
a list of decisions that replays exactly.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace

from game.engine.session import Session


@dataclass(frozen=True)
class Branch:
    name: str  # "A" for the first path, then "B", "C"... in the order they were made
    session: Session
    parent: str | None = None  # the branch this one was made from
    fork: int = 0  # how many decisions it shares with its parent


@dataclass(frozen=True)
class Branches:
    """Every path of a game and the one being played. Immutable, like Session."""

    branches: tuple[Branch, ...]
    current: int = 0

    @classmethod
    def start(cls, session: Session) -> Branches:
        return cls((Branch("A", session),))

    @property
    def branch(self) -> Branch:
        return self.branches[self.current]

    @property
    def session(self) -> Session:
        return self.branch.session

    def update(self, session: Session) -> Branches:
        """The current branch moved on (a decision) or back (undo)."""
        changed = replace(self.branch, session=session)
        return self._with(self.current, changed)

    def what_if(self, decisions_kept: int) -> Branches:
        """Return to the turn after `decisions_kept` decisions on a new branch; the current one stays.

        A branch that has taken no decision of its own yet is not worth keeping,
        so asking "what if" again from it moves it rather than adding another.
        """
        branch = self.branch
        kept = max(0, min(decisions_kept, len(branch.session.decisions)))
        rewound = branch.session.rewind(kept)
        if branch.parent is not None and len(branch.session.decisions) <= branch.fork:
            return self._with(self.current, replace(branch, session=rewound, fork=kept))
        new = Branch(self._next_name(), rewound, branch.name, kept)
        return Branches((*self.branches, new), len(self.branches))

    def switch(self, index: int) -> Branches:
        if not 0 <= index < len(self.branches):
            raise IndexError(f"there is no branch {index}")
        return Branches(self.branches, index)

    def index(self, name: str) -> int | None:
        return next((i for i, branch in enumerate(self.branches) if branch.name == name), None)

    def _with(self, index: int, branch: Branch) -> Branches:
        branches = list(self.branches)
        branches[index] = branch
        return Branches(tuple(branches), self.current)

    def _next_name(self) -> str:
        return branch_name(len(self.branches))


def branch_name(number: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'A2': short enough to head a column."""
    letters = string.ascii_uppercase
    letter, lap = letters[number % 26], number // 26
    return letter if lap == 0 else f"{letter}{lap + 1}"
