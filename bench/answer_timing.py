"""What bench/answer.py measures with: a timing wrapper around kb's generator, a bare
llama-cpp-python stream with kb's sampling settings, time to first token, and the messages kb
would send for a question.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator, Sequence

from kb.answer.answerer import MAX_ANSWER_TOKENS, STOP, Answerer
from kb.answer.generator import TEMPERATURE, LlamaGenerator, Message


class Timed:
    """Wraps a generator: records when kb calls the model and when the first piece arrives."""

    def __init__(self, inner: LlamaGenerator):
        self.inner, self.name = inner, inner.name
        self.n_ctx = inner.n_ctx
        self.called = self.first = self.last = 0.0
        self.pieces = 0

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]:
        self.messages, self.pieces, self.called, self.first = messages, 0, time.perf_counter(), 0.0
        for piece in self.inner.stream(messages, max_tokens=max_tokens, stop=stop, grammar=grammar):
            now = time.perf_counter()
            self.first = self.first or now
            self.last, self.pieces = now, self.pieces + 1
            yield piece


def bare_call(llm, messages: list[Message]) -> tuple[float, float, int]:
    """(time to first token, seconds from first to last piece, pieces) of a plain stream."""
    t0 = time.perf_counter()
    first = last = 0.0
    n = 0
    for chunk in llm.create_chat_completion(
        messages=messages,
        max_tokens=MAX_ANSWER_TOKENS,
        temperature=TEMPERATURE,
        stop=list(STOP),
        stream=True,
    ):
        if chunk["choices"][0]["delta"].get("content"):
            last = time.perf_counter()
            first = first or last
            n += 1
    return first - t0, last - first, n


def ttft(llm, messages: list[Message]) -> float:
    """Reading the prompt plus one token: what the prompt cache can save."""
    t0 = time.perf_counter()
    llm.create_chat_completion(messages=messages, max_tokens=1, temperature=TEMPERATURE)
    return time.perf_counter() - t0


def rate(pieces: int, seconds: float) -> float:
    return (pieces - 1) / seconds if pieces > 1 and seconds > 0 else 0.0


def med(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def gen_messages(answerer: Answerer, question: str) -> list[Message]:
    """The messages kb would send for ``question`` (the prompt is rebuilt, nothing generated)."""
    from kb.answer.answerer import answerable, supporting
    from kb.answer.prompt import build_prompt

    ranked = answerer.retriever.rank(answerer.retriever.sanitize(question), answerer.k)
    assert answerable(ranked)
    hits = [r.hit for r in ranked if supporting(r)]
    gen = answerer.generator
    assert gen is not None
    return build_prompt(question, hits, gen.count_tokens, answerer.prompt_budget).messages
