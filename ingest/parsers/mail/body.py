"""What a parsed message says: its body text and the attachments worth indexing.

Works on messages from either ``email`` policy (default or compat32) and never trusts a
declared charset: mail in the wild names charsets that do not exist or lies about them.
"""

from __future__ import annotations

import codecs
import email
import re
from dataclasses import dataclass, field
from email.message import Message
from pathlib import PurePosixPath

from ingest.parsers.mail.html import html_to_text
from ingest.parsers.mail.quotes import strip_quoted, tidy

# Labels that are often declared for text that is really UTF-8.
_WESTERN = {"ascii", "iso8859-1", "iso8859-15", "cp1252"}
# What mail clients actually mean by a label: its superset (as browsers do, WHATWG Encoding).
_SUPERSET = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
TEXT_SUFFIXES = {".txt", ".md", ".csv"}
TEXT_TYPES = {"text/plain", "text/markdown", "text/csv"}


@dataclass
class Attachment:
    """An attachment kb can read: ``kind`` is "pdf" or "text"; ``n`` counts all attachments."""

    n: int
    name: str
    kind: str
    data: bytes
    charset: str | None = None


@dataclass
class Body:
    texts: list[str] = field(default_factory=list)  # body pieces, quotes already stripped
    attachments: list[Attachment] = field(default_factory=list)
    seen: int = 0  # attachments met so far, usable or not: numbers stay stable
    hints: tuple[str, ...] = ()  # charsets declared in the message, for parts that declare none


def _codec(charset: str | None) -> str | None:
    """The Python codec for a declared charset, or None when the name is unknown."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip().strip('"').lower()).name
    except (LookupError, ValueError):
        return None
    return _SUPERSET.get(name, name)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a truncated line, one pasted character)."""
    good = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    return good > 0 and good >= 4 * bad


def decode_bytes(data: bytes, charset: str | None, hints: tuple[str, ...] = ()) -> str:
    """Text from bytes whatever the label says; never raises.

    A western or missing label is a weak claim: UTF-8 and the multi-byte charsets declared
    elsewhere in the message (``hints``) are tried strictly before it. A multi-byte label is a
    strong one: when its strict decoding fails it still wins, with replacement characters.
    Last come mostly-valid UTF-8 and cp1252, lossy.
    """
    declared = _codec(charset)
    weak = declared is None or declared in _WESTERN
    others = [c for c in map(_codec, hints) if c and c not in _WESTERN] if weak else []
    order = ["utf-8", *others, declared] if weak else [declared, "utf-8"]
    if weak and b"\x1b$" in data:
        order.insert(0, "iso2022_jp_2")  # 7-bit ISO-2022 escapes: old Japanese/Korean mail
    for name in dict.fromkeys(c for c in order if c):
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if declared and not weak and declared != "utf-8":
        return data.decode(declared, errors="replace")
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


def part_bytes(part: Message) -> bytes:
    """The transfer-decoded payload of a leaf part (b"" when there is none)."""
    try:
        cte = str(part.get("content-transfer-encoding", ""))
        if cte != cte.strip():  # "base64   " is not recognised by email as base64
            part.replace_header("content-transfer-encoding", cte.strip())
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - a broken part only loses itself
        return b""
    return payload if isinstance(payload, bytes) else b""


def part_text(part: Message, hints: tuple[str, ...] = ()) -> str:
    return decode_bytes(part_bytes(part), _charset(part), hints)


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:  # noqa: BLE001 - malformed Content-Type parameters
        return None


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # noqa: BLE001 - malformed Content-Disposition parameters
        name = ""
    # keep only the last path component: some clients send "C:\\Users\\...\\file.pdf"
    return PurePosixPath(str(name).replace("\\", "/")).name.strip()


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:  # noqa: BLE001
        return None


def _has_plain(part: Message) -> bool:
    return any(p.get_content_type() == "text/plain" for p in part.walk())


