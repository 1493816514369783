"""Word (.docx, made here with python-docx) and OpenDocument (.odt, written here as a zip)
files: headings, numbered clauses and tables in reading order, title and date, and every
damaged or locked file ends with a reason."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.parsers.office import LOCKED
from ingest.parsers.opendocument import parse_odt
from ingest.parsers.word import parse_docx
from ingest.sync import Syncer
from kb.chunker import chunk_document
from kb.errors import FileFailed, FileSkipped
from kb.records import Filters

FIXTURES = Path(__file__).parent / "fixtures"


def lease(path: Path, *, title: str = "Storage licence", created: dt.datetime | None = None):
    d = docx.Document()
    d.core_properties.title = title
    if created:
        d.core_properties.created = created
    d.add_heading("Self Storage Licence", level=0)
    d.add_paragraph("This licence is made between Harbour Self Storage Ltd and the customer.")
    d.add_heading("Definitions", level=1)
    d.add_paragraph("1.1 Unit means storage unit B-114.")  # a typed clause number
    d.add_heading("Obligations", level=1)
    d.add_paragraph("The customer shall:")
    for item in ("pay the fee monthly;", "keep the unit locked;", "not store flammables."):
        d.add_paragraph(item, style="List Number")  # numbered by Word, not in the text
    d.add_paragraph("Reminders:")
    d.add_paragraph("bring the key card", style="List Bullet")
    d.add_paragraph("fourth duty: give notice in writing.", style="List Number")  # goes on at 4
    d.add_heading("Fees", level=2)
    fees = d.add_table(rows=3, cols=3)
    for row, values in zip(
        fees.rows,
        [("Item", "Due", "GBP"), ("Deposit", "1 March", "120.00"), ("Monthly", "1st", "86.50")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    grid = d.add_table(rows=2, cols=2)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "Access hours"
    grid.cell(1, 0).text = "Weekdays"
    inner = grid.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "06:00", "22:00"
    d.add_paragraph("Signed after the tables.")
    d.sections[0].header.paragraphs[0].text = "CONFIDENTIAL"
    d.save(path)
    return path


def test_headings_numbered_clauses_and_tables_in_reading_order(tmp_path: Path) -> None:
    [doc] = parse_docx(lease(tmp_path / "licence.docx"))
    assert (doc.kind, doc.title) == ("document", "Storage licence")
    blocks = doc.text.split("\n\n")
    assert blocks == [
        "# Self Storage Licence",
        "This licence is made between Harbour Self Storage Ltd and the customer.",
        "# Definitions",
        "1.1 Unit means storage unit B-114.",
        "# Obligations",
        "The customer shall:",
        "1. pay the fee monthly;",
        "2. keep the unit locked;",
        "3. not store flammables.",
        "Reminders:",
        "• bring the key card",
        "4. fourth duty: give notice in writing.",
        "## Fees",
        "Item | Due | GBP\nDeposit | 1 March | 120.00\nMonthly | 1st | 86.50",
        "Access hours\nWeekdays | 06:00 | 22:00",
        "Signed after the tables.",
        "CONFIDENTIAL",
    ]


def test_chunks_start_at_headings_and_keep_clauses_whole(tmp_path: Path) -> None:
    [doc] = parse_docx(lease(tmp_path / "licence.docx"))
    chunks = chunk_document(doc)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert any("1. pay the fee monthly;" in c.text for c in chunks)
    assert all(c.page is None and c.kind == "document" for c in chunks)


def test_title_and_date_from_core_properties_or_the_file_name(tmp_path: Path) -> None:
    made = dt.datetime(2024, 5, 6, 10, 0, tzinfo=dt.UTC)
    [doc] = parse_docx(lease(tmp_path / "lease.docx", title="", created=made))
    assert (doc.title, doc.date) == ("Self Storage Licence", "2024-05-06")  # first heading
    [doc] = parse_docx(lease(tmp_path / "2025-03-01 licence.docx", title="Untitled", created=made))
    assert doc.date == "2025-03-01" and doc.title == "Self Storage Licence"


def test_damaged_and_locked_word_files_end_with_a_reason(tmp_path: Path) -> None:
    good = lease(tmp_path / "good.docx").read_bytes()
    member = zipfile.ZipFile(io.BytesIO(good)).getinfo("word/document.xml")
    flipped = bytearray(good)
    start = member.header_offset + 30 + len(member.filename) + 20
    flipped[start : start + 40] = bytes(b ^ 0x5A for b in flipped[start : start + 40])
    no_body = io.BytesIO()
    with zipfile.ZipFile(no_body, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    cases = {
        "cut.docx": (good[: len(good) // 2], "damaged Word document: "),
        "flipped.docx": (bytes(flipped), "damaged Word document: "),
        "junk.docx": (b"just text, renamed to .docx\n", "not a Word document (not a zip package)"),
        "nobody.docx": (no_body.getvalue(), "damaged Word document: word/document.xml is missing"),
    }
    for name, (data, reason) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(FileFailed) as info:
            parse_docx(tmp_path / name)
        assert info.value.reason.startswith(reason), (name, info.value.reason)
    shutil.copy(FIXTURES / "password_protected.docx", tmp_path / "locked.docx")
    with pytest.raises(FileFailed, match=f"^{LOCKED}$"):
        parse_docx(tmp_path / "locked.docx")
    (tmp_path / "empty.docx").write_bytes(b"")
    with pytest.raises(FileSkipped, match="empty file"):
        parse_docx(tmp_path / "empty.docx")


def odt(path: Path, body: str, meta: str = "") -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr(
            "content.xml",
            f"<office:document-content {ns}><office:body><office:text>{body}"
            "</office:text></office:body></office:document-content>",
        )
        z.writestr(
            "meta.xml",
            f"<office:document-meta {ns}><office:meta>{meta}</office:meta></office:document-meta>",
        )
    return path


def test_opendocument_text_in_reading_order(tmp_path: Path) -> None:
    body = (
        '<text:h text:outline-level="1">Storage licence</text:h>'
        '<text:p>Unit<text:s/> <text:s text:c="2"/>B-114, ground floor.</text:p>'
        "<text:list><text:list-item><text:p>pay monthly</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Deposit</text:p></table:table-cell>"
        "<table:table-cell><text:p>120.00</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>After the table.</text:p>"
    )
    meta = (
        "<dc:title>Licence B-114</dc:title>"
        "<meta:creation-date>2024-02-03T09:00:00</meta:creation-date>"
    )
    [doc] = parse_odt(odt(tmp_path / "licence.odt", body, meta))
    assert (doc.kind, doc.title, doc.date) == ("document", "Licence B-114", "2024-02-03")
    assert doc.text == (
        "# Storage licence\n\nUnit    B-114, ground floor.\n\n• pay monthly\n\n"
        "Deposit | 120.00\n\nAfter the table."
    )
    (tmp_path / "cut.odt").write_bytes(odt(tmp_path / "x.odt", body).read_bytes()[:200])
    with pytest.raises(FileFailed, match="^damaged OpenDocument text"):
        parse_odt(tmp_path / "cut.odt")
    with pytest.raises(FileSkipped, match="no text"):
        parse_odt(odt(tmp_path / "blank.odt", "<text:p> </text:p>"))


def test_word_files_are_indexed_and_filtered_as_documents(fake_kb, tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    lease(root / "licence.docx")
    shutil.copy(FIXTURES / "password_protected.docx", root / "locked.docx")
    report = Syncer(fake_kb).sync([root])
    assert report.added == 1 and [p.error for p in report.failed] == [LOCKED]
    hits = fake_kb.search("storage unit B-114", k=3, filters=Filters(kinds=("document",)))
    assert hits and all(h.kind == "document" and h.title == "Storage licence" for h in hits)
    assert not fake_kb.search("storage unit B-114", k=3, filters=Filters(kinds=("pdf",)))
