"""Settings that persist: written atomically like the saves, read back by a new process, and a
damaged file (or one bad value) costs one line and its defaults, never the game."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import saves, settings, storage
from game.paths import ROOT
from game.settings import (
    PALETTES,
    THEMES,
    Palette,
    SettingError,
    Settings,
    changed,
    load_settings,
    save_settings,
    settings_path,
)
from tests.test_text_saves import flat
from tests.test_text_ui import play_piped

SMALL = ("--scenarios", str(ROOT / "tests" / "data"), "--scenario", "small", "--role", "negotiator")


def test_settings_live_in_the_data_folder_under_test(data_dir: Path) -> None:
    assert settings_path() == data_dir / "settings.json"
    assert load_settings().settings == Settings() and load_settings().problem is None


def test_settings_survive_a_restart(data_dir: Path) -> None:
    chosen = Settings(
        language="ru", type_size="projector", theme="colour-blind", vote=True, team_names=("A", "B")
    )
    save_settings(chosen)
    code = "from game.settings import load_settings; print(load_settings().settings.model_dump_json())"
    read = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert read.returncode == 0, read.stderr
    assert Settings.model_validate_json(read.stdout) == chosen


def test_the_settings_file_is_written_atomically_by_the_saves_writer(data_dir: Path, monkeypatch) -> None:
    assert saves.write_atomic is storage.write_atomic  # one writer for saves, reports and settings
    written: list[Path] = []
    monkeypatch.setattr(settings, "write_atomic", lambda path, data: written.append(path))
    save_settings(Settings())
    assert written == [data_dir / "settings.json"]


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b"null", b'{"language": ' * 5000],
    ids=["empty", "garbled", "binary", "a list", "null", "deep"],
)
def test_a_damaged_settings_file_gives_one_line_and_the_defaults(data_dir: Path, content: bytes) -> None:
    (data_dir / "settings.json").write_bytes(content)
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is not None and loaded.problem.message.count("\n") == 0
    assert "is damaged; the game uses the default settings." in loaded.problem.message


def test_one_bad_value_loses_only_itself(data_dir: Path) -> None:
    data = {"language": "ru", "theme": "pink", "vote": "perhaps", "type_size": "large", "from_the_future": 1}
    (data_dir / "settings.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings(language="ru", type_size="large")
    assert loaded.problem is not None and "(theme, vote)" in loaded.problem.message


def test_the_game_goes_on_after_a_damaged_settings_file(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text('{"language": "ru", "vote": ', encoding="utf-8")
    result = play_piped(["1", "q"], *SMALL)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    said = flat(result.stdout)
    assert re.search(
        r"The settings file \S*settings\.json is damaged; the game uses the default settings\.", said
    )
    assert "What do you do?" in result.stdout  # English, the default


def test_settings_are_changed_from_typed_words() -> None:
    base = Settings()
    assert changed(base, "language", ["ru"]).language == "ru"
    assert changed(base, "size", ["projector"]).type_size == "projector"
    assert changed(base, "vote", ["on"]).vote is True
    assert changed(base, "team-names", ["9B Reds", "9B Blues"]).team_names == ("9B Reds", "9B Blues")
    assert changed(changed(base, "team_names", ["A", "B"]), "team_names", ["default"]).team_names is None
    for key, values in [
        ("colour", ["red"]),
        ("theme", ["pink"]),
        ("team_names", ["one"]),
        ("team_names", ["", "B"]),
    ]:
        with pytest.raises(SettingError):
            changed(base, key, values)


def test_every_theme_has_a_complete_palette_of_colours() -> None:
    assert set(PALETTES) == set(THEMES)
    for palette in PALETTES.values():
        for name in Palette.__dataclass_fields__:
            colours = getattr(palette, name)
            for colour in colours if isinstance(colours, tuple) else (colours,):
                assert re.fullmatch(r"#[0-9a-f]{6}", colour), (name, colour)
    assert PALETTES["colour-blind"].matched != PALETTES["colour-blind"].diverged
