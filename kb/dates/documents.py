"""Dates written in documents: file names, headings, front matter ("2025-03-14", "14 March 2025").

Numeric dates are read by one rule, the same as in questions (``kb.dates.vocabulary``):

* ``YYYY-MM-DD`` (also ``_`` / ``.`` separators and ``YYYYMMDD``) is year-first, always;
* ``DD-MM-YYYY`` is day-first (European order); only when the middle number cannot be a month
  (``03-14-2025``) is it read month-first;
* an 8-digit run that is not a valid ``YYYYMMDD`` is tried as ``DDMMYYYY``.

Anything that is not a real calendar date (or a plausible year) gives ``None``, never an error.
"""

from __future__ import annotations

import re

from kb.dates.calendar import valid_day
from kb.dates.vocabulary import MONTH_NAMES, MONTHS, day_and_month

_MONTH = r"(?P<month>" + MONTH_NAMES + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Written-out dates as they appear in journal headings: "14 March 2025", "March 3, 2025".
_WORDY = [
    re.compile(rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
]
_YMD = re.compile(r"(?<!\d)(\d{4})([-_./])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})([-_./])(\d{1,2})\2(\d{4})(?!\d)")
_EIGHT = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$")


def _valid(year: int, month: int, day: int) -> str | None:
    span = valid_day(year, month, day)
    return span[0].isoformat() if span else None


def _numeric_date(text: str) -> str | None:
    """The first numeric date in ``text`` by the rule in the module docstring."""
    if m := _YMD.search(text):
        return _valid(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if m := _DMY.search(text):
        day, month = day_and_month(int(m.group(1)), int(m.group(3)))
        return _valid(int(m.group(4)), month, day)
    if m := _EIGHT.search(text):
        s = m.group(1)
        return _valid(int(s[:4]), int(s[4:6]), int(s[6:])) or _valid(
            int(s[4:]), int(s[2:4]), int(s[:2])
        )
    return None


def date_in_text(text: str) -> str | None:
    """A numeric or written-out date anywhere in a short text (a heading, a value)."""
    found = _numeric_date(text)
    if found:
        return found
    for pattern in _WORDY:
        if m := pattern.search(text):
            month = MONTHS[m.group("month").lower()]
            return _valid(int(m.group("year")), month, int(m.group("day")))
    return None


def date_in_name(stem: str) -> str | None:
    return _numeric_date(stem)


def parse_date_value(value: str) -> str | None:
    """A front-matter date: ISO date or datetime first, then anything ``date_in_text`` reads."""
    value = value.strip()
    if not value:
        return None
    if m := _ISO_TIME.match(value):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return date_in_text(value)
