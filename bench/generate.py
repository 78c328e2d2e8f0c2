"""Generate a long, valid scenario of any number of turns, to measure how costs grow.

Each turn has the shape of a written one (both roles, two choices each, a
`requires`, a chance outcome, now and then a forward jump; early endings)
with shorter prose and numbers that vary from turn to turn, as written ones
do, so no cache sees the same expression twice. About 45 values and 1 KB a
turn keep 2,000 turns inside the loader's limits (2 MB, 100,000 values).
"""

from __future__ import annotations

import datetime as dt

HEADER = """\
# yaml-language-server: $schema=schema.json
format: 1
id: generated-{turns}
title: A Generated Campaign of {turns} Turns
dates: {{start: 1918-01-01, end: 1931-12-31}}
summary: A long scenario made by the benchmark to measure how load and play time grow with length.
roles:
  negotiator: {{name: Envoy, brief: You speak for the committee and try to win time without bloodshed.}}
  commander: {{name: Commander, brief: You lead the column and answer for every man in it.}}
places:
  kagan: {{name: Kagan, at: {{lat: 39.72, lon: 64.55}}}}
  bukhara: {{name: Bukhara, at: {{lat: 39.77, lon: 64.42}}}}
factions:
  soviet: {{name: Turkestan Soviet, motives: To hold the railway and spread the revolution.}}
  emirate: {{name: The emir's court, motives: To keep the throne and the faith as they were.}}
variables:
  troops: {{label: Troops, start: 600, min: 0, max: 5000, faction: soviet}}
  resolve: {{label: The emir's resolve, start: 4, min: 0, max: 10, faction: emirate}}
turns:
"""

TURN = """\
  - id: t{n}
    date: {date}
    place: {place}
    title: Day {n}
    situation: You wait for the court's answer while the column rests by the line.
    choices:
      negotiator:
        - {{id: talk, text: Write again and more gently., effects: {{resolve: -{a}}}}}
        - {{id: threaten, text: Demand an answer by sunset., requires: troops >= {b}, effects: {{resolve: +2}}}}
      commander:
        - {{id: march, text: Advance on the walls., outcomes: [
            {{chance: "min(0.5, 0.0{a} * resolve)", text: Riders harass the column., effects: {{troops: "-troops / 10"}}}},
            {{text: A quiet march., effects: {{troops: -{c}}}}}]}}
        - {{id: resupply, text: Fetch men and shells., requires: troops < {d}, effects: {{troops: +{e}}}{jump}}}
    history: {{took: {{negotiator: talk, commander: march}}, text: The sources do not record this day., sources: [src], discuss: [What would you do?]}}
"""

FOOTER = """\
endings:
  - {id: rout, title: Rout, text: The column is lost., when: troops < 50, early: true}
  - {id: defiance, title: Defiance, text: The court will never yield., when: resolve >= 10 and troops < 300, early: true}
  - {id: peace, title: Peace, text: The court gives way., when: resolve <= 3, historical: true}
  - {id: stalemate, title: Stalemate, text: Nothing is decided.}
sources:
  src: {title: A made-up source, note: Written by the benchmark; it describes nothing real.}
"""


def scenario_yaml(turns: int) -> str:
    """The YAML text of a valid scenario with `turns` turns."""
    start = dt.date(1918, 1, 1)
    span = (dt.date(1931, 12, 31) - start).days
    parts = [HEADER.format(turns=turns)]
    for n in range(turns):
        date = start + dt.timedelta(days=n * span // max(turns, 1))
        # Every 50th turn lets the commander skip ahead, like a written scenario's shortcuts.
        jump = f", next: t{n + 3}" if n % 50 == 7 and n + 3 < turns else ""
        place = ("kagan", "bukhara")[n % 2]
        parts.append(TURN.format(n=n, date=date.isoformat(), place=place, jump=jump, **_numbers(n)))
    parts.append(FOOTER)
    return "".join(parts)


def _numbers(n: int) -> dict[str, int]:
    return {"a": 1 + n % 9, "b": 700 + n % 300, "c": 10 + n % 23, "d": 900 + n % 170, "e": 30 + n % 41}
