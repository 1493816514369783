"""E-mail files as Documents: one per message, one per readable attachment.

``parse_eml`` reads one RFC 822 message (a ``.eml`` file or a Maildir message file);
``parse_mbox`` reads every message of an mbox, lazily, and loses only the messages that break.
A message Document holds the new text of the body (quoted replies and signature stripped, see
``quotes``); PDF and text attachments become child Documents that keep the parent's subject,
sender and date.

Parts: ``""`` for the message of a ``.eml``; ``"msg:<key>"`` inside an mbox, where ``key`` is
the first 12 hex digits of the SHA-1 of the Message-ID (of the message bytes when it has none),
so keys survive messages being added around them; ``"<msg part>/att:<n>"`` for attachments
(``msg`` stands in for the empty part of a ``.eml``).
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import logging
import mailbox
import re
from email.message import Message
from pathlib import Path
from typing import Any

from ingest.parsers.mail.body import Attachment, attachment_text, extract
from ingest.parsers.mail.headers import Headers, read_headers
from kb.errors import FileFailed, FileSkipped
from kb.records import Document

log = logging.getLogger(__name__)

# Headers that only mail has: a file with none of them is not a message.
# fmt: off
_MAIL_HEADERS = {
    "from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
    "received", "return-path", "sender", "reply-to", "in-reply-to", "references",
    "delivered-to", "x-mailer", "content-transfer-encoding", "user-agent", "newsgroups",
}
# fmt: on


_OBSOLETE_NAME = re.compile(rb"(?m)^([!-9;-~]+)[ \t]+:")


def _parse_bytes(data: bytes) -> Message:
    """Parse with the modern policy; fall back to compat32 if it trips over the headers."""
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        [str(msg.get(k)) for k in list(msg)]  # header values parse lazily: force it here
        return msg
    except Exception:  # noqa: BLE001 - email.policy.default raises on some malformed headers
        return email.message_from_bytes(data, policy=email.policy.compat32)


def _has_mail_headers(msg: Message) -> bool:
    return bool({k.lower() for k in list(msg)} & _MAIL_HEADERS)


def parse_message(data: bytes) -> Message:
    """A Message from raw bytes, also when the header block uses obsolete "Name  :" syntax."""
    head, sep, rest = _split_head(data)
    # RFC 822 allowed white space before the colon; Python reads such a header as body text
    return _parse_bytes(_OBSOLETE_NAME.sub(rb"\1:", head) + sep + rest)


def _split_head(data: bytes) -> tuple[bytes, bytes, bytes]:
    parts = re.split(rb"(\r?\n\r?\n)", data, maxsplit=1)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else (data, b"", b"")


def _not_mail(data: bytes, msg: Message) -> str | None:
    """Why ``data`` is not an e-mail message, or None when it looks like one."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "not an e-mail message: an Outlook .msg file (save it as .eml to index it)"
    if b"\x00" in _split_head(data)[0][:8192]:
        return "not an e-mail message: the file holds binary data"
    if not _has_mail_headers(msg):
        return "not an e-mail message: no mail headers found"
    return None


def _attachment_doc(att: Attachment, parent: Document, msg_part: str) -> Document | None:
    """A child Document for one attachment, or None when it cannot be read."""
    meta: dict[str, Any] = {
        "subject": parent.subject,
        "sender": parent.sender,
        "date": parent.date,
        "message_id": parent.message_id,
        "parent": parent.part,
    }
    part = f"{msg_part}/att:{att.n}"
    try:
        if att.kind == "pdf":
            from ingest.parsers.pdf import document_from_pages, extract_pages

            pages = extract_pages(att.data, name=att.name)
            return document_from_pages(
                pages, source=parent.source, title=att.name, kind="attachment", part=part, **meta
            )
        text = attachment_text(att)
    except Exception as exc:  # noqa: BLE001 - FileFailed/FileSkipped or a bad attachment's bug
        log.debug("attachment %s dropped: %s", part, type(exc).__name__)
        return None
    if not text.strip():
        return None
    return Document(
        source=parent.source, kind="attachment", title=att.name, text=text, part=part, **meta
    )


