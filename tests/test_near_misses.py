"""Honest near misses without a model (real embedder over sample_corpus): when the documents are
about the topic but do not say the asked fact, kb says so instead of quoting something; and it
still answers the questions the documents do answer."""

from __future__ import annotations

import json

import pytest

from ingest.sync import Syncer
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.conftest import REPO, SAMPLE

pytestmark = pytest.mark.slow

NEAR = json.loads((REPO / "tests" / "fixtures" / "near_misses.json").read_text())["questions"]
ANSWERABLE = [
    q
    for q in json.loads((REPO / "tests" / "fixtures" / "sample_questions.json").read_text())[
        "questions"
    ]
    if q.get("expect_file")
]
REFUSED = ("not_in_documents", "nothing")


@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory):
    kb = KnowledgeBase(Settings(home=tmp_path_factory.mktemp("home"), history=False))
    assert not Syncer(kb).sync([SAMPLE]).failed
    yield kb
    kb.close()


def test_near_misses_are_mostly_refused_and_answerable_questions_mostly_answered(sample_kb):
    refused = [q["question"] for q in NEAR if sample_kb.ask(q["question"]).verdict in REFUSED]
    wrongly = [q["question"] for q in ANSWERABLE if sample_kb.ask(q["question"]).verdict in REFUSED]
    print(
        f"near misses refused {len(refused)}/{len(NEAR)}; "
        f"answerable refused {len(wrongly)}/{len(ANSWERABLE)}: {wrongly}"
    )
    # measured when written: 12-14 of 24 (borderline ones flip between fresh indexes) and 2/46
    assert len(refused) >= 12
    assert len(wrongly) <= 3


def test_a_near_miss_is_not_grounded_and_lists_the_related_passages(sample_kb):
    a = sample_kb.ask("What is Biscuit's blood type?")
    assert a.verdict == "not_in_documents" and not a.grounded and a.mode == "extractive"
    assert "mention this" in a.answer and a.citations
    assert any("biscuit" in c.hit.text.lower() for c in a.citations)
    out = a.to_json()
    assert out["verdict"] == "not_in_documents" and out["grounded"] is False
