"""Extractive answers, for when no language model is configured: quote, don't write.

The top passages are split into sentences; each is scored by embedding similarity to the question,
plus how many of the question's content words it contains, plus whether it holds the kind of thing
the question asks for (a date for "when", an amount for "how much": see ``answer_types``).
Similarity alone favours sentences that are *about* the topic; the other two favour the one with
the fact. The best one to three sentences are quoted verbatim with their source number, under a
line that says what this is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kb.answer.answer_types import expected, has_answer_type
from kb.answer.citations import number
from kb.answer.prompt import merge_overlapping
from kb.answer.requests import requested_topic
from kb.answer.sentences import sentences
from kb.answer.stems import FILLER, overlap, stems, term_weights
from kb.dates.vocabulary import MONTHS, SEASONS, WEEKDAYS
from kb.embedding.embedder import Embedder
from kb.records import Citation, Hit
from kb.terms import query_terms

LABEL = (
    "No language model is configured — these are the most relevant sentences from your documents."
)
MAX_SENTENCES = 3
MAX_PASSAGES = 4  # sentences are drawn from the best few passages only
PASSAGE_WEIGHT = 0.4  # a sentence inherits part of its passage's relevance ("Total: $112.50")
OVERLAP_WEIGHT = 0.1
TYPE_BONUS = 0.2
KEEP_WITHIN = 0.15  # a 2nd/3rd sentence must score within this of the best one
# Near misses (tests/fixtures/near_misses.json, 24 questions) against the 46 answerable sample
# questions: refusing when a question word is unmentioned and the best quote holds < 0.4 of the
# question's weighted words refused 13/24 near misses and 2/46 answerable ones (0.3: 11 and 2,
# 0.5: 15 and 4). Date words and answer-type words ("cost") then stopped counting as
# unmentioned: 12/24 and 1/46. With a model, its NOT FOUND decides instead.
NEAR_MISS_OVERLAP = 0.4
# A request's topic is a category name ("Expiration Date") that a contract seldom uses as such.
# Over the 150 CUAD requests bench/answer_quality.py does not ask (126 with a clause, 24
# without), 0.4 refused 16 with a clause and 9 without; 0.3: 5 and 3; 0.2: 5 and 1. For a
# clause a lawyer should read, hiding it costs more than quoting the nearest ones.
REQUEST_OVERLAP = 0.3

# a date in the question is matched on the passage's date (kb.dates), not on its words: "my
# cleaning in March" is answered by a note dated March that never says "March"
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SEASONS)


@dataclass(frozen=True)
class Sentence:
    text: str
    source: int  # the passage's number, as it will be cited


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Quotes:
    """The sentences an extractive answer quotes, and the passages they come from."""

    chosen: tuple[Sentence, ...]
    passages: dict[int, Hit]  # numbered as cited
    wanted: re.Pattern[str] | None  # the kind of text the question asks for, if clear
    unmentioned: tuple[str, ...] = ()  # question words no passage uses ("blood", "breed")
    overlap: float = 1.0  # weighted share of the question's words the best quote holds
    typed: bool = True  # a quote holds the asked kind of fact and shares a word of the question
    topic: str | None = None  # set for a request for parts of the documents (kb.answer.requests)

    def __bool__(self) -> bool:
        return bool(self.chosen)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(n, self.passages[n]) for n in sorted({s.source for s in self.chosen}))

    @property
    def answers(self) -> bool:
        """False for a near miss — the documents are about the topic but do not say: the
        question asks for an amount (a date, a name, ...) and no quote has one, or it asks about
        something no passage mentions ("blood type") and the quotes hardly share its words."""
        floor = NEAR_MISS_OVERLAP if self.topic is None else REQUEST_OVERLAP
        return self.typed and not (self.unmentioned and self.overlap < floor)

    def text(self, lead: str = LABEL) -> str:
        return lead + "\n\n" + "\n".join(f"“{s.text}” [{s.source}]" for s in self.chosen)


def extract(
    question: str,
    hits: Sequence[Hit],
    embedder: Embedder,
    similarity: Mapping[str, float | None] | None = None,
) -> Quotes:
    """The one to three sentences that best answer ``question`` (numbered in ``hits`` order).

    ``similarity`` maps chunk ids to the retriever's cosine similarity for the passage; without
    it a passage counts as relevant as its best sentence.
    """
    passages = number(merge_overlapping(hits)[:MAX_PASSAGES])
    topic = requested_topic(question)
    asked = topic or question  # a request's own words ("highlight", "lawyer") name no topic
    wanted = None if topic else expected(question)
    pool = [Sentence(s, n) for n, hit in passages.items() for s in sentences(hit.text)]
    if not pool:
        return Quotes((), passages, wanted, topic=topic)
    # the whole request is embedded, not just its topic: over 20 CUAD requests its "Details:"
    # found the clause more often (right and cited 5/20 against 4/20)
    vectors = embedder.embed([question, *(s.text for s in pool)])
    q = vectors[0]
    sims = [_dot(q, v) for v in vectors[1:]]
    passage_sim: dict[int, float] = {}
    for s, sim in zip(pool, sims, strict=True):
        passage_sim[s.source] = max(passage_sim.get(s.source, -1.0), sim)
    for n, hit in passages.items():
        known = (similarity or {}).get(hit.chunk_id)
        if known is not None:
            passage_sim[n] = known
    weights = term_weights(query_terms(asked), [s.text for s in pool])

    def score(s: Sentence, sim: float) -> float:
        return (
            (1 - PASSAGE_WEIGHT) * sim
            + PASSAGE_WEIGHT * passage_sim[s.source]
            + OVERLAP_WEIGHT * overlap(weights, s.text)
            + TYPE_BONUS * has_answer_type(wanted, s.text)
        )

    scored = sorted(
        ((score(s, sim), s) for s, sim in zip(pool, sims, strict=True)), key=lambda t: -t[0]
    )
    best = scored[0][0]
    chosen = [s for value, s in scored if value >= best - KEEP_WITHIN][:MAX_SENTENCES]
    have = stems(" ".join(h.text for h in passages.values()))
    unmentioned = tuple(
        t
        for t in query_terms(asked)
        if t.isalpha()
        and len(t) >= 4
        and t not in FILLER
        and t not in _DATE_WORDS
        and expected(t) is None  # "cost", "when": the answer type stands for these
        and not stems(t) & have
    )
    # an amount in a sentence that shares no word with "How much was the bike service?" is
    # some other amount ("Total charged $83.99" on a gear receipt)
    typed = wanted is None or any(
        has_answer_type(wanted, s.text) and overlap(weights, s.text) > 0 for s in chosen
    )
    best_overlap = max(overlap(weights, s.text) for s in chosen)
    return Quotes(tuple(chosen), passages, wanted, unmentioned, best_overlap, typed, topic)