def _attachment(part: Message, ctype: str, name: str, n: int) -> Attachment | None:
    suffix = PurePosixPath(name.lower()).suffix
    if ctype == "application/pdf" or suffix == ".pdf":
        return Attachment(n, name or f"attachment-{n}.pdf", "pdf", part_bytes(part))
    if ctype in TEXT_TYPES or suffix in TEXT_SUFFIXES:
        data, charset = part_bytes(part), _charset(part)
        return Attachment(n, name or f"attachment-{n}.txt", "text", data, charset)
    return None


def _leaf(part: Message, body: Body, want_text: bool) -> None:
    """File a leaf part: an attachment (counted, kept if readable), a body piece, or nothing."""
    ctype = part.get_content_type()
    name = _filename(part)
    disposition = _disposition(part)
    is_text = ctype in ("text/plain", "text/html")
    if (
        ctype == "message/rfc822"
        or disposition == "attachment"
        or ctype == "application/pdf"
        or (name and not is_text)
    ):
        body.seen += 1
        found = _attachment(part, ctype, name, body.seen)
        if found is not None and found.data:
            body.attachments.append(found)
        return
    if not (want_text and is_text):
        return
    text = part_text(part, body.hints)
    if ctype == "text/html":
        text = html_to_text(text)
    text = strip_quoted(text)
    if text.strip():
        body.texts.append(text)


def _recover_multipart(part: Message) -> Message | None:
    """Re-read a multipart whose declared boundary never occurs, using the one the body uses."""
    data = part_bytes(part)
    # a delimiter line is "--token" followed by a part header
    found = re.search(rb"(?m)^--([^\s\"]{1,200})[ \t]*\r?\n(?=[A-Za-z-]+:)", data)
    if found is None:
        return None
    head = f'Content-Type: {part.get_content_type()}; boundary="'.encode() + found[1] + b'"'
    try:
        fixed = email.message_from_bytes(head + b"\r\n\r\n" + data, policy=part.policy)
    except Exception:  # noqa: BLE001
        return None
    return fixed if fixed.is_multipart() else None


def _walk(part: Message, body: Body, want_text: bool, depth: int = 0) -> None:
    """Collect body text (when ``want_text``) and attachments from ``part`` and below."""
    if depth > 30:  # a pathological nesting of multiparts
        return
    ctype = part.get_content_type()
    if ctype.startswith("multipart/") and not part.is_multipart():
        recovered = _recover_multipart(part)
        if recovered is not None:
            _walk(recovered, body, want_text, depth + 1)
        return
    if ctype == "message/rfc822" or not part.is_multipart():
        _leaf(part, body, want_text)
        return
    children = [p for p in part.get_payload() if isinstance(p, Message)]
    if part.get_content_subtype() != "alternative":
        for child in children:
            _walk(child, body, want_text, depth + 1)
        return
    # alternative: read the first branch with plain text (else the richest one) and only
    # collect attachments from the others; fall back when the chosen branch is blank
    ranked = [c for c in children if _has_plain(c)] + [
        c for c in reversed(children) if not _has_plain(c)
    ]
    chosen = False
    for child in ranked:
        before = len(body.texts)
        _walk(child, body, want_text and not chosen, depth + 1)
        chosen = chosen or len(body.texts) > before


def message_charsets(msg: Message) -> tuple[str, ...]:
    """Charsets declared anywhere in the message: hints for text that declares none."""
    found = (_charset(p) for p in msg.walk())
    return tuple(dict.fromkeys(c for c in found if c and _codec(c)))


def extract(msg: Message) -> Body:
    """Body pieces and readable attachments of a message, in document order."""
    body = Body(hints=message_charsets(msg))
    _walk(msg, body, want_text=True)
    return body


def attachment_text(att: Attachment) -> str:
    return tidy(decode_bytes(att.data, att.charset).replace("\r\n", "\n"))
