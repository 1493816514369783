"""The answerer with a scripted generator: modes, citations, the floor, extractive answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.answer.answerer import NOTHING, Answerer
from kb.answer.extractive import LABEL
from kb.answer.floor import answerable, supporting
from kb.embedding.embedder import MINILM_FLOOR
from kb.records import Filters, Hit
from kb.search.retrieval import Ranked
from tests.fakes import FakeEmbedder, FakeGenerator

VET = (
    "Took Biscuit to the vet on Monday. The vet said it was a mild ear infection and "
    "prescribed drops twice a day for a week."
)
LEASE = "The lease ends on 31 July. The notice period is two months, in writing."
FLIGHT = "Flight TP 1305 to Lisbon leaves at 07:45 from terminal 1."


def ranked(text: str, sim: float | None, lex: int | None, i: int) -> Ranked:
    hit = Hit(
        source=f"/docs/{i}.md",
        kind="note",
        title=f"Note {i}",
        page=None,
        subject=None,
        sender=None,
        date="2025-03-14",
        score=1.0 / i,
        text=text,
        chunk_id=f"c{i}",
    )
    return Ranked(hit, sim, lex)


class ScriptedRetriever:
    """Returns fixed evidence; records what it was asked (the sanitized question)."""

    def __init__(self, results: list[Ranked]):
        self.results = results
        self.queries: list[str] = []

    def sanitize(self, text: str) -> str:
        return text.replace("dana@example.com", "[EMAIL_1a2b]")

    def rank(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Ranked]:
        self.queries.append(query)
        return self.results[:k]


class MiniLMScale(FakeEmbedder):
    """The scripted similarities below are on all-MiniLM-L6-v2's scale, so use its floor."""

    floor = MINILM_FLOOR


GOOD = [ranked(VET, 0.62, 1, 1), ranked(LEASE, 0.31, 4, 2), ranked(FLIGHT, 0.1, None, 3)]


def answerer(results: list[Ranked], generator: FakeGenerator | None) -> Answerer:
    return Answerer(ScriptedRetriever(results), MiniLMScale, lambda: generator)


def test_llm_answer_streams_and_cites_only_sources_in_the_prompt() -> None:
    gen = FakeGenerator(["Biscuit", " has", " an ear infection", " [1]", ", see also [2, 9]."])
    streamed: list[str] = []
    a = answerer(GOOD, gen).ask("what did the vet say?", on_token=streamed.append)
    assert a.mode == "llm" and a.grounded
    assert "".join(streamed) == a.answer == "Biscuit has an ear infection [1], see also [2, 9]."
    assert [(c.n, c.hit.chunk_id) for c in a.citations] == [(1, "c1"), (2, "c2")]
    # the irrelevant third passage never reached the prompt
    prompt = gen.messages[0][1]["content"]
    assert VET in prompt and LEASE in prompt and FLIGHT not in prompt
    assert a.to_json()["citations"][0]["n"] == 1


def test_a_model_answer_citing_nothing_valid_is_replaced_by_the_quotes() -> None:
    for script in (["It", " is", " July", " [7]."], ["No", " citation", " at", " all."], ["[1]"]):
        a = answerer(GOOD, FakeGenerator(script)).ask("when does the lease end?")
        assert (a.mode, a.verdict, a.model_answer) == ("extractive", "unverified", "".join(script))
        assert "“The lease ends on 31 July.” [2]" in a.answer and a.grounded  # what they say
        assert a.to_json()["model_answer"] == "".join(script)


def test_a_claim_its_source_does_not_hold_is_never_shown_as_verified() -> None:
    gen = FakeGenerator(["The notice period is three months [2]."])
    a = answerer(GOOD, gen).ask("How much notice do I need to give?")
    assert a.verdict == "unverified" and a.mode == "extractive"
    assert "“three”" in a.answer and "two months" in a.answer  # says what failed, quotes
    [sentence] = a.to_json()["sentences"]
    assert sentence == {
        "text": "The notice period is three months [2].",
        "citations": [2],
        "verified": False,
        "unsupported": ["three"],
        "attributed": False,
        "echoes": False,
    }


def test_a_verified_answer_says_so_per_sentence_and_per_citation() -> None:
    gen = FakeGenerator(["The notice period is two months [2]."])
    a = answerer(GOOD, gen).ask("How much notice do I need to give?")
    assert (a.mode, a.verdict, a.grounded) == ("llm", "answered", True)
    out = a.to_json()
    assert out["citations"][0]["n"] == 2 and out["citations"][0]["verified"] is True
    assert out["sentences"][0]["verified"] is True


def test_not_found_from_the_model_is_a_near_miss_with_related_passages() -> None:
    a = answerer(GOOD, FakeGenerator(["NOT FOUND"])).ask("what did the vet charge?")
    assert (a.verdict, a.grounded, a.mode) == ("not_in_documents", False, "llm")
    assert "mention this" in a.answer and a.citations and a.citations[0].hit.chunk_id == "c1"


def test_without_a_model_a_quote_lacking_the_asked_kind_of_fact_is_a_near_miss() -> None:
    a = answerer(GOOD, None).ask("How much did the vet visit cost?")
    assert (a.verdict, a.grounded, a.mode) == ("not_in_documents", False, "extractive")
    assert "the amount" in a.answer


