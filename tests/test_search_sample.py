"""Real embedder, real Chroma, real sanitizer over sample_corpus: questions find the right
passage."""

from __future__ import annotations

import json

import pytest

from ingest.sync import Syncer
from kb.knowledge_base import KnowledgeBase
from kb.records import Filters
from kb.settings import Settings
from tests.conftest import REPO, SAMPLE

pytestmark = pytest.mark.slow

QUESTIONS = json.loads((REPO / "tests" / "fixtures" / "sample_questions.json").read_text())


def _answerable() -> list[dict]:
    return [q for q in QUESTIONS["questions"] if q.get("expect_file")]


@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    kb = KnowledgeBase(Settings(home=home))
    report = Syncer(kb).sync([SAMPLE])
    assert report.added > 20 and not report.failed, report
    yield kb
    kb.close()


def _passage_rank(kb, q) -> int | None:
    """0-based rank of the first hit from the expected file (and page) holding the phrase."""
    expected = str((SAMPLE / q["expect_file"]).resolve())
    for rank, h in enumerate(kb.search(q["question"], k=10)):
        if h.source != expected or (q.get("expect_page") and h.page != q["expect_page"]):
            continue
        if q["expect_text"].lower() in " ".join(h.text.split()).lower():
            return rank
    return None


@pytest.mark.parametrize("q", _answerable(), ids=lambda q: q["question"][:50])
def test_question_finds_the_right_passage_in_the_top_five(sample_kb, q):
    rank = _passage_rank(sample_kb, q)
    assert rank is not None and rank < 5, rank


def test_most_questions_find_their_passage_in_the_top_three(sample_kb):
    ranks = [_passage_rank(sample_kb, q) for q in _answerable()]
    top3 = sum(r is not None and r < 3 for r in ranks) / len(ranks)
    assert top3 >= 0.8, f"passage in top 3 for {top3:.0%} of questions"


def test_every_chunk_fits_the_embedders_real_token_limit(sample_kb):
    embedder = sample_kb.embedder
    texts = [c.text for c in sample_kb.store.all_chunks()]
    longest = max(embedder.count_tokens(t) for t in texts)
    assert longest <= embedder.max_tokens, longest


def test_kind_and_date_filters_narrow_results(sample_kb):
    only_pdf = sample_kb.search("notice period", k=10, filters=Filters(kinds=("pdf",)))
    assert only_pdf and all(h.kind == "pdf" for h in only_pdf)
    spring = sample_kb.search(
        "Biscuit", k=10, filters=Filters(date_from="2025-03-01", date_to="2025-05-31")
    )
    assert spring and all("2025-03-01" <= (h.date or "")[:10] <= "2025-05-31" for h in spring)


def test_folder_filter_keeps_only_that_folder(sample_kb):
    folder = str((SAMPLE / "journal").resolve())
    hits = sample_kb.search("dog", k=10, filters=Filters(folder=folder))
    assert hits and all(h.source.startswith(folder + "/") for h in hits)


def test_cli_json_contract(sample_kb, capsys, monkeypatch):
    import kb.cli

    monkeypatch.setenv("KB_HOME", str(sample_kb.settings.home))
    assert kb.cli.main(["search", "--json", "-k", "2", "notice period"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "notice period" and len(out["hits"]) == 2
    assert set(out["hits"][0]) == {
        "source",
        "kind",
        "title",
        "page",
        "subject",
        "sender",
        "date",
        "score",
        "text",
        "chunk_id",
    }
    assert kb.cli.main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["files"] >= 20 and status["chunks"] > 0
