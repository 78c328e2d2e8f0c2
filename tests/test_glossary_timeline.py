"""The glossary and the timeline: validated like scenarios, and used to mark and place the game's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.paths import SCENARIOS
from game.scenario.glossary import load_glossary
from game.scenario.loader import ScenarioError
from game.scenario.model import Scenario
from game.scenario.timeline import load_timeline

GLOSSARY = SCENARIOS / "glossary.yaml"
TIMELINE = SCENARIOS / "timeline.yaml"


def test_the_glossary_defines_the_words_students_meet() -> None:
    glossary = load_glossary(GLOSSARY)
    terms = {entry.term.casefold() for entry in glossary.entries.values()}
    for word in [
        "Basmachi",
        "Jadid",
        "Young Bukharans",
        "Sovnarkom",
        "ulema",
        "kurbashi",
        "emir",
        "khanate",
        "Sharia",
    ]:
        assert word.casefold() in terms, word


def test_glossary_words_are_found_in_text_once_each() -> None:
    glossary = load_glossary(GLOSSARY)
    text = "The Emir and the Young Bukharans met the emir's ulema; Kolesov waited at Kagan. Kolesov left."
    found = [(text[mark.start : mark.end], mark.entry) for mark in glossary.find(text)]
    assert found == [
        ("Emir", "emir"),
        ("Young Bukharans", "young-bukharans"),  # the longer name, not "Bukhara" inside it
        ("ulema", "ulema"),
        ("Kolesov", "kolesov"),
        ("Kagan", "kagan"),
    ]


def test_words_inside_other_words_are_not_marked() -> None:
    glossary = load_glossary(GLOSSARY)
    text = "The emirate's khans were emirless; a sub-emir; Jadidism."
    found = [(text[mark.start : mark.end], mark.entry) for mark in glossary.find(text)]
    assert found == [("emirate", "emirate"), ("Jadidism", "jadid")]


def test_every_shipped_scenario_marks_only_defined_words(shipped: Scenario) -> None:
    glossary = load_glossary(GLOSSARY)
    marked = {mark.entry for turn in shipped.turns for mark in glossary.find(turn.history.text)}
    assert marked, "a history with no glossary words at all is suspicious"
    assert all(glossary.entries[entry].definition for entry in marked)


def test_glossary_problems_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.yaml"
    bad.write_text(
        "format: 1\nentries:\n  emir:\n    term: emir\n    definition: A ruler.\n    see: [khanat]\n"
        "  khanate:\n    term: khanate\n    forms: [emir]\n    definition: A state.\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_glossary(bad)
    messages = [str(problem) for problem in caught.value.problems]
    assert f"{bad}:6:11: entries.emir.see[0]: unknown entry 'khanat' (did you mean 'khanate'?)" in messages
    assert any("entries.khanate: 'emir' is already a form of 'emir'" in message for message in messages)


def test_the_timeline_runs_from_1916_to_1931_in_order() -> None:
    timeline = load_timeline(TIMELINE)
    years = [event.date.day.year for event in timeline.events]
    assert years[0] == 1916 and years[-1] == 1931
    assert {event.date.precision for event in timeline.events} == {"year", "month", "day"}
    assert timeline.events[0].label == "1916"
    assert any(event.label == "15 April 1929" for event in timeline.events)


def test_timeline_problems_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "timeline.yaml"
    text = TIMELINE.read_text(encoding="utf-8").replace("date: 1922-05", "date: 1912-05", 1)
    bad.write_text(text.replace("date: 1929-04-15", "date: April 1929", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_timeline(bad)
    (problem,) = caught.value.problems
    assert "expected a year (1922), a month (1922-05) or a day (1922-05-19)" in str(problem)


def test_validate_checks_the_glossary_and_timeline_too(tmp_path: Path, capsys) -> None:
    (tmp_path / "glossary.yaml").write_text("format: 1\nentries: {x: {term: X}}\n")
    assert main(["validate", str(tmp_path)]) == 1
    assert "entries.x: missing required key 'definition'" in capsys.readouterr().out
