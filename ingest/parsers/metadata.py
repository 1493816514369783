"""Titles and dates from a document's own metadata: a PDF's information dictionary, the core
properties of a Word or OpenDocument file. Metadata is decoration: anything unusable is None."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})(\d{2})")
_FILE_NAME = re.compile(
    r"\.(docx?|pdf|rtf|odt|pages|tex|dvi|ps|indd|qxd|xlsx?|pptx?|txt|html?|eps|ai)$", re.I
)
_NOT_TITLES = {"untitled", "title", "document", "unknown", "none", "null", "pdf", "no title"}


def clean_value(value: Any) -> str | None:
    """A metadata value as one line of text, or None."""
    try:
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        text = _SPACES.sub(" ", _CONTROLS.sub("", str(value))).strip()
    except Exception:  # a value whose str() raises is as good as absent
        return None
    return text or None


def meaningful_title(title: str | None) -> str | None:
    """The metadata title unless it is empty, a placeholder or a leftover file name."""
    if not title or len(title) > 200 or not any(ch.isalpha() for ch in title):
        return None
    lowered = title.lower()
    if lowered in _NOT_TITLES or lowered.startswith("untitled") or _FILE_NAME.search(title):
        return None
    return title


def pdf_date(value: str | None) -> str | None:
    """``D:YYYYMMDD...`` (PDF date string) -> ``YYYY-MM-DD``; anything else -> None."""
    m = _PDF_DATE.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def pdf_metadata(reader: Any) -> tuple[str | None, str | None]:
    """(title, ISO date) from the document information dictionary, each None if unusable."""
    try:
        info = reader.metadata
    except Exception:  # pypdf raises on damaged info dictionaries
        return None, None
    if not info:
        return None, None
    return meaningful_title(_entry(info, "/Title")), pdf_date(_entry(info, "/CreationDate"))


def _entry(info: Any, key: str) -> str | None:
    try:
        return clean_value(info[key])  # [] resolves indirect objects, .get() would not
    except Exception:
        return None
