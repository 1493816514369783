"""Structure-aware chunking: pure functions from a Document to Chunks.

Chunks follow the document's own structure — headings, paragraphs, numbered clauses such as
``4.2`` — and stay under the embedder's limit (all-MiniLM-L6-v2 truncates at 256 word pieces).
Every chunk is an exact slice of the sanitized text: ``doc.text[c.start:c.end] == c.text``.
PDF chunks never straddle pages, so each carries one page number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from kb.records import Chunk, Document

Counter = Callable[[str], int]

MAX_PIECES = 200  # under 256 with a margin: our count is an estimate, not the real tokenizer
MIN_PIECES = 60  # a heading or clause only starts a new chunk once the current one has substance
OVERLAP_PIECES = 40  # carry the last sentence forward when it is at most this long

_TOKEN = re.compile(r"\w+|[^\w\s]")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=\S)")
_WORD = re.compile(r"\S+")
# a line that opens a new unit: markdown heading, numbered clause ("4.", "4.2", "12.3.1)"),
# "Section 5" / "Article 3" / "ARTICLE III"
_STRUCTURE = re.compile(
    r"^(?:#{1,6}\s|\d{1,3}(?:\.\d{1,3})*[.)]?\s+\S|(?:section|article|clause)\s+[\dIVXLC]+\b)",
    re.IGNORECASE | re.MULTILINE,
)


def estimate_pieces(text: str) -> int:
    """Estimate of WordPiece tokens when the real tokenizer is not at hand: short plain words
    are one piece; codes, numbers and foreign words break into several."""
    n = 0
    for tok in _TOKEN.findall(text):
        if tok.isascii() and tok.isalpha():
            n += 1 if len(tok) <= 8 else 1 + len(tok) // 5
        else:
            n += 1 if len(tok) <= 2 else 1 + len(tok) // 3
    return n


@dataclass(frozen=True)
class Budget:
    """How to count word pieces and how many a chunk may hold."""

    count: Counter = estimate_pieces
    max: int = MAX_PIECES
    min: int = MIN_PIECES
    overlap: int = OVERLAP_PIECES


DEFAULT_BUDGET = Budget()


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    pieces: int
    opens_section: bool  # starts with a heading mark or a clause number
    heading: bool  # ... and is a short line of its own ("# Pets", "3. COMPENSATION")


HEADING_PIECES = 16


def _units(text: str, start: int, end: int, b: Budget) -> list[_Unit]:
    """Blocks (paragraphs, headings, clauses), each split further until it fits the budget."""
    units: list[_Unit] = []
    for b_start, b_end in _split(text, start, end, _block_bounds):
        for s_start, s_end in _fit(text, b_start, b_end, b):
            pieces = b.count(text[s_start:s_end])
            opens = s_start == b_start and bool(_STRUCTURE.match(text, s_start))
            heading = (
                opens
                and pieces <= HEADING_PIECES
                and "\n" not in text[s_start:s_end]
                and not text[s_start:s_end].rstrip().endswith((".", ":", ";"))
            )
            units.append(_Unit(s_start, s_end, pieces, opens, heading))
    return units


def _block_bounds(text: str, start: int, end: int) -> list[int]:
    cuts = {m.end() for m in _BLOCK_BREAK.finditer(text, start, end)}
    cuts |= {m.start() for m in _STRUCTURE.finditer(text, start, end)}
    return sorted(c for c in cuts if start < c < end)


def _sentence_bounds(text: str, start: int, end: int) -> list[int]:
    cuts = {m.end() for m in _SENTENCE_END.finditer(text, start, end)}
    cuts |= {i + 1 for i in range(start, end) if text[i] == "\n"}
    return sorted(c for c in cuts if start < c < end)


def _split(text: str, start: int, end: int, bounds) -> list[tuple[int, int]]:
    """Cut [start, end) at the given boundaries, trimming whitespace; drop empty pieces."""
    out, prev = [], start
    for cut in [*bounds(text, start, end), end]:
        s, e = prev, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
        prev = cut
    return out


def _fit(text: str, start: int, end: int, b: Budget) -> list[tuple[int, int]]:
    """Split a block into sentences, and over-long sentences into word windows."""
    if b.count(text[start:end]) <= b.max:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    for s, e in _split(text, start, end, _sentence_bounds):
        if b.count(text[s:e]) <= b.max:
            out.append((s, e))
            continue
        atoms = [a for w in _WORD.finditer(text, s, e) for a in _atoms(text, w.start(), w.end(), b)]
        a0 = 0
        while a0 < len(atoms):  # greedy windows of whole words
            a1, budget = a0, 0
            while a1 < len(atoms):
                cost = b.count(text[atoms[a1][0] : atoms[a1][1]])
                if budget + cost > b.max and a1 > a0:
                    break
                budget += cost
                a1 += 1
            out.append((atoms[a0][0], atoms[a1 - 1][1]))
            a0 = a1
    return out


def _atoms(text: str, start: int, end: int, b: Budget) -> list[tuple[int, int]]:
    """A word, or halves of it while one word alone is over the limit (base64 blobs, URLs)."""
    if end - start <= 1 or b.count(text[start:end]) <= b.max:
        return [(start, end)]
    mid = (start + end) // 2
    return _atoms(text, start, mid, b) + _atoms(text, mid, end, b)


def _pack(units: list[_Unit], b: Budget) -> list[tuple[int, int]]:
    """Greedy packing into spans of whole units (paragraphs, clauses, sentences). A heading
    starts a new span once the current one is full enough, and never ends one; consecutive
    spans overlap by the previous span's last unit when it is short."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        first, pieces, j = i, units[i].pieces, i + 1
        while j < len(units):
            u = units[j]
            if pieces + u.pieces > b.max or (u.heading and pieces >= b.min):
                break
            pieces += u.pieces
            j += 1
        if j < len(units) and j - 1 > first and units[j - 1].heading:
            j -= 1  # a heading belongs with the text under it
        spans.append((units[first].start, units[j - 1].end))
        # overlap: restart from the last unit if it is short, does not open a section and the
        # span held more than it (otherwise we would loop forever)
        last = units[j - 1]
        if (
            j < len(units)
            and j - 1 > first
            and last.pieces <= b.overlap
            and not units[j].opens_section
            and not last.heading
        ):
            i = j - 1
        else:
            i = j
    return spans


