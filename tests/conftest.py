"""Shared fixtures. GUI tests need no display: the dummy SDL drivers are set here; saves go to a
fresh folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.paths import SCENARIOS  # noqa: E402
from game.scenario.loader import load, scenario_files  # noqa: E402
from game.scenario.model import Scenario  # noqa: E402

DATA = Path(__file__).parent / "data"
SHIPPED = scenario_files([SCENARIOS])


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder: no test reads or writes the player's real saves."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("TURKESTAN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def small() -> Scenario:
    return load(DATA / "small.yaml")


@pytest.fixture(scope="session", params=SHIPPED, ids=[path.stem for path in SHIPPED])
def shipped(request: pytest.FixtureRequest) -> Scenario:
    return load(request.param)
