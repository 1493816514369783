"""sample_corpus/ is what tools/make_sample_corpus.py writes, and the question fixture fits it.

The corpus doubles as the demo and as integration-test data, so these tests pin it down:
regenerating gives byte-identical files, every fixture question's phrase sits in the passage it
names (file, PDF page, email, attachment), "unanswerable" topics appear nowhere, and contact
details are fictional.
"""

from __future__ import annotations

import email
import email.policy
import functools
import importlib.util
import io
import json
import mailbox
import re
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample_corpus"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "sample_questions.json").read_text("utf-8"))
QUESTIONS = FIXTURE["questions"]


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sample_corpus", ROOT / "tools" / "make_sample_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def norm(text: str) -> str:
    return " ".join(text.split())


class _TextOnly(HTMLParser):
    """Visible text of an HTML body: drops <style>/<script> content and all attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    return " ".join(parser.parts)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@functools.cache
def messages() -> tuple[tuple[str, EmailMessage], ...]:
    """(path relative to sample_corpus, message) for the mbox and every .eml file."""
    box = mailbox.mbox(str(CORPUS / "mail" / "inbox.mbox"), create=False)
    try:
        raws = [("mail/inbox.mbox", m.as_bytes()) for m in box]
    finally:
        box.close()
    for path in sorted((CORPUS / "mail" / "eml").glob("*.eml")):
        raws.append((str(path.relative_to(CORPUS)), path.read_bytes()))
    policy = email.policy.default
    return tuple((path, email.message_from_bytes(raw, policy=policy)) for path, raw in raws)


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    assert part is not None, msg["Subject"]
    content = part.get_content()
    return html_text(content) if part.get_content_type() == "text/html" else content


def attachment_texts(msg: EmailMessage) -> dict[str, list[str]]:
    """Attachment file name -> page texts (a text attachment is one page)."""
    out = {}
    for part in msg.iter_attachments():
        content = part.get_content()
        out[part.get_filename()] = pdf_pages(content) if isinstance(content, bytes) else [content]
    return out


def all_text() -> str:
    """Every piece of text the corpus holds, as an indexer would read it."""
    texts = [p.read_text("utf-8") for p in sorted((CORPUS / "journal").glob("*.md"))]
    for pdf in sorted((CORPUS / "contracts").glob("*.pdf")):
        texts += pdf_pages(pdf.read_bytes())
    for _, msg in messages():
        texts += [msg["Subject"], msg["From"], body_text(msg)]
        texts += [page for pages in attachment_texts(msg).values() for page in pages]
    return "\n".join(texts)


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


def test_fixture_covers_every_kind() -> None:
    for kind in ("note", "pdf", "email", "attachment"):
        assert sum(q["kind"] == kind for q in QUESTIONS) >= 5, kind
    assert len(FIXTURE["unanswerable"]) >= 5


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["question"] for q in QUESTIONS])
def test_question_is_answered_in_the_named_passage(q: dict) -> None:
    path = CORPUS / q["expect_file"]
    if q["kind"] == "note":
        passages = [path.read_text("utf-8")]
    elif q["kind"] == "pdf":
        passages = [pdf_pages(path.read_bytes())[q["expect_page"] - 1]]
    else:
        found = [
            m
            for p, m in messages()
            if p == q["expect_file"] and m["Subject"] == q["expect_subject"]
        ]
        assert found, f"no email {q['expect_subject']!r} in {q['expect_file']}"
        if q["kind"] == "email":
            passages = [body_text(m) for m in found]
        else:
            pages = [attachment_texts(m).get(q["expect_attachment"]) for m in found]
            pages = [p for p in pages if p]
            assert pages, q["expect_attachment"]
            index = (q["expect_page"] or 1) - 1
            passages = [p[index] for p in pages]
    assert any(norm(q["expect_text"]) in norm(text) for text in passages)


def test_unanswerable_topics_appear_nowhere() -> None:
    corpus = all_text().lower()
    for q in FIXTURE["unanswerable"]:
        for term in q["absent_terms"]:
            assert term.lower() not in corpus, (q["question"], term)


def test_style_and_script_markers_stay_out_of_visible_text() -> None:
    raw_html = "".join(
        part.get_content()
        for _, m in messages()
        for part in m.walk()
        if part.get_content_type() == "text/html"
    )
    visible = all_text()
    for marker in FIXTURE["never_indexed"]:
        assert marker in raw_html, marker
        assert marker not in visible, marker


def test_contact_details_are_fictional() -> None:
    text = all_text()
    for addr in re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text):
        assert addr in ("example.com", "example.org", "example.net"), addr
    phones = re.findall(r"\+?1?[ (]*\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b", text)
    assert phones, "the corpus should contain phone numbers for the sanitizer to find"
    for phone in phones:
        assert re.search(r"555[ .-]01\d\d$", phone), phone
    for uk in re.findall(r"\b07\d{3} ?\d{6}\b", text):
        assert uk.replace(" ", "").startswith("07700900"), uk


def test_corpus_is_small() -> None:
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total < 500_000
