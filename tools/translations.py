"""Keep the interface's translations in step with the code. Needs Babel (`pip install -e ".[test]"`).

    python tools/translations.py          # extract the strings, update every .po, compile every .mo
    python tools/translations.py --check  # say what is stale or untranslated; exit 1 if anything is

The game itself reads only the compiled .mo files (game/locale/<lang>/LC_MESSAGES),
with the standard library: Babel is needed to change the translations, never to play.
New strings arrive in each .po with an empty translation; fill them in, then run
this again to compile. The engine (game/engine/) has no interface strings and is not read.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

SOURCE = ROOT / "game"
PURE = ("engine",)  # folders under game/ that must never hold interface strings
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED = tuple(language for language in LANGUAGES if language != DEFAULT)


# A fixed header: rerunning the update on unchanged code must not change a file.
HEADER = {
    "domain": DOMAIN,
    "project": "Turkestan Crossroads",
    "version": "1",
    "header_comment": "# The words of Turkestan Crossroads' interface (see tools/translations.py).",
    "copyright_holder": "the Turkestan Crossroads studio",
    "msgid_bugs_address": "the studio's issue tracker",
    "last_translator": "the Turkestan Crossroads studio",
    "language_team": "the Turkestan Crossroads studio",
    "creation_date": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
    "revision_date": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
    "charset": "utf-8",
}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _skip(dirname: str) -> bool:
    return dirname.startswith((".", "_")) or dirname in PURE


def extract() -> Catalog:
    """Every marked string in the game's code, as a template catalog."""
    return extract_from(SOURCE)


def extract_from(folder: Path) -> Catalog:
    template = Catalog(**HEADER)
    method_map = [("**.py", "python")]
    found = extract_from_dir(
        str(folder),
        method_map,
        keywords=DEFAULT_KEYWORDS,
        callback=None,
        strip_comment_tags=True,
        directory_filter=lambda path: not _skip(Path(path).name) or folder.name in PURE,
    )
    for filename, lineno, message, comments, context in found:
        where = (folder / filename).relative_to(ROOT).as_posix()
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def update() -> None:
    """Write the template, merge it into every .po (no guessing: a new string stays empty), compile."""
    template = extract()
    _write_po(TEMPLATE, template)
    for language in TRANSLATED:
        path = po_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            catalog = Catalog(locale=language, **HEADER)
        catalog.update(template, no_fuzzy_matching=True)
        for key in (
            "header_comment",
            "revision_date",
            "last_translator",
            "language_team",
            "project",
            "version",
        ):
            setattr(catalog, key, HEADER[key])
        catalog.obsolete.clear()
        _write_po(path, catalog)
        compile_mo(language)


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path(language), language), use_fuzzy=False)
    return buffer.getvalue()


def compile_mo(language: str) -> None:
    mo_path(language).write_bytes(compiled(language))


def _entries(catalog: Catalog) -> Iterator[tuple[object, object]]:
    """(key, translation) as gettext's .mo reader files them."""
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or not all(strings) or message.fuzzy:
            continue  # not compiled: the game shows the English until it is translated
        prefix = f"{message.context}\x04" if message.context else ""
        if message.pluralizable:
            for index, text in enumerate(message.string):
                yield (prefix + message.id[0], index), text
        else:
            yield prefix + message.id, message.string


def problems() -> list[str]:
    """Everything out of step: strings missing from a .po, empty or fuzzy translations, stale .mo files."""
    template_ids = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in extract() if m.id}
    found: list[str] = []
    for language in TRANSLATED:
        path = po_path(language)
        if not path.exists():
            found.append(f"{path} is missing")
            continue
        catalog = read(path, language)
        ids = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}
        for message_id, context in sorted(template_ids - ids, key=str):
            where = f" (context {context!r})" if context else ""
            found.append(f"{path}: not in the catalog yet: {message_id!r}{where}")
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings) or message.fuzzy:
                found.append(f"{path}: no (or only a fuzzy) translation for {message.id!r}")
        found += _stale_mo(language, catalog)
    return found


def _stale_mo(language: str, catalog: Catalog) -> list[str]:
    path = mo_path(language)
    if not path.exists():
        return [f"{path} is missing"]
    with path.open("rb") as file:
        loaded = gettext.GNUTranslations(file)
    table = dict(loaded._catalog)  # noqa: SLF001 - the only way to read every entry back
    table.pop("", None)
    expected = dict(_entries(catalog))
    if table != expected:
        return [f"{path} does not match {po_path(language).name}: run python tools/translations.py"]
    return []


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = problems()
        for problem in found:
            print(problem)
        return 1 if found else 0
    update()
    for problem in problems():
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
