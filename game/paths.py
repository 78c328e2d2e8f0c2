"""Where the game's own files are: the shipped scenarios and assets."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ASSETS = ROOT / "assets"
SCHEMA = SCENARIOS / "schema.json"

DATA_DIR_VARIABLE = "TURKESTAN_DATA_DIR"


def data_dir() -> Path:
    """The player's own folder for saves, autosaves and crash reports.

    $TURKESTAN_DATA_DIR overrides it (tests set it so they never touch the real
    one); otherwise it is the platform's usual place, e.g.
    ~/.local/share/turkestan-crossroads on Linux. It may not exist yet, and it
    may not be writable: whoever writes there must cope with that.
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs  # only needed here; keeps `import game.paths` cheap

    return Path(platformdirs.user_data_dir("turkestan-crossroads", appauthor=False))
