"""Answering: retrieval, a relevance floor, quotes at once, then a model's answer, checked.

    question -> retriever.rank -> relevant? --no--> nothing ("I couldn't find anything ...")
                                      |yes
                 quotes: the sentences that best answer it; does one hold the asked kind of
                 fact (an amount for "how much")? no model --> quoted, or not_in_documents
                 (so is a request for parts of the documents: "highlight the clauses about X")
                                      |model
                 the quotes go out at once as a draft (on_draft), while the model reads a
                 budgeted prompt and writes, as its grammar allows, a cited sentence or NOT FOUND
                 NOT FOUND --> not_in_documents; else every claim is checked against the passage
                 its sentence cites --> written (verified), or unverified (the quotes are shown)
                 a model server that does not answer --> the quotes, and why (unavailable)

What a person waits for before reading something useful is the quotes (~0.2 s), not the model's
prompt reading (tens of seconds on two cores). See kb.answer.outcomes for what each says.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from kb.answer import outcomes
from kb.answer.claims import check, verified
from kb.answer.extractive import Quotes, extract
from kb.answer.floor import answerable, supporting
from kb.answer.generator import Generator
from kb.answer.grammar import GRAMMAR, MAX_CHARS, says_not_found
from kb.answer.prompt import Prompt, build_prompt
from kb.embedding.embedder import Embedder
from kb.errors import ModelUnavailable
from kb.records import Answer, Filters, Hit
from kb.search.retrieval import Ranked, Retriever
from kb.terms import query_terms

log = logging.getLogger("kb.answer")
NOTHING = outcomes.NOTHING
MAX_ANSWER_TOKENS = MAX_CHARS + 24  # one sentence of at most MAX_CHARS, then " [n]."
PROMPT_SOURCES = 4  # few, strong passages: a weak one confuses a small model more than it helps
# fmt: off
STOP = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<end_of_turn>", "</s>",
        "\nQuestion:", "\nSources:")
# fmt: on
OnText = Callable[[str], None]
OnDraft = Callable[[Answer], None]


class Answerer:
    max_answer_tokens = MAX_ANSWER_TOKENS

    def __init__(
        self,
        retriever: Retriever,
        embedder_factory: Callable[[], Embedder],
        generator_factory: Callable[[], Generator | None],
        *,
        k: int = 6,
        prompt_budget: int = 1200,
        prompt_sources: int = PROMPT_SOURCES,
        grammar: bool = True,
    ):
        self.retriever = retriever
        self._embedder_factory = embedder_factory
        self._generator_factory = generator_factory
        self._generator: Generator | None = None
        self._generator_made = False
        self.k = k
        self.prompt_budget = prompt_budget
        self.prompt_sources = prompt_sources
        self.grammar = grammar
        self.last_prompt: Prompt | None = None  # for tests and benchmarks: what the model saw

    @property
    def last_prompt_tokens(self) -> int | None:
        return self.last_prompt.tokens if self.last_prompt else None

    @property
    def generator(self) -> Generator | None:
        """Made on first use and kept: one model load for many questions."""
        if not self._generator_made:
            self._generator = self._generator_factory()
            self._generator_made = True
        return self._generator

    def close(self) -> None:
        """Lets go of a model server's connections (a local model is freed with the process)."""
        close = getattr(self._generator, "close", None)
        if close is not None:
            close()

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        on_token: OnText | None = None,
        on_draft: OnDraft | None = None,
    ) -> Answer:
        clean = self.retriever.sanitize(question)  # the prompt never sees raw identifiers
        return self.respond(clean, self.retriever.rank(clean, self.k, filters), on_token, on_draft)

    def respond(
        self,
        clean: str,
        ranked: Sequence[Ranked],
        on_token: OnText | None = None,
        on_draft: OnDraft | None = None,
    ) -> Answer:
        """The answer to the sanitized question ``clean`` from passages ranked for it."""
        embedder = self._embedder_factory()
        if not answerable(ranked, embedder.floor):
            return outcomes.nothing(clean)
        hits = [r.hit for r in ranked if supporting(r, embedder.floor)]
        similarity = {r.hit.chunk_id: r.similarity for r in ranked}
        quotes = extract(clean, hits, embedder, similarity)
        if not quotes:
            return outcomes.nothing(clean)
        # a request for the documents' own words is answered with them: a model only restates it
        generator = None if quotes.topic is not None else self.generator
        if generator is None:
            if not quotes.answers:
                return outcomes.not_in_documents(clean, quotes, hits, "extractive")
            return outcomes.quoted(clean, quotes)
        if on_draft is not None:
            on_draft(outcomes.quoted(clean, quotes, draft=True))
        try:
            prompt, text = self._write(clean, hits, generator, on_token)
        except ModelUnavailable as e:  # KB_LLM_URL's server: down, slow, or refusing the key
            log.warning("answering from quotes: %s", e)
            return outcomes.unavailable(clean, quotes, hits, str(e))
        return self._judge(clean, text, prompt, quotes, hits)

    def _write(
        self, question: str, hits: Sequence[Hit], generator: Generator, on_token: OnText | None
    ) -> tuple[Prompt, str]:
        # the prompt and the answer must both fit the model's context window
        room = generator.n_ctx
        budget = (
            self.prompt_budget
            if room is None
            else min(self.prompt_budget, room - self.max_answer_tokens)
        )
        prompt = build_prompt(question, hits[: self.prompt_sources], generator.count_tokens, budget)
        self.last_prompt = prompt
        pieces: list[str] = []
        for piece in generator.stream(
            prompt.messages,
            max_tokens=self.max_answer_tokens,
            stop=STOP,
            grammar=GRAMMAR if self.grammar else None,
        ):
            pieces.append(piece)
            if on_token is not None:
                on_token(piece)
        return prompt, "".join(pieces).strip()

    def _judge(
        self, question: str, text: str, prompt: Prompt, quotes: Quotes, hits: Sequence[Hit]
    ) -> Answer:
        if says_not_found(text):
            return outcomes.not_in_documents(question, quotes, hits, "llm", model_answer=text)
        checked = check(text, prompt.sources, question)
        if verified(checked) and len(query_terms(text)) >= 2:  # words, not just "[1]"
            return outcomes.written(question, text, checked, prompt.sources)
        if not quotes.answers:
            return outcomes.not_in_documents(question, quotes, hits, "llm", model_answer=text)
        return outcomes.unverified(question, text, checked, quotes)
