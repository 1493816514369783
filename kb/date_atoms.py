"""The vocabulary of date phrases and the Atom a matched phrase becomes (see kb.date_grammar).

An Atom is a date range plus the characters of the question it covers, widened to the cue word
before it ("in", "since", "between", ...), so that stripping the date also strips its preposition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

MONTHS = {name: i + 1 for i, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sept sep", "october oct", "november nov", "december dec",
)) for name in names.split()}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBERS = {w: i for i, w in enumerate(_WORDS.split(" "))}
NUMBERS |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
         "middle": (11, 20), "late": (21, 31), "end": (21, 31)}

CUES = {"in", "during", "since", "from", "until", "till", "before", "after", "on", "of",
        "between", "and", "to", "through", "at", "over", "around", "throughout"}
WEAK_CUES = {"and", "to", "through"}  # cues only right after another date ("March and May")
LINK_CUES = {"and", "to", "through", "until", "till"}
CONNECTOR = re.compile(r"\s*(-|–|—|to|until|till|through|thru|and)\s*", re.I)

MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
WD = r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
NUM = r"(?P<n>\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)).replace(" ", r"\s+") \
    + ")"
PART = r"(?:(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+)?"
_CUE_BEFORE = re.compile(r"\b([a-z]+)\s+(?:the\s+)?$", re.I)
_DATEISH_BEFORE = re.compile(
    r"(?:\d|\b(?:" + "|".join([*MONTHS, *SEASONS]) + r"))\W*\s*$", re.I)


@dataclass(frozen=True)
class Atom:
    start: date | None
    end: date | None
    span_start: int
    span_end: int
    cue: str | None = None
    year_free: bool = False  # the year was guessed from today; a range partner may set it
    remake: Callable[[int], tuple[date, date]] | None = field(default=None, compare=False)

    def in_year(self, year: int) -> Atom:
        if self.remake is None:
            return self
        start, end = self.remake(year)
        return replace(self, start=start, end=end, year_free=False)


Span = tuple[date, date] | None


def make_atom(m: re.Match[str], text: str, span: Span, *, need_cue: bool = False,
          remake: Callable[[int], tuple[date, date]] | None = None) -> Atom | None:
    """An Atom over the match, widened to the cue word before it (stripped with it)."""
    if span is None:
        return None
    start = m.start()
    window = max(0, start - 24)
    cue_m = _CUE_BEFORE.search(text[window:start])
    cue = cue_m.group(1).lower() if cue_m else None
    if cue in WEAK_CUES and cue_m and not _DATEISH_BEFORE.search(text[:window + cue_m.start()]):
        cue = None
    if cue not in CUES:
        cue = None
    if need_cue and cue is None and not range_ahead(text, m.end()):
        return None
    if cue and cue_m:
        start = window + cue_m.start()
    return Atom(span[0], span[1], start, m.end(), cue, remake is not None, remake)


def range_ahead(text: str, pos: int) -> bool:
    """'March to May 2025': a bare month is a date when another one follows a connector."""
    link = CONNECTOR.match(text, pos)
    return bool(link and re.match(MON, text[link.end():], re.I))


def number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBERS.get(word, 0)


def month_part(part: str | None) -> tuple[int, int] | None:
    return next((PARTS[w] for w in part.lower().split() if w in PARTS), None) if part else None
