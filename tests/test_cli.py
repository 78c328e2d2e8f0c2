"""The command line: validate's exit codes and messages, and the committed schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.cli import main, schema_text
from game.paths import ROOT, SCHEMA
from tests.conftest import DATA


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_validate_a_clean_file_exits_0(capsys) -> None:
    assert main(["validate", str(DATA / "small.yaml")]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_validate_reports_problems_and_exits_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "small.yaml").read_text().replace("    title: Second", "    titel: Second"))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:48:5: turns[1].titel: unknown key 'titel' (did you mean 'title'?)" in out


def test_validate_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nowhere.yaml")]) == 2
    assert run("validate", "--bogus").returncode == 2


def test_validate_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"\xff\xfe garbage \x00")
    result = run("validate", str(tmp_path / "x.yaml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "x.yaml:1:1: this is a binary file" in result.stdout


def test_the_shipped_scenarios_validate() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_schema_is_in_sync() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "run: python main.py schema > scenarios/schema.json"
    )
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "turns" in document["properties"] and document["additionalProperties"] is False


def test_the_authoring_commands_need_no_settings_folder() -> None:
    """validate, schema, glossary and timeline read scenarios only: a teacher's machine without
    platformdirs (so without a known settings folder) still checks a scenario."""
    script = (
        "import sys, os\n"
        "sys.modules['platformdirs'] = None  # importing it now fails, as when it is not installed\n"
        "os.environ.pop('TURKESTAN_DATA_DIR', None)\n"
        "from game.cli import main\n"
        "sys.exit(max(main([c]) for c in ('validate', 'schema', 'glossary', 'timeline')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "0 error(s)" in done.stdout + done.stderr
