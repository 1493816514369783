"""The whole (sanitized) page or message behind a citation, rebuilt from the stored chunks.

kb keeps no copy of document text besides its chunks; each chunk knows its offsets in the
sanitized text, so the chunks of one document (or one PDF page) laid out by offset give the text
back, except for the blank space between them, which the chunker does not keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kb.knowledge_base import KnowledgeBase
from kb.recognition import LOW_CONFIDENCE
from kb.records import Chunk, Hit


@dataclass(frozen=True)
class Whole:
    text: str
    passage: tuple[int, int] | None  # where the cited passage sits in ``text``
    what: str  # "page 3", "message", "note", ...
    recognised: float | None = None  # the page's text came from OCR, with this confidence


def stitch(chunks: Sequence[Chunk]) -> tuple[str, dict[str, int]]:
    """Text of the chunks laid out by offset (overlaps once); and each chunk's offset in it."""
    out: list[str] = []
    at: dict[str, int] = {}
    length = 0
    pos: int | None = None  # end of the covered source text so far
    for c in sorted(chunks, key=lambda c: (c.start, c.end)):
        if pos is None or c.start >= pos:
            if pos is not None:
                gap = " " if c.start - pos == 1 else "\n\n"  # a sentence break or a paragraph
                out.append(gap)
                length += len(gap)
            at[c.id] = length
            out.append(c.text)
            length += len(c.text)
            pos = c.end
        else:
            at[c.id] = length - (pos - c.start)
            if c.end > pos:
                tail = c.text[pos - c.start :]
                out.append(tail)
                length += len(tail)
                pos = c.end
    return "".join(out), at


def whole(kb: KnowledgeBase, hit: Hit) -> Whole | None:
    """The page (PDF), message (email) or note the hit comes from; None if it left the index."""
    found = kb.store.chunks_by_id([hit.chunk_id]).get(hit.chunk_id)
    if found is None:
        return None
    chunks = kb.store.chunks_of(found.source, found.part)
    if found.page is not None:
        chunks = [c for c in chunks if c.page == found.page]
    text, at = stitch(chunks)
    # the cited text may be several neighbouring chunks merged into one passage
    start = text.find(hit.text)
    if start >= 0:
        passage: tuple[int, int] | None = (start, start + len(hit.text))
    else:
        start = at.get(found.id, -1)
        passage = (start, start + len(found.text)) if start >= 0 else None
    record = kb.store.file(found.source) if found.page is not None else None
    ocr = record.ocr if record is not None else None
    return Whole(text, passage, describe(found), ocr.of_page(found.page) if ocr else None)


def recognised_note(found: Whole) -> str | None:
    """What the reader should know about a page whose text OCR recognised from its image."""
    if found.recognised is None:
        return None
    note = (
        f"The text of this {found.what} was recognised from an image (OCR, mean confidence "
        f"{found.recognised:.2f}), so words can be misread"
    )
    if found.recognised < LOW_CONFIDENCE:
        return note + ": the confidence is low, check the original file."
    return note + "."


def describe(c: Chunk) -> str:
    if c.page is not None:
        return f"page {c.page}"
    return {"email": "message", "attachment": "attachment", "note": "note"}.get(c.kind, "document")
