"""PDF pages read from their images: rendered by pdfium at 200 dpi, recognised by OCR.

Only the pages the PDF parser hands over are rendered: those without a usable text layer. A page
that renders blank (its darkest pixel nearly white) has nothing to read and costs no OCR. A page
OCR cannot read (over its time budget, an engine error) is kept with the reason, so the file's
record says which page is missing rather than the page silently going.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.parsers import ReadOptions
from ingest.parsers.ocr import Reading, Unreadable, recogniser

log = logging.getLogger(__name__)

DPI = 200  # 300 dpi read no better with Tesseract and cost 20–50 % more time (measured)
MAX_PIXELS = 60_000_000  # a poster-sized page is rendered smaller rather than exhaust memory
BLANK_ABOVE = 235  # darkest pixel lighter than this: a blank page (scanner noise is lighter)


@dataclass
class Scanned:
    """What OCR made of the pages it was given."""

    engine: str = ""
    read: dict[int, Reading] = field(default_factory=dict)  # page -> its reading (may be "")
    unread: dict[int, str] = field(default_factory=dict)  # page -> why it could not be read


def _render(page: Any) -> Any:
    width, height = page.get_size()  # in points, 1/72 inch
    scale = DPI / 72
    pixels = width * height * scale * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


def is_blank(image: Any) -> bool:
    darkest, _ = image.convert("L").getextrema()
    return bool(darkest > BLANK_ABOVE)


def read_images(
    data: bytes, numbers: Sequence[int], options: ReadOptions, *, password: str = ""
) -> Scanned:
    """Render and recognise these pages (1-based) of the PDF in ``data``."""
    out = Scanned()
    if not numbers:
        return out
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data, password=password or None)
    except Exception as exc:  # pdfium refuses what pypdf opened: say so for every page
        why = f"cannot render the page ({type(exc).__name__})"
        out.unread = dict.fromkeys(numbers, why)
        return out
    try:
        engine = recogniser(options.ocr_lang, options.ocr_page_s)
        out.engine = engine.name
    except Unreadable as exc:
        out.unread = dict.fromkeys(numbers, str(exc))
        pdf.close()
        return out
    try:
        for done, number in enumerate(numbers):
            options.page_done(done, len(numbers))
            try:
                image = _render(pdf[number - 1])
                if not is_blank(image):
                    out.read[number] = engine.read(image)
            except Unreadable as exc:
                out.unread[number] = str(exc)
            except Exception as exc:  # one page's trouble must not cost the others
                log.debug("page %d: OCR failed", number, exc_info=True)
                out.unread[number] = f"OCR failed ({type(exc).__name__})"
        options.page_done(len(numbers), len(numbers))
    finally:
        pdf.close()
    return out
