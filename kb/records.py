"""The small frozen records that travel between layers: Document, Chunk, Filters, Hit, Citation,
Answer. What kb reports about its own state (IndexReport, Status, ...) is in ``kb.reports``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from kb.recognition import Recognition

KINDS = ("note", "pdf", "document", "email", "attachment")  # document: Word (.docx), .odt


@dataclass(frozen=True)
class Document:
    """One unit a person would name: a note, a PDF, one email message, one attachment.

    ``source`` is the absolute path of the file on disk; ``part`` tells units of one file apart
    ("" for a whole file, e.g. "msg:<id>" inside an mbox, "msg:<id>/att:2" for an attachment).
    ``pages`` holds, for PDFs, ``(offset, page_number)`` pairs: page ``page_number`` starts at
    ``text[offset]``; text between pages is separator only ("\\n\\n").
    """

    source: str
    kind: str
    title: str
    text: str
    part: str = ""
    pages: tuple[tuple[int, int], ...] = ()
    date: str | None = None  # ISO-8601, "2025-03-14" or "2025-03-14T09:30:00+00:00"
    subject: str | None = None
    sender: str | None = None  # "Display Name <address>" or just the address
    recipients: tuple[str, ...] = ()
    message_id: str | None = None
    parent: str | None = None  # for attachments: the part of the email that carried it
    ocr: Recognition | None = None  # scanned pages: which were recognised, how surely

    def segments(self) -> Iterator[tuple[int, int, int | None]]:
        """(start, end, page) spans covering the text; one span for non-paged documents."""
        if not self.pages:
            yield 0, len(self.text), None
            return
        for i, (start, page) in enumerate(self.pages):
            end = self.pages[i + 1][0] if i + 1 < len(self.pages) else len(self.text)
            # trim the separator that precedes the next page
            while end > start and self.text[end - 1] == "\n":
                end -= 1
            yield start, end, page

    def with_segments(self, texts: list[str], **changes: Any) -> Document:
        """A copy whose segment texts are replaced (same order), pages re-offset to match."""
        if not self.pages:
            return replace(self, text=texts[0], **changes)
        pages: list[tuple[int, int]] = []
        out: list[str] = []
        pos = 0
        for (_, _, page), new in zip(self.segments(), texts, strict=True):
            if out:
                out.append("\n\n")
                pos += 2
            pages.append((pos, page or 0))
            out.append(new)
            pos += len(new)
        return replace(self, text="".join(out), pages=tuple(pages), **changes)


@dataclass(frozen=True)
class Chunk:
    """A passage of a sanitized Document: ``doc_text[start:end] == text``."""

    id: str
    source: str
    part: str
    index: int
    text: str
    start: int
    end: int
    page: int | None
    kind: str
    title: str
    date: str | None = None
    subject: str | None = None
    sender: str | None = None


@dataclass(frozen=True)
class Filters:
    """Narrow a search: kinds ("note", "pdf", "email", "attachment"), a folder, a date range.

    ``keep_undated`` lets chunks without a date through a date range: kb sets it when the range
    was read from the question ("last summer") rather than given explicitly, so an undated
    contract is not hidden because the question mentioned a month.
    """

    kinds: tuple[str, ...] = ()
    folder: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    keep_undated: bool = False

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def admits(self, chunk: Chunk) -> bool:
        """Does the chunk pass every filter (as the stores' own filters would decide)?"""
        if self.folder and not chunk.source.startswith(self.folder.rstrip("/") + "/"):
            return False
        if self.kinds and chunk.kind not in self.kinds:
            return False
        if not self.dated:
            return True
        day = day_number(chunk.date)
        if day is None:
            return self.keep_undated
        lo, hi = day_number(self.date_from), day_number(self.date_to)
        return (lo is None or day >= lo) and (hi is None or day <= hi)

    @property
    def narrows(self) -> bool:
        return bool(self.kinds or self.folder or self.dated)


@dataclass(frozen=True)
class Hit:
    """One ranked passage; ``to_json`` is the `hit` shape of the design's contract."""

    source: str
    kind: str
    title: str
    page: int | None
    subject: str | None
    sender: str | None
    date: str | None
    score: float
    text: str
    chunk_id: str

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float) -> Hit:
        return cls(
            source=chunk.source,
            kind=chunk.kind,
            title=chunk.title,
            page=chunk.page,
            subject=chunk.subject,
            sender=chunk.sender,
            date=chunk.date,
            score=score,
            text=chunk.text,
            chunk_id=chunk.id,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    n: int
    hit: Hit

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, **self.hit.to_json()}


@dataclass(frozen=True)
class CheckedSentence:
    """One sentence of a model's answer, its claims checked against the passages it cites."""

    text: str
    cited: tuple[int, ...]
    unsupported: tuple[str, ...]  # claims (numbers, dates, names) no cited passage holds
    attributed: bool = False  # the model's citation was missing or wrong; kb found the holder
    has_claims: bool = False
    echoes: bool = False  # no claim, and no word the question did not use: it says nothing

    @property
    def verified(self) -> bool:
        return not self.unsupported and (bool(self.cited) or not self.has_claims)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": list(self.cited),
            "verified": self.verified,
            "unsupported": list(self.unsupported),
            "attributed": self.attributed,
            "echoes": self.echoes,
        }


VERDICTS = ("answered", "not_in_documents", "nothing", "unverified", "draft")


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    mode: str  # "llm" | "extractive" | "none": what wrote the text shown
    citations: tuple[Citation, ...] = ()
    grounded: bool = False
    chat: str | None = None  # the conversation this answer is a turn of
    standalone: str | None = None  # with a chat: the question as retrieval finally ran it
    # answered | not_in_documents (the topic is there, the asked fact is not) | nothing |
    # unverified (the model's answer failed its check: the text shown is the extractive one) |
    # draft (the extractive answer shown while the model writes)
    verdict: str = "answered"
    checked: tuple[CheckedSentence, ...] = ()  # the model's sentences, when a model wrote
    model_answer: str | None = None  # the model's own text, when it is not the one shown
    model_error: str | None = None  # why the model server gave no answer (quotes instead)

    def to_json(self) -> dict[str, Any]:
        verified = {n for s in self.checked if s.verified for n in s.cited}
        out: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "mode": self.mode,
            "citations": [
                {**c.to_json(), **({"verified": c.n in verified} if self.checked else {})}
                for c in self.citations
            ],
            "grounded": self.grounded,
            "verdict": self.verdict,
        }
        if self.checked:
            out["sentences"] = [s.to_json() for s in self.checked]
        if self.model_answer is not None:
            out["model_answer"] = self.model_answer
        if self.model_error is not None:
            out["model_error"] = self.model_error
        if self.chat is not None:
            out |= {"chat": self.chat, "standalone": self.standalone or self.question}
        return out


def day_number(date: str | None) -> int | None:
    """'2025-03-14…' -> 20250314, the integer both SQLite and Chroma filter on."""
    if not date or len(date) < 10 or not date[:4].isdigit():
        return None
    try:
        return int(date[:4] + date[5:7] + date[8:10])
    except ValueError:
        return None
