"""Which sentences of a cited passage support the answer: pure functions over text.

The claim behind citation ``[n]`` is the stretch of the answer that ends at that bracket (from
the previous bracket or line break). An extractive answer quotes the sentence verbatim, so it is
found exactly; an LLM answer paraphrases, so the passage sentence sharing the most of the claim's
words wins.
"""

from __future__ import annotations

import re

from kb.answer.citations import parse_citations

Span = tuple[int, int]

_BRACKET = re.compile(r"\[[^\[\]\n]{1,40}\]")
# after a sentence end (group 1: the blank after it), a blank line, or before a list item
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"'”’)\]]*(\s+)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])\s)"
)
_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = (
    "the a an and or of to in on for is was are be been it its that this with as at by from not "
    "no i you he she we they his her my your our their me him them what when where who how which "
    "do did does have has had will would can could should may might must about there here so if "
    "than then into over also just very"
)
_STOP = frozenset(_STOP_WORDS.split())
_QUOTES = "“”\"'‘’ "


def claims(answer: str, n: int) -> list[str]:
    """The stretches of ``answer`` that cite source ``n``, without the brackets."""
    found: list[str] = []
    for line in answer.splitlines():
        start, last = 0, ""
        for m in _BRACKET.finditer(line):
            text = line[start : m.start()].strip(_QUOTES).lstrip(".,;:!?)").strip(_QUOTES)
            if text:
                last = text
            # "[1][2]" and "[1], [2]": the second bracket cites the same stretch as the first
            if last and n in parse_citations(m.group(0)):
                found.append(last)
            start = m.end()
    return found


def sentence_spans(text: str) -> list[Span]:
    """(start, end) of each sentence or list item of ``text``, surrounding blanks trimmed."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start(1) if m.lastindex else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out: list[Span] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def find_verbatim(passage: str, quote: str) -> Span | None:
    """Where ``quote`` occurs in ``passage``, ignoring differences in whitespace."""
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(map(re.escape, words)), passage)
    return (m.start(), m.end()) if m else None


def supporting_spans(passage: str, answer: str, n: int) -> list[Span]:
    """The spans of ``passage`` (source ``n``) that support what the answer says about it:
    every claim quoted verbatim, else the one sentence sharing most of the claims' words."""
    said = claims(answer, n)
    quoted = sorted({span for claim in said if (span := find_verbatim(passage, claim))})
    if quoted:
        kept: list[Span] = []
        for span in quoted:  # a quote inside another one adds nothing
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept
    wanted = _words(" ".join(said))
    if not wanted:
        return []
    best: tuple[float, Span] | None = None
    for s, e in sentence_spans(passage):
        words = _words(passage[s:e])
        shared = len(wanted & words)
        if not shared:
            continue
        # recall of the claim's words, lightly favouring the shorter of two equal sentences
        score = shared / len(wanted) + 0.01 * shared / (len(words) or 1)
        if best is None or score > best[0]:
            best = (score, (s, e))
    return [best[1]] if best else []
