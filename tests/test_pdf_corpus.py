"""ingest.parsers.pdf over every file of the shared PDF corpus: Documents (OCR'd where there is
no usable text layer), FileFailed, FileLocked or FileSkipped as upstream's observations say, and
never a hang.
"""

from __future__ import annotations

import csv
import json
import re
import signal
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.parsers.pdf import ENCRYPTED, NO_TEXT, extract_pages, parse_pdf
from kb.errors import FileLocked, FileProblem, FileSkipped
from tests.conftest import CORPORA, corpus
from tests.test_pdf import segment_texts

pytestmark = pytest.mark.slow  # sweeps the shared third-party corpus

AES_MISSING = "encrypted with AES — kb needs the 'cryptography' package to open it"


class Hang(BaseException):
    """Not an Exception, so the parser's own ``except Exception`` cannot swallow it."""


def corpus_rows() -> list[dict[str, str]]:
    tsv = CORPORA / "pdfs" / "pdfs.tsv"
    if not tsv.exists():
        return []
    with tsv.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def parse_with_guard(path: Path, seconds: int = 60):
    """(documents or the FileProblem, elapsed seconds); a hang fails the test instead."""

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"{path.name} took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    start = time.perf_counter()
    try:
        return parse_pdf(path), time.perf_counter() - start
    except FileProblem as exc:
        return exc, time.perf_counter() - start
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def needs_password(row: dict[str, str]) -> bool:
    return "decrypt('')=0" in row["observed_pypdf_7.1"]


def observed_chars(row: dict[str, str]) -> int | None:
    m = re.search(r"text_chars=(\d+)", row["observed_pypdf_7.1"])
    return int(m.group(1)) if m else None


@pytest.fixture(scope="module")
def pdf_dir() -> Iterator[Path]:
    yield corpus("pdfs")


# fonts without a text mapping: their symbol soup is dropped and the page read by OCR (the two
# Japanese ones render blank unless a CJK font is installed: then nothing is left to index)
BROKEN_ENCODINGS = {
    "ocrmypdf__truetype_font_nomapping.pdf",
    "ocrmypdf__type3_font_nomapping.pdf",
    "pdfminer__issue-791-non-unicode-cmap.pdf",
    "pdfminer__jo.pdf",
    "pdfminer__kampo.pdf",
}


@pytest.mark.parametrize("row", corpus_rows(), ids=lambda r: r["file"])
def test_corpus_file(row: dict[str, str], pdf_dir: Path) -> None:
    result, _ = parse_with_guard(pdf_dir / row["file"])
    if isinstance(result, FileProblem) and result.reason == AES_MISSING:
        pytest.skip("AES-encrypted: needs the 'cryptography' package (pypdf[crypto])")
    chars = observed_chars(row)
    if needs_password(row):
        assert isinstance(result, FileLocked) and result.reason == ENCRYPTED
    elif re.match(r"\w*Error:", row["observed_pypdf_7.1"]):  # pypdf cannot open it at all
        assert isinstance(result, FileProblem), result
        assert result.reason.startswith("damaged PDF: ") or result.reason == "empty file"
    elif isinstance(result, FileSkipped):  # blank pages, or only soup where OCR saw nothing
        assert result.reason == NO_TEXT
        assert not chars or chars < 10 or row["file"] in BROKEN_ENCODINGS, chars
    else:
        assert isinstance(result, list) and len(result) == 1, result
        doc = result[0]
        assert doc.kind == "pdf" and doc.title and "\x00" not in doc.text
        numbers = [page for _, page in doc.pages]
        assert numbers == sorted(set(numbers)) and numbers[0] >= 1
        if row["pages_pypdf"]:
            assert numbers[-1] <= int(row["pages_pypdf"])
        recognised = {page for page, _ in doc.ocr.pages} if doc.ocr else set()
        assert chars or recognised  # no text layer: every page it has was read by OCR
        if chars and chars >= 100 and row["file"] not in BROKEN_ENCODINGS:
            assert len(doc.text) >= 0.7 * chars  # normalising removes whitespace, soft hyphens
        data = (pdf_dir / row["file"]).read_bytes()
        layer = [(p, t) for p, t in segment_texts(doc) if p not in recognised]
        if layer:  # the pages OCR did not read are the text layer's, word for word
            read = extract_pages(data, name=row["file"])
            assert layer == [(p, t) for p, t in read if p not in recognised]


def test_corpus_matches_expected_text(pdf_dir: Path) -> None:
    expected = (pdf_dir / "pypdf__crazyones.expected.txt").read_text(encoding="utf-8")
    [doc] = parse_pdf(pdf_dir / "pypdf__crazyones.pdf")
    # the reference keeps ligatures (U+FB01 "fi"); kb spells them out
    assert doc.text == unicodedata.normalize("NFKC", expected).strip()
    # linn is an image-only scan: its text comes from OCR (the reference is Tesseract's too)
    [doc] = parse_pdf(pdf_dir / "ocrmypdf__linn.pdf")
    words = re.findall(r"\w+", (pdf_dir / "ocrmypdf__linn.expected.txt").read_text().lower())
    found = set(re.findall(r"\w+", doc.text.lower()))
    assert sum(w in found for w in words) / len(words) >= 0.95
    assert doc.ocr is not None and doc.ocr.pages[0][0] == 1 and doc.ocr.pages[0][1] > 0.9


def test_corpus_dates_and_page_counts_match_upstream_metadata(pdf_dir: Path) -> None:
    entries = json.loads((pdf_dir / "samplefiles__files.json").read_text())["data"]
    checked = 0
    for entry in entries:
        path = pdf_dir / f"samplefiles__{Path(entry['path']).name}"
        if not path.exists():
            continue
        [doc] = parse_pdf(path)
        created = entry["creation_date"]
        assert doc.date == (created[:10] if created else None), path.name
        assert len(doc.pages) == entry["pages"], path.name
        checked += 1
    assert checked >= 5
