"""Classroom play at the terminal: two teams and a class vote played to the end (through stdin and
through a fake terminal), the teacher's notes, the glossary and timeline screens, and Russian."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.paths import ROOT
from game.ui import text
from tests.conftest import DATA
from tests.test_text_saves import flat, play_here
from tests.test_text_ui import play_piped

SMALL = ("--scenarios", str(DATA), "--scenario", "small")
NOTES = "    teacher: {background: The railway mattered., ask: Who held the railway?}\n"


def with_teacher_notes(folder: Path) -> Path:
    """The small scenario with notes for the teacher on its first turn."""
    original = (DATA / "small.yaml").read_text(encoding="utf-8")
    marked = original.replace(
        "      discuss: [Why?]\n  - id: second", "      discuss: [Why?]\n" + NOTES + "  - id: second", 1
    )
    assert marked != original
    (folder / "small.yaml").write_text(marked, encoding="utf-8")
    return folder


# --- two teams -----------------------------------------------------------------------------


def test_a_hotseat_game_plays_to_the_end_through_stdin(data_dir: Path) -> None:
    lines = ["1", "1", "1", "1", "q"]  # both teams, then the commanders alone, then the negotiators alone
    result = play_piped(lines, *SMALL, "--seed", "3", "--teams", "--team-names", "9B Reds", "9B Blues")
    out = result.stdout
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "9B Reds (negotiators), press Enter when the commanders can't see the screen." in out
    assert "9B Blues (commanders), press Enter when the negotiators can't see the screen." in out
    assert "Both teams have chosen." in out
    # one team's options are never on screen while the other chooses
    reds = out.split("Pass the screen to: 9B Reds")[1].split("Pass the screen to: 9B Blues")[0]
    assert "Talk." in reds and "March." not in reds
    assert "The negotiator, Envoy (9B Reds), chose: Talk." in flat(out)
    assert "Verdict for the negotiator:" in out and "Verdict for the commander:" in out
    assert "THE END:" in out
    saved = json.loads((data_dir / "saves" / "autosave.json").read_text(encoding="utf-8"))
    assert saved["roles"] == ["negotiator", "commander"]
    assert saved["decisions"][0]["by"] == {"negotiator": "9B Reds", "commander": "9B Blues"}


def test_a_hotseat_game_plays_to_the_end_at_a_fake_terminal(data_dir: Path) -> None:
    options = text.Options(teams=True)
    out = play_here(["1", "2", "1", "q"], scenario_id="small", seed=3, options=options)
    assert "Negotiator team, what do you choose?" in out
    assert "Commander team, what do you choose?" in out
    assert "Commander (Commander team), chose: Stay." in flat(out)
    assert "THE END:" in out and "the commander chose \u201cStay.\u201d" in flat(out)


# --- a class vote --------------------------------------------------------------------------


def test_a_voted_game_plays_to_the_end_through_stdin(data_dir: Path) -> None:
    lines = ["1 5", "", "1 4, 2 4", "", "q"]
    result = play_piped(lines, *SMALL, "--role", "negotiator", "--seed", "3", "--vote")
    out = result.stdout
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "What does the class choose?" in out
    assert "On a tie, the tied choice listed first wins." in out
    assert "A tie between 1, 2: 4 hands each." in flat(out)
    assert "The class chose 1. Sign. (4 hands)." in flat(out)
    assert "THE END: PEACE" in out
    saved = json.loads((data_dir / "saves" / "autosave.json").read_text(encoding="utf-8"))
    assert [d["votes"] for d in saved["decisions"] if d["picks"]] == [{"talk": 5}, {"sign": 4, "refuse": 4}]


def test_a_vote_is_asked_choice_by_choice_corrected_and_refused_when_empty(data_dir: Path) -> None:
    lines = ["", "3", "", "1 0", "one", "", "x", "", "2", "1 1, 2 3", "", "q"]
    out = play_here(lines, scenario_id="small", role="negotiator", seed=3, options=text.Options(vote=True))
    assert "Nobody voted, so there is no choice yet" in out
    assert "Type each choice's number and its hands" in out
    assert "Please type the number of hands (Enter = none)." in out
    assert "The class chose 2. Refuse. (3 hands)." in flat(out)  # the corrected tally counts
    assert "THE END:" in out


# --- the teacher's notes -------------------------------------------------------------------


def test_the_teachers_notes_are_hidden_until_asked_for(tmp_path: Path) -> None:
    folder = with_teacher_notes(tmp_path)
    result = play_piped(
        ["t", "1", "q"], "--scenarios", str(folder), "--scenario", "small", "--role", "negotiator"
    )
    before, after = result.stdout.split("Your choice (h for help): t", 1)
    assert "railway" not in before  # never on the projected screen by itself
    assert "Teacher's notes \u2014 hide before projecting" in after
    assert "Background: The railway mattered." in after and "Ask the class: Who held the railway?" in after


def test_presenter_mode_prints_the_notes_before_each_turn(tmp_path: Path) -> None:
    folder = with_teacher_notes(tmp_path)
    result = play_piped(
        ["1", "q"], "--scenarios", str(folder), "--scenario", "small", "--role", "negotiator", "--presenter"
    )
    out = result.stdout
    assert out.index("Background: The railway mattered.") < out.index("What do you do?")
    assert out.count("Teacher's notes \u2014") == 3  # before turns 1, 2 (played by history) and 3
    assert "This turn has no notes for the teacher." in out


# --- glossary and timeline -----------------------------------------------------------------


def test_glossary_words_are_defined_once_and_the_glossary_screen_connects_spellings(data_dir: Path) -> None:
    result = play_piped(
        ["1", "g", "g Ibrahim Bey", "q"], "--scenario", "bukhara-1918", "--role", "negotiator"
    )
    out = result.stdout
    first = out.split("Words (g = the glossary):", 1)[1]
    assert "Fyodor Kolesov \u2014 Chairman of Soviet Turkestan's Council" in flat(first)
    assert flat(out).count("Kolesov \u2014 Chairman") == 1  # defined once a game, where first met
    glossary = out.split("── Glossary", 1)[1].split("(g WORD shows one entry", 1)[0]
    terms = [
        line
        for line in glossary.splitlines()
        if line.endswith(")") and " (" in line and not line.startswith(" ")
    ]
    assert terms == sorted(terms, key=str.casefold)
    assert "Also written: Ibrahim Bey" in glossary and len(terms) > 50
    assert out.count("Ibrahim Bek (person)") == 2  # in the full list, and looked up by its other spelling


def test_the_timeline_screen_and_command(data_dir: Path) -> None:
    out = play_piped(["timeline", "1", "", "q"], "--scenario", "bukhara-1918", "--role", "negotiator").stdout
    assert "Timeline, 1916\u20131931" in out and "1916: Revolt against conscription" in out
    assert "March 1918: The March on Bukhara (scenario " in out
    assert "Violence broke out in 1916" in out  # read entry 1 by its number
    printed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "timeline"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert printed.returncode == 0 and printed.stderr == ""
    assert "15 April 1929: Primakov crosses into Afghanistan" in printed.stdout
    assert "Uncertain:" in printed.stdout  # a printout never drops what the sources doubt


# --- Russian -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_game_speaks_russian(data_dir: Path, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--text", "--lang", "ru", *SMALL, "--role", "negotiator"],
        input=b"1\nq\n",
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)
    if encoding == "utf-8":
        assert "ТУРКЕСТАНСКИЙ ПЕРЕКРЁСТОК" in out and "Что вы делаете?" in out
        assert "Ход 1 · 1 марта 1918 · Kagan" in out  # the scenario's own text stays as written
        assert "Вы выходите из игры. До свидания." in out
    else:  # a console that cannot show Cyrillic gets escapes, never a crash
        assert "\\u0422" in out


def test_the_settings_command_changes_the_language_for_the_next_run(data_dir: Path) -> None:
    def main(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            encoding="utf-8",
        )

    assert main("settings", "language", "ru").returncode == 0
    assert "language = Русский" in main("settings").stdout
    assert "Что вы делаете?" in play_piped(["q"], *SMALL, "--role", "negotiator").stdout
    assert "What do you do?" in play_piped(["q"], *SMALL, "--role", "negotiator", "--lang", "en").stdout
    refused = main("settings", "theme", "pink")
    assert refused.returncode == 2 and "theme" in refused.stderr and "Traceback" not in refused.stderr


def test_the_settings_screen_changes_the_game_at_once_and_keeps_the_change(data_dir: Path) -> None:
    # settings -> 4 (class vote) -> 1 (on) -> 1 (language) -> 2 (Русский) -> back; then vote in Russian
    lines = ["settings", "4", "1", "1", "2", "", "1 3", "", "q"]
    out = play_here(lines, scenario_id="small", role="negotiator", seed=3)
    assert "Class vote: off" in out and "Saved in" in out
    assert "Что выбирает класс?" in out and "Класс выбрал 1. Talk. (3 голоса)." in flat(out)
    kept = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert kept["vote"] is True and kept["language"] == "ru"
