"""Dates as the game writes them: '13 March 1918', 'March 1918 - June 1920', in the player's language.

A month has two forms in some languages (Russian: 'март 1918', but '13 марта
1918'), so the month after a day is translated in its own context.
"""

from __future__ import annotations

import datetime as dt

from game.i18n import N_, _, pgettext

MONTHS = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]


def month_of_day(month: int) -> str:
    """The month's name as it follows a day's number ('13 March', '13 марта')."""
    # Spelled out for extraction: pgettext's context must be a literal for Babel to find it.
    names = (
        pgettext("after a day", "January"),
        pgettext("after a day", "February"),
        pgettext("after a day", "March"),
        pgettext("after a day", "April"),
        pgettext("after a day", "May"),
        pgettext("after a day", "June"),
        pgettext("after a day", "July"),
        pgettext("after a day", "August"),
        pgettext("after a day", "September"),
        pgettext("after a day", "October"),
        pgettext("after a day", "November"),
        pgettext("after a day", "December"),
    )
    return names[month - 1]


def month_name(month: int) -> str:
    """The month's name on its own ('March 1918')."""
    return _(MONTHS[month - 1])


def short_month(month: int) -> str:
    """The month's short name for a table column ('Mar')."""
    names = (
        pgettext("short", "Jan"),
        pgettext("short", "Feb"),
        pgettext("short", "Mar"),
        pgettext("short", "Apr"),
        pgettext("short", "May"),
        pgettext("short", "Jun"),
        pgettext("short", "Jul"),
        pgettext("short", "Aug"),
        pgettext("short", "Sep"),
        pgettext("short", "Oct"),
        pgettext("short", "Nov"),
        pgettext("short", "Dec"),
    )
    return names[month - 1]


def format_date(day: dt.date) -> str:
    """1918-03-13 -> '13 March 1918'"""
    return _("{day} {month} {year}").format(day=day.day, month=month_of_day(day.month), year=day.year)


def format_short_date(day: dt.date) -> str:
    """1918-03-13 -> '13 Mar 1918', for table columns."""
    return _("{day} {month} {year}").format(day=day.day, month=short_month(day.month), year=day.year)


def format_month(day: dt.date) -> str:
    """1918-03-13 -> 'March 1918'"""
    return _("{month} {year}").format(month=month_name(day.month), year=day.year)


def format_span(start: dt.date, end: dt.date) -> str:
    """A scenario's dates, as short as is clear: 'March 1918', 'March 1918 - June 1920'."""
    first, last = format_month(start), format_month(end)
    return first if first == last else f"{first} \u2013 {last}"
