"""ingest.parsers.pdf on generated PDFs: the contract (the shared corpus: test_pdf_corpus.py)."""

from __future__ import annotations

import random
import re
from pathlib import Path, PosixPath

import pytest

from ingest.parsers.metadata import meaningful_title, pdf_date
from ingest.parsers.pdf import (
    ENCRYPTED,
    NO_TEXT_LAYER,
    document_from_pages,
    extract_pages,
    parse_pdf,
)
from ingest.parsers.text_layer import normalize_text
from kb.errors import FileFailed, FileProblem, FileSkipped
from tests.pdf_builder import BROKEN_OPS, make_pdf


def segment_texts(doc) -> list[tuple[int | None, str]]:
    return [(page, doc.text[start:end]) for start, end, page in doc.segments()]


def test_multi_page_document(tmp_path: Path) -> None:
    data = make_pdf(
        ["Notice period\nis three months.", None, "Page (three) text"],
        meta={"/Title": "Lease Agreement", "/CreationDate": "D:20240102030405+01'00'"},
    )
    path = tmp_path / "lease.pdf"
    path.write_bytes(data)
    [doc] = parse_pdf(path)
    assert (doc.kind, doc.title, doc.date, doc.part) == ("pdf", "Lease Agreement", "2024-01-02", "")
    assert doc.source == str(path.resolve())
    assert doc.text == "Notice period\nis three months.\n\nPage (three) text"
    assert doc.pages == ((0, 1), (len("Notice period\nis three months.\n\n"), 3))
    assert segment_texts(doc) == [(page, text) for page, text in extract_pages(data, name="x")]
    assert doc.with_segments([t for _, t in segment_texts(doc)]) == doc


def test_title_falls_back_to_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "scan_2024.pdf"
    path.write_bytes(make_pdf(["hello"], meta={"/Title": "Microsoft Word - lease.docx"}))
    [doc] = parse_pdf(path)
    assert doc.title == "scan_2024" and doc.date is None


def test_hyphenation_fixed_in_real_extraction() -> None:
    pages = extract_pages(make_pdf(["the con-\ntract of Jean-\nPaul   is   signed"]), name="h")
    assert pages == [(1, "the contract of Jean-Paul is signed")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("con-\ntract", "contract"),
        ("soft\u00adhy\u00ad\nphen", "softhyphen"),
        ("Jean-\nPaul", "Jean-Paul"),
        ("2019-\n2020", "2019-\n2020"),
        ("a  \t b\u00a0\u00a0c  \n  d", "a b c\nd"),
        ("para one\n\n\n\n \npara two", "para one\n\npara two"),
        ("nul\x00 byte\x03 and \ufb01 ligature\fnext", "nul byte and fi ligature\nnext"),
        ("  \n\n ", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_a_broken_page_is_skipped_the_others_kept() -> None:
    pages = extract_pages(make_pdf(["first", BROKEN_OPS, "third"]), name="b")
    assert pages == [(1, "first"), (3, "third")]


def test_all_pages_broken_is_a_failure() -> None:
    with pytest.raises(FileFailed, match=r"^damaged PDF: no page could be read"):
        extract_pages(make_pdf([BROKEN_OPS, BROKEN_OPS]), name="b")


def test_no_text_is_skipped() -> None:
    with pytest.raises(FileSkipped, match=re.escape(NO_TEXT_LAYER)):
        extract_pages(make_pdf([None, None]), name="blank")


def test_password_protected_fails_and_empty_password_opens() -> None:
    with pytest.raises(FileFailed) as info:
        extract_pages(make_pdf(["secret"], password="hunter2"), name="p")
    assert info.value.reason == ENCRYPTED
    assert extract_pages(make_pdf(["open"], password=""), name="e") == [(1, "open")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"GIF89a not a pdf at all", "not a PDF file (no %PDF header)"),
        (b"%PDF-1.4\n%%EOF\n", "damaged PDF: startxref not found"),
    ],
)
def test_junk_input(data: bytes, reason: str) -> None:
    with pytest.raises(FileProblem) as info:
        extract_pages(data, name="junk.pdf")
    assert info.value.reason == reason


def test_truncations_and_corruptions_never_escape_as_other_errors() -> None:
    """Every prefix and random byte damage ends as pages or a FileProblem, nothing else."""
    data = make_pdf(["alpha page", "beta page", "gamma page"], meta={"/Title": "T"})
    rng = random.Random(7)
    samples = [data[:n] for n in range(0, len(data), max(1, len(data) // 60))]
    for _ in range(150):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
    outcomes = {"pages": 0, "problem": 0}
    for sample in samples:
        try:
            pages = extract_pages(sample, name="fuzz.pdf")
        except FileProblem as exc:
            assert exc.reason
            outcomes["problem"] += 1
        else:
            assert pages and all(t == t.strip() and "\x00" not in t for _, t in pages)
            outcomes["pages"] += 1
    assert outcomes["pages"] and outcomes["problem"]  # both paths were exercised


def test_document_from_pages_for_attachments() -> None:
    doc = document_from_pages(
        [(2, "  two\n"), (3, ""), (5, "five")],
        source="/m.eml",
        title="a.pdf",
        kind="attachment",
        part="msg:1/att:1",
        subject="Flight",
        parent="msg:1",
    )
    assert doc.text == "two\n\nfive" and doc.pages == ((0, 2), (5, 5))
    assert (doc.subject, doc.parent, doc.part) == ("Flight", "msg:1", "msg:1/att:1")
    assert segment_texts(doc) == [(2, "two"), (5, "five")]
    with pytest.raises(ValueError):
        document_from_pages([(1, " ")], source="/x", title="x", kind="pdf")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lease", "Lease"),
        ("untitled", None),
        ("Untitled-3", None),
        ("scan0001.pdf", None),
        ("", None),
        ("   ", None),
        ("123", None),
        (None, None),
        ("2007 Form 1040NR", "2007 Form 1040NR"),
        ("x" * 201, None),
    ],
)
def test_meaningful_title(title: str | None, expected: str | None) -> None:
    assert meaningful_title(title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20181115215001-08'00'", "2018-11-15"),
        ("D:20150728093302Z", "2015-07-28"),
        ("20240229", "2024-02-29"),
        ("D:20230229", None),
        ("D:2018", None),
        ("Tue Jun 12", None),
        (None, None),
    ],
)
def test_pdf_date(value: str | None, expected: str | None) -> None:
    assert pdf_date(value) == expected


class UnreadablePath(PosixPath):
    def read_bytes(self) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf(["x"]))
    with pytest.raises(FileFailed, match="^cannot read file: permission denied$"):
        parse_pdf(UnreadablePath(path))
