"""ingest.parsers.pdf over every file of the shared PDF corpus: Documents, FileFailed or
FileSkipped as upstream's observations say, and never a hang.
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
from kb.errors import FileFailed, FileProblem, FileSkipped
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


@pytest.mark.parametrize("row", corpus_rows(), ids=lambda r: r["file"])
def test_corpus_file(row: dict[str, str], pdf_dir: Path) -> None:
    result, _ = parse_with_guard(pdf_dir / row["file"])
    if isinstance(result, FileProblem) and result.reason == AES_MISSING:
        pytest.skip("AES-encrypted: needs the 'cryptography' package (pypdf[crypto])")
    chars = observed_chars(row)
    if needs_password(row):
        assert isinstance(result, FileFailed) and result.reason == ENCRYPTED
    elif re.match(r"\w*Error:", row["observed_pypdf_7.1"]):  # pypdf cannot open it at all
        assert isinstance(result, FileProblem), result
        assert result.reason.startswith("damaged PDF: ") or result.reason == "empty file"
    elif chars == 0:
        assert isinstance(result, FileSkipped) and result.reason == NO_TEXT
    else:
        assert chars is not None
        if isinstance(result, FileSkipped):  # a few characters of whitespace only
            assert chars < 10 and result.reason == NO_TEXT
            return
        assert isinstance(result, list) and len(result) == 1, result
        doc = result[0]
        assert doc.kind == "pdf" and doc.title and "\x00" not in doc.text
        numbers = [page for _, page in doc.pages]
        assert numbers == sorted(set(numbers)) and numbers[0] >= 1
        if row["pages_pypdf"]:
            assert numbers[-1] <= int(row["pages_pypdf"])
        if chars >= 100:  # normalising only removes whitespace and soft hyphens
            assert len(doc.text) >= 0.7 * chars
        data = (pdf_dir / row["file"]).read_bytes()
        assert segment_texts(doc) == extract_pages(data, name=row["file"])


def test_corpus_matches_expected_text(pdf_dir: Path) -> None:
    expected = (pdf_dir / "pypdf__crazyones.expected.txt").read_text(encoding="utf-8")
    [doc] = parse_pdf(pdf_dir / "pypdf__crazyones.pdf")
    # the reference keeps ligatures (U+FB01 "fi"); kb spells them out
    assert doc.text == unicodedata.normalize("NFKC", expected).strip()
    # linn is an image-only scan: its expected text needs OCR, which kb does not do
    with pytest.raises(FileSkipped):
        parse_pdf(pdf_dir / "ocrmypdf__linn.pdf")


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
