"""The report of a game, for the teacher's handout: Markdown or one self-contained HTML file.

For every turn: the date, the situation, the choice taken and by whom, what
came of it, what really happened (with why and what is uncertain), the
sources and the questions for discussion; then the ending, the path against
history, the numbers over the turns and the "what if" branches. The words are
the game's own (`game.ui.present` and the scenario), so the handout says what
the class saw on the screen.

The HTML needs nothing else: inline CSS and SVG, no scripts, no fonts or
images to fetch, light colours that print, and every text escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine.branches import Branches
from game.engine.conditions import format_number
from game.engine.rules import verdict
from game.engine.session import Session
from game.saves import write_atomic
from game.scenario.model import Source, Turn
from game.ui.present import (
    BranchTable,
    Debrief,
    Moment,
    Series,
    changes,
    compare_branches,
    debrief,
    ending_verdict,
    format_date,
    matched_sentence,
    move_line,
    outcome_text,
    passed_by_sentence,
    path_lines,
    reached_date,
    turn_date,
    turn_heading,
    turn_short_date,
    votes_line,
)

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


# --- what the report says, independent of its format -----------------------------------


@dataclass(frozen=True)
class TurnPart:
    moment: Moment
    heading: str  # 'Turn 1 · 1 March 1918 · Kagan'
    situation: tuple[tuple[str, str], ...]  # (who it is for, or '', the text)
    choices: tuple[str, ...]  # 'The negotiator (player) chose: Talk.'
    outcomes: tuple[str, ...]
    changes: tuple[str, ...]
    verdicts: tuple[str, ...]
    sources: tuple[Source, ...]
    teacher: tuple[tuple[str, str], ...] = ()  # (label, note), only in the teacher's version


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str | None
    played_as: str  # 'Played as the negotiator (Young Bukharan envoy)'
    meta: str  # seed, branch and when the report was written
    standing: str  # where an unfinished game stands: 'turn 3, 6 March 1918'
    notes: tuple[str, ...]
    turns: tuple[TurnPart, ...]
    debrief: Debrief
    branches: BranchTable | None  # only when there is more than one
    sources: tuple[Source, ...]


def build(
    branches: Branches, notes: Iterable[str] = (), now: dt.datetime | None = None, teacher: bool = False
) -> Report:
    """What the report says. `teacher` adds the scenario's notes for the teacher's eyes only."""
    session = branches.session
    scenario = session.scenario
    played = ", ".join(f"the {role} ({scenario.roles[role].name})" for role in session.roles)
    written = format_date((now or dt.datetime.now()).date())
    several = len(branches.branches) > 1
    branch = f"branch {branches.branch.name} of {len(branches.branches)} \u00b7 " if several else ""
    summary = debrief(session)
    return Report(
        title=scenario.title,
        subtitle=scenario.subtitle,
        played_as=f"Played as {played}",
        meta=f"{branch}game seed {session.seed} \u00b7 report written {written}",
        standing=f"turn {len(session.state.log) + 1}, {reached_date(scenario, session.state)}",
        notes=tuple(notes),
        turns=tuple(_turn_part(session, moment, teacher) for moment in summary.timeline),
        debrief=summary,
        branches=compare_branches(branches) if several else None,
        sources=tuple(scenario.sources.values()),
    )


def _turn_part(session: Session, moment: Moment, teacher: bool) -> TurnPart:
    scenario, record, turn = session.scenario, moment.record, moment.turn
    decision = session.decisions[moment.number - 1]
    situations = {role: turn.situation_for(role) for role in session.roles}
    if len(set(situations.values())) == 1:
        situation: tuple[tuple[str, str], ...] = (("", next(iter(situations.values()))),)
    else:
        situation = tuple((f"The {role}", text) for role, text in situations.items())
    choices, outcomes = [], []
    for move in record.moves:
        choices.append(move_line(scenario, turn, move))
        if move.role not in session.roles:
            continue  # as in the game: outcome texts speak to the people who chose
        tally = votes_line(decision.votes, scenario, turn, move.role)
        if tally:
            choices.append(tally)
        outcome = outcome_text(scenario, record, move.role)
        if outcome:
            outcomes.append(outcome)
    verdicts = tuple(
        ("Verdict: " if len(session.roles) == 1 else f"Verdict for the {role}: ")
        + verdict(scenario, record, role)
        for role in session.roles
        if record.move(role) is not None
    )
    return TurnPart(
        moment=moment,
        heading=turn_heading(scenario, turn, moment.number),
        situation=situation,
        choices=tuple(choices),
        outcomes=tuple(outcomes),
        changes=tuple(str(change) for change in changes(scenario, record.before, record.after)),
        verdicts=verdicts,
        sources=tuple(scenario.sources[source] for source in turn.history.sources),
        teacher=_teacher_notes(turn) if teacher else (),
    )


def _teacher_notes(turn: Turn) -> tuple[tuple[str, str], ...]:
    notes = turn.teacher
    if notes is None:
        return ()
    found = (("Background", notes.background), ("Pitfalls", notes.pitfalls), ("Ask the class", notes.ask))
    return tuple((label, text) for label, text in found if text)


def ending_lines(report: Report) -> tuple[str, str, str]:
    """(heading, text, against history) for the ending, or for a game not finished yet."""
    summary = report.debrief
    if summary.ending is None:
        return (
            "Not finished yet",
            f"The game has not reached an ending yet: it stands at {report.standing}.",
            "",
        )
    return (f"The end: {summary.ending.title}", summary.ending.text, ending_verdict(summary) or "")


# --- writing ---------------------------------------------------------------------------


def report_format(path: Path) -> str | None:
    """'html' or 'md' from the file's extension; None if it is neither."""
    return FORMATS.get(path.suffix.lower())


