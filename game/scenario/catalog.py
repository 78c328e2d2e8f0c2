"""The shipped scenarios, found in a folder and ordered by date."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.scenario.loader import Problem, ScenarioError, load_text, scenario_files
from game.scenario.model import Scenario
from game.scenario.yamlread import read_text


@dataclass(frozen=True)
class Catalog:
    scenarios: tuple[Scenario, ...]  # in date order
    errors: tuple[ScenarioError, ...]
    files: dict[str, Path]  # scenario id -> file
    fingerprints: dict[str, str] = field(default_factory=dict)  # scenario id -> fingerprint of its file

    def find(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def fingerprint(self, scenario_id: str) -> str:
        """The fingerprint of the file the scenario was loaded from ('' if unknown)."""
        return self.fingerprints.get(scenario_id, "")


def fingerprint(raw: bytes) -> str:
    """Identifies a scenario file's exact contents, so a save can tell that its scenario changed."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def load_catalog(paths: Iterable[str | Path]) -> Catalog:
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    files: dict[str, Path] = {}
    prints: dict[str, str] = {}
    for file in scenario_files(paths):
        try:
            raw = file.read_bytes()  # read once: the fingerprint is of exactly the bytes loaded
        except OSError as error:
            errors.append(
                ScenarioError([Problem(str(file), 1, 1, "", f"cannot read the file: {error.strerror}")])
            )
            continue
        try:
            scenario = load_text(read_text(raw, str(file)), str(file))
        except ScenarioError as error:
            errors.append(error)
            continue
        scenarios.append(scenario)
        files[scenario.id] = file
        prints[scenario.id] = fingerprint(raw)
    scenarios.sort(key=lambda s: (s.dates.start, s.dates.end, s.title))
    return Catalog(tuple(scenarios), tuple(errors), files, prints)
