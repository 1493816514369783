"""Drawing a sample-corpus PDF with pypdf alone: standard Type 1 fonts and text operators, a
'page n of m' footer, metadata set explicitly so the bytes never change.
"""

from __future__ import annotations

import textwrap
from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from .records import PdfDoc

PAGE_W, PAGE_H = 612, 792  # US Letter, in points
LEFT, TOP, BOTTOM = 64, 736, 72
PDF_WRAP = 92  # characters per body line; Helvetica 10 pt averages ~5 pt a character
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Courier"}
STYLES = {  # style -> (font, size, leading, space before)
    "title": ("F2", 14.0, 22.0, 0.0),
    "heading": ("F2", 10.5, 15.0, 8.0),
    "body": ("F1", 10.0, 13.0, 0.0),
    "verbatim": ("F3", 8.5, 11.0, 0.0),
    "gap": ("F1", 10.0, 6.0, 0.0),
}


def page_lines(page: str) -> list[tuple[str, str]]:
    """(style, text) lines of one marked-up page (see the markup in sample_corpus.pdfs)."""
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


def render_pdf(doc: PdfDoc) -> bytes:
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
