"""The notes parser: titles, dates, wikilinks and decoding, on generated files and real vaults."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path, PosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parsers.notes import parse_note
from kb.dates.documents import date_in_text
from kb.errors import FileFailed, FileProblem, FileSkipped
from tests.conftest import corpus

WIKILINK = re.compile(r"\[\[[^\[\]\n]+\]\]")


def note(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def one(path: Path):
    docs = parse_note(path)
    assert len(docs) == 1
    return docs[0]


def test_document_shape(tmp_path: Path) -> None:
    doc = one(note(tmp_path, "shopping.txt", "eggs\nmilk\n"))
    assert (doc.kind, doc.part, doc.title, doc.text) == ("note", "", "shopping", "eggs\nmilk")
    assert doc.source == str((tmp_path / "shopping.txt").resolve())
    assert doc.date is None and doc.pages == ()


def test_front_matter_gives_title_and_date_and_leaves_the_text(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Vet visit"\ndate: 2025-03-14T09:30:00+01:00\ntags: [biscuit, vet]\n'
        "secret_key: do-not-index\n---\n# Heading\n\nBiscuit had his shots.\n"
    )
    doc = one(note(tmp_path, "2024-01-01.md", text))
    assert doc.title == "Vet visit"
    assert doc.date == "2025-03-14"  # front matter wins over the file name
    assert doc.text == "# Heading\n\nBiscuit had his shots."
    assert "do-not-index" not in doc.text and "biscuit, vet" not in doc.text


def test_unclosed_front_matter_is_text(tmp_path: Path) -> None:
    doc = one(note(tmp_path, "rule.md", "---\njust a rule, no front matter\n"))
    assert doc.text == "---\njust a rule, no front matter"


def test_front_matter_only_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(FileSkipped):
        parse_note(note(tmp_path, "meta.md", "---\ntitle: x\n---\n\n"))


def test_title_falls_back_to_first_heading_then_stem(tmp_path: Path) -> None:
    fenced = "```bash\n# not a heading\n```\n#tag line\n## Real one ##\n"
    assert one(note(tmp_path, "a.md", fenced)).title == "Real one"
    assert one(note(tmp_path, "my_trip_notes.md", "no heading")).title == "my trip notes"
    assert one(note(tmp_path, "2025-03-14.md", "plain")).title == "2025-03-14"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2025-03-14.md", "2025-03-14"),
        ("2025_03_14 standup.md", "2025-03-14"),
        ("20250314.md", "2025-03-14"),
        ("14-03-2025.md", "2025-03-14"),
        ("14.03.2025.md", "2025-03-14"),
        ("05.04.2025.md", "2025-04-05"),  # ambiguous: day-first (European)
        ("03-14-2025.md", "2025-03-14"),  # 14 cannot be a month: month-first
        ("14032025.md", "2025-03-14"),  # not a valid YYYYMMDD: DDMMYYYY
        ("1660-01-01.md", "1660-01-01"),
        ("2025-02-30.md", None),
        ("2025-13-01.md", None),
        ("meeting 2025.md", None),
        ("ticket-12345678.md", None),
    ],
)
def test_date_from_file_name(tmp_path: Path, name: str, expected: str | None) -> None:
    assert one(note(tmp_path, name, "some text")).date == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("# 14 March 2025", "2025-03-14"),
        ("# Monday, March 3, 2025", "2025-03-03"),
        ("# 2025-03-14 Trip", "2025-03-14"),
        ("## 3rd of Sept. 2025", "2025-09-03"),
        ("# 31 February 2025", None),
        ("# Trip to Rome", None),
    ],
)
def test_date_from_first_heading(tmp_path: Path, heading: str, expected: str | None) -> None:
    doc = one(note(tmp_path, "journal.md", f"{heading}\n\nWe went out.\n"))
    assert doc.date == expected


def test_invalid_front_matter_date_falls_through(tmp_path: Path) -> None:
    doc = one(note(tmp_path, "2025-03-14.md", "---\ndate: someday\n---\ntext"))
    assert doc.date == "2025-03-14"
    doc = one(note(tmp_path, "x.md", "---\ndate: 2025-02-31\n---\n# 1 May 2024\ntext"))
    assert doc.date == "2024-05-01"


def test_wikilinks_and_embeds(tmp_path: Path) -> None:
    text = (
        "See [[Page]] and [[Einstein, Albert|Einstein]] and [[Plan#Risks]] and [[Plan#^b1]].\n"
        "| [[Tab\\|alias]] |\n![[photo.png]]\nEnd [[#Local]]."
    )
    doc = one(note(tmp_path, "links.md", text))
    assert doc.text == ("See Page and Einstein and Plan > Risks and Plan.\n| alias |\n\nEnd Local.")


def test_blank_line_runs_collapse_but_structure_stays(tmp_path: Path) -> None:
    text = "# Title\n\n\n\n  \nPara *one*\nline two\n\n\n\n## Sub\n- item [link](http://x)\n"
    doc = one(note(tmp_path, "s.md", text))
    assert doc.text == "# Title\n\nPara *one*\nline two\n\n## Sub\n- item [link](http://x)"


def test_decoding(tmp_path: Path) -> None:
    bom = one(note(tmp_path, "bom.md", "\ufeff# Café\n".encode()))
    assert bom.title == "Café" and bom.text == "# Café"
    cp = one(note(tmp_path, "cp.txt", "Caf\xe9 \u2013 na\xefve \u20ac5".encode("cp1252")))
    assert cp.text == "Caf\xe9 \u2013 na\xefve \u20ac5"
    crlf = one(note(tmp_path, "crlf.md", b"a\r\n\r\n\r\n\r\nb\r\n"))
    assert crlf.text == "a\n\nb"
    utf16 = one(note(tmp_path, "u16.txt", "\ufeffdear diary".encode("utf-16-le")))
    assert utf16.text == "dear diary"


@pytest.mark.parametrize(
    "content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20 + b"some text"]
)
def test_binary_content_fails(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(FileFailed, match=r"^not a text file \(binary content\)$"):
        parse_note(note(tmp_path, "junk.md", content))


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_is_skipped(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(FileSkipped, match="^empty file$"):
        parse_note(note(tmp_path, "empty.md", content))


class UnreadablePath(PosixPath):
    """A real path whose read fails the way a chmod 000 file does for a normal user."""

    def read_bytes(self) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))


def test_permission_denied(tmp_path: Path) -> None:
    path = note(tmp_path, "locked.md", "private")
    with pytest.raises(FileFailed, match="^cannot read file: permission denied$"):
        parse_note(UnreadablePath(path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = note(tmp_path, "locked.md", "private")
    path.chmod(0)
    with pytest.raises(FileFailed, match="^cannot read file: permission denied$"):
        parse_note(path)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_a_file_problem(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz 2025-01-02.md"
        path.write_bytes(data)
        try:
            docs = parse_note(path)
        except FileProblem:
            return
        assert len(docs) == 1 and docs[0].text == docs[0].text.strip()


def test_date_helper_never_raises_on_odd_text() -> None:
    for text in ["0000-00-00", "99-99-9999", "9999999999", "May 99, 2025", "32 Jan 2020"]:
        assert date_in_text(text) is None


def test_pepys_diary_every_entry_dated_by_its_file_name() -> None:
    folder = corpus("notes", "pepys_diary_1660", "daily")
    files = sorted(folder.glob("*.md"))
    assert len(files) == 367
    dated = 0
    for path in files:
        doc = one(path)
        assert doc.title == path.stem  # each entry's first heading
        assert doc.text.startswith(f"# {path.stem}\n")
        assert "entry_label:" not in doc.text and "month_heading:" not in doc.text
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", path.stem):
            assert doc.date == path.stem
            dated += 1
        else:  # "1660-00-01-intro": month 00 is no date, and no other source has one
            assert doc.date is None
    assert dated == 366


def test_foam_vault_no_wikilink_or_front_matter_leaks() -> None:
    folder = corpus("notes", "foam_docs_vault")
    files = sorted(folder.rglob("*.md"))
    assert len(files) == 86
    docs = {p.relative_to(folder).as_posix(): one(p) for p in files}
    for name, doc in docs.items():
        assert not WIKILINK.search(doc.text), name
        assert not doc.text.startswith("---"), name
        assert doc.title and not doc.title.startswith("#"), name
    props = docs["docs/user/features/note-properties.md"]
    assert props.title == "Note Properties" and props.text.startswith("# Note Properties")
    nav = docs["docs/user/getting-started/navigation.md"].text
    assert "According to Einstein, imagination" in nav
    assert "[[Project Management#Risk Assessment]]" not in nav
    assert "Project Management > Risk Assessment" in nav
    embeds = docs["docs/user/features/embeds.md"].text
    assert "![[" not in embeds
