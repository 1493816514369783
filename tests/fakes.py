"""Fakes registered like the real parts, for fast deterministic tests."""

from __future__ import annotations

from collections import Counter

from kb.types import Document


class PassThroughSanitizer:
    """Leaves text alone; for tests about indexing mechanics, not about redaction."""

    def __call__(self, s: str) -> str:
        return s

    def document(self, doc: Document) -> tuple[Document, Counter[str]]:
        return doc, Counter()
