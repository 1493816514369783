"""Resolvers for dates relative to today: "yesterday", "three weeks ago", "the past month",
"last weekend", "on Monday". Each turns a match of its rule in ``kb.dates.grammar`` into an Atom.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kb.dates.atoms import Atom, make_atom, number
from kb.dates.calendar import back, month_span, week_span, year_span
from kb.dates.vocabulary import WEEKDAYS


def relative_day(m: re.Match[str], text: str, today: date) -> Atom | None:
    word = " ".join(m[0].lower().split())
    days = 2 if "before" in word else 1 if word in ("yesterday", "last night") else 0
    first = today - timedelta(days=days)
    return make_atom(m, text, (first, today if word == "last night" else first))


def ago(m: re.Match[str], text: str, today: date) -> Atom | None:
    n, unit, fuzzy = number(m["n"]), m["u"].lower(), "few" in m["n"] or "couple" in m["n"]
    if fuzzy:  # "a few days ago": a window around the guess
        return make_atom(m, text, (back(today, n + 2, unit), back(today, max(n - 1, 1), unit)))
    at = back(today, n, unit)
    spans = {
        "day": (at, at),
        "week": week_span(at),
        "fortnight": week_span(at),
        "month": month_span(at.year, at.month),
        "year": year_span(at.year),
    }
    return make_atom(m, text, spans[unit])


def rolling(m: re.Match[str], text: str, today: date) -> Atom | None:
    n = number(m["n"])
    return make_atom(m, text, (back(today, n, m["u"].lower()), today) if n else None)


def this_last(m: re.Match[str], text: str, today: date) -> Atom | None:
    the, qual, unit = bool(m["the"]), m["q"].lower(), m["u"].lower()
    if unit == "weekend":
        if qual == "this":
            sat = today - timedelta(days=today.weekday() - 5)
            return make_atom(m, text, (sat, today) if today.weekday() >= 5 else None)
        sunday = today - timedelta(days=(today.weekday() + 1) % 7 or 7)
        return make_atom(m, text, (sunday - timedelta(days=1), sunday))
    if unit == "fortnight" or qual == "past" or (the and qual == "last"):
        return make_atom(m, text, (back(today, 1, unit), today))  # "the past week": 7 days back
    if qual == "this":
        start = {
            "week": week_span(today)[0],
            "month": today.replace(day=1),
            "year": date(today.year, 1, 1),
        }[unit]
        return make_atom(m, text, (start, today))
    prev = back(today, 1, unit)
    spans = {
        "week": week_span(prev),
        "month": month_span(prev.year, prev.month),
        "year": year_span(prev.year),
    }
    return make_atom(m, text, spans[unit])


def weekday(m: re.Match[str], text: str, today: date) -> Atom | None:
    qual = (m["qual"] or "").lower()
    days = (today.weekday() - WEEKDAYS.index(m["wd"].lower())) % 7
    if qual and qual != "this" and days == 0:
        days = 7  # "last Monday" said on a Monday
    day = today - timedelta(days=days)
    return make_atom(m, text, (day, day), need_lead=not qual)
