"""The glossary and the timeline as data every front end shares.

Pure: the terminal prints these, the window draws them. The glossary words in
a text are found by `Glossary.find`; here they become notes for the words a
player has not yet seen defined this game, and the glossary screen's entries.
The timeline becomes positions on a 1916-1931 axis, with the scenarios placed
on it by their own dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from game.dates import format_date, format_month
from game.i18n import _, local
from game.paths import SCENARIOS
from game.scenario.catalog import Catalog
from game.scenario.glossary import Entry, Glossary, load_glossary
from game.scenario.loader import GLOSSARY_FILE, TIMELINE_FILE, ScenarioError
from game.scenario.model import FIRST_YEAR, LAST_YEAR, Scenario
from game.scenario.timeline import Event, Timeline, When, load_timeline
from game.ui.present import scenario_dates

# --- loading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """The glossary and the timeline, when they could be loaded (a broken file only loses its screen)."""

    glossary: Glossary | None = None
    timeline: Timeline | None = None
    problems: tuple[str, ...] = ()


def load_reference(catalog: Catalog) -> Reference:
    """The glossary and timeline beside the scenarios played, else the shipped ones.

    A broken file costs only its own screen: the game is told in one line and goes on.
    """
    folders = [path.parent for path in catalog.files.values()] + [SCENARIOS]
    glossary: Glossary | None = None
    timeline: Timeline | None = None
    problems: list[str] = []
    found = _first(folders, GLOSSARY_FILE)
    if found is not None:
        try:
            glossary = load_glossary(found)
        except ScenarioError:
            problems.append(_broken(found))
    found = _first(folders, TIMELINE_FILE)
    if found is not None:
        try:
            timeline = load_timeline(found)
        except ScenarioError:
            problems.append(_broken(found))
    return Reference(glossary, timeline, tuple(problems))


def _first(folders: Iterable[Path], name: str) -> Path | None:
    for folder in folders:
        path = folder / name
        if path.is_file():
            return path
    return None


def _broken(path: Path) -> str:
    return _(
        "{path} has errors, so its screen is left out (run 'python main.py validate' to see them)."
    ).format(path=path)


# --- the glossary --------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryItem:
    """One entry as the glossary screen shows it, in the player's language."""

    key: str
    term: str
    kind: str  # term, person, group or place
    definition: str
    also_written: tuple[str, ...]  # spellings met in other books, so a student can connect them
    forms: tuple[str, ...]
    see: tuple[str, ...]  # the terms of related entries

    @property
    def short(self) -> str:
        return first_sentence(self.definition)


def kind_name(kind: str) -> str:
    """'person', in the player's language."""
    names = {"term": _("term"), "person": _("person"), "group": _("group"), "place": _("place")}
    return names.get(kind, kind)


def glossary_item(glossary: Glossary, key: str) -> GlossaryItem:
    entry: Entry = glossary.entries[key]
    see = tuple(local(glossary.entries[other].term) for other in entry.see if other in glossary.entries)
    return GlossaryItem(
        key,
        local(entry.term),
        entry.kind,
        local(entry.definition),
        tuple(local(form) for form in entry.also_written),
        tuple(local(form) for form in entry.forms),
        see,
    )


def glossary_items(glossary: Glossary) -> list[GlossaryItem]:
    """Every entry, sorted by its term as the player reads it."""
    items = [glossary_item(glossary, key) for key in glossary.entries]
    return sorted(items, key=lambda item: item.term.casefold())


def lookup(glossary: Glossary, word: str) -> list[GlossaryItem]:
    """The entries a typed word names: by term, form, other spelling or key; else those it begins."""
    wanted = word.strip().casefold()
    if not wanted:
        return []
    items = glossary_items(glossary)
    exact = [item for item in items if wanted in _names(item)]
    if exact:
        return exact
    return [item for item in items if any(name.startswith(wanted) for name in _names(item))]


def search(glossary: Glossary, text: str) -> list[GlossaryItem]:
    """The entries for a search as it is typed: names that begin with it, then names that
    contain it, then definitions that mention it; every entry for no text."""
    items = glossary_items(glossary)
    wanted = text.strip().casefold()
    if not wanted:
        return items
    starts = [item for item in items if any(name.startswith(wanted) for name in _names(item))]
    within = [item for item in items if item not in starts and any(wanted in name for name in _names(item))]
    found = starts + within
    return found + [item for item in items if item not in found and wanted in item.definition.casefold()]


def _names(item: GlossaryItem) -> set[str]:
    return {name.casefold() for name in (item.key, item.term, *item.forms, *item.also_written)}


