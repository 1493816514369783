"""Citation parsing and mapping: pure functions from answer text to the sources it cites.

The model is told to cite sources as ``[n]``. Models also write ``[1, 3]``, ``[2-4]``, ``[1][2]``
and ``[Source 2]``; all are read. Only numbers that name a source that was in the prompt count:
a model that cites ``[7]`` when it saw five sources has cited nothing. Numbers are never
renumbered — ``n`` stays the number the prompt showed, so the answer text and ``citations`` agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kb.records import Citation, Hit

MAX_RANGE = 20  # "[1-200]" is noise, not a citation of 200 sources

_BRACKET = re.compile(
    r"\[\s*(?:sources?\s*)?(\d{1,3}(?:\s*(?:[,;]|[-–]|and)\s*(?:sources?\s*)?\d{1,3})*)\s*\]",
    re.IGNORECASE,
)
_ITEM = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def parse_citations(text: str) -> list[int]:
    """Every number cited in ``text``, in order of first appearance, without repeats."""
    found: list[int] = []
    for match in _BRACKET.finditer(text):
        for item in _ITEM.finditer(match.group(1)):
            lo = int(item.group(1))
            hi = int(item.group(2)) if item.group(2) else lo
            if hi < lo or hi - lo > MAX_RANGE:
                hi = lo  # a reversed or absurd range: keep only its first number
            found.extend(range(lo, hi + 1))
    return list(dict.fromkeys(found))


def cited_sources(text: str, sources: Mapping[int, Hit]) -> tuple[Citation, ...]:
    """Citations for exactly the numbers in ``text`` that name one of ``sources``."""
    return tuple(Citation(n, sources[n]) for n in parse_citations(text) if n in sources)


def number(hits: Iterable[Hit]) -> dict[int, Hit]:
    """Sources as the prompt numbers them: 1, 2, 3, ... in the given order."""
    return dict(enumerate(hits, start=1))
