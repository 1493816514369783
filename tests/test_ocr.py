"""OCR of scanned PDF pages with the real Tesseract: only pages without a usable text layer are
read from their image, each within its budget, and what OCR did is on the Document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.isolation import ParseWorker
from ingest.parsers import ReadOptions
from ingest.parsers.ocr import Recogniser, Unreadable, tessdata_dir
from ingest.parsers.pdf import NO_TEXT, parse_pdf
from ingest.parsers.text_layer import EMPTY, GARBAGE, OK, SHORT, verdict
from kb.errors import ConfigError, FileFailed, FileSkipped
from kb.settings import Settings
from tests.pdf_builder import make_pdf
from tests.scan_builder import scan_page, scan_pdf

LEASE = [
    "# STORAGE UNIT RENTAL AGREEMENT",
    "Unit B-114 at Harbour Self Storage, Leeds.",
    "The monthly rent is GBP 86.50, due on the first day.",
]
PAYMENT = ["# 2. Payment", "Notice period: fourteen days in writing.", "Deposit: GBP 120.00."]


def write(tmp_path: Path, data: bytes, name: str = "scan.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", EMPTY),
        ("  \n ", EMPTY),
        ('"7+%-', GARBAGE),  # truetype font without a text mapping (corpus)
        ("/g437/g258/g437/g258", GARBAGE),  # type3 glyph names
        ("3HQČåQt\x03SURVWĜHGN\\\x03QD\x03~þWHFK", GARBAGE),  # non-unicode cmap
        ("ΘaΣ কbΔ ΛcΩ ΞdΨ", GARBAGE),  # scripts mixed inside every "word" (a CJK font's soup)
        ("Καλημέρα κόσμε, τι κάνεις σήμερα;", OK),  # one script per word is writing
        ("Secret!", SHORT),
        ("The tenant gives three months' notice in writing.", OK),
        ("1 Introduction .......... 3\n2 Terms ............ 7\n3 Payment ........ 12", OK),
        ("Let ∑ x_i ≤ ∫ f(x) dx for every partition of the interval", OK),
        ("Der Mieter zahlt die Miete monatlich im Voraus.", OK),
    ],
)
def test_text_layer_verdict(text: str, expected: str) -> None:
    assert verdict(text) == expected


def test_a_scan_is_read_page_by_page_with_its_confidence(tmp_path: Path) -> None:
    [doc] = parse_pdf(write(tmp_path, scan_pdf([LEASE, PAYMENT])))
    assert [page for _, page in doc.pages] == [1, 2]
    pages = {page: doc.text[s:e] for s, e, page in doc.segments()}
    assert "B-114" in pages[1] and "86.50" in pages[1] and "120.00" in pages[2]
    assert doc.ocr is not None and doc.ocr.engine.startswith("tesseract ")
    assert [p for p, _ in doc.ocr.pages] == [1, 2] and doc.ocr.unread == ()
    assert all(0.7 < c <= 1 for _, c in doc.ocr.pages) and doc.ocr.low == ()


def test_only_pages_without_a_text_layer_are_recognised(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (make_pdf(["Cover letter: the signed lease is attached."]), scan_pdf([LEASE])):
        writer.append(PdfReader(write(tmp_path, data, "part.pdf")))
    path = tmp_path / "mixed.pdf"
    writer.write(path)
    [doc] = parse_pdf(path)
    assert doc.text.startswith("Cover letter: the signed lease is attached.\n\n")
    assert doc.ocr is not None and [p for p, _ in doc.ocr.pages] == [2]
    assert "B-114" in doc.text


def test_an_upside_down_page_is_turned_and_read(tmp_path: Path) -> None:
    engine = Recogniser("eng")
    upright = engine.read(scan_page(LEASE, angle=0.5))
    flipped = engine.read(scan_page(LEASE, angle=0.5).rotate(180))
    assert flipped.turned == 180 and "B-114" in flipped.text
    assert abs(flipped.confidence - upright.confidence) < 0.1


def test_a_page_over_its_budget_stays_a_reported_problem(tmp_path: Path) -> None:
    tight = ReadOptions(ocr_page_s=0.001)
    with pytest.raises(FileFailed, match=r"^could not read the scanned pages \(1\): OCR gave up"):
        parse_pdf(write(tmp_path, scan_pdf([LEASE])), tight)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()  # a text page beside it is still indexed, the scan's loss recorded
    for data in (make_pdf(["Cover letter for unit B-114."]), scan_pdf([LEASE])):
        writer.append(PdfReader(write(tmp_path, data, "part.pdf")))
    writer.write(tmp_path / "mixed.pdf")
    [doc] = parse_pdf(tmp_path / "mixed.pdf", tight)
    assert doc.text == "Cover letter for unit B-114."
    assert doc.ocr is not None and doc.ocr.pages == ()
    assert [p for p, _ in doc.ocr.unread] == [2] and "gave up" in doc.ocr.unread[0][1]
    assert "unreadable: p. 2 (OCR gave up" in doc.ocr.summary()


def test_blank_scans_are_skipped_without_ocr(tmp_path: Path) -> None:
    pages: list[dict[str, int]] = []
    blank = scan_pdf([[], []], noise=0.0)
    with pytest.raises(FileSkipped, match=re.escape(NO_TEXT)):
        parse_pdf(write(tmp_path, blank), ReadOptions(on_page=lambda d, n: pages.append({d: n})))
    assert pages == [{0: 2}, {1: 2}, {2: 2}]  # both rendered, neither worth reading


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    parse_pdf(
        write(tmp_path, scan_pdf([LEASE, PAYMENT, LEASE])),
        ReadOptions(on_page=lambda d, n: seen.append((d, n))),
    )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_missing_language_data_is_a_readable_reason(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="'klingon' is not installed"):
        tessdata_dir(["klingon"])
    with pytest.raises(FileFailed, match="OCR language data 'eng', 'klingon' is not installed"):
        parse_pdf(write(tmp_path, scan_pdf([LEASE])), ReadOptions(ocr_lang="eng+klingon"))


def test_more_languages_are_a_setting(tmp_path: Path) -> None:
    assert Settings.from_env({}).ocr_lang == "eng"
    assert Settings.from_env({"KB_OCR_LANG": "eng+deu"}).ocr_lang == "eng+deu"
    with pytest.raises(ConfigError, match="KB_OCR_LANG"):
        Settings.from_env({"KB_OCR_LANG": "eng, deu"})
    german = ["# Mietvertrag", "Die Kündigungsfrist beträgt drei Monate.", "Schlüssel: zwei Stück."]
    path = write(tmp_path, scan_pdf([german]))
    [english] = parse_pdf(path)
    [both] = parse_pdf(path, ReadOptions(ocr_lang="eng+deu"))
    assert "Kündigungsfrist beträgt" not in english.text  # eng alone misreads the umlauts
    assert "Kündigungsfrist beträgt" in both.text and "Schlüssel" in both.text
    assert both.ocr is not None and both.ocr.engine.endswith("(eng+deu)")


@pytest.mark.slow  # two worker processes
def test_the_parser_worker_reports_pages_and_answers(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    scan = write(tmp_path, scan_pdf([LEASE, PAYMENT]))
    with ParseWorker(timeout_s=30) as worker:  # the reply must not wait behind the progress
        [doc] = worker.parse(scan, lambda d, n: seen.append((d, n)))
        assert seen == [(0, 2), (1, 2), (2, 2)] and doc.ocr is not None
        assert worker.parse(write(tmp_path, make_pdf(["after the scan"]), "t.pdf"))[0].ocr is None
    tight = ReadOptions(ocr_page_s=0.001)
    with ParseWorker(30, tight) as worker, pytest.raises(FileFailed, match="could not read"):
        worker.parse(scan)
