"""The report: every turn's history in it, valid and self-contained HTML, escaped text, and the command."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game import report
from game.engine.branches import Branches
from game.engine.session import Session
from game.paths import ROOT
from game.saves import SaveStore, snapshot, write_save
from game.scenario.catalog import Catalog, load_catalog
from tests.conftest import DATA

SMALL_TEXT = (DATA / "small.yaml").read_text(encoding="utf-8")
HOSTILE = "They <b>talked</b> & marched \"at once\" </p><script>alert('x')</script>"


def hostile_text() -> str:
    """The small scenario with history that has why/uncertain/url, and text that must be escaped."""
    text = SMALL_TEXT.replace(
        "      text: They talked and marched.\n",
        "      text: 'They <b>talked</b> & marched \"at once\" </p><script>alert(''x'')</script>'\n"
        "      why: 'Because *the* emir [refused] | # not a heading'\n"
        "      uncertain: The numbers are disputed.\n",
    )
    text = text.replace("title: A Small Test", "title: 'A <Small> Test'")
    text = text.replace(
        "      discuss: [Why?]\n  - id: second",
        "      discuss: [Why?]\n    teacher: {pitfalls: 'Students <often> forget the railway.', ask: Who gained?}\n"
        "  - id: second",
    )
    return text.replace(
        "src: {title: Test source, note: For tests.}",
        "src: {title: Test source, note: For tests., url: 'https://example.org/a?b=1&c=2'}",
    )


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "small.yaml").write_text(hostile_text(), encoding="utf-8")
    loaded = load_catalog([folder])
    assert not loaded.errors, loaded.errors
    return loaded


def finished(catalog: Catalog) -> Session:
    session = Session.start(catalog.find("small"), 3, ["negotiator", "commander"])
    session = session.decide({"negotiator": "talk", "commander": "march"}, by={"negotiator": "Team Red"})
    session = session.decide({"commander": "wait"}, votes={"attack": 9, "wait": 14})
    assert session.state.ending == "rout"  # seed 3: the march lost men, and waiting halved the rest
    return session


class StrictHTML(HTMLParser):
    """Checks that every element is closed in order, and collects the text and anything fetched."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset") or (name == "href" and tag != "a"):
                self.fetches.append(f"{tag} {name}={value}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            if "url(" in data or "@import" in data:
                self.fetches.append("css url()")
            return
        self.text.append(data)


def parse(document: str) -> StrictHTML:
    parser = StrictHTML()
    parser.feed(document)
    parser.close()
    return parser


def test_the_html_is_well_formed_self_contained_and_escaped(catalog: Catalog) -> None:
    document = report.to_html(report.build(Branches.start(finished(catalog))))
    parser = parse(document)
    assert document.startswith("<!DOCTYPE html>")
    assert parser.errors == [] and parser.stack == []
    assert parser.tags[:2] == ["html", "head"] and parser.tags.count("body") == 1
    assert "script" not in parser.tags
    assert parser.fetches == []
    text = " ".join(parser.text)
    assert HOSTILE in text  # shown exactly as written, not run as markup
    assert "A <Small> Test" in text
    assert "https://example.org/a?b=1&c=2" in text


def test_every_turn_carries_its_history_sources_and_questions(catalog: Catalog) -> None:
    session = finished(catalog)
    text = re.sub(r"\s+", " ", " ".join(parse(report.to_html(report.build(Branches.start(session)))).text))
    scenario = session.scenario
    for number, record in enumerate(session.state.log, start=1):
        turn = scenario.turns[scenario.turn_index(record.turn)]
        assert f"Turn {number} \u00b7 {turn.date.day} March 1918 \u00b7 Kagan" in text
        assert turn.history.text in text
        for question in turn.history.discuss:
            assert question in text
    assert text.count("What really happened") == len(session.state.log)
    assert "Why: Because *the* emir [refused] | # not a heading" in text
    assert "The numbers are disputed." in text
    assert text.count("Sources: Test source") == len(session.state.log)


def test_the_choices_say_who_took_them_and_the_outcome(catalog: Catalog) -> None:
    session = finished(catalog)
    text = re.sub(r"\s+", " ", " ".join(parse(report.to_html(report.build(Branches.start(session)))).text))
    assert "The negotiator, Envoy (Team Red), chose: Talk." in text
    assert "The commander, Commander, chose: March." in text
    assert "The class voted: Attack. 9, Wait. 14" in text
    assert "Verdict for the commander: History went another way: Attack." in text
    outcome = session.scenario.choice("first", "commander", "march").outcomes[
        session.state.log[0].move("commander").outcome
    ]
    assert outcome.text in text


def test_the_end_and_the_divergence_summary(catalog: Catalog) -> None:
    session = finished(catalog)
    built = report.build(Branches.start(session), now=dt.datetime(2025, 5, 12))
    text = re.sub(r"\s+", " ", " ".join(parse(report.to_html(built)).text))
    ending = session.scenario.ending(session.state.ending)
    assert f"The end: {ending.title}" in text
    assert "History ended differently: Peace." in text
    assert "\u2260 5 March 1918, Second: the commander chose \u201cWait.\u201d" in text
    assert "History: \u201cAttack.\u201d" in text
    assert "report written 12 May 2025" in text
    assert "matched history on 2 of 3 turns; the path left history's way on 1 turn." in text


def test_the_html_prints_on_white(catalog: Catalog) -> None:
    document = report.to_html(report.build(Branches.start(finished(catalog))))
    style = document[document.index("<style>") : document.index("</style>")]
    assert "@media print" in style and "break-inside: avoid" in style
    for colour in re.findall(r"background:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", style):
        digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
        red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        assert 0.2126 * red + 0.7152 * green + 0.0722 * blue > 230, colour


def test_the_markdown_escapes_text_and_holds_every_turn(catalog: Catalog) -> None:
    session = finished(catalog)
    document = report.to_markdown(report.build(Branches.start(session)))
    assert "<script>" not in document and "\\<script\\>" in document
    assert "\\*the\\* emir \\[refused\\] \\| \\# not a heading" in document
    assert document.count("#### What really happened") == len(session.state.log)
    assert document.startswith("# A \\<Small\\> Test\n")
    assert "| Troops | 600 |" in document


def test_an_unfinished_game_says_where_it_stands(catalog: Catalog) -> None:
    session = Session.start(catalog.find("small"), 3, ["commander"]).decide({"commander": "march"})
    text = " ".join(parse(report.to_html(report.build(Branches.start(session)))).text)
    assert "The game has not reached an ending yet: it stands at turn 2, 5 March 1918." in text


def test_the_branches_are_set_side_by_side(catalog: Catalog) -> None:
    session = finished(catalog)
    branches = Branches.start(session).what_if(1)
    branches = branches.update(
        branches.session.decide({"commander": "attack"}).decide({"negotiator": "sign"})
    )
    document = report.to_html(report.build(branches))
    parser = parse(document)
    assert parser.errors == []
    text = " ".join(parser.text)
    assert "What if? The branches side by side" in text
    assert "Branch A" in text and "Branch B (played)" in text
    assert "\u2260 Wait." in text and "= Attack." in text and "= Sign." in text
    assert "Rout" in text and "Peace" in text
    assert "branch B of 2" in text


def test_write_report_picks_the_format_from_the_extension(catalog: Catalog, tmp_path: Path) -> None:
    branches = Branches.start(finished(catalog))
    report.write_report(tmp_path / "a.HTML", branches)
    report.write_report(tmp_path / "a.md", branches)
    assert (tmp_path / "a.HTML").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# ")
    with pytest.raises(ValueError, match="a report is .html or .md"):
        report.write_report(tmp_path / "a.pdf", branches)


# --- the command ----------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        encoding="utf-8",
    )


def test_report_command_writes_html_and_markdown(catalog: Catalog, tmp_path: Path) -> None:
    save = tmp_path / "lesson.json"
    write_save(save, snapshot(Branches.start(finished(catalog)), catalog.fingerprint("small")))
    scenarios = str(tmp_path / "scenarios")
    for name in ("out.html", "out.md"):
        result = run("report", str(save), "-o", str(tmp_path / name), "--scenarios", scenarios)
        assert result.returncode == 0, result.stderr
        assert result.stderr == f"The report was written to {tmp_path / name}\n"
    html_text = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert parse(html_text).errors == [] and "What really happened" in html_text
    result = run("report", str(save), "--scenarios", scenarios)
    assert result.returncode == 0 and result.stdout.startswith("# A \\<Small\\> Test")


def test_report_command_refuses_bad_input_in_one_line(catalog: Catalog, tmp_path: Path) -> None:
    save = tmp_path / "lesson.json"
    save.write_text("{ nope", encoding="utf-8")
    result = run("report", str(save), "-o", str(tmp_path / "out.html"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"report: The save {save} is cut short (the data ends too early, at line 1, column 3).\n"
    )
    assert save.exists()  # the player's own file, outside the saves folder, is left alone
    result = run("report", str(save), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 2 and "must end in .html or .md" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_the_autosave_can_be_reported(catalog: Catalog, tmp_path: Path) -> None:
    store = SaveStore.default()
    store.autosave(snapshot(Branches.start(finished(catalog)), catalog.fingerprint("small")))
    out = tmp_path / "r.md"
    result = run(
        "report", str(store.autosave_path), "-o", str(out), "--scenarios", str(tmp_path / "scenarios")
    )
    assert result.returncode == 0, result.stderr
    assert "#### What really happened" in out.read_text(encoding="utf-8")


def test_the_other_sides_outcome_stays_off_the_page_as_in_the_game(catalog: Catalog) -> None:
    session = Session.start(catalog.find("small"), 3, ["negotiator"]).decide({"negotiator": "talk"})
    text = re.sub(r"\s+", " ", " ".join(parse(report.to_html(report.build(Branches.start(session)))).text))
    assert "The commander, Commander, following history, chose: March." in text
    assert "Lost men." not in text and "Fine." not in text


def test_the_teachers_version_adds_the_notes_and_the_handout_leaves_them_out(catalog: Catalog) -> None:
    branches = Branches.start(finished(catalog))
    handout = report.to_html(report.build(branches))
    teachers = report.to_html(report.build(branches, teacher=True))
    assert "railway" not in handout and "For the teacher" not in handout
    parser = parse(teachers)
    assert parser.errors == []
    text = re.sub(r"\s+", " ", " ".join(parser.text))
    assert "Pitfalls: Students <often> forget the railway." in text and "Ask the class: Who gained?" in text
    assert "\\<often\\>" in report.to_markdown(report.build(branches, teacher=True))
