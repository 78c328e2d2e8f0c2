"""Problems found in a scenario file, each located by file, line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a scenario file, located in it."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.path + ': ' if self.path else ''}{self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` holds every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


MAX_PART = 40  # characters of one key shown in a path: a key may be 100,000 long


def format_path(path: Path_) -> str:
    """('turns', 3, 'choices') -> 'turns[3].choices'"""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        name = part if len(part) <= MAX_PART else part[: MAX_PART - 3] + "..."
        text += f".{name}" if text else name
    return text
