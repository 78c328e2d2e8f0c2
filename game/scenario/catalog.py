"""The shipped scenarios, found in a folder and ordered by date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.scenario.loader import Problem, ScenarioError, load, scenario_files
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
        except Exception as error:  # noqa: BLE001 - a bug of ours must not hide the other scenarios
            errors.append(_internal_error(file, error))
            continue
        scenarios.append(scenario)
        files[scenario.id] = file
    scenarios.sort(key=lambda s: (s.dates.start, s.dates.end, s.title))
    return Catalog(tuple(scenarios), tuple(errors), files)


def _internal_error(file: Path, error: Exception) -> ScenarioError:
    """A file the loader itself failed on: set it aside with a crash report, as a problem."""
    from game import faults

    path = faults.write_crash_report(error)
    where = f"; a crash report was saved to {path}" if path else ""
    message = f"the game failed while reading this file (an error in the game, not in the file{where})"
    return ScenarioError([Problem(str(file), 1, 1, "", message)])
