"""The whole shared PDF corpus through kb's sync, OCR included: every file ends with a status,
the scans end indexed (or with a reason), their text is what a person reads on the page, and
the encrypted files whose passwords the corpus lists are indexed once pdf_passwords has them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.sync import Syncer
from kb.knowledge_base import KnowledgeBase
from kb.reports import FileRecord
from kb.settings import Settings
from tests.conftest import REPO, corpus
from tests.test_pdf_corpus import corpus_rows

pytestmark = pytest.mark.slow  # OCR of every scan in the shared corpus (about 40 pages)

SCANS = ("scanned", "scanned+ocr", "image-only")
EXPECTED = REPO / "bench" / "ocr_expected"  # hand-written transcriptions of a few scans


def listed_passwords(row: dict[str, str]) -> list[str]:
    """'user=foo owner=baz' / 'asdfzxcv' / '(empty)' -> the passwords to write down."""
    field = row["password"]
    if not field or field.startswith("("):
        return []
    return [part.split("=", 1)[-1] for part in field.split() if not part.startswith("(")]


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    root = corpus("pdfs")
    home = tmp_path_factory.mktemp("home")
    base = KnowledgeBase(Settings(home=home, embedder="fake"))
    first = {f.path: f for f in _sync(base, root)}
    # user passwords only: the owner one is for editing, and the user one opens the file
    secrets = [listed_passwords(r)[0] for r in corpus_rows() if listed_passwords(r)]
    (home / "pdf_passwords").write_text("\n".join(secrets) + "\n")
    second = {f.path: f for f in _sync(base, root)}
    yield root, first, second, base
    base.close()


def _sync(base: KnowledgeBase, root: Path) -> list[FileRecord]:
    Syncer(base).sync([root])
    return base.store.files()


def test_every_file_ends_with_a_status(swept) -> None:
    root, first, second, _ = swept
    for records in (first, second):
        assert {Path(p).name for p in records} >= {r["file"] for r in corpus_rows()}
        assert {f.status for f in records.values()} <= {"indexed", "failed", "skipped"}
        assert all(f.error for f in records.values() if f.status != "indexed")


def test_the_scans_are_read_by_ocr(swept) -> None:
    root, first, _, _ = swept
    scans = [r["file"] for r in corpus_rows() if r["kind"] in SCANS]
    assert len(scans) == 15
    outcome = {name: first[str(root / name)] for name in scans}
    not_indexed = {n: f.error for n, f in outcome.items() if f.status != "indexed"}
    # pypdf's test files: an image of a logo without words, a 4-point page of CCITT noise
    nothing = "no text, not even by OCR (blank pages?)"
    assert not_indexed == dict.fromkeys(
        ["pypdf__git.pdf", "pypdf__imagemagick-CCITTFaxDecode.pdf"], nothing
    )
    for name, f in outcome.items():
        row = next(r for r in corpus_rows() if r["file"] == name)
        if f.status == "indexed" and "text_chars=0" in row["observed_pypdf_7.1"]:
            assert f.ocr is not None and f.ocr.pages and f.ocr.unread == (), name
    read = [n for n, f in outcome.items() if f.ocr and f.ocr.pages]
    # the other three carry a text layer of their own (two an OCR layer), which kb keeps
    assert len(read) == 10, read


def test_broken_encodings_are_read_from_the_image(swept) -> None:
    root, first, _, base = swept
    for name, word in (
        ("ocrmypdf__truetype_font_nomapping.pdf", None),
        ("ocrmypdf__type3_font_nomapping.pdf", None),
        ("pdfminer__issue-791-non-unicode-cmap.pdf", "prost"),
    ):
        f = first[str(root / name)]
        assert (
            f.status == "indexed" and f.ocr is not None and f.ocr.pages == ((1, f.ocr.pages[0][1]),)
        )
        text = chunk_text(base, f.path)
        assert "/g437" not in text and '"7+%-' not in text
        assert word is None or word in text


def chunk_text(base: KnowledgeBase, path: str) -> str:
    # chunks carry the file's resolved path (the corpus may be reached through a symlink)
    return " ".join(c.text for c in base.store.chunks_of(str(Path(path).resolve())))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize(
    ("pdf", "expected"),
    [
        ("ocrmypdf__linn.pdf", "ocrmypdf__linn_p1.txt"),
        ("ocrmypdf__skew.pdf", "ocrmypdf__linn_p1.txt"),
        ("ocrmypdf__c02-22.pdf", "ocrmypdf__c02-22_p1.txt"),
        ("ocrmypdf__vector.pdf", "ocrmypdf__vector_p1.txt"),
    ],
)
def test_recognised_text_is_the_page_as_a_person_reads_it(swept, pdf: str, expected: str) -> None:
    root, _, _, base = swept
    text = chunk_text(base, str(root / pdf))
    found = set(words(text))
    wanted = words((EXPECTED / expected).read_text(encoding="utf-8"))
    recall = sum(w in found for w in wanted) / len(wanted)
    assert recall >= 0.9, recall


def test_encrypted_files_open_once_their_password_is_listed(swept) -> None:
    root, first, second, _ = swept
    locked = [r for r in corpus_rows() if "decrypt('')=0" in r["observed_pypdf_7.1"]]
    assert len(locked) >= 10
    for row in locked:
        path = str(root / row["file"])
        assert first[path].status == "failed" and first[path].locked, row["file"]
        assert second[path].status == "indexed" and not second[path].locked, row["file"]
        assert second[path].chunks >= 1
