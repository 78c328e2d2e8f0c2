"""The shipped scenarios, found in a folder and ordered by date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.scenario.loader import ScenarioError, load, scenario_files
from game.scenario.model import Scenario


@dataclass(frozen=True)
class Catalog:
    scenarios: tuple[Scenario, ...]  # in date order
    errors: tuple[ScenarioError, ...]
    files: dict[str, Path]  # scenario id -> file

    def find(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def load_catalog(paths: Iterable[str | Path]) -> Catalog:
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    files: dict[str, Path] = {}
    for file in scenario_files(paths):
        try:
            scenario = load(file)
        except ScenarioError as error:
            errors.append(error)
            continue
        scenarios.append(scenario)
        files[scenario.id] = file
    scenarios.sort(key=lambda s: (s.dates.start, s.dates.end, s.title))
    return Catalog(tuple(scenarios), tuple(errors), files)
