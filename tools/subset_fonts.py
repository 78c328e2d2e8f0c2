"""Rebuild assets/fonts/ as subsets of Noto Sans: the scripts the game and its players write in.

The full Noto Sans files (from pygame_gui's data folder, which ships them) cover far more
than the game shows; every font object the window opens (one per size and style, about
forty) keeps tables of its file in memory, so the subsets take ~5 MB off a whole game's
peak memory (see `python -m bench`) and the files shrink from 580 to 180 KB.

The glyphs kept: Latin with its extensions (Uzbek, Turkmen, Kazakh and Turkish
spellings), Greek, Cyrillic with its supplement, punctuation, arrows, the mathematical
and geometric signs the widgets draw, and combining marks (HarfBuzz builds a missing
sign such as "≠" out of "=" and one).
tests/test_fonts.py checks that every character the window shows is still there.

Needs fontTools, which the game does not: `pip install fonttools`, then
`python tools/subset_fonts.py`. The SIL Open Font License allows subsetting; the
files keep their name table (copyright, licence) whole.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
UNICODES = ",".join(
    [
        "U+0020-007E",  # Basic Latin
        "U+00A0-024F",  # Latin-1 Supplement, Latin Extended-A and -B
        "U+0250-02FF",  # IPA (ə) and spacing modifier letters (the ʻ of Oʻzbek)
        "U+0300-036F",  # combining marks
        "U+0370-03FF",  # Greek
        "U+0400-052F",  # Cyrillic and its supplement
        "U+2000-206F",  # general punctuation
        "U+2070-20CF",  # super- and subscripts, currency
        "U+2100-21FF",  # letterlike symbols (№), number forms, arrows
        "U+2200-22FF",  # mathematical operators
        "U+25A0-25FF",  # geometric shapes (the scroll bars' ▲ ▼)
        "U+FFFD",  # the replacement character
    ]
)


def main() -> int:
    source = resources.files("pygame_gui.data")
    for style in STYLES:
        with resources.as_file(source / f"NotoSans-{style}.ttf") as original:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "fontTools.subset",
                    str(original),
                    f"--unicodes={UNICODES}",
                    "--name-IDs=*",
                    "--name-languages=*",
                    "--name-legacy",
                    "--notdef-outline",
                    f"--output-file={FONTS / f'NotoSans-{style}.ttf'}",
                ],
                check=True,
            )
        print(f"assets/fonts/NotoSans-{style}.ttf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
