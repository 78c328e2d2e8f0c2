"""The window from the command line: scripted runs with screenshots, start-up, no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import ROLE_CHOICES, play_parser
from game.scenario.model import ROLES

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env if env is not None else base,
    )


@pytest.mark.parametrize("policy", ["historical", "random"])
def test_autoplay_saves_every_screen_in_order_and_exits_0(tmp_path: Path, policy: str) -> None:
    shots = tmp_path / "shots"
    result = run(
        "--autoplay", policy, "--seed", "4", "--scenario", "small", "--role", "negotiator",
        "--scenarios", str(DATA), "--screenshot-dir", str(shots),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    names = sorted(path.name for path in shots.iterdir())
    assert names[:4] == ["01-title.png", "02-scenario-select.png", "03-role-select.png", "04-turn-1.png"]
    assert names[4:6] == ["05-outcome-1.png", "06-history-1.png"]
    assert names[-1].endswith("-ending.png")
    numbers = [int(name.split("-")[0]) for name in names]
    assert numbers == list(range(1, len(names) + 1))
    import pygame

    for path in shots.iterdir():
        assert pygame.image.load(str(path)).get_size() == (1280, 720)


def test_the_commander_autoplays_too(tmp_path: Path) -> None:
    result = run(
        "--autoplay", "historical", "--scenario", "small", "--role", "commander",
        "--scenarios", str(DATA), "--screenshot-dir", str(tmp_path), "--size", "1024x768", "--projector",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # history's commander marches (turn 1), then attacks (turn 2); the third turn is the negotiator's
    assert (tmp_path / "04-turn-1.png").exists() and any(tmp_path.glob("*-ending.png"))


def test_exit_after_first_frame_draws_the_title_and_stops() -> None:
    result = run("--exit-after-first-frame")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_no_display_says_so_in_one_line_and_exits_2() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "no-such-driver"}
    result = run(env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--text" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_screen_at_all_is_no_display_too(tmp_path: Path) -> None:
    # Without a display SDL falls back to an invisible window; the game must not sit in it.
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    result = run(env=env)
    assert result.returncode == 2
    ours = [line for line in result.stderr.splitlines() if line.startswith("turkestan:")]
    assert len(ours) == 1 and "--text" in ours[0]
    assert "Traceback" not in result.stderr


def test_the_window_flags_parse() -> None:
    args = play_parser().parse_args(["--projector", "--size", "1920x1080", "--autoplay", "random"])
    assert args.projector and args.size == (1920, 1080) and args.autoplay == "random"
    with pytest.raises(SystemExit):
        play_parser().parse_args(["--size", "big"])


def test_the_role_choices_are_the_models_roles() -> None:
    assert ROLE_CHOICES == ROLES


def test_an_unknown_scenario_is_named_and_exits_2() -> None:
    result = run("--scenario", "nowhere-1900", "--scenarios", str(DATA))
    assert result.returncode == 2 and "nowhere-1900" in result.stderr and "small" in result.stderr
