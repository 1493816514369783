"""The sanitization pass: no secret or personal identifier reaches the store or the model.

    sanitizer.py   Sanitizer: detectors -> findings -> placeholders, for text and Documents
    findings.py    what a detector reports, and helpers detectors share
    pseudonym.py   keyed pseudonyms, typed masks, the per-home key and the user's own terms
    detectors/     one module per family of values (secrets, keywords, ids, contact, phone)

It is core, not ingest: questions pass through the same pseudonymizer as documents, so a
question that names an e-mail address finds the passages that mention it.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from kb.records import Document
from kb.sanitize.sanitizer import CATEGORIES, Sanitizer


class Scrubber(Protocol):
    """What the rest of kb needs of a sanitizer (tests pass a pass-through one)."""

    def __call__(self, s: str) -> str: ...

    def document(self, doc: Document) -> tuple[Document, Counter[str]]: ...


__all__ = ["CATEGORIES", "Sanitizer", "Scrubber"]