def message_documents(
    msg: Message, *, raw: bytes, source: str, part: str, headers: Headers | None = None
) -> list[Document]:
    """The message Document (if it has text) followed by its attachment Documents.

    ``raw`` is the message ``msg`` was parsed from, for a second try with compat32.
    """
    headers = headers or read_headers(msg)
    try:
        body = extract(msg)
    except Exception:  # noqa: BLE001 - parts walked by the default policy can still raise
        log.debug("body walk failed, retrying with compat32")
        body = extract(email.message_from_bytes(raw, policy=email.policy.compat32))
    doc = Document(
        source=source,
        kind="email",
        title=headers.subject or "(no subject)",
        text="\n\n".join(body.texts),
        part=part,
        date=headers.date,
        subject=headers.subject,
        sender=headers.sender,
        recipients=headers.recipients,
        message_id=headers.message_id,
    )
    children = [_attachment_doc(a, doc, part or "msg") for a in body.attachments]
    out = [doc] if doc.text.strip() else []
    return out + [c for c in children if c is not None]


def _check_file(path: Path) -> None:
    """FileFailed for an unreadable file, FileSkipped for an empty one."""
    try:
        with path.open("rb") as f:
            empty = not f.read(1)
    except OSError as exc:
        raise FileFailed(f"cannot read the file: {exc.strerror or exc}") from exc
    if empty:
        raise FileSkipped("empty file")


def _read(path: Path) -> bytes:
    _check_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileFailed(f"cannot read the file: {exc.strerror or exc}") from exc


def parse_eml(path: Path) -> list[Document]:
    """One message file (``.eml`` or a Maildir message) as Documents."""
    data = _read(path)
    # some tools save a single message with its mbox "From " envelope line on top
    if re.match(rb"From [^\s:]", data):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    msg = parse_message(data)
    problem = _not_mail(data, msg)
    if problem:
        raise FileFailed(problem)
    docs = message_documents(msg, raw=data, source=str(path.resolve()), part="")
    if not docs:
        raise FileSkipped("no text in message")
    return docs


def mbox_key(message_id: str | None, raw: bytes, used: set[str]) -> str:
    """A short stable id for a message of an mbox, unique within ``used`` (which it extends)."""
    seeds = ([message_id.encode("utf-8", "replace")] if message_id else []) + [raw]
    for seed in seeds:
        key = hashlib.sha1(seed).hexdigest()[:12]
        if key not in used:
            break
    n = 2
    base = key
    while key in used:  # the very same message twice
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    return key


def _unquote_from(raw: bytes) -> bytes:
    # mboxo/mboxrd escape body lines starting with "From " as ">From "; undo one level
    return re.sub(rb"(?m)^>(>*From )", rb"\1", raw)


def parse_mbox(path: Path) -> list[Document]:
    """Every message of an mbox; a broken message is skipped, the others are kept."""
    _check_file(path)  # report empty and unreadable files before mailbox gets to them
    source, docs, used = str(path.resolve()), list[Document](), set[str]()
    parsed = 0
    try:
        box = mailbox.mbox(path, create=False)
    except (OSError, mailbox.Error) as exc:
        raise FileFailed(f"cannot read the mbox: {exc}") from exc
    try:
        for key in box.iterkeys():
            try:
                raw = _unquote_from(box.get_bytes(key))
                msg = parse_message(raw)
                if _not_mail(raw, msg):
                    continue  # e.g. the tail of a message split at an unquoted "From " line
                headers = read_headers(msg)
                part = f"msg:{mbox_key(headers.message_id, raw, used)}"
                docs += message_documents(msg, raw=raw, source=source, part=part, headers=headers)
                parsed += 1
            except Exception as exc:  # noqa: BLE001 - one broken message must not lose the rest
                log.debug("message %s of an mbox skipped: %s", key, type(exc).__name__)
    except OSError as exc:
        raise FileFailed(f"cannot read the mbox: {exc.strerror or exc}") from exc
    finally:
        box.close()
    if not parsed:
        raise FileFailed("no readable message in the mbox")
    if not docs:
        raise FileSkipped("no text in any message of the mbox")
    return docs
