"""sample_corpus/ is what tools/make_sample_corpus.py writes.

The corpus doubles as the demo and as integration-test data, so these tests pin it down:
regenerating gives byte-identical files, the PDFs have numbered pages, the mailbox and the .eml
files hold the intended messages, the journal reads like a diary, and the whole stays small. The
question fixture is checked against it in test_sample_questions.py.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from pypdf import PdfReader

from tests.sample_texts import CORPUS, ROOT, attachment_texts, body_text, messages, norm


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sample_corpus", ROOT / "tools" / "make_sample_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    written = load_generator().build(tmp_path)
    generated = {p.relative_to(tmp_path) for p in written}
    on_disk = {
        p.relative_to(CORPUS)
        for d in ("contracts", "mail")
        for p in (CORPUS / d).rglob("*")
        if p.is_file()
    }
    assert generated == on_disk, "sample_corpus has stale or missing generated files"
    for rel in generated:
        assert (tmp_path / rel).read_bytes() == (CORPUS / rel).read_bytes(), (
            f"{rel} differs: rerun the generator"
        )


def test_contract_pdfs_have_several_numbered_pages() -> None:
    pdfs = sorted((CORPUS / "contracts").glob("*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        reader = PdfReader(pdf)
        assert 3 <= len(reader.pages) <= 6, pdf.name
        assert reader.metadata is not None and reader.metadata.title
        for n, page in enumerate(reader.pages, start=1):
            text = page.extract_text()
            assert f"page {n} of {len(reader.pages)}" in text
            assert re.search(r"^\d+\.\d+ ", text, re.M) or "SIGNATURES" in text, (pdf.name, n)


def test_mailbox_holds_the_intended_messages() -> None:
    box = [(path, msg) for path, msg in messages() if path == "mail/inbox.mbox"]
    assert len(box) == 22
    ids = {msg["Message-ID"] for _, msg in box}
    assert len(ids) == len(box)
    for _, msg in box:
        assert msg["Date"].datetime.year == 2025
        assert len(norm(body_text(msg))) > 80, msg["Subject"]
        if msg["In-Reply-To"]:
            assert msg["In-Reply-To"] in ids
            assert re.search(r"^On .+ wrote:\n> ", body_text(msg), re.M), msg["Subject"]
    html_only = [m for _, m in box if m.get_body(preferencelist=("plain",)) is None]
    assert len(html_only) == 4
    for msg in html_only:
        raw = msg.get_body(preferencelist=("html",)).get_content()
        assert "<style>" in raw and "<script" in raw
    charsets = {m.get_body(preferencelist=("plain", "html")).get_content_charset() for _, m in box}
    assert "windows-1252" in charsets
    azulejo = next(m for _, m in box if "Casa Azulejo" in m["Subject"])
    assert "Príncipe Real" in body_text(azulejo) and "672 €" in body_text(azulejo)
    names = sorted(n for _, m in box for n in attachment_texts(m))
    assert names == [
        "house_rules_2218_alder.txt",
        "invoice_25-00871_biscuit.pdf",
        "itinerary_K7QXRM_RIVERA.pdf",
    ]


def test_eml_files_parse_with_a_body() -> None:
    emls = [(path, msg) for path, msg in messages() if path.endswith(".eml")]
    assert len(emls) == 4
    for path, msg in emls:
        assert msg["Message-ID"] and msg["Date"].datetime.year == 2025, path
        assert len(norm(body_text(msg))) > 80, path
    assert any(b"\r\n" in (CORPUS / path).read_bytes() for path, _ in emls)


def test_journal_notes_look_like_a_diary() -> None:
    notes = sorted((CORPUS / "journal").glob("*.md"))
    assert 18 <= len(notes) <= 25
    stems = {p.stem for p in notes}
    front_matter = 0
    for note in notes:
        assert re.fullmatch(r"2025-\d\d-\d\d", note.stem)
        text = note.read_text("utf-8")
        assert 150 <= len(text.split()) <= 500, note.name
        if text.startswith("---\n"):
            head = text.split("\n---\n", 1)[0]
            assert all(f"\n{key}:" in head for key in ("title", "date", "tags")), note.name
            front_matter += 1
        else:
            assert text.startswith("# "), note.name
        for target in re.findall(r"\[\[([^\]]+)\]\]", text):
            assert target in stems, f"{note.name} links to missing [[{target}]]"
    assert 5 <= front_matter <= len(notes) - 5
    assert sum("[[" in p.read_text("utf-8") for p in notes) >= 2


def test_corpus_is_small() -> None:
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total < 500_000
