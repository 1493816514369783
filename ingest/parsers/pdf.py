"""PDF files -> one Document whose ``pages`` map text offsets back to page numbers (pypdf).

Every way a PDF can go wrong ends as ``FileFailed`` (damaged, encrypted) or ``FileSkipped``
(no text layer: scanned or image-only); pypdf raises many exception types on junk input
(PyPdfError subclasses, but also KeyError, ValueError, RecursionError...), so the calls into
pypdf are fenced with a broad ``except`` that turns them into a readable reason.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ingest.parsers.notes import read_bytes
from kb.errors import FileFailed, FileProblem, FileSkipped
from kb.records import Document

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
ENCRYPTED = "encrypted — password required"
NO_TEXT = "no extractable text (scanned?)"

# fmt: off
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\f": "\n", "\v": "\n", "\r": "\n", "\u00a0": " ",
})
# fmt: on
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # NUL and friends; \t \n kept
_HYPHEN_BREAK = re.compile(r"([^\W\d_])[-\u00ad][ \t]*\n[ \t]*([^\W\d_])")
_SPACES = re.compile(r"[ \t]+")
_BLANK_RUN = re.compile(r"\n{3,}")
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})(\d{2})")
_FILE_NAME = re.compile(
    r"\.(docx?|pdf|rtf|odt|pages|tex|dvi|ps|indd|qxd|xlsx?|pptx?|txt|html?|eps|ai)$", re.I
)
_NOT_TITLES = {"untitled", "title", "document", "unknown", "none", "null", "pdf", "no title"}


def normalize_text(raw: str) -> str:
    """Clean one page of extracted text: hyphenated line breaks joined, spaces collapsed,
    paragraph breaks (blank lines) kept, control characters removed."""
    text = _CONTROLS.sub("", raw.replace("\r\n", "\n").translate(_LIGATURES))

    def join(m: re.Match[str]) -> str:
        # "con-\ntract" is one word; "Jean-\nPaul" keeps its hyphen (capital after the break)
        if m.group(2).islower():
            return m.group(1) + m.group(2)
        return f"{m.group(1)}-{m.group(2)}"

    text = _HYPHEN_BREAK.sub(join, text).replace("\u00ad", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def _short(exc: BaseException) -> str:
    """A one-line reason from a pypdf (or internal) exception."""
    from pypdf.errors import PyPdfError

    message = (str(exc).strip().splitlines() or [""])[0][:120]
    if isinstance(exc, PyPdfError):
        return message or type(exc).__name__
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def open_reader(data: bytes, *, name: str) -> Any:
    """A ``PdfReader`` that is decrypted (empty password) and has a readable page tree."""
    try:
        from pypdf import PasswordType, PdfReader
        from pypdf.errors import DependencyError
    except ImportError as exc:  # pragma: no cover - pypdf is a declared dependency
        raise FileFailed("cannot read PDFs: the 'pypdf' package is not installed") from exc

    if not data.strip():
        raise FileSkipped("empty file")
    if b"%PDF" not in data[:1024]:
        raise FileFailed("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        # the constructor already tries the empty password; decrypt("") reports the outcome
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise FileFailed(ENCRYPTED)
        len(reader.pages)  # walks the page tree now, so a broken one fails here
    except FileProblem:
        raise
    except DependencyError as exc:  # AES needs pypdf's optional 'cryptography' dependency
        raise FileFailed(
            "encrypted with AES — kb needs the 'cryptography' package to open it"
        ) from exc
    except Exception as exc:  # pypdf raises far more than PyPdfError on junk input
        log.debug("%s: pypdf could not open it", name, exc_info=True)
        raise FileFailed(f"damaged PDF: {_short(exc)}") from exc
    return reader


def page_texts(reader: Any, *, name: str) -> list[tuple[int, str]]:
    """(page number, normalized text) for each page that has any letter or digit."""
    pages: list[tuple[int, str]] = []
    count = len(reader.pages)
    errors: list[str] = []
    for index in range(count):
        try:
            raw = reader.pages[index].extract_text() or ""
        except Exception as exc:  # one bad page must not cost the others
            log.debug("%s: page %d unreadable", name, index + 1, exc_info=True)
            errors.append(_short(exc))
            continue
        text = normalize_text(raw)
        if any(ch.isalnum() for ch in text):
            pages.append((index + 1, text))
    if pages:
        return pages
    if count and len(errors) == count:
        raise FileFailed(f"damaged PDF: no page could be read ({errors[-1]})")
    if not count:
        raise FileSkipped("PDF has no pages")
    raise FileSkipped(NO_TEXT)


def extract_pages(data: bytes, *, name: str) -> list[tuple[int, str]]:
    """(1-based page number, text) for the pages of a PDF that carry text."""
    return page_texts(open_reader(data, name=name), name=name)


def _info_text(info: Any, key: str) -> str | None:
    try:
        value = info[key]
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        text = _SPACES.sub(" ", _CONTROLS.sub("", str(value))).strip()
    except Exception:  # metadata is decoration: any trouble means "not there"
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
    except Exception:
        return None, None
    if not info:
        return None, None
    title = meaningful_title(_info_text(info, "/Title"))
    return title, pdf_date(_info_text(info, "/CreationDate"))


def document_from_pages(
    pages: Iterable[tuple[int, str]],
    *,
    source: str,
    title: str,
    kind: str,
    part: str = "",
    **meta: Any,
) -> Document:
    """One Document from page texts: joined by a blank line, ``pages`` holding each offset.

    ``meta`` goes to the Document as is (date, subject, sender, parent... for attachments).
    """
    texts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for number, raw in pages:
        text = raw.strip()  # segments() trims newlines before a page: none may end one
        if not text:
            continue
        if texts:
            pos += len(PAGE_SEPARATOR)
        offsets.append((pos, number))
        texts.append(text)
        pos += len(text)
    if not texts:
        raise ValueError("document_from_pages needs at least one page with text")
    return Document(
        source=source,
        kind=kind,
        title=title,
        text=PAGE_SEPARATOR.join(texts),
        part=part,
        pages=tuple(offsets),
        **meta,
    )


def parse_pdf(path: Path) -> list[Document]:
    """Read one PDF file; raises FileFailed / FileSkipped with a reason a person can read."""
    reader = open_reader(read_bytes(path), name=path.name)
    pages = page_texts(reader, name=path.name)
    title, when = pdf_metadata(reader)
    doc = document_from_pages(
        pages, source=str(path.resolve()), title=title or path.stem, kind="pdf", date=when
    )
    return [doc]
