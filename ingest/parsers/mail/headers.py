"""The headers kb keeps from a message, decoded into plain strings.

``email.policy.default`` decodes RFC 2047 words and parses addresses for us, but it raises on
some malformed headers and compat32 does no decoding at all; every read here therefore falls
back to decoding the raw header value by hand, and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from email.header import decode_header, make_header
from email.message import Message
from email.policy import EmailPolicy
from email.utils import getaddresses, parsedate_to_datetime

from ingest.parsers.mail.body import decode_bytes, message_charsets


@dataclass(frozen=True)
class Headers:
    subject: str | None
    sender: str | None
    recipients: tuple[str, ...]
    date: str | None
    message_id: str | None


_RAW_8BIT = re.compile("[\udc80-\udcff]")  # undecodable header bytes, surrogate-escaped


def _decode_raw(value: object, hints: tuple[str, ...]) -> str:
    """An undecoded header value (str or email.header.Header) as text."""
    text = str(value)
    if _RAW_8BIT.search(text):
        # 8-bit bytes in a header (RFC 6532 UTF-8, or a legacy charset nobody declared)
        text = decode_bytes(text.encode("utf-8", "surrogateescape"), None, hints)
    try:
        return str(make_header(decode_header(text)))
    except Exception:  # noqa: BLE001 - bad encoded words or unknown charsets: keep the raw text
        return text


def _values(msg: Message, name: str, hints: tuple[str, ...]) -> list[object]:
    """All values of a header: parsed objects under the default policy, else decoded text."""
    raw = [v for k, v in msg.raw_items() if k.lower() == name]
    if isinstance(msg.policy, EmailPolicy) and not any(_RAW_8BIT.search(str(v)) for v in raw):
        try:
            return list(msg.get_all(name, []))
        except Exception:  # noqa: BLE001 - fall through to the raw value
            pass
    return [_decode_raw(v, hints) for v in raw]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text(msg: Message, name: str, hints: tuple[str, ...]) -> str | None:
    for value in _values(msg, name, hints):
        try:
            text = _one_line(str(value))
        except Exception:  # noqa: BLE001
            continue
        if text:
            return text
    return None


def _format(name: str, addr: str) -> str:
    name, addr = _one_line(name).strip('"'), addr.strip()
    if name and addr and name != addr:
        return f"{name} <{addr}>"
    return addr or name


def _addresses(msg: Message, names: tuple[str, ...], hints: tuple[str, ...]) -> list[str]:
    """Every address in the named headers as "Display Name <addr>" (or just the address)."""
    out: list[str] = []
    for name in names:
        for value in _values(msg, name, hints):
            try:
                parsed = getattr(value, "addresses", None)
                if parsed is not None:
                    pairs = [(a.display_name, a.addr_spec) for a in parsed]
                else:
                    pairs = getaddresses([str(value)])
            except Exception:  # noqa: BLE001 - unparseable address list: keep it as text
                pairs = []
            found = [_format(n, a) for n, a in pairs if (n or a).strip()]
            if not found and str(value).strip():
                found = [_one_line(str(value))]
            out += [f for f in found if f]
    return out


def _date(text: str | None) -> str | None:
    """ISO-8601 with a timezone (UTC when the header has none), or None if unparseable."""
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat()


def read_headers(msg: Message) -> Headers:
    """Subject, sender, recipients (To + Cc), ISO date and Message-ID; never raises."""
    hints = message_charsets(msg)
    senders = _addresses(msg, ("from",), hints) or _addresses(msg, ("sender",), hints)
    return Headers(
        subject=_text(msg, "subject", hints),
        sender=senders[0] if senders else None,
        recipients=tuple(_addresses(msg, ("to", "cc"), hints)),
        date=_date(_text(msg, "date", hints)),
        message_id=_text(msg, "message-id", hints),
    )
