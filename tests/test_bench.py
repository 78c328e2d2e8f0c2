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


def test_the_window_frame_time_hook_answers_as_python_m_bench_asks() -> None:
    """bench/run.py calls bench.gui.frame_times(width, height, frames) and takes the median."""
    from bench.gui import frame_times

    times = frame_times(800, 450, 2)
    assert len(times) == 2 and all(isinstance(t, float) and t > 0 for t in times)


def test_the_window_draws_nothing_while_nothing_happens() -> None:
    """bench/run.py calls bench.gui.idle(seconds): the turn screen left alone draws no frames."""
    from bench.gui import idle

    share, drawn = idle(0.5)
    assert drawn == 0
    assert isinstance(share, float) and share >= 0