def render(report: Report, form: str) -> str:
    return to_html(report) if form == "html" else to_markdown(report)


def write_report(
    path: Path,
    branches: Branches,
    notes: Iterable[str] = (),
    now: dt.datetime | None = None,
    teacher: bool = False,
) -> None:
    """Write the report atomically, as HTML or Markdown by the file's extension."""
    form = report_format(path)
    if form is None:
        raise ValueError(f"{path.name}: a report is .html or .md")
    write_atomic(path, render(build(branches, notes, now, teacher), form).encode("utf-8"))


# --- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def md(text: str) -> str:
    """Text that Markdown shows as written, never as markup."""
    lines = []
    for line in text.split("\n"):
        line = _MD_SPECIAL.sub(r"\\\1", line)
        lines.append(_MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line))
    return "  \n".join(lines)


def to_markdown(report: Report) -> str:
    out: list[str] = [f"# {md(report.title)}", ""]
    if report.subtitle:
        out += [f"*{md(report.subtitle)}*", ""]
    out += [md(report.played_as) + "  ", md(report.meta), ""]
    out += [f"> {md(note)}\n" for note in report.notes]
    for part in report.turns:
        out += _markdown_turn(part)
    heading, text, against = ending_lines(report)
    out += [f"## {md(heading)}", "", md(text), ""]
    if against:
        out += [md(against), ""]
    out += ["## Your path against history", ""]
    for line in path_lines(report.debrief):
        out.append(f"- {line.mark} {md(line.text)}")
        if line.history:
            out.append(f"  - {md(line.history)}")
    out.append("")
    passed = passed_by_sentence(report.debrief)
    if passed:
        out += [md(passed), ""]
    out += [md(matched_sentence(report.debrief)), ""]
    out += _markdown_series(report.debrief)
    if report.branches is not None:
        out += _markdown_branches(report.branches)
    out += ["## Sources", ""]
    out += [_markdown_source(source) for source in report.sources]
    return "\n".join(out).rstrip() + "\n"


def _markdown_turn(part: TurnPart) -> list[str]:
    turn = part.moment.turn
    history = turn.history
    mark = " \u2014 \u2260 another way than history" if part.moment.diverged else ""
    out = [f"## {md(part.heading)}", "", f"### {md(turn.title)}{mark}", ""]
    for who, text in part.situation:
        out += [f"**{md(who)}:** {md(text)}" if who else md(text), ""]
    out += [f"- {md(line)}" for line in part.choices] + [""]
    out += [md(text) + "\n" for text in part.outcomes]
    if part.changes:
        out += [f"- {md(change)}" for change in part.changes] + [""]
    out += [f"#### What really happened \u00b7 {md(turn_date(turn))}", "", md(history.text), ""]
    if history.why:
        out += [f"**Why:** {md(history.why)}", ""]
    if history.uncertain:
        out += [f"**Uncertain:** {md(history.uncertain)}", ""]
    out += [md(line) + "  " for line in part.verdicts]
    out += ["**Sources:** " + "; ".join(md(source.title) for source in part.sources), ""]
    out += ["**For discussion:**", ""] + [f"1. {md(question)}" for question in history.discuss] + [""]
    if part.teacher:
        out += ["**For the teacher:**", ""] + [f"- *{md(label)}:* {md(text)}" for label, text in part.teacher]
        out.append("")
    return out


