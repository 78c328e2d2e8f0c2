"""The glossary: the words and names a student will stumble on, defined once.

`scenarios/glossary.yaml` is validated like a scenario (located errors,
unknown keys refused). The game marks glossary words wherever they appear in
its text, so a scenario author never has to mark them by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field

from game.scenario.loader import validate_as
from game.scenario.model import Frozen, Id, Line, ReadOnly, Text, suggest
from game.scenario.problems import Problem, ScenarioError
from game.scenario.yamlread import read_text, read_yaml

Kind = Literal["term", "person", "group", "place"]


class Entry(Frozen):
    term: Line = Field(description="the word or name as the game writes it")
    kind: Kind = "term"
    forms: tuple[Line, ...] = Field((), description="other forms to mark in the text (plurals, short forms)")
    also_written: tuple[Line, ...] = Field(
        (), description="spellings met in other books, shown so a student can connect them (not marked)"
    )
    definition: Text
    see: tuple[Id, ...] = Field((), description="related entries")


class Glossary(Frozen):
    format: Literal[1]
    entries: ReadOnly(Id, Entry)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        forms = sorted(self.forms, key=len, reverse=True)  # longest first: "Young Bukharans" before "Bukhara"
        return re.compile(r"(?<![\w-])(" + "|".join(re.escape(form) for form in forms) + r")(?![\w-])")

    @cached_property
    def forms(self) -> Mapping[str, str]:
        """Every form the game marks -> the entry it belongs to."""
        table: dict[str, str] = {}
        for key, entry in self.entries.items():
            for form in (entry.term, *entry.forms):
                table[form] = key
                if form[:1].islower():  # "emir" is also "Emir" at the start of a sentence
                    table.setdefault(form[:1].upper() + form[1:], key)
        return table

    def find(self, text: str) -> list[Mark]:
        """The glossary words in `text`, each entry marked once (its first appearance)."""
        marks: list[Mark] = []
        seen: set[str] = set()
        for match in self._pattern.finditer(text):
            key = self.forms[match.group(1)]
            if key not in seen:
                seen.add(key)
                marks.append(Mark(match.start(), match.end(), key))
        return marks

    def sorted_entries(self) -> Iterator[tuple[str, Entry]]:
        yield from sorted(self.entries.items(), key=lambda item: item[1].term.casefold())


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    entry: str


def load_glossary(path: str | Path) -> Glossary:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScenarioError(
            [Problem(str(path), 1, 1, "", f"cannot read the file: {error.strerror}")]
        ) from None
    document = read_yaml(read_text(raw, str(path)), str(path))
    glossary = validate_as(Glossary, document)
    problems = [document.problem(path, message) for path, message in _check(glossary)]
    if problems:
        raise ScenarioError(problems)
    return glossary


def _check(glossary: Glossary) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Cross-entry rules: `see` names an entry; no form belongs to two entries."""
    owner: dict[str, str] = {}
    for key, entry in glossary.entries.items():
        for index, other in enumerate(entry.see):
            if other not in glossary.entries:
                yield (
                    ("entries", key, "see", index),
                    f"unknown entry {other!r}{suggest(other, glossary.entries)}",
                )
        for form in (entry.term, *entry.forms):
            if form in owner and owner[form] != key:
                yield ("entries", key), f"{form!r} is already a form of {owner[form]!r}"
            owner[form] = key
