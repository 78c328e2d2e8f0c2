"""Dates as the game writes them: '13 March 1918', 'March 1918 - June 1920'."""

from __future__ import annotations

import datetime as dt

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_date(day: dt.date) -> str:
    """1918-03-13 -> '13 March 1918'"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_month(day: dt.date) -> str:
    """1918-03-13 -> 'March 1918'"""
    return f"{MONTHS[day.month - 1]} {day.year}"


def format_span(start: dt.date, end: dt.date) -> str:
    """A scenario's dates, as short as is clear: 'March 1918', 'March 1918 - June 1920'."""
    first, last = format_month(start), format_month(end)
    return first if first == last else f"{first} \u2013 {last}"