def _markdown_series(summary: Debrief) -> list[str]:
    if not summary.series:
        return []
    heads = ["", "Start", *(f"Turn {m.number}" for m in summary.timeline)]
    out = ["## How things moved, turn by turn", ""]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    for series in summary.series:
        cells = [md(series.label), *(format_number(v) for v in series.values)]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _markdown_branches(table: BranchTable) -> list[str]:
    heads = ["Turn", "History", *(_branch_head(table, i) for i in range(len(table.names)))]
    out = ["## What if? The branches side by side", ""]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    for row in table.rows:
        cells = [f"{turn_short_date(row.turn)} {md(row.turn.title)}", md(" / ".join(row.history))]
        cells += [md(_cell_text(steps)) for steps in row.cells]
        out.append("| " + " | ".join(cells) + " |")
    endings = [
        md(table.historical_ending.title),
        *(md(e.title) if e else "(not ended)" for e in table.endings),
    ]
    out.append("| **Ending** | " + " | ".join(endings) + " |")
    return [*out, "", "= as in history, \u2260 another way, \u2014 not reached.", ""]


def _markdown_source(source: Source) -> str:
    url = f" <{source.url}>" if source.url and _safe_url(source.url) else ""
    return f"- **{md(source.title)}**: {md(source.note)}{url}"


def _branch_head(table: BranchTable, index: int) -> str:
    return f"Branch {table.names[index]}" + (" (played)" if index == table.current else "")


def _cell_text(steps: Sequence | None) -> str:
    if steps is None:
        return "\u2014"
    mark = "=" if all(step.matched for step in steps) else "\u2260"
    return f"{mark} " + " / ".join(step.chosen for step in steps)


def _safe_url(url: str) -> bool:
    return url.startswith(("https://", "http://")) and not any(c.isspace() or c in "<>\"'" for c in url)


# --- HTML --------------------------------------------------------------------------------


