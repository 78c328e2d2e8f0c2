"""The hostile corpus: every attack or breakage gets its own clear, located message, quickly.

Each file in tests/hostile/ is checked with `python main.py validate` (in-process,
through game.cli.main, for speed) against tests/hostile/expected.yaml. Files too
big to commit are made here from recipes. Then one real subprocess validates the
whole corpus at once: exit code 1, every message, and never a traceback.

"Quickly" is a generous per-file timeout, not a timed assertion: a file that
hangs the loader fails its test instead of hanging the suite.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.paths import ROOT
from game.scenario.yamlread import MAX_BYTES
from tests.conftest import DATA

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, str] = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
CORPUS = sorted(path.name for path in HOSTILE.glob("*.yaml") if path.name != "expected.yaml")
SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
TIMEOUT = 60  # seconds per file: far beyond what any of them takes (well under one)


def _small_with(old: str, new: str) -> str:
    assert old in SMALL, old
    return SMALL.replace(old, new, 1)


def _many_misspellings() -> str:
    """Thousands of references to misspelt names: 'did you mean' must not compare them all."""
    factions = "".join(f"  faction{i}: {{name: F, motives: M}}\n" for i in range(10_000))
    variables = "".join(f"  v{i}: {{label: L, start: 1, faction: fraction{i}}}\n" for i in range(10_000))
    text = _small_with("variables:\n", "factions:\n" + factions + "variables:\n" + variables)
    return text


def _many_turns(turns: int = 4_000, endings: int = 0) -> str:
    """A valid scenario, but long: every check walks it turn by turn, testing every ending."""
    head, rest = SMALL.split("turns:\n", 1)
    ending_list = rest.split("endings:\n", 1)[1]
    turn = (
        "  - {{id: t{0}, date: 1918-03-05, place: kagan, title: T, situation: S.,\n"
        "     choices: {{commander: [{{id: a, text: A.}}, {{id: b, text: B.}}]}},\n"
        "     history: {{took: {{commander: a}}, text: H., sources: [src], discuss: [Q?]}}}}\n"
    )
    early = "  - {{id: e{0}, title: E, text: E., when: troops > 100000, early: true}}\n"
    extra = "".join(early.format(i) for i in range(endings))
    return (
        head + "turns:\n" + "".join(turn.format(i) for i in range(turns)) + "endings:\n" + extra + ending_list
    )


def _many_problems() -> str:
    unknown = "".join(f"unknown{i}: 1\n" for i in range(5_000))
    return SMALL + unknown


# name -> (recipe making the file's bytes, the expected "line:col: message" as a regular expression)
RECIPES: dict[str, tuple[Callable[[], bytes], str]] = {
    "too-big.yaml": (
        lambda: b"# " + b"x" * MAX_BYTES + b"\n",
        r"1:1: the file is larger than 2 MB",
    ),
    "deep-flow-nesting.yaml": (  # libyaml's own limit (1000) or ours (40) may speak first
        lambda: b"a: " + b"[" * 100_000,
        r"1:\d+: nested deeper than 40 levels",
    ),
    "deep-flow-mappings.yaml": (
        lambda: b"a: " + b"{a: " * 100_000,
        r"1:\d+: nested deeper than 40 levels",
    ),
    "deep-block-nesting-huge.yaml": (
        lambda: "".join(" " * i + f"k{i}:\n" for i in range(1_000)).encode(),
        r"42:42: nested deeper than 40 levels",
    ),
    "huge-int.yaml": (  # 10**100000 written out: int() of it would be slow; refused before
        lambda: b"format: 1\nid: 1" + b"0" * 100_000 + b"\n",
        r"2:5: number '10+\.\.\.' is out of range",
    ),
    "huge-binary-int.yaml": (
        lambda: b"format: 0b" + b"1" * 1_000_000 + b"\n",
        r"1:9: number '0b1+\.\.\.' is out of range",
    ),
    "huge-sexagesimal.yaml": (  # quadratic in PyYAML's constructor
        lambda: b"format: " + b"1:" * 200_000 + b"1\n",
        r"1:9: number '(1:)+1?\.\.\.' is out of range",
    ),
    "long-string.yaml": (
        lambda: _small_with("summary: A tiny", "summary: " + "A" * 1_500_000 + " tiny").encode(),
        r"5:10: summary: too long: at most 5000 characters",
    ),
    "long-key.yaml": (  # a 100,000-character key is quoted back in a few characters
        lambda: (SMALL + '? "' + "k" * 100_000 + '"\n: 1\n').encode(),
        r"\d+:3: k+\.\.\.: unknown key 'k{30,40}\.\.\.'$",
    ),
    "many-values.yaml": (
        lambda: b"a: [" + b"1, " * 150_000 + b"1]\n",
        r"1:\d+: more than 100000 values in one file",
    ),
    "many-turns.yaml": (
        lambda: _many_turns().encode(),
        r"15:3: turns: too many: at most 2000$",
    ),
    "many-endings.yaml": (  # endings are checked after every turn: turns x endings
        lambda: _many_turns(200, endings=8_000).encode(),
        r"\d+:3: endings: too many: at most 50$",
    ),
    "many-problems.yaml": (  # 5,000 problems: the first 100 and a note, not 5,000 lines
        lambda: _many_problems().encode(),
        r"\d+:1: \.\.\. and 4\d\d\d more problem\(s\) from here on; fix the ones above first",
    ),
    "many-misspellings.yaml": (
        lambda: _many_misspellings().encode(),
        r"10013:37: variables\.v0\.faction: unknown faction 'fraction0' \(did you mean 'faction0'\?\)$",
    ),
    # Text made to make the implicit-type regular expressions (timestamp, float) backtrack: they do not.
    "regex-timestamp.yaml": (
        lambda: b"format: 1\nsummary: 2001-12-14" + b" \t" * 200_000 + b"x\n",
        r"1:1: missing required key 'dates'",
    ),
    "regex-float.yaml": (
        lambda: b"format: 1\nsummary: 1" + b"_" * 400_000 + b".x\n",
        r"1:1: missing required key 'dates'",
    ),
    "random-bytes.yaml": (
        lambda: random.Random(7).randbytes(100_000),
        r"1:1: this is a binary file",
    ),
    "blank-2mb.yaml": (
        lambda: b"\n" * (MAX_BYTES - 10),
        r"1:1: the file is empty",
    ),
}
SPECIAL = ["fifo.yaml", "link-to-dev-zero.yaml", "link-to-big-file.yaml"]  # POSIX only


def _make_special(folder: Path, name: str) -> Path:
    path = folder / name
    if name == "fifo.yaml":
        os.mkfifo(path)  # reading it would wait forever for a writer
    elif name == "link-to-dev-zero.yaml":
        path.symlink_to("/dev/zero")  # reading it would never end
    else:
        big = folder / "big.bin"
        with big.open("wb") as handle:
            handle.truncate(3 * MAX_BYTES)  # a sparse file: big, but nothing on disk
        path.symlink_to(big)
    return path


SPECIAL_EXPECTED = {
    "fifo.yaml": "1:1: this is not an ordinary file; a scenario is a .yaml file",
    "link-to-dev-zero.yaml": "1:1: this is not an ordinary file; a scenario is a .yaml file",
    "link-to-big-file.yaml": "1:1: the file is larger than 2 MB",
}


def validate_in_process(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`python main.py validate path`, in a thread so that a hang fails the test instead of the suite."""
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(["validate", str(path)])), daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert not worker.is_alive(), f"validating {path.name} took more than {TIMEOUT} s"
    assert result, "validate raised instead of returning"
    return result[0], capsys.readouterr().out.splitlines()


