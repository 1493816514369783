"""Calendar spans for date phrases: a day, a month (or its early/mid/late third), a season, a week.

Every function returns inclusive ``(first, last)`` dates; the validating ones return None for a
date that does not exist or a number that is not a plausible year (an id, an amount).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Span = tuple[date, date]


def year_ok(y: int) -> bool:
    return 1000 <= y <= 2199


def valid_day(y: int, m: int, d: int) -> Span | None:
    if not year_ok(y):
        return None
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day, day


def month_span(y: int, m: int, part: tuple[int, int] | None = None) -> Span | None:
    """The month, or the days ``part`` of it (1-10 early, 11-20 mid, 21-end late)."""
    if not (year_ok(y) and 1 <= m <= 12):
        return None
    last = calendar.monthrange(y, m)[1]
    lo, hi = part or (1, last)
    return date(y, m, lo), date(y, m, min(hi, last))


def year_span(y: int) -> Span | None:
    return (date(y, 1, 1), date(y, 12, 31)) if year_ok(y) else None


def season_span(y: int, first_month: int) -> Span:
    """Meteorological seasons; winter ``y`` runs from December ``y`` to February ``y + 1``."""
    end_y, end_m = (y + 1, 2) if first_month == 12 else (y, first_month + 2)
    return date(y, first_month, 1), date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])


def week_span(d: date) -> Span:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def back(today: date, n: int, unit: str) -> date:
    """``today`` moved back n units; months and years clamp the day (Mar 31 - 1 month = Feb 28)."""
    if unit in ("day", "week", "fortnight"):
        return today - timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = today.year * 12 + today.month - 1 - n * (12 if unit == "year" else 1)
    y, m = divmod(months, 12)
    return date(y, m + 1, min(today.day, calendar.monthrange(y, m + 1)[1]))
