"""Quotable sentences: a passage split into the units an extractive answer may quote verbatim.

Notes, contracts and mail are not clean prose: headings, numbered clause titles ("4.2 Notice
period."), "Total:" labels, "Dr." and hard-wrapped lines are glued to what they introduce, and
tables or lists that lost their line breaks go by line.
"""

from __future__ import annotations

import re

SHORT = 4  # words: shorter units ("4.2 Notice period.") are glued to the next one
MAX_WORDS = 45  # a longer "sentence" is a table or a list that lost its line breaks
WRAPPED = 60  # characters: a line at least this long that runs on was hard-wrapped
_BLOCK = re.compile(r"\n[ \t]*\n")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]*]*\s+(?=[\"'(\[*]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|vs|etc|approx|e\.g|i\.e)\.$")
_CLAUSE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s")
_ALPHA = re.compile(r"[^\W\d_]{2,}")
_WORD = re.compile(r"[^\W_]+")


def _lines(block: str) -> list[tuple[str, bool]]:
    """Logical lines, each with "is a list item"; hard-wrapped prose re-joined (newline kept)."""
    out: list[tuple[str, bool]] = []
    for raw in block.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "---", "|")):
            # headings, rules and tables carry no sentence of their own; "" marks the break
            # (also at a paragraph's start: nothing before it may be glued across it)
            if line and (not out or out[-1][0]):
                out.append(("", False))
            continue
        prev = out[-1][0].rsplit("\n", 1)[-1] if out else ""
        runs_on = len(prev) >= WRAPPED and not prev.endswith((":", ";"))
        item = bool(_ITEM.match(raw))
        if out and runs_on and not item and not line.isupper():
            out[-1] = (f"{out[-1][0]}\n{line}", out[-1][1])
        else:
            out.append((_ITEM.sub("", line), item))
    return out


def _units(line: str) -> list[str]:
    """Sentences of a logical line; an over-long one (a table, an itinerary) goes by line."""
    units: list[str] = []
    for s in _SENTENCE_END.split(line):
        parts = [s] if len(_WORD.findall(s)) <= MAX_WORDS else s.split("\n")
        units += [" ".join(p.split()) for p in parts if p.strip()]
    return units


def _leads_in(unit: str) -> bool:
    words = len(_ALPHA.findall(unit))
    return (
        unit.endswith(":")
        or _ABBREVIATION.search(unit) is not None
        or words < 3
        and not unit.endswith((".", "!", "?"))  # "Spring Paws 5K"
        or words < SHORT
        and _CLAUSE.match(unit) is not None
    )  # "4.2 Notice period."


def sentences(text: str) -> list[str]:
    """The quotable units of a passage, in order; each is verbatim up to whitespace."""
    glued: list[str] = []
    last_block_only = None  # the unit that made up the whole previous paragraph, if it leads in
    for block in _BLOCK.split(text):
        # never glue across a paragraph break, unless the paragraph was a lone heading
        heading = len(glued) > 0 and glued[-1] == last_block_only
        start = len(glued) - heading
        for line, item in _lines(block):
            if not line:
                start = len(glued)
            for i, unit in enumerate(_units(line)):
                prev = glued[-1] if len(glued) > start else ""
                # a heading, a clause title, a "Total:" label or "Dr." belongs with what follows
                # (but a list item stands alone: its bullet is not part of the quote)
                if prev and not (item and i == 0) and _leads_in(prev):
                    glued[-1] = f"{prev} {unit}"
                else:
                    glued.append(unit)
        alone = len(glued) - start == 1 and _leads_in(glued[-1]) and not glued[-1].endswith(":")
        last_block_only = glued[-1] if alone else None
    return [g for g in glued if len(_WORD.findall(g)) >= 2]
