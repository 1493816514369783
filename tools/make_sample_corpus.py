"""Generate the binary parts of sample_corpus/: contract PDFs, mail/inbox.mbox and mail/eml/.

Run ``.venv/bin/python tools/make_sample_corpus.py [--out DIR]``. The journal notes are written
by hand; everything this script writes is byte-for-byte reproducible: fixed dates, fixed
Message-IDs and MIME boundaries, PDF metadata set explicitly, no timestamps, no randomness.
PDFs are drawn with pypdf alone (standard Type 1 fonts and text operators), so no other PDF
library is needed. The texts live in ``sample_corpus_contracts.py`` and ``sample_corpus_mail.py``.
"""

from __future__ import annotations

import argparse
import mailbox
import sys
import textwrap
from datetime import UTC
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from io import BytesIO
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_corpus_contracts as contracts  # noqa: E402
import sample_corpus_mail as mail  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PAGE_W, PAGE_H = 612, 792  # US Letter, in points
LEFT, TOP, BOTTOM = 64, 736, 72
PDF_WRAP = 92  # characters per body line; Helvetica 10 pt averages ~5 pt a character
MAIL_WRAP = 72  # what mail clients send
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Courier"}
STYLES = {  # style -> (font, size, leading, space before)
    "title": ("F2", 14.0, 22.0, 0.0),
    "heading": ("F2", 10.5, 15.0, 8.0),
    "body": ("F1", 10.0, 13.0, 0.0),
    "verbatim": ("F3", 8.5, 11.0, 0.0),
    "gap": ("F1", 10.0, 6.0, 0.0),
}


def page_lines(page: str) -> list[tuple[str, str]]:
    """(style, text) lines of one marked-up page (see sample_corpus_contracts for the markup)."""
    lines: list[tuple[str, str]] = []
    for block in page.strip("\n").split("\n\n"):
        if lines:
            lines.append(("gap", ""))
        rows = block.split("\n")
        if all(r.startswith(">") for r in rows):
            lines += [("verbatim", r[2:]) for r in rows]
        elif block.startswith("# "):
            lines.append(("title", block[2:]))
        elif block.startswith("## "):
            lines.append(("heading", block[3:]))
        else:
            wrapped = textwrap.wrap(" ".join(rows), PDF_WRAP, break_on_hyphens=False)
            lines += [("body", t) for t in wrapped]
    return lines


def _pdf_string(text: str) -> bytes:
    # WinAnsiEncoding is cp1252 for every character the corpus uses
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _show(font: str, size: float, y: float, text: str) -> bytes:
    return f"/{font} {size} Tf 1 0 0 1 {LEFT} {y:.1f} Tm ".encode() + _pdf_string(text) + b" Tj"


def page_content(page: str, footer: str) -> bytes:
    """The content stream of one page; raises ValueError if the text does not fit."""
    ops = [b"BT"]
    y = float(TOP)
    for style, text in page_lines(page):
        font, size, leading, before = STYLES[style]
        y -= before
        if y < BOTTOM:
            raise ValueError(f"page overflows: {footer}")
        if text:
            ops.append(_show(font, size, y, text))
        y -= leading
    ops += [_show("F1", 8, 40, footer), b"ET"]
    return b"\n".join(ops) + b"\n"


def render_pdf(doc: contracts.PdfDoc) -> bytes:
    """A text PDF of ``doc``: one page per marked-up page, with a 'page n of m' footer."""
    writer = PdfWriter()
    fonts = DictionaryObject()
    for key, base in FONTS.items():
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/" + base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        fonts[NameObject("/" + key)] = writer._add_object(font)  # pypdf has no public adder
    for n, text in enumerate(doc.pages, start=1):
        page = writer.add_blank_page(PAGE_W, PAGE_H)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(page_content(text, f"{doc.title} - page {n} of {len(doc.pages)}"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page.compress_content_streams()
    writer.add_metadata(
        {
            "/Title": doc.title,
            "/Author": "kb sample corpus (invented)",
            "/Creator": "tools/make_sample_corpus.py",
            "/Producer": "pypdf",
            "/CreationDate": doc.created,
            "/ModDate": doc.created,
        }
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


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


def plain_bodies(mails: tuple[mail.Mail, ...]) -> dict[str, str]:
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


def message_id(m: mail.Mail) -> str:
    return f"<{m.key}@{parseaddr(m.sender)[1].split('@')[1]}>"


def build_message(m: mail.Mail, body: str, parent: mail.Mail | None = None) -> EmailMessage:
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
            data = render_pdf(contracts.ATTACHMENT_PDFS[att.source])
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=att.filename)
        else:
            msg.add_attachment(att.source, filename=att.filename)
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_kb_{m.key}_{i}")  # the stdlib's default boundary is random
    return msg


def write_mbox(path: Path, mails: tuple[mail.Mail, ...]) -> None:
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


def eml_bytes(m: mail.Mail) -> bytes:
    msg = build_message(m, plain_bodies((m,))[m.key])
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n" if m.crlf else "\n"))


def build(out: Path) -> list[Path]:
    """Write every generated file under ``out`` (a sample_corpus folder); return their paths."""
    written: list[Path] = []
    (out / "contracts").mkdir(parents=True, exist_ok=True)
    (out / "mail" / "eml").mkdir(parents=True, exist_ok=True)
    for filename, doc in contracts.CONTRACTS.items():
        path = out / "contracts" / filename
        path.write_bytes(render_pdf(doc))
        written.append(path)
    mbox_path = out / "mail" / "inbox.mbox"
    write_mbox(mbox_path, mail.MAILBOX)
    written.append(mbox_path)
    for filename, m in mail.EML_FILES.items():
        path = out / "mail" / "eml" / filename
        path.write_bytes(eml_bytes(m))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate sample_corpus PDFs and mail.")
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "sample_corpus",
        help="target folder (default: the repository's sample_corpus/)",
    )
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
