"""Dates in a question -> a range on the chunk's own date (a note's date, an email's Date header).

    find_dates("emails from March 2025 about the lease", today)  -> 2025-03-01 .. 2025-03-31
    find_dates("what did I write about the boat last summer?", date(2025, 10, 2))
                                                                 -> 2025-06-01 .. 2025-08-31

Pure functions; ``today`` is a parameter so every phrase is testable. Understood: ISO and
numeric dates, "14 March 2025", "March 14th", "March 2025", "early/mid/late March", "in March",
seasons ("last summer", "winter 2024" = Dec 2024 - Feb 2025), holidays (Christmas, New Year's
Day/Eve), "yesterday", "last week/month/year", "this week", "the past 3 days", "two weeks ago",
weekdays ("on Monday", "last Friday"), years ("in 1660"), decades ("the 1990s"), open ranges
("since", "after", "before", "until") and closed ones ("between March and May 2025", "from 2019
to 2021"). Future phrases ("next week", "tomorrow") give nothing on purpose: the mail about next
week's flight was sent earlier, so a filter on the document date would hide it. Several separate
dates give the range that covers them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kb.dates.atoms import CONNECTOR, LINK_WORDS, Atom
from kb.dates.grammar import ATOMS

__all__ = ["DateRange", "find_dates", "strip_dates"]


@dataclass(frozen=True)
class DateRange:
    """Inclusive bounds (either may be open) and the spans of the question that said so."""

    start: date | None
    end: date | None
    spans: tuple[tuple[int, int], ...]

    def iso(self) -> tuple[str | None, str | None]:
        return (
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )


def find_dates(text: str, today: date) -> DateRange | None:
    """The date range a question asks about, or None if it names no (past) date."""
    atoms = _atoms(text, today)
    if not atoms:
        return None
    bounded = [b for a in _merge_ranges(text, atoms) if (b := _open_ends(a, today)) is not None]
    if not bounded:
        return None
    starts = [a.start for a in bounded]
    ends = [a.end for a in bounded]
    start = None if any(s is None for s in starts) else min(s for s in starts if s)
    end = None if any(e is None for e in ends) else max(e for e in ends if e)
    if start is None and end is None:
        return None
    spans = tuple(sorted((a.span_start, a.span_end) for a in bounded))
    return DateRange(start, end, spans)


_LEFTOVER = re.compile(r"\s+([,.?!;:])")


def strip_dates(text: str, found: DateRange) -> str:
    """The question without its date words (they only add noise to a keyword query)."""
    out, prev = [], 0
    for s, e in found.spans:
        out.append(text[prev:s])
        prev = e
    out.append(text[prev:])
    return _LEFTOVER.sub(r"\1", " ".join("".join(out).split()))


# --- the steps -----------------------------------------------------------------------------
def _atoms(text: str, today: date) -> list[Atom]:
    """Every date expression, longest and earliest first, non-overlapping."""
    taken = [False] * len(text)
    found: list[Atom] = []
    for rule in ATOMS:
        for m in rule.pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            atom = rule.resolve(m, text, today)
            if atom is None:
                continue
            found.append(atom)
            for i in range(atom.span_start, atom.span_end):
                taken[i] = True
    return sorted(found, key=lambda a: a.span_start)


def _linked(text: str, a: Atom, b: Atom) -> bool:
    """Do two dates form one range: 'between A and B', 'from A to B', 'A - B'?"""
    gap = text[a.span_end : b.span_start]
    link = CONNECTOR.fullmatch(gap)
    word = link.group(1).lower() if link else b.lead if not gap.strip() else None
    if word is None or (not link and word not in LINK_WORDS):
        return False
    return word != "and" or a.lead == "between"


def _merge_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    """'between March and May 2025', 'from 2019 to 2021': one range each."""
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            if _linked(text, a, b):
                if a.year_free and not b.year_free and b.start is not None:
                    a = a.in_year(b.start.year)
                    if a.start and a.start > b.start:  # "from November to February 2025"
                        a = a.in_year(b.start.year - 1)
                out.append(Atom(a.start, b.end, a.span_start, b.span_end, lead=None))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _open_ends(a: Atom, today: date) -> Atom | None:
    """'since March' runs to today; 'before 2020' has no start; 'from March' is just March."""
    if a.lead in ("since", "after") and a.start and a.end:
        start = a.start if a.lead == "since" else a.end + timedelta(days=1)
        return Atom(start, today, a.span_start, a.span_end) if start <= today else None
    if a.lead in ("before", "until", "till") and a.start and a.end:
        end = a.start - timedelta(days=1) if a.lead == "before" else a.end
        return Atom(None, end, a.span_start, a.span_end)
    return a
