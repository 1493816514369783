"""Follow-up questions over sample_corpus with the real embedder: with the conversation, the
second turn cites the document the first was about; alone, measured on the same pairs, it often
does not; and a question that changes topic is answered exactly as if asked alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.sync import Syncer
from kb.chats.followup import Context, carried, elliptical, prefers_conversation
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.conftest import REPO, SAMPLE

PAIRS = json.loads((REPO / "tests" / "fixtures" / "followups.json").read_text())["pairs"]


# --- pure: what counts as a follow-up ----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "And how much notice do I need to give?",
        "When do I get it back?",
        "What about the deposit?",
        "and the pets?",
        "Who looked after Biscuit while I was there?",
        "How long?",
    ],
)
def test_questions_that_lean_on_the_conversation(question):
    assert elliptical(question)


@pytest.mark.parametrize(
    "question",
    [
        "What did the dentist find at my cleaning in March?",
        "How much miso goes in the mushroom pasta?",
        "What kind of boat is Wren?",
    ],
)
def test_questions_with_a_topic_of_their_own(question):
    assert not elliptical(question)


def test_carried_words_come_from_the_latest_questions_and_are_not_repeated():
    ctx = Context(("What is the rent for the flat?", "What about the deposit on the flat?"))
    assert carried("And when do I get the deposit back?", ctx) == ["flat", "rent"]
    assert carried("anything", Context()) == []


def test_a_new_topic_keeps_the_conversation_only_when_it_lands_on_the_same_documents():
    ctx = Context(("What is the rent for the flat?",), ("/c/lease.pdf",))
    assert not prefers_conversation("What kind of boat is Wren?", ["/j/boat.md"], ctx)
    assert prefers_conversation("What does the lease say about pets?", ["/c/lease.pdf"], ctx)
    assert not prefers_conversation("And the pets?", ["/c/lease.pdf"], Context())


# --- the real thing ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory):
    kb = KnowledgeBase(Settings(home=tmp_path_factory.mktemp("home"), history=False))
    assert not Syncer(kb).sync([SAMPLE]).failed
    yield kb
    kb.close()


def _top(answer) -> str | None:
    return (
        str(Path(answer.citations[0].hit.source).relative_to(SAMPLE)) if answer.citations else None
    )


@pytest.fixture(scope="module")
def outcomes(sample_kb):
    """Per pair: the second turn's top citation with the conversation, and asked alone."""
    out = []
    for i, pair in enumerate(PAIRS):
        first, second = pair["turns"]
        sample_kb.ask(first, chat=f"pair {i}")
        together = sample_kb.ask(second, chat=f"pair {i}")
        alone = sample_kb.ask(second)
        out.append((pair, _top(together), _top(alone), together))
    return out


@pytest.mark.slow
def test_with_the_conversation_follow_ups_cite_the_right_document_and_alone_they_often_do_not(
    outcomes,
):
    follow = [(p, w, a) for p, w, a, _ in outcomes if p["kind"] == "followup"]
    right_with = sum(w in p["accept"] for p, w, _ in follow)
    right_alone = sum(a in p["accept"] for p, _, a in follow)
    print(
        f"follow-ups: right with the conversation {right_with}/{len(follow)}, "
        f"alone {right_alone}/{len(follow)}"
    )
    assert len(follow) >= 12
    assert right_with >= len(follow) - 1
    assert right_alone <= right_with - 4  # the difference is the conversation's, measured


@pytest.mark.slow
def test_a_change_of_topic_is_answered_as_if_asked_alone(outcomes):
    for pair, together, alone, answer in outcomes:
        if pair["kind"] == "topic_change":
            assert together == alone, pair["turns"]
            assert answer.standalone == answer.question  # nothing was carried over
