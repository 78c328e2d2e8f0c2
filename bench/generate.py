"""Generate a long, valid scenario of any number of turns, to measure how costs grow.

The shape imitates a real scenario (both roles, 3 choices each, `requires`,
chance outcomes, forward jumps, early endings) with shorter prose, so that
2,000 turns stay under the loader's 2 MB file limit.
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
  support: {{label: Support in the city, start: 3, min: 0, max: 10}}
  supplies: {{label: Supplies, start: 50, min: 0, max: 100}}
  unrest: {{label: Unrest, start: 2, min: 0, max: 10, hidden: true}}
turns:
"""

TURN = """\
  - id: t{n}
    date: {date}
    place: {place}
    title: Day {n}
    situation: You wait for the court's answer.
    choices:
      negotiator:
        - {{id: talk, text: Write., effects: {{resolve: -1, support: +{a}}}, outcomes: [
            {{chance: "0.2 + 0.0{a} * support", text: Heard., effects: {{resolve: -1}}}}, {{text: Stalled.}}]}}
        - {{id: threaten, text: Demand., requires: troops >= {b}, why_not: Too few men., effects: {{resolve: +1, unrest: +1}}}}
        - {{id: wait, text: Wait., effects: {{supplies: -2}}}}
      commander:
        - {{id: march, text: Advance., effects: {{troops: -{c}, supplies: -5}}, outcomes: [
            {{chance: "min(0.5, 0.{a} * resolve)", text: Raided., effects: {{troops: "-troops / 10"}}}}, {{text: Quiet.}}]}}
        - {{id: dig_in, text: Entrench., effects: {{supplies: -3, support: -1}}}}
        - {{id: resupply, text: Fetch supplies., requires: supplies < {d} and not (unrest > 8), effects: {{supplies: +15}}{jump}}}
    history: {{took: {{negotiator: talk, commander: march}}, text: Made up., sources: [src], discuss: [Why?]}}
"""

FOOTER = """\
endings:
  - {{id: rout, title: Rout, text: The column is lost., when: troops < 50, early: true}}
  - {{id: mutiny, title: Mutiny, text: The city rises., when: unrest >= 10 and support < 1, early: true}}
  - {{id: peace, title: Peace, text: The court gives way., when: resolve <= 3, historical: true}}
  - {{id: stalemate, title: Stalemate, text: Nothing is decided.}}
sources:
  src: {{title: A made-up source, note: Written by the benchmark; it describes nothing real.}}
"""


def scenario_yaml(turns: int) -> str:
    """The YAML text of a valid scenario with `turns` turns."""
    start = dt.date(1918, 1, 1)
    span = (dt.date(1931, 12, 31) - start).days
    parts = [HEADER.format(turns=turns)]
    for n in range(turns):
        date = start + dt.timedelta(days=n * span // max(turns, 1))
        # Every 50th turn lets a cautious commander skip ahead, like a real scenario's shortcuts.
        jump = f", next: t{n + 3}" if n % 50 == 7 and n + 3 < turns else ""
        parts.append(
            TURN.format(
                n=n, date=date.isoformat(), place=("kagan", "bukhara")[n % 2], jump=jump, **_numbers(n)
            )
        )
    parts.append(FOOTER.format())
    return "".join(parts)


def _numbers(n: int) -> dict[str, int]:
    # Numbers vary from turn to turn, as in written scenarios, so no cache sees the same text twice.
    return {"a": 1 + n % 9, "b": 700 + n % 300, "c": 10 + n % 23, "d": 50 + n % 17}
