"""A file a scenario names resolves inside its folder or assets/, and nowhere else."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from game.scenario.assets import AssetError, AssetName, check_name, resolve_asset
from game.scenario.problems import ScenarioError
from game.scenario.yamlread import read_yaml

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """A scenario folder with files, the game's assets folder, and a folder outside both."""
    scenarios, assets, outside = tmp_path / "scenarios", tmp_path / "assets", tmp_path / "outside"
    for folder in (scenarios / "maps", assets / "maps", outside):
        folder.mkdir(parents=True)
    (scenarios / "bukhara.yaml").write_text("format: 1\nmap: maps/kagan.png\n")
    (scenarios / "maps" / "kagan.png").write_bytes(b"png")
    (scenarios / "near.png").write_bytes(b"png")
    (assets / "maps" / "region.png").write_bytes(b"png")
    (outside / "secret.txt").write_text("secret")
    return {"scenario": scenarios / "bukhara.yaml", "assets": assets, "outside": outside}


def resolve(place: dict[str, Path], name: str) -> Path:
    return resolve_asset(place["scenario"], name, assets=place["assets"])


def refusal(place: dict[str, Path], name: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        resolve(place, name)
    (problem,) = caught.value.problems
    return str(problem)


def test_files_next_to_the_scenario_or_in_assets_resolve(place: dict[str, Path]) -> None:
    assert resolve(place, "near.png") == (place["scenario"].parent / "near.png").resolve()
    assert resolve(place, "maps/kagan.png") == (place["scenario"].parent / "maps" / "kagan.png").resolve()
    assert resolve(place, "maps/region.png") == (place["assets"] / "maps" / "region.png").resolve()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../outside/secret.txt", "goes up out of the scenario's folder ('..')"),
        ("maps/../../outside/secret.txt", "goes up out of the scenario's folder ('..')"),
        ("/etc/passwd", "is an absolute path"),
        ("~/secret.txt", "is an absolute path"),
        ("C:/Windows/win.ini", "is an absolute path"),
        ("c:secret.txt", "is an absolute path"),
        ("\\\\server\\share\\x.png", "use '/' between folder and file names, not '\\'"),
        ("maps\\kagan.png", "use '/' between folder and file names"),
        ("maps//kagan.png", "has an empty part"),
        ("./near.png", "has an empty part"),
        ("", "must not be empty"),
        ("x" * 300, "at most 200 characters"),
        ("near.png\x00.txt", "NUL character"),
        ("near\n.png", "control character"),
        ("CON", "a name Windows keeps for a device"),
        ("maps/nul.png", "a name Windows keeps for a device"),
        ("COM1.txt", "a name Windows keeps for a device"),
        ("near.png:stream", "cannot contain ':'"),
        ("near.png.", "ends with a space or a dot"),
        ("missing.png", "there is no file 'missing.png' next to the scenario or in the game's assets"),
        ("maps", "'maps' is not an ordinary file"),
    ],
)
def test_names_that_lead_elsewhere_are_refused(place: dict[str, Path], name: str, message: str) -> None:
    problem = refusal(place, name)
    assert problem.startswith(f"{place['scenario']}:1:1: ")
    assert message in problem


@posix_only
def test_a_link_leading_outside_is_refused(place: dict[str, Path]) -> None:
    folder = place["scenario"].parent
    (folder / "innocent.png").symlink_to(place["outside"] / "secret.txt")
    (folder / "elsewhere").symlink_to(place["outside"], target_is_directory=True)
    assert "a link that leads outside the scenario's folder" in refusal(place, "innocent.png")
    assert "a link that leads outside" in refusal(place, "elsewhere/secret.txt")


@posix_only
def test_links_that_stay_inside_are_followed(place: dict[str, Path]) -> None:
    folder = place["scenario"].parent
    (folder / "alias.png").symlink_to(folder / "near.png")
    assert resolve(place, "alias.png") == (folder / "near.png").resolve()


@posix_only
def test_dangling_and_looping_links_are_refused(place: dict[str, Path]) -> None:
    folder = place["scenario"].parent
    (folder / "dangling.png").symlink_to(folder / "gone.png")
    (folder / "loop-a.png").symlink_to(folder / "loop-b.png")
    (folder / "loop-b.png").symlink_to(folder / "loop-a.png")
    assert "there is no file 'dangling.png'" in refusal(place, "dangling.png")
    assert "loop-a.png" in refusal(place, "loop-a.png")


@posix_only
def test_a_fifo_is_not_an_ordinary_file(place: dict[str, Path]) -> None:
    os.mkfifo(place["scenario"].parent / "pipe.png")
    assert "is not an ordinary file" in refusal(place, "pipe.png")


def test_the_problem_is_located_in_the_scenario(place: dict[str, Path]) -> None:
    text = place["scenario"].read_text()
    document = read_yaml(text, "bukhara.yaml")
    with pytest.raises(ScenarioError) as caught:
        resolve_asset(place["scenario"], "../outside/secret.txt", document=document, at=("map",))
    assert str(caught.value.problems[0]).startswith("bukhara.yaml:2:6: map: '../outside/secret.txt' goes up")


def test_the_name_type_checks_spelling_while_validating() -> None:
    adapter = TypeAdapter(AssetName)
    assert adapter.validate_python("maps/kagan.png") == "maps/kagan.png"
    with pytest.raises(ValidationError, match="goes up out of the scenario's folder"):
        adapter.validate_python("../x.png")
    with pytest.raises(AssetError):
        check_name("/etc/passwd")
