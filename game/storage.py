"""Where the game keeps the player's files, and the one way it writes them.

Saves, reports and settings all go through `write_atomic`, so a crash or a
power cut at any moment leaves the old file or the new one, never half of
each. `$TURKESTAN_DATA_DIR` moves everything (saves, reports, settings) into
one folder, so tests and a school's shared machines never touch the real ones.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Container
from pathlib import Path

from game.paths import DATA_DIR_VARIABLE, data_dir  # noqa: F401 - re-exported beside config_dir

GAME = "turkestan-crossroads"


SETTINGS_FILE = "settings.json"


def saved_language(languages: Container[str]) -> str | None:
    """The language setting, read without validating the whole settings file.

    Start-up reads only this, so opening the window does not wait for pydantic;
    the settings are validated in full when they are first used.
    """
    import json

    try:
        data = json.loads((config_dir() / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):
        # No platformdirs, so no known settings folder: nothing saved to read. The commands that
        # need the folder say how to install it; `validate` and `schema` need only the scenarios.
        return None
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in languages else None


def config_dir() -> Path:
    """The folder for settings: `$TURKESTAN_DATA_DIR` too when it is set, else the user's config folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs  # only needed here, as in game.paths

    return Path(platformdirs.user_config_dir(GAME, appauthor=False))


def write_atomic(path: Path, data: bytes, keep_old_as: Path | None = None) -> None:
    """Put `data` in `path` so that a crash at any moment leaves the old file or the new, whole.

    With `keep_old_as`, the old file moves there first (only once the new one is
    safely on disk, so one of the two is always a good file).
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # the bytes are on disk before a name points at them
        if keep_old_as is not None and path.exists():
            os.replace(path, keep_old_as)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)  # and the renames themselves survive a power cut


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # some systems cannot open folders; the rename is still atomic there
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
