"""The Atom a matched date phrase becomes, and the words around dates (see kb.dates.grammar).

An Atom is a date range plus the characters of the question it covers, widened to the lead word
before it (a preposition: "in", "since", "between", ...), so that stripping the date also strips
its preposition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from kb.dates.vocabulary import MONTH_NAMES, MONTHS, NUMBERS, PARTS, SEASONS, WEEKDAYS

# fmt: off
LEADS = {"in", "during", "since", "from", "until", "till", "before", "after", "on", "of",
         "between", "and", "to", "through", "at", "over", "around", "throughout"}
# fmt: on
WEAK_LEADS = {"and", "to", "through"}  # leads only right after another date ("March and May")
LINK_WORDS = {"and", "to", "through", "until", "till"}
CONNECTOR = re.compile(r"\s*(-|–|—|to|until|till|through|thru|and)\s*", re.I)

MON = r"(?P<mon>" + MONTH_NAMES + r")\b\.?"
WD = r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
NUM = (
    r"(?P<n>\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)).replace(" ", r"\s+") + ")"
)
PART = r"(?:(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+)?"
_LEAD_BEFORE = re.compile(r"\b([a-z]+)\s+(?:the\s+)?$", re.I)
_DATEISH_BEFORE = re.compile(r"(?:\d|\b(?:" + "|".join([*MONTHS, *SEASONS]) + r"))\W*\s*$", re.I)


@dataclass(frozen=True)
class Atom:
    start: date | None
    end: date | None
    span_start: int
    span_end: int
    lead: str | None = None
    year_free: bool = False  # the year was guessed from today; a range partner may set it
    remake: Callable[[int], tuple[date, date]] | None = field(default=None, compare=False)

    def in_year(self, year: int) -> Atom:
        if self.remake is None:
            return self
        start, end = self.remake(year)
        return replace(self, start=start, end=end, year_free=False)


Span = tuple[date, date] | None


def make_atom(
    m: re.Match[str],
    text: str,
    span: Span,
    *,
    need_lead: bool = False,
    remake: Callable[[int], tuple[date, date]] | None = None,
) -> Atom | None:
    """An Atom over the match, widened to the lead word before it (stripped with it)."""
    if span is None:
        return None
    start = m.start()
    window = max(0, start - 24)
    lead_m = _LEAD_BEFORE.search(text[window:start])
    lead = lead_m.group(1).lower() if lead_m else None
    if (
        lead in WEAK_LEADS
        and lead_m
        and not _DATEISH_BEFORE.search(text[: window + lead_m.start()])
    ):
        lead = None
    if lead not in LEADS:
        lead = None
    if need_lead and lead is None and not range_ahead(text, m.end()):
        return None
    if lead and lead_m:
        start = window + lead_m.start()
    return Atom(span[0], span[1], start, m.end(), lead, remake is not None, remake)


def range_ahead(text: str, pos: int) -> bool:
    """'March to May 2025': a bare month is a date when another one follows a connector."""
    link = CONNECTOR.match(text, pos)
    return bool(link and re.match(MON, text[link.end() :], re.I))


def number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBERS.get(word, 0)


def month_part(part: str | None) -> tuple[int, int] | None:
    return next((PARTS[w] for w in part.lower().split() if w in PARTS), None) if part else None
