"""The terminal's reference screens: glossary words under a text, the glossary, the timeline."""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import _
from game.scenario.catalog import Catalog
from game.scenario.glossary import Glossary
from game.scenario.timeline import Timeline
from game.ui.reference import (
    GlossaryItem,
    TimelineEntry,
    TimelineLayout,
    glossary_items,
    kind_name,
    lookup,
    new_words,
    timeline_layout,
)
from game.ui.text.terminal import Terminal, as_number

# --- words under a text --------------------------------------------------------------------


def word_notes(terminal: Terminal, glossary: Glossary | None, texts: Sequence[str], seen: set[str]) -> None:
    """Define the glossary words met for the first time in `texts`, each once a game."""
    if glossary is None:
        return
    notes = new_words(glossary, texts, seen)
    if not notes:
        return
    terminal.say()
    terminal.say(_("Words (g = the glossary):"))
    for note in notes:
        terminal.item("\u2022 ", f"{note.term} \u2014 {note.short}")


# --- the glossary screen -------------------------------------------------------------------


def show_glossary(terminal: Terminal, glossary: Glossary | None, word: str = "") -> None:
    """Every entry, sorted, with its other spellings; or the entries a word names."""
    if glossary is None:
        terminal.say(_("The glossary could not be loaded."))
        return
    if word:
        items = lookup(glossary, word)
        if not items:
            terminal.say(_("The glossary has no entry for \u201c{word}\u201d.").format(word=word))
            return
    else:
        items = glossary_items(glossary)
    terminal.heading(_("Glossary"))
    for item in items:
        show_entry(terminal, item)
    if not word:
        terminal.say()
        terminal.say(_("(g WORD shows one entry, e.g. g Basmachi.)"))


def show_entry(terminal: Terminal, item: GlossaryItem) -> None:
    terminal.say()
    terminal.say(f"{item.term} ({kind_name(item.kind)})")
    terminal.say(item.definition, indent=2)
    if item.also_written:
        terminal.say(_("Also written: {forms}").format(forms=", ".join(item.also_written)), indent=2)
    if item.see:
        terminal.say(_("See also: {terms}").format(terms=", ".join(item.see)), indent=2)


# --- the timeline screen -------------------------------------------------------------------

EVENT_MARK, SCENARIO_MARK = "\u2022", "\u25b6"


def timeline_of(catalog: Catalog, timeline: Timeline | None) -> TimelineLayout:
    return timeline_layout(timeline, catalog.scenarios)


def show_timeline(terminal: Terminal, layout: TimelineLayout, full: bool = False) -> list[TimelineEntry]:
    """The axis with the scenarios' spans, then every event and scenario by year, numbered.

    Returns the entries in the order they were numbered, for reading one of them.
    With `full`, every entry's text follows its title (for a printout).
    """
    terminal.heading(
        _("Timeline, {first}\u2013{last}").format(first=layout.first_year, last=layout.last_year)
    )
    for row in axis_rows(layout, terminal.width):
        terminal.line(row)
    terminal.say(
        _("(each {mark} row is a scenario's span; the numbers are the scenarios below)").format(mark="\u2588")
    )
    numbered: list[TimelineEntry] = []
    for year, _position in layout.years:
        entries = layout.in_year(year)
        if not entries:
            continue
        terminal.say()
        terminal.say(str(year))
        for entry in entries:
            numbered.append(entry)
            terminal.item(f"{len(numbered):>2}. {mark_of(entry)} ", entry_line(entry, layout), indent=2)
            if full:
                show_entry_text(terminal, entry, indent=8)
    return numbered


def mark_of(entry: TimelineEntry) -> str:
    return SCENARIO_MARK if entry.kind == "scenario" else EVENT_MARK


def entry_line(entry: TimelineEntry, layout: TimelineLayout) -> str:
    if entry.kind == "scenario":
        number = layout.scenarios.index(entry) + 1
        return _("{date}: {title} (scenario {number})").format(
            date=entry.label, title=entry.title, number=number
        )
    return f"{entry.label}: {entry.title}"


def show_entry_text(terminal: Terminal, entry: TimelineEntry, indent: int = 2) -> None:
    terminal.say(entry.text, indent=indent)
    if entry.uncertain:
        terminal.say(_("Uncertain: {text}").format(text=entry.uncertain), indent=indent)


def axis_rows(layout: TimelineLayout, width: int) -> list[str]:
    """The years as a ruler, and one row per lane of scenario spans, each span numbered."""
    span = max(20, width - 1)
    ruler = [" "] * (span + 1)
    for year, at in layout.years:
        column = round(at * span)
        label = str(year) if year % 5 == 1 or year == layout.first_year else "'" + str(year)[2:]
        if all(ruler[column + i] == " " for i in range(min(len(label) + 1, span + 1 - column))):
            for i, char in enumerate(label[: span + 1 - column]):
                ruler[column + i] = char
    ticks = [" "] * (span + 1)
    for _year, at in layout.years:
        ticks[round(at * span)] = "|"
    rows = ["".join(ruler).rstrip(), "".join(ticks).rstrip()]
    scenarios = layout.scenarios
    for lane in range(layout.lanes):
        cells = [" "] * (span + 1)
        spans = []
        for number, entry in enumerate(scenarios, start=1):
            if entry.lane == lane:
                first = round(entry.begins * span)
                last = max(first, round(entry.ends * span) - 1)
                cells[first : last + 1] = ["\u2588"] * (last + 1 - first)
                spans.append((str(number), first, last))
        for label, first, last in spans:  # after every bar, so no bar hides a number
            _place(cells, label, first, last)
        rows.append("".join(cells).rstrip())
    return rows


def _place(cells: list[str], label: str, first: int, last: int) -> None:
    """A span's number just after it, else just before it, else over its own first cells."""

    def free(start: int) -> bool:
        return (
            start >= 0
            and start + len(label) <= len(cells)
            and all(cell == " " for cell in cells[start : start + len(label)])
        )

    start = next(
        (at for at in (last + 1, first - len(label)) if free(at)), min(first, len(cells) - len(label))
    )
    cells[start : start + len(label)] = list(label)


def timeline_screen(terminal: Terminal, catalog: Catalog, timeline: Timeline | None) -> None:
    """The timeline, then read any entry by its number until Enter."""
    layout = timeline_of(catalog, timeline)
    if timeline is None:
        terminal.say(_("The timeline's events could not be loaded; the scenarios are shown alone."))
    numbered = show_timeline(terminal, layout)
    while True:
        answer = terminal.ask(
            _("\nRead which? (1-{count}, Enter = back) ").format(count=len(numbered))
        ).lower()
        if not answer:
            return
        number = as_number(answer)
        if number is None or not 1 <= number <= len(numbered):
            terminal.say(
                _("Please type a number from 1 to {count}, or Enter to go back.").format(count=len(numbered))
            )
            continue
        entry = numbered[number - 1]
        terminal.heading(f"{entry.label}: {entry.title}")
        show_entry_text(terminal, entry)