def h(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(text: str, css: str = "") -> str:
    """Each line of the scenario's text as a paragraph, as the terminal shows it."""
    attribute = f' class="{css}"' if css else ""
    return "".join(f"<p{attribute}>{h(line)}</p>" for line in text.split("\n") if line.strip())


STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .3rem; border-bottom: 1px solid #bbb; padding-bottom: .15rem; }
h3 { font-size: 1.1rem; margin: .2rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
.subtitle { font-style: italic; margin: 0; }
.meta, .legend { color: #555; font-size: .9rem; }
.note { border: 1px solid #c9a227; background: #fdf8e4; padding: .4rem .7rem; }
.turn { margin-top: 1.6rem; }
.turn.diverged h3::after { content: "  \\2260 another way than history"; font-weight: normal;
       font-size: .85rem; color: #8a1c1c; }
.choice p { margin: .2rem 0; }
.changes { margin: .3rem 0; padding-left: 1.2rem; }
.history { border-left: 3px solid #777; padding: .1rem 0 .1rem .9rem; margin: .8rem 0; }
.label { font-weight: bold; }
.discuss li, .timeline li { margin: .15rem 0; }
.teacher { border: 1px dashed #777; padding: .2rem .8rem; margin: .8rem 0; }
.timeline { list-style: none; padding-left: 0; }
.timeline li { padding-left: 1.4rem; text-indent: -1.4rem; }
.timeline .diverged { color: #8a1c1c; }
.timeline .history-took { display: block; color: #444; padding-left: 1.4rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: .8rem; }
.charts figure { margin: 0; }
.charts figcaption { font-size: .85rem; }
svg .line { fill: none; stroke: #1f4e79; stroke-width: 2; }
svg .dot { fill: #1f4e79; }
svg .frame { fill: none; stroke: #bbb; }
svg .split { stroke: #8a1c1c; stroke-dasharray: 3 3; }
svg text { font: 10px sans-serif; fill: #444; }
@page { margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  h2, h3, h4 { break-after: avoid-page; page-break-after: avoid; }
  /* A turn may run over a page, but never splits its history or its questions,
     and its heading stays with its first lines. */
  .turn h2 + h3 + p { break-before: avoid-page; }
  .history, .discuss, .teacher, .choice, tr, figure, .charts { break-inside: avoid; page-break-inside: avoid; }
  .discuss { break-before: avoid-page; page-break-before: avoid; }
  .ending { break-before: page; page-break-before: always; }
  p, li { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
}
"""


def to_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(report.title)} \u2014 report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{h(report.title)}</h1>",
    ]
    if report.subtitle:
        parts.append(f'<p class="subtitle">{h(report.subtitle)}</p>')
    parts.append(f'<p class="meta">{h(report.played_as)}<br>{h(report.meta)}</p>')
    parts.append("</header>")
    parts += [f'<p class="note">{h(note)}</p>' for note in report.notes]
    parts += [_html_turn(part) for part in report.turns]
    parts.append(_html_ending(report))
    parts.append(_html_series(report.debrief))
    if report.branches is not None:
        parts.append(_html_branches(report.branches))
    parts.append(_html_sources(report.sources))
    parts += ["</body>", "</html>"]
    return "\n".join(part for part in parts if part) + "\n"


def _html_turn(part: TurnPart) -> str:
    turn = part.moment.turn
    history = turn.history
    css = "turn diverged" if part.moment.diverged else "turn"
    out = [f'<article class="{css}">', f"<h2>{h(part.heading)}</h2>", f"<h3>{h(turn.title)}</h3>"]
    for who, text in part.situation:
        if who:
            out.append(f'<p><span class="label">{h(who)}:</span> {h(text)}</p>')
        else:
            out.append(paragraphs(text, "situation"))
    out.append('<div class="choice">' + "".join(f"<p>{h(line)}</p>" for line in part.choices) + "</div>")
    out += [paragraphs(text, "outcome") for text in part.outcomes]
    if part.changes:
        out.append('<ul class="changes">' + "".join(f"<li>{h(c)}</li>" for c in part.changes) + "</ul>")
    out.append('<section class="history">')
    out.append(f"<h4>What really happened \u00b7 {h(turn_date(turn))}</h4>")
    out.append(paragraphs(history.text))
    if history.why:
        out.append(f'<p><span class="label">Why:</span> {h(history.why)}</p>')
    if history.uncertain:
        out.append(f'<p><span class="label">Uncertain:</span> {h(history.uncertain)}</p>')
    out += [f'<p class="verdict">{h(line)}</p>' for line in part.verdicts]
    sources = "; ".join(h(source.title) for source in part.sources)
    out.append(f'<p class="sources"><span class="label">Sources:</span> {sources}</p>')
    out.append("</section>")
    out.append('<section class="discuss"><h4>For discussion</h4><ol>')
    out += [f"<li>{h(question)}</li>" for question in history.discuss]
    out.append("</ol></section>")
    if part.teacher:
        out.append('<section class="teacher"><h4>For the teacher</h4>')
        out += [f'<p><span class="label">{h(label)}:</span> {h(text)}</p>' for label, text in part.teacher]
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def _html_ending(report: Report) -> str:
    heading, text, against = ending_lines(report)
    out = ['<section class="ending">', f"<h2>{h(heading)}</h2>", paragraphs(text)]
    if against:
        out.append(f"<p><strong>{h(against)}</strong></p>")
    out.append("<h2>Your path against history</h2>")
    out.append('<ol class="timeline">')
    for line in path_lines(report.debrief):
        css = "same" if line.matched else "diverged"
        took = f'<span class="history-took">{h(line.history)}</span>' if line.history else ""
        out.append(f'<li class="{css}">{h(line.mark)} {h(line.text)}{took}</li>')
    out.append("</ol>")
    passed = passed_by_sentence(report.debrief)
    if passed:
        out.append(f"<p>{h(passed)}</p>")
    out.append(f"<p>{h(matched_sentence(report.debrief))}</p>")
    out.append("</section>")
    return "\n".join(out)


def _html_series(summary: Debrief) -> str:
    if not summary.series:
        return ""
    heads = "".join(f'<th scope="col">Turn {m.number}</th>' for m in summary.timeline)
    rows = []
    for series in summary.series:
        cells = "".join(f'<td class="num">{h(format_number(v))}</td>' for v in series.values)
        rows.append(f'<tr><th scope="row">{h(series.label)}</th>{cells}</tr>')
    charts = "".join(_svg_chart(series, summary) for series in summary.series)
    return "\n".join(
        [
            '<section class="numbers">',
            "<h2>How things moved, turn by turn</h2>",
            f'<div class="charts">{charts}</div>',
            f'<table><thead><tr><th scope="col"></th><th scope="col">Start</th>{heads}</tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table>",
            '<p class="legend">Dashed lines mark the turns where the path left history\u2019s way.</p>',
            "</section>",
        ]
    )


def _svg_chart(series: Series, summary: Debrief) -> str:
    """A small line chart of one variable over the turns, scaled to its whole range."""
    width, height, left, right, top, bottom = 220, 90, 30, 8, 8, 16
    count = len(series.values)
    span = (series.high - series.low) or 1.0

    def x(index: int) -> float:
        return left + (width - left - right) * (index / (count - 1) if count > 1 else 0.5)

    def y(value: float) -> float:
        share = min(max((value - series.low) / span, 0.0), 1.0)
        return top + (height - top - bottom) * (1 - share)

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(series.values))
    splits = "".join(
        f'<line class="split" x1="{x(m.number):.1f}" y1="{top}" x2="{x(m.number):.1f}" y2="{height - bottom}"></line>'
        for m in summary.divergences
    )
    dots = "".join(
        f'<circle class="dot" cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5"></circle>'
        for i, v in enumerate(series.values)
    )
    label = f"{series.label}: " + ", ".join(format_number(v) for v in series.values)
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{h(label)}">'
        f"<title>{h(label)}</title>"
        f'<rect class="frame" x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}"></rect>'
        f'<text x="{left - 3}" y="{top + 8}" text-anchor="end">{h(format_number(series.high))}</text>'
        f'<text x="{left - 3}" y="{height - bottom}" text-anchor="end">{h(format_number(series.low))}</text>'
        f'<text x="{left}" y="{height - 3}">start</text>'
        f'<text x="{width - right}" y="{height - 3}" text-anchor="end">turn {count - 1}</text>'
        f'{splits}<polyline class="line" points="{points}"></polyline>{dots}</svg>'
        f"<figcaption>{h(series.label)}</figcaption></figure>"
    )


def _html_branches(table: BranchTable) -> str:
    heads = "".join(f'<th scope="col">{h(_branch_head(table, i))}</th>' for i in range(len(table.names)))
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{h(_cell_text(steps))}</td>" for steps in row.cells)
        turn = f"{turn_short_date(row.turn)} {row.turn.title}"
        rows.append(f'<tr><th scope="row">{h(turn)}</th><td>{h(" / ".join(row.history))}</td>{cells}</tr>')
    endings = "".join(f"<td>{h(e.title) if e else '(not ended)'}</td>" for e in table.endings)
    rows.append(f'<tr><th scope="row">Ending</th><td>{h(table.historical_ending.title)}</td>{endings}</tr>')
    return "\n".join(
        [
            '<section class="branches">',
            "<h2>What if? The branches side by side</h2>",
            f'<table><thead><tr><th scope="col">Turn</th><th scope="col">History</th>{heads}</tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table>",
            '<p class="legend">= as in history, &ne; another way, &mdash; not reached.</p>',
            "</section>",
        ]
    )


def _html_sources(sources: Sequence[Source]) -> str:
    items = []
    for source in sources:
        link = ""
        if source.url and _safe_url(source.url):
            link = f' <a href="{h(source.url)}">{h(source.url)}</a>'
        items.append(f"<li><strong>{h(source.title)}</strong>: {h(source.note)}{link}</li>")
    return '<section class="sources"><h2>Sources</h2><ul>' + "".join(items) + "</ul></section>"
