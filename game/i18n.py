"""The interface's language: `_()` and `ngettext()` bound to the language chosen now.

Every string of the interface is written in English in the code and marked
with `_()` (or `N_()` where it is kept in a table and translated when shown).
Translations live in `game/locale/<language>/LC_MESSAGES/turkestan.po`; the
game reads only the compiled `.mo` files beside them, with the standard
library's gettext, so playing needs nothing else installed. Babel (a test
dependency) extracts and compiles them; see docs/translating.md.

Scenario text is not in these catalogs: a scenario carries its own
translations (`LocalText`), and `local()` picks the player's language there.
The engine never imports this module: it returns data, and the front ends and
the report say it in words.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "turkestan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT = "en"
# The languages the interface is shipped in, each named in itself (as a menu shows them).
LANGUAGES: Mapping[str, str] = {"en": "English", "ru": "Русский"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT


def set_language(language: str) -> str:
    """Speak `language` from now on; an unknown one falls back to English. Returns the one in use."""
    global _translations, _language
    if language not in LANGUAGES:
        language = DEFAULT
    if language == DEFAULT:
        _translations = gettext.NullTranslations()  # the code's own English
    else:
        # fallback=True: a missing .mo shows English rather than stopping the game
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
    _language = language
    return language


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A word whose translation depends on where it stands (a month after a day, or alone)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention, so Babel finds it
    """Mark a string for translation without translating it yet (it is kept in a table)."""
    return message


def local(text: str | None) -> str:
    """Scenario text in the player's language where the scenario has it, else as written."""
    if text is None:
        return ""
    in_language = getattr(text, "in_language", None)
    return in_language(_language) if in_language is not None else text
