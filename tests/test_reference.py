"""The glossary and the timeline as data for every front end: entries, lookups, marks, positions."""

from __future__ import annotations

import datetime as dt

import pytest

from game.paths import SCENARIOS
from game.scenario.catalog import load_catalog
from game.scenario.glossary import Glossary, load_glossary
from game.scenario.model import Scenario
from game.scenario.timeline import load_timeline
from game.ui.reference import (
    first_sentence,
    glossary_items,
    lookup,
    new_words,
    position,
    segments,
    timeline_layout,
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(SCENARIOS / "glossary.yaml")


def test_the_glossary_screen_lists_every_entry_sorted_with_other_spellings(glossary: Glossary) -> None:
    items = glossary_items(glossary)
    assert len(items) == len(glossary.entries)
    assert [item.term.casefold() for item in items] == sorted(item.term.casefold() for item in items)
    khodjaev = next(item for item in items if item.key == "khodjaev")
    assert "Faizulla Khojaev" in khodjaev.also_written


def test_a_word_is_found_by_its_term_form_or_other_spelling(glossary: Glossary) -> None:
    assert [item.key for item in lookup(glossary, "Ibrahim Bey")] == ["ibrahim-bek"]
    assert [item.key for item in lookup(glossary, "jadidism")] == ["jadid"]
    assert lookup(glossary, "basmach")[0].key == "basmachi"  # the start of a word will do
    assert lookup(glossary, "") == [] and lookup(glossary, "zzz") == []


def test_every_word_the_game_marks_is_defined_and_defined_once(glossary: Glossary, shipped: Scenario) -> None:
    seen: set[str] = set()
    texts = [str(turn.situation_for(role)) for turn in shipped.turns for role in shipped.roles]
    texts += [str(turn.history.text) for turn in shipped.turns]
    notes = new_words(glossary, texts, seen)
    assert notes and len({note.key for note in notes}) == len(notes)
    assert all(
        note.short and note.short == first_sentence(glossary.entries[note.key].definition) for note in notes
    )
    assert new_words(glossary, texts, seen) == []  # nothing twice in one game


def test_a_text_is_cut_into_marked_pieces_that_join_back_whole(glossary: Glossary) -> None:
    text = "The emir met the Young Bukharans at Kagan."
    pieces = segments(glossary, text)
    assert "".join(piece for piece, _entry in pieces) == text
    assert [entry for _piece, entry in pieces if entry] == ["emir", "young-bukharans", "kagan"]


def test_first_sentence() -> None:
    assert first_sentence("A title. More here.") == "A title."
    assert first_sentence("No full stop") == "No full stop"


def test_the_timeline_places_events_and_scenarios_on_one_axis() -> None:
    catalog = load_catalog([SCENARIOS])
    layout = timeline_layout(load_timeline(SCENARIOS / "timeline.yaml"), catalog.scenarios)
    assert (layout.first_year, layout.last_year) == (1916, 1931)
    assert layout.years[0] == (1916, 0.0) and len(layout.years) == 16
    assert {entry.id for entry in layout.scenarios} == {s.id for s in catalog.scenarios}
    assert [entry.start for entry in layout.entries] == sorted(entry.start for entry in layout.entries)
    for entry in layout.entries:
        assert 0.0 <= entry.begins < entry.ends <= 1.0
    bukhara = next(entry for entry in layout.scenarios if entry.id == "bukhara-1918")
    assert bukhara.label == "March 1918" and bukhara in layout.in_year(1918)
    # scenarios that overlap in time never share a lane
    for a in layout.scenarios:
        for b in layout.scenarios:
            if a is not b and a.lane == b.lane:
                assert a.end < b.start or b.end < a.start
    assert position(dt.date(1924, 1, 1)) == pytest.approx(8 / 16, abs=0.001)


def test_the_timeline_works_without_its_events() -> None:
    layout = timeline_layout(None, load_catalog([SCENARIOS]).scenarios)
    assert layout.events == () and layout.scenarios
