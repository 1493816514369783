"""Writing sample-corpus mail: MIME messages with fixed headers and boundaries, replies quoting
the message they answer, an mbox with each message's own "From " line, and .eml bytes.
"""

from __future__ import annotations

import mailbox
import textwrap
from datetime import UTC
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from . import pdfs
from .pdf_writer import render_pdf
from .records import Mail

MAIL_WRAP = 72  # what mail clients send


def _fill(text: str, **kwargs: str) -> str:
    return textwrap.fill(text, MAIL_WRAP, break_on_hyphens=False, **kwargs)


def reflow(text: str) -> str:
    """Re-wrap long prose blocks and "- " list items as a mail client would send them."""
    blocks = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if all(len(ln) <= MAIL_WRAP for ln in lines):
            blocks.append(block)
        elif block.startswith("- "):
            items = [" ".join(it.split()) for it in block.removeprefix("- ").split("\n- ")]
            blocks.append(
                "\n".join(_fill(it, initial_indent="- ", subsequent_indent="  ") for it in items)
            )
        elif any(len(ln) < 50 for ln in lines[:-1]):  # "Key: value" rows, not a paragraph
            blocks.append("\n".join(_fill(ln, subsequent_indent="  ") for ln in lines))
        else:
            blocks.append(_fill(" ".join(block.split())))
    return "\n\n".join(blocks)


def plain_bodies(mails: tuple[Mail, ...]) -> dict[str, str]:
    """Message key -> plain body; a reply ends with the message it answers, quoted with "> "."""
    by_key = {m.key: m for m in mails}
    bodies: dict[str, str] = {}
    for m in mails:  # parents come before their replies
        body = reflow(m.text or "")
        if m.reply_to:
            parent = by_key[m.reply_to]
            when = parsedate_to_datetime(parent.date).strftime("%a, %d %b %Y at %H:%M")
            quoted = "\n".join(
                ">" + (ln if ln.startswith(">") or not ln else " " + ln)
                for ln in bodies[parent.key].rstrip("\n").split("\n")
            )
            body += f"\nOn {when}, {parent.sender} wrote:\n{quoted}\n"
        bodies[m.key] = body
    return bodies


def message_id(m: Mail) -> str:
    return f"<{m.key}@{parseaddr(m.sender)[1].split('@')[1]}>"


def build_message(m: Mail, body: str, parent: Mail | None = None) -> EmailMessage:
    """One MIME message with fixed headers and fixed boundaries."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = m.sender, m.to, m.subject, m.date
    msg["Message-ID"] = message_id(m)
    if parent is not None:
        msg["In-Reply-To"] = msg["References"] = message_id(parent)
    if m.text is not None:
        msg.set_content(body, charset=m.charset, cte=m.cte)
        if m.html is not None:
            msg.add_alternative(m.html, subtype="html")
    else:
        msg.set_content(m.html or "", subtype="html")
    for att in m.attachments:
        if att.content_type == "application/pdf":
            data = render_pdf(pdfs.ATTACHMENT_PDFS[att.source])
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=att.filename)
        else:
            msg.add_attachment(att.source, filename=att.filename)
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_kb_{m.key}_{i}")  # the stdlib's default boundary is random
    return msg


def write_mbox(path: Path, mails: tuple[Mail, ...]) -> None:
    """An mbox whose "From " separator lines carry each message's own sender and date."""
    path.unlink(missing_ok=True)
    bodies = plain_bodies(mails)
    by_key = {m.key: m for m in mails}
    box = mailbox.mbox(str(path), create=True)
    box.lock()
    try:
        for m in mails:
            when = parsedate_to_datetime(m.date).astimezone(UTC).strftime("%a %b %d %H:%M:%S %Y")
            # given bytes that start with "From ", mailbox keeps that line instead of "now"
            sep = f"From {parseaddr(m.sender)[1]} {when}\n".encode()
            parent = by_key.get(m.reply_to or "")
            box.add(sep + build_message(m, bodies[m.key], parent).as_bytes())
        box.flush()
    finally:
        box.unlock()
        box.close()


def eml_bytes(m: Mail) -> bytes:
    msg = build_message(m, plain_bodies((m,))[m.key])
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n" if m.crlf else "\n"))
