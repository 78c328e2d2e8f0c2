"""Files a scenario names (a map, an image): only inside its own folder or `assets/`.

A scenario comes from anyone, so a name in it must never reach outside the
places the game trusts: not with `../`, not with an absolute path or a drive
letter, not through a symbolic link that leads elsewhere, and not to a device
(on Windows, opening `CON` or `NUL` reads the console or nothing, forever).

No field uses this yet. To add one, e.g. an optional `map:` on the scenario:

1. in `model.py`, declare it as `map: AssetName | None = None`, so a bad name
   (`../x.png`, `C:\\x.png`) is an error with its line and column while validating;
2. in `loader.load()`, once the scenario is valid, resolve it:
   `resolve_asset(path, scenario.map, document=document, at=("map",))`, which
   raises a located ScenarioError if the file is missing or leads outside;
3. the window opens the Path that returns, inside `game.faults.fallback(...)`
   so an unreadable image falls back to a plain map and says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from game.paths import ASSETS
from game.scenario.problems import Path_, Problem, ScenarioError
from game.scenario.yamlread import Document, describe_character, shorten

MAX_NAME = 200

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Names Windows keeps for devices, whatever the extension: `nul.png` is the null device.
_DEVICES = {"con", "prn", "aux", "nul", "conin$", "conout$"}
_DEVICES |= {f"{kind}{n}" for kind in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3"}


class AssetError(ValueError):
    """A file name in a scenario that the game will not open; the message says why."""


def check_name(name: str) -> str:
    """Refuse a name that could lead outside the scenario's folder, by its spelling alone.

    Raises AssetError with a message for the author. Used while validating (as
    `AssetName`) and again before any file is opened.
    """
    if not isinstance(name, str) or not name.strip():
        raise AssetError("a file name must not be empty")
    if len(name) > MAX_NAME:
        raise AssetError(f"a file name may have at most {MAX_NAME} characters")
    bad = _CONTROL.search(name)
    if bad:
        raise AssetError(f"the file name holds {describe_character(bad.group())}")
    if "\\" in name:
        raise AssetError("use '/' between folder and file names, not '\\'")
    if name.startswith(("/", "~")) or _DRIVE.match(name):
        raise AssetError(
            f"{shorten(name)} is an absolute path; name a file next to the scenario, like 'maps/bukhara.png'"
        )
    for part in name.split("/"):
        _check_part(part, name)
    return name


def _check_part(part: str, name: str) -> None:
    if part in ("", "."):
        raise AssetError(f"{shorten(name)} has an empty part; write it like 'maps/bukhara.png'")
    if part == "..":
        raise AssetError(
            f"{shorten(name)} goes up out of the scenario's folder ('..'); "
            "put the file next to the scenario or in a folder beside it"
        )
    if ":" in part:
        raise AssetError(f"{shorten(name)}: a file name cannot contain ':'")
    if part.split(".")[0].strip().lower() in _DEVICES:
        raise AssetError(f"{shorten(part)} is a name Windows keeps for a device; rename the file")
    if part != part.rstrip(" ."):
        raise AssetError(f"{shorten(part)} ends with a space or a dot, which Windows drops; rename the file")


AssetName = Annotated[
    str,
    Field(
        max_length=MAX_NAME,
        description="a file next to the scenario (or in a folder beside it), or in the game's assets, "
        "written with '/', like 'maps/bukhara.png'",
    ),
    AfterValidator(check_name),
]


def resolve_asset(
    scenario_file: str | Path,
    name: str,
    *,
    assets: Path = ASSETS,
    document: Document | None = None,
    at: Path_ = (),
) -> Path:
    """The real path of the file a scenario names, looked for next to the scenario, then in `assets`.

    The answer is always an ordinary file inside one of those two folders, with
    every symbolic link followed. Otherwise raises ScenarioError with one
    problem, located at `at` in `document` when given (else at the file's top).
    """
    scenario_file = Path(scenario_file)
    try:
        check_name(name)
        return _find(name, (scenario_file.parent, assets))
    except AssetError as error:
        message = str(error)
    if document is not None:
        raise ScenarioError([document.problem(at, message)]) from None
    raise ScenarioError([Problem(str(scenario_file), 1, 1, "", message)]) from None


def _find(name: str, folders: tuple[Path, ...]) -> Path:
    for folder in folders:
        candidate = folder / name
        if not candidate.exists():
            continue
        try:
            real = candidate.resolve(strict=True)
            root = folder.resolve(strict=True)
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            raise AssetError(f"{shorten(name)} is a link that leads nowhere") from None
        if not real.is_relative_to(root):
            raise AssetError(
                f"{shorten(name)} is a link that leads outside the scenario's folder; "
                "copy the file itself next to the scenario"
            )
        if not real.is_file():
            raise AssetError(f"{shorten(name)} is not an ordinary file")
        return real
    raise AssetError(f"there is no file {shorten(name)} next to the scenario or in the game's assets")
