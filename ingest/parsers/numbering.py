"""Word's automatic list labels ("1.", "2.1", "(a)", "iv."), computed as Word draws them.

A numbered clause in a .docx often carries no number in its text: the paragraph names a list
(``w:numPr``: numId and level, on the paragraph or its style) and numbering.xml says how each
level is drawn (format, a pattern such as ``%1.%2.``, a start value). ``Labels`` keeps one
counter per list and level: a deeper level restarts when a shallower one advances, and a list
that goes on after other text goes on counting, as in Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # a..z, aa..zz, as Word does


def formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(max(1, n))
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(max(1, n))
        return s.upper() if fmt == "upperRoman" else s
    return "" if fmt == "none" else str(n)


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


def _levels(parent: Any) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.findall(W + "lvl"):
        start = _val(lvl, "start", "1") or "1"
        out[int(lvl.get(W + "ilvl", "0"))] = Level(
            _val(lvl, "numFmt", "decimal") or "decimal",
            _val(lvl, "lvlText", "") or "",
            int(start) if start.isdigit() else 1,
        )
    return out


class Labels:
    """The label of each numbered paragraph, in document order (``label`` once per paragraph)."""

    def __init__(self, numbering_xml: Any):
        self._lists: dict[str, dict[int, Level]] = {}
        self._counts: dict[str, dict[int, int]] = {}
        if numbering_xml is None:
            return
        abstract = {
            a.get(W + "abstractNumId"): _levels(a) for a in numbering_xml.findall(W + "abstractNum")
        }
        for num in numbering_xml.findall(W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.findall(W + "lvlOverride"):  # a list that restarts elsewhere
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start and start.isdigit() and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = Level(base.fmt, base.text, int(start))
            self._lists[num.get(W + "numId", "")] = levels

    def label(self, num_id: str, ilvl: int) -> str:
        """ "1.", "2.1", "(b)", "•" for the next paragraph of list ``num_id`` at level ``ilvl``."""
        levels = self._lists.get(num_id)
        if not levels:
            return ""
        counts = self._counts.setdefault(num_id, {})
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        level = levels.get(ilvl, Level())
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for k in range(ilvl, -1, -1):  # %10 does not exist: levels go 0..8
            shown = levels.get(k, Level())
            value = counts.get(k, shown.start)
            text = text.replace(f"%{k + 1}", formatted(value, shown.fmt))
        return text.strip()
