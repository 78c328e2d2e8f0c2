"""Languages: every interface string is in every shipped catalog, the committed .mo files match
their .po sources, Babel can see every string, and the engine stays free of words."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.dates import format_date, format_month, format_short_date
from game.paths import ROOT
from game.ui.classroom import hands_text
from game.ui.present import matched_sentence, role_title
from tools import translations

GAME = ROOT / "game"


@pytest.fixture
def russian() -> Iterator[None]:
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def test_every_string_has_a_translation_and_every_mo_matches_its_po() -> None:
    assert translations.TRANSLATED == ("ru",)
    assert translations.problems() == [], "run: python tools/translations.py, then translate what is empty"


def test_every_language_offered_ships_a_compiled_catalog() -> None:
    for language in translations.TRANSLATED:
        with translations.mo_path(language).open("rb") as file:
            catalog = gettext.GNUTranslations(file)
        assert catalog.info()["language"] == language


def test_babel_can_see_every_marked_string() -> None:
    """Babel skips calls inside f-strings: `_()` there would never reach the translators."""
    for path in GAME.rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING and token.string.lower().startswith(("f", "rf", "fr")):
                for call in ('_("', "_('", 'ngettext("', 'pgettext("'):
                    assert call not in token.string, f"{path}:{token.start[0]}: {call} inside an f-string"


def test_the_engine_has_no_words_to_translate() -> None:
    for path in (GAME / "engine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                )
                for name in names:
                    assert not name.startswith(("gettext", "game.i18n", "game.ui", "babel")), (path, name)
    assert not translations.extract_from(GAME / "engine")


def test_an_unknown_language_falls_back_to_english() -> None:
    assert i18n.set_language("xx") == "en" and i18n.language() == "en"


def test_dates_and_plurals_in_russian(russian: None) -> None:
    day = dt.date(1918, 3, 13)
    assert format_date(day) == "13 марта 1918"
    assert format_month(day) == "март 1918"
    assert format_short_date(day) == "13 мар 1918"
    assert [hands_text(n) for n in (1, 3, 5, 21, 11)] == [
        "1 голос",
        "3 голоса",
        "5 голосов",
        "21 голос",
        "11 голосов",
    ]
    assert role_title("commander") == "Командир"


def test_scenario_text_follows_the_language_where_it_has_a_translation(russian: None) -> None:
    from game.scenario.model import LocalText

    assert i18n.local(LocalText("Kagan", {"en": "Kagan", "ru": "Каган"})) == "Каган"
    assert i18n.local(LocalText("Kagan")) == "Kagan"
    assert i18n.local("plain") == "plain"


def test_russian_debrief_sentence(russian: None) -> None:
    class Summary:  # only what matched_sentence reads
        played_steps = (1, 2, 3, 4, 5)
        divergences = (1,)
        matched = 4

    assert matched_sentence(Summary()) == (  # type: ignore[arg-type]
        "Ваш выбор совпал с историей на 4 из 5 ходов; путь разошёлся с историей на 1 ходу."
    )


def test_the_locale_folder_is_part_of_the_package() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "locale/*/LC_MESSAGES/*.mo" in text
    assert Path(i18n.LOCALE_DIR).is_relative_to(GAME)
