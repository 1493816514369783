"""Image-only PDFs that look scanned, made with PIL alone: text drawn at 200 dpi, the page turned
a little, speckled with noise, saved as JPEG pages with no text layer (for OCR tests)."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 200
A4 = (int(8.27 * DPI), int(11.69 * DPI))


def scan_page(
    lines: Sequence[str], *, angle: float = 0.8, noise: float = 0.02, seed: int = 1, size: int = 34
) -> Image.Image:
    """One A4 page at 200 dpi: the lines in a ~12 pt sans-serif, a heading per "# " line."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    body = ImageFont.load_default(size=size)
    heading = ImageFont.load_default(size=int(size * 1.3))
    y = int(0.9 * DPI)
    for line in lines:
        font = heading if line.startswith("# ") else body
        _line(draw, (int(0.9 * DPI), y), line.removeprefix("# "), font)
        y += int(font.size * 1.6)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    rng = random.Random(seed)
    pixels = page.load()
    assert pixels is not None
    width, height = page.size
    for _ in range(int(width * height * noise / 40)):  # specks, as dust on the glass
        x, y = rng.randrange(width - 3), rng.randrange(height - 3)
        for dx in range(rng.randint(1, 3)):
            pixels[x + dx, y] = rng.randint(0, 120)
    return page


UMLAUTS = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}


def _line(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: Any) -> None:
    """Draw a line; PIL's built-in font has no umlauts, so those get their two dots drawn."""
    x, y = xy
    for ch in text:
        base = UMLAUTS.get(ch, ch)
        draw.text((x, y), base, fill=0, font=font)
        if ch in UMLAUTS:
            left, top, right, _ = draw.textbbox((x, y), base, font=font)
            r, mid, lift = max(2, font.size // 14), (left + right) / 2, top - font.size // 6
            for cx in (mid - font.size / 7, mid + font.size / 7):
                draw.ellipse((cx - r, lift - r, cx + r, lift + r), fill=0)
        x += font.getlength(base)


def scan_pdf(pages: Sequence[Sequence[str] | Image.Image], **kw: float) -> bytes:
    """An image-only PDF, one scanned page per entry (lines of text, or a ready image)."""
    images = [
        p if isinstance(p, Image.Image) else scan_page(p, seed=i + 1, **kw)  # type: ignore[arg-type]
        for i, p in enumerate(pages)
    ]
    jpegs = []
    for image in images:  # JPEG-compressed like a scanner's output, then wrapped as PDF pages
        buf = io.BytesIO()
        image.convert("L").save(buf, "JPEG", quality=75)
        jpegs.append(Image.open(io.BytesIO(buf.getvalue())))
    out = io.BytesIO()
    jpegs[0].save(out, "PDF", save_all=True, append_images=jpegs[1:], resolution=DPI)
    return out.getvalue()
