"""The end of a game: the ending, the path against history, the numbers over the turns, the branches."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.branches import Branches
from game.engine.conditions import format_number
from game.engine.session import Session
from game.i18n import _, local
from game.ui.present import (
    BranchTable,
    Debrief,
    compare_branches,
    debrief,
    ending_verdict,
    matched_sentence,
    passed_by_sentence,
    path_lines,
    sparkline,
    turn_date,
    turn_short_date,
)
from game.ui.text.terminal import Terminal


def show_ending(terminal: Terminal, session: Session, branches: Branches) -> None:
    scenario = session.scenario
    report = debrief(session)
    assert report.ending is not None
    terminal.say()
    terminal.rule("\u2550")
    terminal.say(_("THE END: {ending}").format(ending=local(report.ending.title).upper()))
    terminal.rule("\u2550")
    terminal.say(local(report.ending.text))
    terminal.say()
    terminal.say(ending_verdict(report) or "")
    terminal.heading(_("Your path against history"))
    for line in path_lines(report):
        terminal.item(f"{line.mark} ", line.text)
        if line.history:
            terminal.say(line.history, indent=6)
    passed = passed_by_sentence(report)
    if passed:
        terminal.say(passed, indent=2)
    terminal.say()
    terminal.say(matched_sentence(report))
    show_series(terminal, report)
    if len(branches.branches) > 1:
        show_branches(terminal, branches)
    terminal.say()
    terminal.say(_("Sources:"))
    for source in scenario.sources.values():
        terminal.item("\u2022 ", f"{local(source.title)}: {local(source.note)}")


def show_series(terminal: Terminal, report: Debrief) -> None:
    terminal.heading(_("How things moved, turn by turn"))
    width = max((len(series.label) for series in report.series), default=0)
    for series in report.series:
        spark = sparkline(series.values, series.low, series.high)
        first, last = format_number(series.values[0]), format_number(series.values[-1])
        label = local(series.label)
        terminal.say(f"  {label:<{width}}  {spark}  {first} \u2192 {last}")


def show_branches(terminal: Terminal, branches: Branches) -> None:
    """A grid of every branch against history, then the choices in full where the branches part."""
    table = compare_branches(branches)
    names = [f"{name}*" if i == table.current else name for i, name in enumerate(table.names)]
    terminal.heading(_("What if? The branches side by side"))
    for line in branch_grid(table, names, terminal.width):
        terminal.line(line)
    terminal.say(_("(= as history chose, \u2260 another way, \u2014 not reached; * the branch being played)"))
    history = _("History: ")
    for number, row in enumerate(table.rows, start=1):
        if not row.parted:
            continue
        terminal.say()
        terminal.say(f"{number}. {turn_date(row.turn)}, {local(row.turn.title)}")
        terminal.item("  " + history, " / ".join(row.history), indent=4)
        for choice in row.choices():
            who = ", ".join(names[i] for i in choice.branches)
            mark = "=" if choice.matched else "\u2260"
            terminal.item(f"{mark} {who}: ", " / ".join(choice.texts), indent=4)
    terminal.say()
    terminal.say(_("Endings:"))
    terminal.item(history, local(table.historical_ending.title), indent=4)
    for name, ending in zip(names, table.endings, strict=True):
        terminal.item(f"{name}: ", local(ending.title) if ending else _("not reached yet"), indent=4)


def branch_grid(table: BranchTable, names: Sequence[str], width: int) -> list[str]:
    """One row per turn and one narrow column per branch, marking each choice against history's."""
    columns = [max(len(name), 1) + 3 for name in names]
    labels = [
        f"{number}. {turn_short_date(row.turn)}, {local(row.turn.title)}"
        for number, row in enumerate(table.rows, 1)
    ]
    first = max(12, min(width - sum(columns), max(map(len, labels), default=0) + 3))

    def fit(text: str) -> str:
        return text if len(text) < first else text[: first - 2] + "\u2026"

    lines = [
        fit(_("Turn")).ljust(first)
        + "".join(n.ljust(w) for n, w in zip(names, columns, strict=True)).rstrip()
    ]
    for label, row in zip(labels, table.rows, strict=True):
        marks = []
        for steps in row.cells:
            if steps is None:
                marks.append("\u2014")
            else:
                marks.append("=" if all(step.matched for step in steps) else "\u2260")
        lines.append(
            fit(label).ljust(first)
            + "".join(m.ljust(w) for m, w in zip(marks, columns, strict=True)).rstrip()
        )
    return lines