def test_the_quotes_arrive_first_while_the_model_writes() -> None:
    events: list[str] = []
    gen = FakeGenerator(["The notice period is two months [2]."])
    a = answerer(GOOD, gen).ask(
        "How much notice do I need to give?",
        on_draft=lambda d: events.append(f"draft:{d.verdict}"),
        on_token=lambda t: events.append("token"),
    )
    assert events[0] == "draft:draft" and events[1:] == ["token"] and a.mode == "llm"


def test_nothing_relevant_answers_none_without_calling_the_model() -> None:
    gen = FakeGenerator(["should", " not", " run"])
    made = []

    def factory() -> FakeGenerator:
        made.append(1)
        return gen

    floor = MINILM_FLOOR
    weak = [
        ranked(FLIGHT, floor.answer_with_terms - 0.01, 1, 1),  # BM25's best, too far in meaning
        ranked(LEASE, floor.answer - 0.01, None, 2),  # near, but no shared term
        ranked(VET, None, 1, 3),
    ]  # lexical only: never enough on its own
    for results in ([], weak):
        a = Answerer(ScriptedRetriever(results), MiniLMScale, factory).ask("what is my IBAN?")
        assert a.to_json() == {
            "question": "what is my IBAN?",
            "answer": NOTHING,
            "mode": "none",
            "citations": [],
            "grounded": False,
            "verdict": "nothing",
        }
    assert gen.calls == 0 and made == []


@pytest.mark.parametrize(
    ("sim", "lex", "expected"),
    [
        (MINILM_FLOOR.answer, None, True),
        (MINILM_FLOOR.answer_with_terms, 10, True),
        (MINILM_FLOOR.answer_with_terms, 11, False),
        (MINILM_FLOOR.answer_with_terms - 0.01, 1, False),
        (None, 1, False),
    ],
)
def test_answer_floor_combines_meaning_and_terms(sim, lex, expected) -> None:
    assert answerable([ranked("x", 0.05, None, 1), ranked("y", sim, lex, 2)]) is expected


@pytest.mark.parametrize(
    ("sim", "lex", "expected"),
    [
        (MINILM_FLOOR.support, None, True),
        (0.2, 10, True),
        (0.2, 11, False),
        (0.19, 1, False),
        (None, 3, True),
        (None, 4, False),
        (None, None, False),
    ],
)
def test_supporting_passages_need_less_evidence(sim, lex, expected) -> None:
    assert supporting(ranked("x", sim, lex, 1)) is expected


def test_question_is_sanitized_before_it_reaches_retrieval_and_prompt() -> None:
    gen = FakeGenerator(["ok [1]"])
    ans = answerer(GOOD, gen)
    a = ans.ask("what did dana@example.com say about the vet?")
    assert "dana@example.com" not in str(gen.messages) + a.question
    assert ans.retriever.queries == ["what did [EMAIL_1a2b] say about the vet?"]


def test_model_is_made_once_for_many_questions() -> None:
    made: list[FakeGenerator] = []

    def factory() -> FakeGenerator:
        made.append(FakeGenerator(["[1]"]))
        return made[-1]

    ans = Answerer(ScriptedRetriever(GOOD), MiniLMScale, factory)
    for q in ("vet?", "lease?", "flight?"):
        assert ans.ask(q).verdict != "nothing"  # each question went to the one model
    assert len(made) == 1 and made[0].calls == 3


def test_prompt_budget_is_passed_through() -> None:
    gen = FakeGenerator(["[1]"])
    ans = Answerer(ScriptedRetriever(GOOD), MiniLMScale, lambda: gen, prompt_budget=160)
    ans.ask("what did the vet say?")
    assert ans.last_prompt_tokens is not None and ans.last_prompt_tokens <= 160
    assert LEASE not in gen.messages[0][1]["content"]


def test_extractive_answer_quotes_the_best_sentence_with_its_source() -> None:
    a = answerer(GOOD, None).ask("what did the vet say about the ear infection?")
    assert a.mode == "extractive" and a.grounded
    assert a.answer.startswith(LABEL)
    assert "“The vet said it was a mild ear infection" in a.answer and "[1]" in a.answer
    cited = {c.n: c.hit.chunk_id for c in a.citations}
    assert cited[1] == "c1"
    # every quoted number is listed, and every listed source is quoted
    from kb.answer.citations import parse_citations

    assert sorted(parse_citations(a.answer)) == sorted(cited)


def test_extractive_answer_over_a_fake_index(fake_kb, tmp_path: Path) -> None:
    from ingest.sync import Syncer
    from kb.answer.answerer import Answerer as A

    root = tmp_path / "notes"
    root.mkdir()
    (root / "vet.md").write_text("# Vet\n\n" + VET + "\n")
    (root / "lease.md").write_text("# Lease\n\n" + LEASE + "\n")
    Syncer(fake_kb).sync([root])
    ans = A(fake_kb.retriever, lambda: fake_kb.embedder, lambda: None)
    a = ans.ask("notice period lease")
    assert a.mode == "extractive"
    assert "notice period is two months" in a.answer
    assert [c.hit.source for c in a.citations] == [str(root / "lease.md")]
