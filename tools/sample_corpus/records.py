"""What the generator renders: a marked-up PDF document, and a mail message with attachments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfDoc:
    """A document as a list of pages; a page is lightly marked-up text (see ``pdfs``)."""

    title: str  # PDF /Title metadata and running footer
    created: str  # PDF date for /CreationDate and /ModDate, fixed so the bytes never change
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf" (rendered from a PdfDoc) or "text/plain"
    source: str  # for PDFs a key of pdfs.ATTACHMENT_PDFS; else the text


@dataclass(frozen=True)
class Mail:
    key: str  # stable local part of the Message-ID
    date: str  # RFC 5322 date, fixed so the files are byte-stable
    sender: str
    to: str
    subject: str
    text: str | None = None  # plain body (before any quoted reply is appended)
    html: str | None = None  # HTML body: alone (HTML-only) or as the alternative to ``text``
    charset: str = "utf-8"
    cte: str | None = None  # Content-Transfer-Encoding of the plain body; None lets email choose
    reply_to: str | None = None  # key of the message this one answers
    attachments: tuple[Attachment, ...] = ()
    crlf: bool = False  # write with CRLF line endings (as some Windows clients do); .eml only
