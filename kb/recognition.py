"""How a scanned document was read: which pages OCR recognised, how surely, which it could not.

A parser attaches a ``Recognition`` to the Document it made from page images; the sync records
it in the manifest, and `kb status`, the Library page and the evidence view show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LOW_CONFIDENCE = 0.7  # under this mean word confidence a page's text likely holds misread words


@dataclass(frozen=True)
class Recognition:
    """The pages of a Document whose text was recognised from their image (OCR), not read."""

    engine: str  # "tesseract 5.5.4 (eng)"
    pages: tuple[tuple[int, float], ...] = ()  # (page, the engine's mean word confidence 0..1)
    unread: tuple[tuple[int, str], ...] = ()  # (page, why OCR could not read it)

    @property
    def confidence(self) -> float | None:
        """The mean over the recognised pages."""
        return sum(c for _, c in self.pages) / len(self.pages) if self.pages else None

    @property
    def low(self) -> tuple[int, ...]:
        """Pages recognised with low confidence."""
        return tuple(p for p, c in self.pages if c < LOW_CONFIDENCE)

    def of_page(self, page: int | None) -> float | None:
        """This page's confidence if its text was recognised, else None."""
        return next((c for p, c in self.pages if p == page), None)

    def summary(self) -> str:
        """'3 pages, mean confidence 0.91; low confidence: p. 2; unreadable: p. 4 (why)'."""
        n = len(self.pages)
        parts = [f"{n} page{'s' * (n != 1)} recognised"]
        if self.confidence is not None:
            parts[0] += f", mean confidence {self.confidence:.2f}"
        if self.low:
            parts.append("low confidence: " + ", ".join(f"p. {p}" for p in self.low))
        if self.unread:
            parts.append("unreadable: " + ", ".join(f"p. {p} ({why})" for p, why in self.unread))
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "pages": [list(p) for p in self.pages],
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "low_confidence_pages": list(self.low),
            "unread": [list(u) for u in self.unread],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recognition:
        pages = tuple((int(p), float(c)) for p, c in data.get("pages", ()))
        unread = tuple((int(p), str(why)) for p, why in data.get("unread", ()))
        return cls(str(data.get("engine", "")), pages, unread)
