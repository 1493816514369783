"""sample_corpus/ as an indexer reads it: visible HTML text, PDF pages, the messages of the mbox
and the .eml files, attachments (test_sample_corpus.py, test_sample_questions.py).
"""

from __future__ import annotations

import email
import email.policy
import functools
import io
import mailbox
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample_corpus"


def norm(text: str) -> str:
    return " ".join(text.split())


class _TextOnly(HTMLParser):
    """Visible text of an HTML body: drops <style>/<script> content and all attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    return " ".join(parser.parts)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@functools.cache
def messages() -> tuple[tuple[str, EmailMessage], ...]:
    """(path relative to sample_corpus, message) for the mbox and every .eml file."""
    box = mailbox.mbox(str(CORPUS / "mail" / "inbox.mbox"), create=False)
    try:
        raws = [("mail/inbox.mbox", m.as_bytes()) for m in box]
    finally:
        box.close()
    for path in sorted((CORPUS / "mail" / "eml").glob("*.eml")):
        raws.append((str(path.relative_to(CORPUS)), path.read_bytes()))
    policy = email.policy.default
    return tuple((path, email.message_from_bytes(raw, policy=policy)) for path, raw in raws)


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    assert part is not None, msg["Subject"]
    content = part.get_content()
    return html_text(content) if part.get_content_type() == "text/html" else content


def attachment_texts(msg: EmailMessage) -> dict[str, list[str]]:
    """Attachment file name -> page texts (a text attachment is one page)."""
    out = {}
    for part in msg.iter_attachments():
        content = part.get_content()
        out[part.get_filename()] = pdf_pages(content) if isinstance(content, bytes) else [content]
    return out


def all_text() -> str:
    """Every piece of text the corpus holds, as an indexer would read it."""
    texts = [p.read_text("utf-8") for p in sorted((CORPUS / "journal").glob("*.md"))]
    for pdf in sorted((CORPUS / "contracts").glob("*.pdf")):
        texts += pdf_pages(pdf.read_bytes())
    for _, msg in messages():
        texts += [msg["Subject"], msg["From"], body_text(msg)]
        texts += [page for pages in attachment_texts(msg).values() for page in pages]
    return "\n".join(texts)
