"""Where the game's own files are: the shipped scenarios and assets."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ASSETS = ROOT / "assets"
SCHEMA = SCENARIOS / "schema.json"
