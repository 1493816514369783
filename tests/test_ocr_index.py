"""A scanned contract through the whole of kb — CLI, parser worker, real Tesseract, the
sanitizer, the real embedder and Chroma: its facts are found and cited with their page, the
status says it was read by OCR, and no planted secret on a scanned page reaches KB_HOME."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kb.cli
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.scan_builder import scan_pdf
from ui.documents import recognised_note, whole

pytestmark = pytest.mark.slow  # the real embedder and Chroma

IBAN = "GB82 WEST 1234 5698 7654 32"
CARD = "4539 1488 0343 6467"
PAGES = [
    [
        "# SELF STORAGE LICENCE",
        "Harbour Self Storage Ltd, 12 Quay Street, Leeds.",
        "The customer rents storage unit B-114 on the ground floor.",
        "The licence starts on 1 March 2025.",
    ],
    [
        "# 2. Payment",
        "The monthly fee is GBP 86.50, payable in advance.",
        f"IBAN {IBAN}",
        f"Card on file {CARD}",
    ],
    [
        "# 3. Ending the licence",
        "Either party may end this licence with",
        "fourteen days notice in writing.",
        "Goods left behind are removed after 30 days.",
    ],
]


def needles() -> set[str]:
    out = set()
    for value in (IBAN, CARD):
        out |= {value, re.sub(r"\s", "", value), re.sub(r"\D", "", value)}
    return out


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("scans")
    home = tmp_path_factory.mktemp("home")
    (root / "storage-licence.pdf").write_bytes(scan_pdf(PAGES, angle=1.2))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_HOME", str(home))
        assert kb.cli.main(["index", "--json", str(root)]) == 0
    yield home, root
    KnowledgeBase(Settings(home=home)).close()


def search(home: Path, query: str, capsys, monkeypatch) -> list[dict]:
    monkeypatch.setenv("KB_HOME", str(home))
    capsys.readouterr()
    assert kb.cli.main(["search", "--json", "-k", "3", query]) == 0
    return json.loads(capsys.readouterr().out)["hits"]


def test_facts_on_a_scan_are_found_and_cited_with_their_page(indexed, capsys, monkeypatch):
    home, root = indexed
    [top, *_] = search(home, "which storage unit am I renting?", capsys, monkeypatch)
    assert top["source"] == str(root / "storage-licence.pdf") and top["kind"] == "pdf"
    assert top["page"] == 1 and "B-114" in top["text"]
    [top, *_] = search(home, "how much notice to end the licence", capsys, monkeypatch)
    assert top["page"] == 3 and "fourteen days" in top["text"]
    [top, *_] = search(home, "monthly fee", capsys, monkeypatch)
    assert top["page"] == 2 and "86.50" in top["text"]


def test_no_planted_secret_from_a_scanned_page_reaches_kb_home(indexed, capsys, monkeypatch):
    home, _ = indexed
    [hit, *_] = search(home, "payment IBAN card", capsys, monkeypatch)
    assert hit["page"] == 2 and "[REDACTED:iban]" in hit["text"]  # it was read, then masked
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files) and any("chroma" in str(p) for p in files)
    leaks = [(str(p), n) for p in files for n in needles() if n.encode() in p.read_bytes()]
    assert leaks == []


def test_status_says_which_files_were_read_by_ocr(indexed, capsys, monkeypatch):
    home, root = indexed
    monkeypatch.setenv("KB_HOME", str(home))
    capsys.readouterr()
    assert kb.cli.main(["status", "--json"]) == 0
    [ocr] = json.loads(capsys.readouterr().out)["ocr"]
    assert ocr["path"] == str(root / "storage-licence.pdf")
    assert [p for p, _ in ocr["pages"]] == [1, 2, 3] and ocr["confidence"] > 0.7
    assert ocr["engine"].startswith("tesseract ") and ocr["unread"] == []
    assert kb.cli.main(["status"]) == 0
    text = capsys.readouterr().out
    assert "storage-licence.pdf: 3 pages recognised, mean confidence 0." in text


def test_the_evidence_view_says_the_text_was_recognised(indexed):
    home, _ = indexed
    base = KnowledgeBase(Settings(home=home))
    try:
        [hit, *_] = base.search("storage unit B-114", k=1)
        found = whole(base, hit)
    finally:
        base.close()
    assert found is not None and found.what == "page 1" and found.recognised is not None
    note = recognised_note(found)
    assert note is not None and "recognised from an image (OCR, mean confidence 0." in note
