"""A real instruct model through kb's real path: SmolLM2-135M (the smallest, installed by
`make test` from the Python registry) with its own tokenizer and chat template, the grammar,
streaming, citation parsing and the claim check — over sample_corpus with the real embedder.

Its answers are often wrong; what is asserted is structure, never wording: the draft comes
first, citations name only passages the prompt showed, a shown LLM answer passed its check, a
failed one is replaced by the quotes, the output keeps the grammar's shape, and every answer
ends within its token budget. Larger models (bench/answer_quality.py) are measured, not tested;
the test for them runs only when KB_TEST_MODEL names one.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from ingest.sync import Syncer
from kb.answer.generator import LlamaGenerator
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow
TEST_MODELS = Path(sys.prefix) / "share" / "kb" / "test-models"
SHAPE = re.compile(r"^(?:NOT FOUND|[A-Z0-9\"'$€£(][^\n]+ \[[1-9]\]\.?)$")
QUESTIONS = [
    "What is the notice period in the lease?",
    "How much is the rent for the flat?",
    "What did the vet say about Biscuit?",
    "What is Biscuit's blood type?",
]


def _model() -> Path:
    named = os.environ.get("KB_TEST_MODEL")
    if named:
        return Path(named)
    found = sorted(TEST_MODELS.glob("*.gguf")) if TEST_MODELS.is_dir() else []
    if not found:
        pytest.skip(f"no test model in {TEST_MODELS}: `make test-model` installs SmolLM2-135M")
    return found[0]


@pytest.fixture(scope="module")
def model_kb(tmp_path_factory):
    generator = LlamaGenerator(_model(), n_threads=1)  # 1 thread: the test machine is shared
    kb = KnowledgeBase(
        Settings(home=tmp_path_factory.mktemp("home"), history=False), generator=generator
    )
    assert not Syncer(kb).sync([SAMPLE]).failed
    yield kb, generator
    kb.close()


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_real_model_answers_in_shape_or_is_replaced_by_the_quotes(model_kb, question):
    kb, generator = model_kb
    events: list[str] = []
    tokens: list[str] = []
    a = kb.ask(
        question,
        on_draft=lambda d: events.append(d.verdict),
        on_token=lambda t: (events.append("token"), tokens.append(t)),
    )
    if a.verdict == "nothing":
        assert not tokens  # nothing relevant: the model was not even asked
        return
    assert events[0] == "draft" and "token" in events  # the quotes came first, then the model
    written = "".join(tokens).strip()
    assert SHAPE.match(written), written  # the grammar held: words, then [n], or NOT FOUND
    assert generator.count_tokens(written) <= kb.answerer.max_answer_tokens + 1
    shown = {c.n for c in a.citations}
    if a.mode == "llm" and a.verdict == "answered":
        assert a.answer == written and a.grounded
        assert all(s.verified for s in a.checked)
        assert shown <= set(kb.answerer.last_prompt.sources)  # only passages it was shown
    else:
        assert a.verdict in ("unverified", "not_in_documents")
        assert a.model_answer == written and a.mode in ("extractive", "llm")
    a.to_json()  # the contract's shape, with the new fields


def test_the_model_is_loaded_once_for_many_questions(model_kb):
    kb, generator = model_kb
    calls = generator.calls
    for q in QUESTIONS[:2]:
        kb.ask(q)
    assert generator.calls - calls <= 2 and kb.answerer.generator is generator