def first_sentence(text: str) -> str:
    """The definition's first sentence: enough under a text, with the whole entry a keypress away."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.DOTALL)
    return match.group(1) if match else text.strip()


@dataclass(frozen=True)
class WordNote:
    """A glossary word met in a text for the first time this game."""

    key: str
    found: str  # as the text writes it
    term: str
    short: str


def new_words(glossary: Glossary, texts: Iterable[str], seen: set[str]) -> list[WordNote]:
    """The glossary words in `texts` not yet in `seen` (entry keys), in order; adds them to `seen`.

    The front end keeps `seen` for the game, so each word is defined once, where
    the player first meets it.
    """
    notes: list[WordNote] = []
    for text in texts:
        for mark in glossary.find(text):
            if mark.entry in seen:
                continue
            seen.add(mark.entry)
            item = glossary_item(glossary, mark.entry)
            notes.append(WordNote(mark.entry, text[mark.start : mark.end], item.term, item.short))
    return notes


def segments(glossary: Glossary, text: str) -> list[tuple[str, str | None]]:
    """The text cut into (piece, entry key or None): the window underlines the marked pieces."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for mark in glossary.find(text):
        if mark.start > at:
            pieces.append((text[at : mark.start], None))
        pieces.append((text[mark.start : mark.end], mark.entry))
        at = mark.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


# --- the timeline --------------------------------------------------------------------------

AXIS_START = dt.date(FIRST_YEAR, 1, 1)
AXIS_END = dt.date(LAST_YEAR + 1, 1, 1)  # the axis runs to the end of the last year


def position(day: dt.date) -> float:
    """Where a day lies on the 1916-1931 axis: 0 at its start, 1 at its end."""
    share = (day - AXIS_START).days / (AXIS_END - AXIS_START).days
    return min(max(share, 0.0), 1.0)


@dataclass(frozen=True)
class TimelineEntry:
    """An event or a scenario on the timeline."""

    kind: Literal["event", "scenario"]
    id: str
    title: str
    label: str  # the date as the sources allow it to be shown
    start: dt.date
    end: dt.date  # the last day it covers (a year's or month's last day when only those are known)
    begins: float  # position of `start` on the axis, 0-1
    ends: float  # position of the day after `end`
    text: str  # the event's account, or the scenario's summary
    uncertain: str | None = None
    lane: int = 0  # scenarios that overlap in time are drawn on different lanes

    @property
    def year(self) -> int:
        return self.start.year


@dataclass(frozen=True)
class TimelineLayout:
    first_year: int
    last_year: int
    years: tuple[tuple[int, float], ...]  # each year and where its 1 January lies on the axis
    entries: tuple[TimelineEntry, ...]  # events and scenarios together, in date order
    lanes: int  # how many lanes the scenarios need

    @property
    def events(self) -> tuple[TimelineEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == "event")

    @property
    def scenarios(self) -> tuple[TimelineEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == "scenario")

    def in_year(self, year: int) -> tuple[TimelineEntry, ...]:
        return tuple(entry for entry in self.entries if entry.year == year)


def event_label(event: Event) -> str:
    """The event's date in the player's language, or the timeline's own wording when it is vaguer."""
    if event.shown_as:
        return local(event.shown_as)
    return when_label(event.date)


def when_label(when: When) -> str:
    if when.precision == "year":
        return str(when.day.year)
    return format_month(when.day) if when.precision == "month" else format_date(when.day)


def timeline_layout(timeline: Timeline | None, scenarios: Sequence[Scenario]) -> TimelineLayout:
    """The axis, the events and the scenarios placed by their dates, ready to draw."""
    entries: list[TimelineEntry] = []
    for event in timeline.events if timeline else ():
        last = event.date.last
        entries.append(
            TimelineEntry(
                "event",
                event.id,
                local(event.title),
                event_label(event),
                event.date.day,
                last,
                position(event.date.day),
                position(last + dt.timedelta(days=1)),
                local(event.text),
                local(event.uncertain) if event.uncertain else None,
            )
        )
    placed = _lanes(sorted(scenarios, key=lambda s: (s.dates.start, s.dates.end)))
    for scenario, lane in placed:
        start, end = scenario.dates.start, scenario.dates.end
        entries.append(
            TimelineEntry(
                "scenario",
                scenario.id,
                local(scenario.title),
                scenario_dates(scenario),
                start,
                end,
                position(start),
                position(end + dt.timedelta(days=1)),
                local(scenario.summary),
                lane=lane,
            )
        )
    # Events before scenarios on the same day: the context comes first.
    entries.sort(key=lambda entry: (entry.start, entry.kind != "event", entry.end))
    years = tuple((year, position(dt.date(year, 1, 1))) for year in range(FIRST_YEAR, LAST_YEAR + 1))
    lanes = 1 + max((lane for _scenario, lane in placed), default=-1)
    return TimelineLayout(FIRST_YEAR, LAST_YEAR, years, tuple(entries), lanes)


def _lanes(scenarios: Sequence[Scenario]) -> list[tuple[Scenario, int]]:
    """Give each scenario the first lane free at its start, so overlapping spans never share one."""
    free_from: list[dt.date] = []  # per lane: the first day after its last scenario
    placed = []
    for scenario in scenarios:
        lane = next((i for i, day in enumerate(free_from) if day <= scenario.dates.start), len(free_from))
        if lane == len(free_from):
            free_from.append(scenario.dates.end)
        free_from[lane] = scenario.dates.end + dt.timedelta(days=1)
        placed.append((scenario, lane))
    return placed


def entry_kind_name(entry: TimelineEntry) -> str:
    return _("scenario") if entry.kind == "scenario" else _("event")