def test_the_corpus_is_complete() -> None:
    assert len(CORPUS) + len(RECIPES) >= 30
    assert set(EXPECTED) == set(CORPUS), "every file in tests/hostile/ needs its line in expected.yaml"


@pytest.mark.parametrize("name", CORPUS)
def test_each_hostile_file_gets_its_message(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = HOSTILE / name
    code, lines = validate_in_process(path, capsys)
    assert code == 1, lines
    expected = f"{path}:{EXPECTED[name]}"
    assert any(line.startswith(expected) for line in lines), (expected, lines[:5])


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_each_generated_file_gets_its_message(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = RECIPES[name]
    path = tmp_path / name
    path.write_bytes(make())
    code, lines = validate_in_process(path, capsys)
    assert code == 1, lines[:5]
    pattern = re.compile(re.escape(f"{path}:") + expected)
    assert any(pattern.match(line) for line in lines), (expected, [line[:200] for line in lines[:5]])
    assert max(len(line) for line in lines) < 400, "a message quotes too much of the file back"


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("name", SPECIAL)
def test_special_files_are_refused_without_reading(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _make_special(tmp_path, name)
    code, lines = validate_in_process(path, capsys)
    assert code == 1
    assert lines == [f"{path}:{SPECIAL_EXPECTED[name]}"] or any(
        line.startswith(f"{path}:{SPECIAL_EXPECTED[name]}") for line in lines
    )


def test_the_whole_corpus_in_one_real_process(tmp_path: Path) -> None:
    """The real command, as a teacher would run it: exit code 1, every message, no traceback."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in CORPUS:
        shutil.copyfile(HOSTILE / name, folder / name)
    for name, (make, _) in RECIPES.items():
        (folder / name).write_bytes(make())
    if sys.platform != "win32":
        for name in SPECIAL:  # a FIFO and a device are not scenario files: skipped, and nothing hangs
            _make_special(folder, name)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=ROOT,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    lines = result.stdout.splitlines()
    for name in CORPUS:
        expected = f"{folder / name}:{EXPECTED[name]}"
        assert any(line.startswith(expected) for line in lines), expected
    for name, (_, expected) in RECIPES.items():
        pattern = re.compile(re.escape(f"{folder / name}:") + expected)
        assert any(pattern.match(line) for line in lines), expected
    if sys.platform != "win32":  # a link to an ordinary (but huge) file is checked like one
        assert f"{folder / 'link-to-big-file.yaml'}:1:1: the file is larger than 2 MB" in result.stdout
    files = len(CORPUS) + len(RECIPES) + (sys.platform != "win32")
    assert f"{files} file(s) checked" in result.stderr


@pytest.mark.parametrize("name", CORPUS)
def test_without_libyaml_every_file_is_still_refused_cleanly(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML may be built without its C parser; the pure-Python one must be just as safe."""
    from game.scenario import yamlread
    from game.scenario.loader import ScenarioError, load

    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    caught: list[BaseException] = []

    def attempt() -> None:
        try:
            load(HOSTILE / name)
        except BaseException as error:  # noqa: BLE001 - inspected below
            caught.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    (error,) = caught
    assert isinstance(error, ScenarioError), repr(error)
    assert all(problem.line >= 1 and problem.column >= 1 for problem in error.problems)
