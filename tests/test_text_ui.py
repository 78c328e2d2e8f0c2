"""The terminal game, driven through standard input in a subprocess, to an ending for both roles."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from game.paths import ROOT
from game.scenario.catalog import load_catalog
from game.ui import text
from tests.conftest import DATA


def play_piped(lines: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--text", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        encoding="utf-8",
    )


@pytest.mark.parametrize("role", ["negotiator", "commander"])
def test_bukhara_plays_to_an_ending_through_stdin(role: str) -> None:
    result = play_piped(["1"] * 40, "--scenario", "bukhara-1918", "--role", role, "--seed", "4")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "THE END:" in out
    assert out.count("What really happened") >= 3
    assert "Verdict:" in out and "For discussion:" in out and "Source:" in out
    assert "Traceback" not in result.stderr


def test_menus_undo_and_help_work_through_stdin() -> None:
    lines = ["1", "2", "h", "1", "u", "1", "1"]
    result = play_piped(lines, "--scenarios", str(DATA), "--seed", "3")
    out = result.stdout
    assert result.returncode == 0
    assert "You are the commander" in out
    assert "Other commands: u = undo" in out.split("Your choice")[1]
    assert "You take back your last decision." in out
    assert out.count("Turn 2 \u00b7") == 2  # turn 2 was shown, undone, and shown again
    assert "You have no decision to take on this turn" in out
    assert "THE END:" in out


def test_a_closed_choice_is_shown_with_its_reason_and_refused() -> None:
    result = play_piped(["2", "q"], "--scenarios", str(DATA), "--role", "negotiator", "--scenario", "small")
    assert "2. [not possible: Too few men.] Threaten." in result.stdout
    assert "That is not possible now: Too few men." in result.stdout
    assert "You leave the game. Goodbye." in result.stdout


def test_end_of_input_quits_cleanly() -> None:
    result = play_piped([], "--scenarios", str(DATA))
    assert result.returncode == 0
    assert "The input has ended" in result.stdout
    assert result.stderr == ""


def test_text_wraps_to_the_terminal_width() -> None:
    out = io.StringIO()
    terminal = text.Terminal(scripted(["1", "1", "1", "1", "b"]), out, pauses=False, width=40)
    text.run(load_catalog([DATA]), "small", "negotiator", 1, terminal)
    assert "THE END:" in out.getvalue()
    assert max(len(line) for line in out.getvalue().splitlines()) <= 40


def scripted(lines: list[str]):
    """A fake keyboard: answers in order, then the end of input, as a real pipe gives."""
    answers = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return read
