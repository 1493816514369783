"""PDF files -> one Document whose ``pages`` map text offsets back to page numbers (pypdf).

A page's text comes from its text layer. A page without a usable one — empty, or the symbol soup
of a font with no text mapping (``text_layer``) — is read from its image by OCR (``scans``), and
the Document's ``ocr`` says which pages were recognised and how surely. A locked PDF is opened
with the empty password first, then with each password the user keeps in KB_HOME/pdf_passwords.

Every way a PDF can go wrong ends as ``FileFailed`` (damaged), ``FileLocked`` (no password opens
it) or ``FileSkipped`` (no text, not even by OCR); pypdf raises many exception types on junk input
(PyPdfError subclasses, but also KeyError, ValueError, RecursionError...), so the calls into
pypdf are fenced with a broad ``except`` that turns them into a readable reason.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.parsers import ReadOptions
from ingest.parsers.metadata import pdf_metadata
from ingest.parsers.notes import read_bytes
from ingest.parsers.scans import read_images
from ingest.parsers.text_layer import OK, SHORT, normalize_text, verdict
from kb.errors import FileFailed, FileLocked, FileProblem, FileSkipped
from kb.recognition import Recognition
from kb.records import Document

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
ENCRYPTED = "encrypted — password required (add it to KB_HOME/pdf_passwords)"
NO_TEXT_LAYER = "no extractable text (scanned?)"
NO_TEXT = "no text, not even by OCR (blank pages?)"
ERROR = "error"  # a page whose text pypdf could not extract


def _short(exc: BaseException) -> str:
    """A one-line reason from a pypdf (or internal) exception."""
    from pypdf.errors import PyPdfError

    message = (str(exc).strip().splitlines() or [""])[0][:120]
    if isinstance(exc, PyPdfError):
        return message or type(exc).__name__
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def locked(tried: int) -> str:
    """The reason a locked PDF gives, saying how many of the user's passwords were tried."""
    if not tried:
        return ENCRYPTED
    return f"encrypted — none of the {tried} passwords in KB_HOME/pdf_passwords opens it"


def open_reader(data: bytes, *, name: str, passwords: Sequence[str] = ()) -> tuple[Any, str]:
    """A decrypted ``PdfReader`` with a readable page tree, and the password that opened it
    ("" when none was needed): the empty password first, then each of ``passwords``."""
    try:
        from pypdf import PasswordType, PdfReader
        from pypdf.errors import DependencyError
    except ImportError as exc:  # pragma: no cover - pypdf is a declared dependency
        raise FileFailed("cannot read PDFs: the 'pypdf' package is not installed") from exc

    if not data.strip():
        raise FileSkipped("empty file")
    if b"%PDF" not in data[:1024]:
        raise FileFailed("not a PDF file (no %PDF header)")
    password = ""
    try:
        reader = PdfReader(io.BytesIO(data))
        # the constructor already tries the empty password; decrypt("") reports the outcome
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            # any other outcome opens it: some files answer USER for the owner password
            opens = (p for p in passwords if reader.decrypt(p) != PasswordType.NOT_DECRYPTED)
            password = next(opens, None) or ""
            if not password:
                raise FileLocked(locked(len(passwords)))
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
    return reader, password


@dataclass(frozen=True)
class LayerPage:
    """One page's text layer: normalized text and its verdict (``text_layer``, or ERROR)."""

    number: int
    text: str
    verdict: str
    error: str = ""


def text_layer(reader: Any, *, name: str) -> list[LayerPage]:
    pages: list[LayerPage] = []
    for index in range(len(reader.pages)):
        try:
            raw = reader.pages[index].extract_text() or ""
        except Exception as exc:  # one bad page must not cost the others
            log.debug("%s: page %d unreadable", name, index + 1, exc_info=True)
            pages.append(LayerPage(index + 1, "", ERROR, _short(exc)))
            continue
        pages.append(LayerPage(index + 1, normalize_text(raw), verdict(raw)))
    return pages


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _no_pages(layer: list[LayerPage], reason: str) -> FileProblem:
    """Why a PDF gave no page of text: damaged, empty, or ``reason``."""
    errors = [p.error for p in layer if p.verdict == ERROR]
    if layer and len(errors) == len(layer):
        return FileFailed(f"damaged PDF: no page could be read ({errors[-1]})")
    return FileSkipped("PDF has no pages") if not layer else FileSkipped(reason)


def page_texts(reader: Any, *, name: str) -> list[tuple[int, str]]:
    """(page number, normalized text) for each page whose text layer reads as text."""
    layer = text_layer(reader, name=name)
    pages = [(p.number, p.text) for p in layer if p.verdict in (OK, SHORT) and _has_text(p.text)]
    if not pages:
        raise _no_pages(layer, NO_TEXT_LAYER)
    return pages


def extract_pages(data: bytes, *, name: str) -> list[tuple[int, str]]:
    """(1-based page number, text) for the pages of a PDF whose text layer carries text (no
    OCR: an email's PDF attachment is read this way)."""
    return page_texts(open_reader(data, name=name)[0], name=name)


def _needs_image(reader: Any, page: LayerPage) -> bool:
    """Read this page from its image: no text layer, symbol soup, or a few characters on a
    page that carries an image (a scan with a stray label)."""
    if page.verdict != SHORT:
        return page.verdict != OK
    try:
        return len(reader.pages[page.number - 1].images) > 0
    except Exception:  # pypdf cannot list them: keep the text layer
        return False


def read_pages(
    data: bytes, options: ReadOptions, *, name: str
) -> tuple[Any, list[tuple[int, str]], Recognition | None]:
    """The reader, (page, text) for every page with text, and what OCR did."""
    reader, password = open_reader(data, name=name, passwords=options.passwords)
    layer = text_layer(reader, name=name)
    texts = {p.number: p.text for p in layer if p.verdict in (OK, SHORT) and _has_text(p.text)}
    scanned = read_images(
        data, [p.number for p in layer if _needs_image(reader, p)], options, password=password
    )
    recognised: list[tuple[int, float]] = []
    for number, reading in sorted(scanned.read.items()):
        text = normalize_text(reading.text)
        if _has_text(text) and len(text) > len(texts.get(number, "")):
            texts[number] = text
            recognised.append((number, reading.confidence))
    unread = tuple(sorted(scanned.unread.items()))
    if not texts:
        if unread:
            pages = ", ".join(str(n) for n, _ in unread)
            raise FileFailed(f"could not read the scanned pages ({pages}): {unread[0][1]}")
        raise _no_pages(layer, NO_TEXT)
    ocr = Recognition(scanned.engine, tuple(recognised), unread) if recognised or unread else None
    return reader, sorted(texts.items()), ocr


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


def parse_pdf(path: Path, options: ReadOptions | None = None) -> list[Document]:
    """Read one PDF file; raises FileFailed / FileSkipped with a reason a person can read."""
    reader, pages, ocr = read_pages(read_bytes(path), options or ReadOptions(), name=path.name)
    title, when = pdf_metadata(reader)
    doc = document_from_pages(
        pages, source=str(path.resolve()), title=title or path.stem, kind="pdf", date=when, ocr=ocr
    )
    return [doc]