def chunk_id(source: str, part: str, index: int) -> str:
    return hashlib.sha1(f"{source}\x00{part}\x00{index}".encode()).hexdigest()[:24]


def chunk_document(doc: Document, budget: Budget = DEFAULT_BUDGET) -> list[Chunk]:
    chunks: list[Chunk] = []
    for seg_start, seg_end, page in doc.segments():
        for start, end in _pack(_units(doc.text, seg_start, seg_end, budget), budget):
            index = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(doc.source, doc.part, index),
                    source=doc.source,
                    part=doc.part,
                    index=index,
                    text=doc.text[start:end],
                    start=start,
                    end=end,
                    page=page,
                    kind=doc.kind,
                    title=doc.title,
                    date=doc.date,
                    subject=doc.subject,
                    sender=doc.sender,
                )
            )
    return chunks


def _plain(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).strip().lower()


PREFIX_WORDS = 16  # a title longer than this is cut in the embedding prefix


def context_line(chunk: Chunk) -> str:
    """What a passage is about beyond its own words: the title or email subject, and for mail
    the sender — "what did Lucia say about…" should find Lucia's mail even when her name is
    only in the From header."""
    title = " ".join((chunk.subject or chunk.title or "").split()[:PREFIX_WORDS])
    # a title that is only the file name says nothing, and would make a rename re-embed
    if _plain(title) == _plain(PurePath(chunk.source).stem):
        title = ""
    if chunk.sender and chunk.kind in ("email", "attachment"):
        title = f"{title} — from {chunk.sender}" if title else f"from {chunk.sender}"
    return title


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the chunk with its context line in front, so a later passage of
    "Biscuit at the vet" still knows what it is about."""
    context = context_line(chunk)
    if not context or chunk.text.startswith(context) or chunk.text.lstrip("# ").startswith(context):
        return chunk.text
    return f"{context}\n{chunk.text}"
