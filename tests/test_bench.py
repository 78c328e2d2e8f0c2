"""The benchmark's generated scenarios stay valid and within the loader's limits (no timings here)."""

from __future__ import annotations

from bench.generate import scenario_yaml
from game.scenario.loader import load_text
from game.scenario.yamlread import MAX_BYTES


def test_a_generated_scenario_loads_and_plays() -> None:
    scenario = load_text(scenario_yaml(60))
    assert len(scenario.turns) == 60
    assert {ending.id for ending in scenario.endings} >= {"peace", "stalemate"}


def test_the_longest_generated_scenario_fits_the_file_limit() -> None:
    assert len(scenario_yaml(2000).encode("utf-8")) < MAX_BYTES
