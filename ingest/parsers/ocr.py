"""Text from page images: Tesseract through tesserocr, the engine chosen by measurement.

On 2 cores Tesseract read a dense scanned page in ~1.3 s and a clean 200-dpi one in ~0.5 s, with
a character error rate of 0.3 % on generated contract scans, in 160–200 MB; RapidOCR read
somewhat better on real scans but 6× slower in 1 GB, and OnnxTR downloads its models at run time
(README § Scanned documents, `bench/ocr.py`).

A ``Recogniser`` holds one Tesseract instance per process and reuses it for every page. Each
page is recognised within a time budget (Tesseract's own deadline). When the mean word
confidence is low (< 0.6: an upside-down page scores ~0.36, an upright one > 0.9), orientation
detection runs and a rotated page is read again upright; the better reading is kept.

Language data comes from ``<venv>/share/tessdata``, installed at set-up from pinned wheels
(tools/tessdata.txt); ``TESSDATA_PREFIX`` or Debian's tesseract-ocr-* folders serve too.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OSD_BELOW = 0.6  # mean confidence under which orientation detection is worth its ~0.5 s
_LANG = re.compile(r"^[A-Za-z_]+(?:\+[A-Za-z_]+)*$")
_SYSTEM_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")


class Unreadable(Exception):
    """OCR could not read this page (or cannot run at all); ``str()`` says why."""


@dataclass(frozen=True)
class Reading:
    text: str
    confidence: float  # the engine's mean word confidence, 0..1 (0 when it found no word)
    turned: int = 0  # degrees the page image was turned before this reading


def tessdata_dir(langs: list[str]) -> Path:
    """The first folder that holds every language asked for."""
    places = [os.environ.get("TESSDATA_PREFIX", ""), str(Path(sys.prefix) / "share" / "tessdata")]
    for place in [*places, *_SYSTEM_TESSDATA]:
        if place and all((Path(place) / f"{lang}.traineddata").is_file() for lang in langs):
            return Path(place)
    names = ", ".join(f"'{lang}'" for lang in langs)
    raise Unreadable(
        f"OCR language data {names} is not installed (`make venv` installs eng and deu; "
        "see README § Scanned documents for others)"
    )


def languages(lang: str) -> list[str]:
    """``"eng+deu"`` -> ["eng", "deu"]; a malformed setting reads as nothing installed."""
    if not _LANG.match(lang):
        raise Unreadable(f"KB_OCR_LANG={lang!r} is not a list of languages such as 'eng+deu'")
    return lang.split("+")


def engine_name(lang: str) -> str:
    import tesserocr

    version = tesserocr.tesseract_version().split()[1]
    return f"tesseract {version} ({lang})"


class Recogniser:
    """One Tesseract instance for a language set; ``read`` one page image at a time."""

    def __init__(self, lang: str = "eng", budget_s: float = 20.0):
        try:
            import tesserocr
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise Unreadable("OCR needs the 'tesserocr' package (make venv installs it)") from exc
        self._t = tesserocr
        self.lang = lang
        self.budget_s = budget_s
        langs = languages(lang)
        self._path = str(tessdata_dir(langs))
        self._api = tesserocr.PyTessBaseAPI(path=self._path, lang=lang, psm=tesserocr.PSM.AUTO)
        self._osd: Any = None
        self.name = engine_name(lang)

    def read(self, image: Any) -> Reading:
        """The text of a page image (PIL), its mean confidence; raises Unreadable."""
        first = self._recognise(image)
        if first.confidence >= OSD_BELOW:
            return first
        turned = self._orientation(image)
        if not turned:
            return first
        again = self._recognise(image.rotate(turned, expand=True), turned)
        return again if again.confidence > first.confidence else first

    def _recognise(self, image: Any, turned: int = 0) -> Reading:
        api = self._api
        api.SetImage(image)
        if not api.Recognize(timeout=max(1, int(self.budget_s * 1000))):
            api.Clear()
            raise Unreadable(f"OCR gave up on it after {self.budget_s:g} s")
        text = api.GetUTF8Text()
        scores = [c for c in api.AllWordConfidences() if c >= 0]
        api.Clear()
        confidence = sum(scores) / len(scores) / 100 if scores else 0.0
        return Reading(text, round(confidence, 3), turned)

    def _orientation(self, image: Any) -> int:
        """Degrees to turn the image (counter-clockwise) to stand it upright; 0 if unsure."""
        t = self._t
        try:
            if self._osd is None:
                path = str(tessdata_dir(["osd"]))
                self._osd = t.PyTessBaseAPI(path=path, lang="osd", psm=t.PSM.OSD_ONLY)
            self._osd.SetImage(image)
            found = self._osd.DetectOrientationScript()
        except Exception:  # no osd data, or too little text to tell: keep the first reading
            return 0
        finally:
            if self._osd is not None:
                self._osd.Clear()
        if not found or found.get("orient_conf", 0) < 1.0:
            return 0
        return int(found.get("orient_deg", 0)) % 360

    def close(self) -> None:
        for api in (self._api, self._osd):
            if api is not None:
                api.End()


_SHARED: dict[str, Recogniser] = {}


def recogniser(lang: str, budget_s: float) -> Recogniser:
    """The process's Recogniser for this language set (created once: ~0.3 s, ~100 MB)."""
    if lang not in _SHARED:
        for old in _SHARED.values():
            old.close()
        _SHARED.clear()
        _SHARED[lang] = Recogniser(lang, budget_s)
    shared = _SHARED[lang]
    shared.budget_s = budget_s
    return shared
