"""A crash of ours never shows a traceback, never loses a game, and can be replayed."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game import faults
from game.cli import main
from game.engine.session import Session
from game.paths import ROOT, data_dir
from game.ui import text
from tests.conftest import DATA

PLAY_SMALL = ["--text", "--scenarios", str(DATA), "--scenario", "small", "--role", "commander", "--seed", "5"]


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder, and no game left registered by another test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TURKESTAN_DATA_DIR", str(folder))
    faults.forget()
    faults.clear_notices()
    yield folder
    faults.forget()
    faults.clear_notices()


def crashes(folder: Path) -> list[Path]:
    return sorted((folder / "crashes").glob("crash-*.json"))


def boom() -> int:
    raise RuntimeError("something inside the game broke\nacross two lines")


# --- the guard ---------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_and_a_report(own_data_folder: Path) -> None:
    err = io.StringIO()
    assert faults.guard(boom, err) == faults.EXIT_CRASH
    (line,) = err.getvalue().splitlines()
    assert "Traceback" not in err.getvalue()
    assert line.startswith("Sorry: the game met an unexpected error (RuntimeError) and has to stop.")
    (report,) = crashes(own_data_folder)
    assert str(report) in line
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["error"].startswith("RuntimeError: something inside")
    assert data["version"] and data["platform"] and data["python"]
    assert any("in boom" in frame for frame in data["traceback"])


def test_interrupts_and_exits_are_not_crashes(own_data_folder: Path) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    err = io.StringIO()
    assert faults.guard(interrupted, err) == faults.EXIT_INTERRUPTED
    assert err.getvalue() == "Interrupted.\n"
    with pytest.raises(SystemExit):
        faults.guard(lambda: sys.exit(3), err)
    assert crashes(own_data_folder) == []


def test_a_data_folder_that_cannot_be_written_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("TURKESTAN_DATA_DIR", str(blocker / "data"))
    monkeypatch.setattr(faults.tempfile, "gettempdir", lambda: str(tmp_path / "temp"))
    err = io.StringIO()
    assert faults.guard(boom, err) == faults.EXIT_CRASH
    (report,) = sorted((tmp_path / "temp" / "turkestan-crossroads-crashes").glob("*.json"))
    assert str(report) in err.getvalue()


def test_when_nothing_can_be_written_the_game_still_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("TURKESTAN_DATA_DIR", str(blocker / "data"))
    monkeypatch.setattr(faults.tempfile, "gettempdir", lambda: str(blocker / "temp"))
    err = io.StringIO()
    assert faults.guard(boom, err) == faults.EXIT_CRASH
    (line,) = err.getvalue().splitlines()
    assert "No crash report could be saved" in line


def test_a_full_disk_leaves_no_half_written_report(
    own_data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FullDisk(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            raise OSError(errno.ENOSPC, "No space left on device")

    def full_fdopen(fd: int, mode: str) -> FullDisk:
        faults.os.close(fd)
        return FullDisk()

    monkeypatch.setattr(faults.os, "fdopen", full_fdopen)
    monkeypatch.setattr(faults.tempfile, "gettempdir", lambda: str(own_data_folder / "temp"))
    assert faults.write_crash_report(RuntimeError("x")) is None
    assert crashes(own_data_folder) == []
    assert list((own_data_folder / "temp" / "turkestan-crossroads-crashes").iterdir()) == []


def test_reports_never_replace_a_file(own_data_folder: Path) -> None:
    folder = own_data_folder / "crashes"
    first = faults._write_new(folder, "crash-same", "first")
    second = faults._write_new(folder, "crash-same", "second")
    assert first is not None and second is not None and first != second
    assert first.read_text() == "first" and second.read_text() == "second"


def test_a_crash_leaves_the_autosave_and_saves_untouched(own_data_folder: Path) -> None:
    saves = own_data_folder / "saves"
    saves.mkdir(parents=True)
    autosave = own_data_folder / "autosave.json"
    autosave.write_text('{"seed": 5, "decisions": []}')
    (saves / "lesson-3.json").write_text('{"seed": 9}')
    before = {path: path.read_bytes() for path in own_data_folder.rglob("*") if path.is_file()}
    assert faults.guard(boom, io.StringIO()) == faults.EXIT_CRASH
    after = {path: path.read_bytes() for path in own_data_folder.rglob("*") if path.is_file()}
    assert {path: after[path] for path in before} == before
    assert set(after) - set(before) == set(crashes(own_data_folder))


def test_the_data_folder_can_be_overridden_for_tests(own_data_folder: Path) -> None:
    assert data_dir() == own_data_folder


# --- optional things: fonts and images ----------------------------------------------------------


def test_fallback_returns_the_default_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    def missing_font() -> str:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "assets/fonts/title.ttf")

    assert faults.fallback(missing_font, "plain font", "the title font") == "plain font"
    assert faults.fallback(missing_font, lambda: "made on demand", "the title font") == "made on demand"
    assert faults.fallback(lambda: "the real font", "plain", "the body font") == "the real font"
    line = "Could not load the title font (No such file or directory); using a plain one instead."
    assert line in faults.notices()
    assert capsys.readouterr().err.count(line) == 1  # said once, not on every frame


# --- the terminal game ---------------------------------------------------------------------------


def test_a_crash_in_the_game_is_one_line_and_a_report_that_replays(
    own_data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    at_crash: list[Session] = []
    show_result = text.turn.show_result

    def failing_show_result(terminal: text.Terminal, game: text.Game) -> bool:
        if len(game.session.decisions) == 2:
            at_crash.append(game.session)
            raise ZeroDivisionError("a bug of ours")
        return show_result(terminal, game)

    monkeypatch.setattr(text.turn, "show_result", failing_show_result)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n1\n1\n1\n"))
    assert main(PLAY_SMALL) == faults.EXIT_CRASH
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    (path,) = crashes(own_data_folder)
    report = json.loads(path.read_text(encoding="utf-8"))
    assert (report["scenario"], report["seed"], report["roles"]) == ("small", 5, ["commander"])
    assert [decision["turn"] for decision in report["decisions"]] == ["first", "second"]
    assert report["front_end"] == "text" and report["turn"] == "third"

    session, stopped = faults.replay_report(report, [DATA])
    assert stopped is None
    assert session.decisions == at_crash[0].decisions
    assert session.state == at_crash[0].state  # the very state the game crashed in
    assert faults.text_game_input(session) == ["1", "1"]


def test_replay_command_says_how_to_reach_the_failure(
    own_data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Session.start(faults_scenario(), 5, ["commander"])
    session = session.decide({"commander": "stay"})
    faults.track(session, scenario_file=DATA / "small.yaml", front_end="text")
    path = faults.write_crash_report(RuntimeError("x"))
    capsys.readouterr()
    assert main(["replay", str(path), "--scenarios", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "Replayed 1 of 1 decision(s) of small." in out
    assert "--scenario small --role commander --seed 5, then type: 2" in out
    assert main(["replay", str(own_data_folder / "nothing.json")]) == 2


def faults_scenario():
    from game.scenario.loader import load

    return load(DATA / "small.yaml")


def test_no_traceback_reaches_a_real_terminal(tmp_path: Path) -> None:
    """The same crash in a real process: exit code 70, one line on stderr, a report on disk."""
    inject = (
        "import sys, game.ui.text.turn as turn\n"
        "def broken(*args): raise ZeroDivisionError('a bug of ours')\n"
        "turn.show_result = broken\n"
        "from game.cli import main\n"
        f"sys.exit(main({PLAY_SMALL!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", inject],
        input="1\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**_environment(), "TURKESTAN_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == faults.EXIT_CRASH
    assert "Traceback" not in result.stderr + result.stdout
    (line,) = result.stderr.splitlines()
    assert "unexpected error (ZeroDivisionError)" in line
    assert len(list((tmp_path / "crashes").glob("crash-*.json"))) == 1


def _environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"} | {
        "PYTHONPATH": str(ROOT)
    }


def test_input_that_is_not_utf8_does_not_crash_the_game(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *PLAY_SMALL],
        input=b"\xff\xfe\x00junk\n\xc3\n1\n",
        capture_output=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


def test_output_the_console_cannot_show_is_escaped_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\n\u0442\u0438\u0442\u0443\u043b: x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(bad)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env={**_environment(), "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"unknown key '\\u0442\\u0438\\u0442\\u0443\\u043b'" in result.stdout


def test_a_save_that_cannot_be_written_is_one_line_and_the_game_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the saves folder should be")

    def save_into_a_file() -> None:
        (blocker / "autosave.json").write_text("{}")

    def save_to_a_full_disk() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    assert faults.attempt(save_into_a_file, "save the game") is False
    assert faults.attempt(save_to_a_full_disk, "save the game") is False
    assert faults.attempt(lambda: (tmp_path / "ok.json").write_text("{}"), "save the game") is True
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "Could not save the game (Not a directory); the game goes on without it.",
        "Could not save the game (No space left on device); the game goes on without it.",
    ]


def test_a_missing_library_is_one_line_not_a_traceback() -> None:
    blocker = "import sys; sys.modules['pydantic'] = None; sys.argv = ['main.py']; "
    run = f"import runpy; {blocker}runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')"
    result = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Turkestan Crossroads cannot start: ") and "pip install -e ." in line


@pytest.mark.parametrize("name", ["CON", "nul", "Aux", "com1", "LPT9"])
def test_a_save_named_like_a_windows_device_gets_an_ordinary_file(name: str) -> None:
    from game import saves

    stem = saves.slot_file_stem(name)
    assert stem.startswith("slot-") and stem not in saves.WINDOWS_DEVICES
