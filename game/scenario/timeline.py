"""The timeline, 1916-1931: the events of the reference texts, from data.

`scenarios/timeline.yaml` lists events with the precision the sources give
(a year, a month, or a day); the scenarios are placed on it by their own dates.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from game.dates import format_date, format_month
from game.scenario.loader import validate_as
from game.scenario.model import FIRST_YEAR, LAST_YEAR, Frozen, Id, Line, ReadOnly, Source, Text, suggest
from game.scenario.problems import Problem, ScenarioError
from game.scenario.yamlread import read_text, read_yaml

Precision = Literal["year", "month", "day"]
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class When(Frozen):
    """A date known to a year, a month or a day."""

    day: dt.date  # the first day of the period when only a year or month is known
    precision: Precision

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        if self.precision == "year":
            return dt.date(self.day.year, 12, 31)
        if self.precision == "month":
            following = dt.date(self.day.year + self.day.month // 12, self.day.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return self.day

    def shown(self) -> str:
        if self.precision == "year":
            return str(self.day.year)
        return format_month(self.day) if self.precision == "month" else format_date(self.day)


def _when(value: Any) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return When(day=dt.date(value, 1, 1), precision="year")
    if isinstance(value, dt.date):
        return When(day=value, precision="day")
    if isinstance(value, str) and (match := _MONTH.match(value.strip())):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return When(day=dt.date(year, month, 1), precision="month")
    raise PydanticCustomError("when", "expected a year (1922), a month (1922-05) or a day (1922-05-19)")


WhenField = Annotated[
    When,
    PlainValidator(_when),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}],
            "description": "a year (1922), a month (1922-05) or a day (1922-05-19)",
        }
    ),
]


class Event(Frozen):
    id: Id
    date: WhenField
    shown_as: Line | None = Field(
        None, description="how to show the date when it is vaguer, e.g. 'winter 1917-1918'"
    )
    title: Line
    text: Text
    uncertain: Text | None = None
    sources: tuple[Id, ...] = Field(min_length=1)

    @property
    def label(self) -> str:
        return self.shown_as or self.date.shown()


class Timeline(Frozen):
    format: Literal[1]
    events: tuple[Event, ...] = Field(min_length=1)
    sources: ReadOnly(Id, Source)


def load_timeline(path: str | Path) -> Timeline:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScenarioError(
            [Problem(str(path), 1, 1, "", f"cannot read the file: {error.strerror}")]
        ) from None
    document = read_yaml(read_text(raw, str(path)), str(path))
    timeline = validate_as(Timeline, document)
    problems = []
    previous = None
    for index, event in enumerate(timeline.events):
        if not FIRST_YEAR <= event.date.day.year <= LAST_YEAR:
            problems.append(document.problem(("events", index, "date"), f"outside {FIRST_YEAR}-{LAST_YEAR}"))
        if previous is not None and event.date.last < previous.date.day:
            message = f"events must be in date order: this one ends before {previous.id!r} begins"
            problems.append(document.problem(("events", index, "date"), message))
        for number, source in enumerate(event.sources):
            if source not in timeline.sources:
                message = f"unknown source {source!r}{suggest(source, timeline.sources)}"
                problems.append(document.problem(("events", index, "sources", number), message))
        previous = event
    if problems:
        raise ScenarioError(problems)
    return timeline
