"""Every character the window can show has a glyph in each of our fonts (assets/fonts are
subsets of Noto Sans: tools/subset_fonts.py), so no name turns into empty boxes."""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pygame.freetype
import pytest

ROOT = Path(__file__).resolve().parent.parent
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: words for us, never shown."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def window_strings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value


def shown_text() -> Iterator[tuple[str, str]]:
    """(where, text) for the scenarios, glossary and timeline, the map, the catalogs and the window's code."""
    files = [
        *sorted((ROOT / "scenarios").rglob("*.yaml")),
        *sorted((ROOT / "assets" / "maps").glob("*.json")),
        *sorted((ROOT / "game" / "locale").rglob("*.po")),
    ]
    for path in files:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "game" / "ui" / "pygame").glob("*.py")):
        for text in window_strings(path):
            yield str(path.relative_to(ROOT)), text


def characters() -> dict[str, str]:
    """Each printable character shown, with the first place it appears."""
    found: dict[str, str] = {}
    for where, text in shown_text():
        for char in text:
            if char.isprintable() and not char.isspace():
                found.setdefault(char, where)
    return found


@pytest.mark.parametrize("style", STYLES)
def test_every_character_shown_has_a_glyph(style: str) -> None:
    pygame.freetype.init()
    font = pygame.freetype.Font(str(ROOT / "assets" / "fonts" / f"NotoSans-{style}.ttf"), 20)

    def drawn(char: str) -> bool:
        # Like HarfBuzz: a sign the font lacks is built from its parts (≠ is = and a combining stroke).
        parts = unicodedata.normalize("NFD", char)
        return font.get_metrics(char)[0] is not None or (
            len(parts) > 1 and all(font.get_metrics(part)[0] is not None for part in parts)
        )

    chars = characters()
    assert {"ʻ", "Ё", "ё", "—", "“", "≠"} <= set(chars)  # the scan sees Uzbek, Russian and the marks
    missing = {char: where for char, where in chars.items() if not drawn(char)}
    assert not missing, f"no glyph in NotoSans-{style}: " + ", ".join(
        f"{char!r} (U+{ord(char):04X}, {where})" for char, where in sorted(missing.items())
    )


def test_a_character_outside_the_subset_is_caught() -> None:
    pygame.freetype.init()
    font = pygame.freetype.Font(str(ROOT / "assets" / "fonts" / "NotoSans-Regular.ttf"), 20)
    assert font.get_metrics("Ꭰ")[0] is None  # Cherokee: not kept, so the check above can fail
