"""The date phrases kb understands: one regex and one resolver per kind of date expression.

Each rule turns a match into an ``Atom`` (a date range plus the characters it covers, widened to
the preposition before it). Rules run in order, most specific first, and a later rule never
re-reads characters an earlier one took. Words that are dates only in context ("May", "fall",
"1660", "Monday") need a lead word before them ("in", "during", "since", "last", ...) so that
"May I ...", "room 1660" or "Monday meetings" stay plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kb.dates.atoms import MON, NUM, PART, WD, Atom, make_atom, month_part
from kb.dates.calendar import month_span, season_span, valid_day, year_ok, year_span
from kb.dates.relative import ago, relative_day, rolling, this_last, weekday
from kb.dates.vocabulary import MONTHS, SEASONS, WEEKDAYS, day_and_month

Resolver = Callable[[re.Match[str], str, date], "Atom | None"]


# --- resolvers: absolute dates -------------------------------------------------------------
def _iso_day(m: re.Match[str], text: str, today: date) -> Atom | None:
    return make_atom(m, text, valid_day(int(m["y"]), int(m["mo"]), int(m["d"])))


def _numeric_day(m: re.Match[str], text: str, today: date) -> Atom | None:
    day, month = day_and_month(int(m["a"]), int(m["b"]))
    return make_atom(m, text, valid_day(int(m["y"]), month, day))


def _day_month(m: re.Match[str], text: str, today: date) -> Atom | None:
    mo, d = MONTHS[m["mon"].lower()], int(m["d"])
    if m["y"]:
        return make_atom(m, text, valid_day(int(m["y"]), mo, d))
    year = today.year if (mo, d) <= (today.month, today.day) else today.year - 1
    return make_atom(
        m,
        text,
        valid_day(year, mo, d),
        need_lead=m["mon"].lower() == "may",
        remake=lambda y: valid_day(y, mo, d) or (date(y, mo, 1), date(y, mo, 1)),
    )


def _month_year(m: re.Match[str], text: str, today: date) -> Atom | None:
    span = month_span(int(m["y"]), MONTHS[m["mon"].lower()], month_part(m["part"]))
    return make_atom(m, text, span)


def _numeric_month(m: re.Match[str], text: str, today: date) -> Atom | None:
    return make_atom(m, text, month_span(int(m["y"]), int(m["mo"])))


def _year_range(m: re.Match[str], text: str, today: date) -> Atom | None:
    a, b = int(m["a"]), m["b"]
    z = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
    ok = year_ok(a) and year_ok(z) and a < z <= a + 100
    return make_atom(m, text, (date(a, 1, 1), date(z, 12, 31)) if ok else None)


def _quarter(m: re.Match[str], text: str, today: date) -> Atom | None:
    q = m["q"].lower()
    n = int(q[0]) if q[0].isdigit() else ["first", "second", "third", "fourth"].index(q) + 1
    y = int(m["y"])
    first, last = month_span(y, 3 * n - 2), month_span(y, 3 * n)
    return make_atom(m, text, (first[0], last[1]) if first and last else None)


def _part_year(m: re.Match[str], text: str, today: date) -> Atom | None:
    y, first = int(m["y"]), {"early": 1, "mid": 5, "late": 9}[m["p"].lower()]
    a, b = month_span(y, first), month_span(y, first + 3)
    return make_atom(m, text, (a[0], b[1]) if a and b else None)


def _decade(m: re.Match[str], text: str, today: date) -> Atom | None:
    y = int(m["dec"]) * 10
    return make_atom(m, text, (date(y, 1, 1), date(y + 9, 12, 31)) if year_ok(y) else None)


def _year(m: re.Match[str], text: str, today: date) -> Atom | None:
    y = int(m["y"])
    if y > today.year + 1:  # "2140 base pairs", not a year anyone has notes from
        return None
    atom = make_atom(m, text, year_span(y), need_lead=not m["yw"])
    # "of" before a bare number is usually a count ("1 of 2000"); "summer of 2023" is handled
    # by the season rule, "March of 2025" by the month rule
    return None if atom and atom.lead == "of" and not m["yw"] else atom


# --- resolvers: dates relative to today ----------------------------------------------------
def _season(m: re.Match[str], text: str, today: date) -> Atom | None:
    first, qual = SEASONS[m["s"].lower()], (m["qual"] or "").lower()
    if m["y"]:
        return make_atom(m, text, season_span(int(m["y"]), first) if year_ok(int(m["y"])) else None)
    year = today.year - (1 if first == 12 and today.month < 3 else 0)
    if season_span(year, first)[0] > today:  # has not started yet: the previous one
        if qual == "this":
            return None  # "this summer" said in spring is about the future
        year -= 1
    if qual and qual != "this" and season_span(year, first)[1] >= today:
        year -= 1  # "last summer" is the most recent one that has ended
    return make_atom(m, text, season_span(year, first), need_lead=not qual)


def _holiday(m: re.Match[str], text: str, today: date) -> Atom | None:
    name, qual = " ".join(m["h"].lower().split()), (m["qual"] or "").lower()
    if name.startswith("christmas"):
        mo, lo, hi = (
            (12, 24, 24) if "eve" in name else (12, 25, 25) if "day" in name else (12, 24, 26)
        )
    else:
        mo, lo, hi = (12, 31, 31) if "eve" in name else (1, 1, 1)
    year = int(m["y"]) if m["y"] else today.year - (date(today.year, mo, lo) > today)
    if not m["y"] and qual == "last" and date(year, mo, hi) >= today:
        year -= 1
    span = (date(year, mo, lo), date(year, mo, hi)) if year_ok(year) else None
    return make_atom(m, text, span, need_lead=not (qual or m["y"]))


def _bare_month(m: re.Match[str], text: str, today: date) -> Atom | None:
    mo, qual, part = MONTHS[m["mon"].lower()], (m["qual"] or "").lower(), month_part(m["part"])
    year = today.year if mo <= today.month else today.year - 1
    if qual == "last" and mo == today.month:
        year -= 1
    return make_atom(
        m,
        text,
        month_span(year, mo, part),
        need_lead=not (qual or part),
        remake=lambda y: month_span(y, mo, part) or (date(y, mo, 1), date(y, mo, 1)),
    )


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(pattern: str, resolve: Resolver) -> Rule:
    return Rule(re.compile(pattern, re.I), resolve)


_UNIT = r"(?P<u>day|week|fortnight|month|year)s?"
_NOT_OF = r"(?!\s+of\b)"  # "the last week of March" is about March, not about last week
ATOMS: list[Rule] = [
    _rule(r"\b(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})\b", _iso_day),
    _rule(r"\b(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})\b", _numeric_day),
    _rule(
        r"\b"
        + WD
        + r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MON
        + r"(?:,?\s+(?P<y>\d{4})\b)?",
        _day_month,
    ),
    _rule(
        r"\b" + WD + MON + r"\s+(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
        r"(?:,?\s+(?P<y>\d{4})\b)?",
        _day_month,
    ),
    _rule(r"\bq(?P<q>[1-4])\s+(?P<y>\d{4})\b", _quarter),
    _rule(
        r"\b(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter\s+(?:of\s+)?(?P<y>\d{4})\b",
        _quarter,
    ),
    _rule(r"\b" + PART + MON + r"(?:\s+of)?,?\s+(?P<y>\d{4})\b", _month_year),
    _rule(r"\b(?P<y>\d{4})-(?P<mo>0?[1-9]|1[0-2])\b(?![-/.]\d)", _numeric_month),
    _rule(r"\b(?P<mo>0[1-9]|1[0-2])/(?P<y>\d{4})\b", _numeric_month),  # "1/2000" is a ratio
    _rule(r"\b(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4}|\d{2})\b", _year_range),
    _rule(r"\b(?P<p>early|mid|late)[\s-]+(?P<y>\d{4})\b", _part_year),
    _rule(
        r"\b(?:(?P<qual>last|this|past|previous)\s+)?(?:the\s+)?(?P<s>spring|summer|autumn"
        r"|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?",
        _season,
    ),
    _rule(
        r"\b(?:(?P<qual>last|this)\s+)?(?P<h>christmas\s+eve|christmas\s+day|christmas"
        r"|new\s+year(?:['’]?s)?\s+eve|new\s+year(?:['’]?s)?(?:\s+day)?)"
        r"(?:\s+(?:of\s+)?(?P<y>\d{4}))?\b",
        _holiday,
    ),
    _rule(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+morning"
        r"|this\s+afternoon|this\s+evening|last\s+night|earlier\s+today)\b",
        relative_day,
    ),
    _rule(r"\b" + NUM + r"\s+" + _UNIT + r"\s+ago\b", ago),
    _rule(
        r"\b(?:the\s+)?(?:past|last|previous)\s+" + NUM + r"\s+" + _UNIT + r"\b" + _NOT_OF, rolling
    ),
    _rule(
        r"\b(?P<the>the\s+)?(?P<q>past|last|previous|this)\s+(?P<u>weekend|week|fortnight"
        r"|month|year)\b" + _NOT_OF,
        this_last,
    ),
    _rule(
        r"\b(?:(?P<qual>this\s+past|last|this|previous|past)\s+)?(?P<wd>"
        + "|".join(WEEKDAYS)
        + r")\b",
        weekday,
    ),
    _rule(r"\b(?:the\s+)?(?P<dec>\d{3})0s\b", _decade),
    _rule(r"\b(?:(?P<qual>last|this)\s+)?" + PART + MON, _bare_month),
    _rule(
        r"\b(?P<yw>(?:the\s+)?year\s+)?(?P<y>\d{4})\b(?![-/.]\d|\s*(?:%|percent|words|pages"
        r"|people|dollars|euros|pounds|km|kg|miles))",
        _year,
    ),
]
