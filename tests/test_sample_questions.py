"""tests/fixtures/sample_questions.json fits sample_corpus/: every question's phrase sits in the
passage it names (file, PDF page, email, attachment), "unanswerable" topics appear nowhere, markup
stays out of the visible text, and contact details are fictional.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.sample_texts import (
    CORPUS,
    ROOT,
    all_text,
    attachment_texts,
    body_text,
    messages,
    norm,
    pdf_pages,
)

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "sample_questions.json").read_text("utf-8"))
QUESTIONS = FIXTURE["questions"]


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
