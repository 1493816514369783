"""The answers kb gives, as records: pure functions that say honestly what was found.

nothing           no passage is close enough: "I couldn't find anything ..."
not_in_documents  passages are about the topic but none says the asked fact (a near miss):
                  they are cited as related, and the answer is not grounded
quoted            sentences quoted from the passages (no model, while the model writes, or for a
                  request for the documents' own words: kb.answer.requests)
written           the model's answer, every claim found in the passage it cites
unverified        the model's answer failed that check: the quotes are shown instead
unavailable       the model server did not answer: the quotes (or the near miss), and why
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kb.answer.answer_types import missing
from kb.answer.extractive import LABEL, Quotes
from kb.records import Answer, CheckedSentence, Citation, Hit

NOTHING = "I couldn't find anything about that in your documents."
DRAFT = "Quoted from your documents while the local model writes its answer:"
REQUESTED = "The parts of your documents about “{topic}”, quoted:"
UNVERIFIED = (
    "The local model's answer could not be checked against your documents (it names {what}, "
    "which the passages it cites do not contain), so here is what they say:"
)
UNCITED = (
    "The local model's answer does not say where it comes from in your documents, so here is "
    "what they say:"
)
ECHO = "The local model's answer only repeats the question, so here is what your documents say:"
RELATED = 3  # passages cited as "related" by a near miss


def nothing(question: str) -> Answer:
    return Answer(question, NOTHING, "none", verdict="nothing")


def not_in_documents(
    question: str, quotes: Quotes, hits: Sequence[Hit], mode: str, model_answer: str | None = None
) -> Answer:
    what = missing(quotes.wanted) if quotes.wanted is not None else "what you asked"
    text = (
        f"Your documents mention this, but none of the passages found says {what}. "
        "The closest ones are listed below."
    )
    related = tuple(Citation(n, h) for n, h in enumerate(hits[:RELATED], start=1))
    return Answer(
        question,
        text,
        mode,
        related,
        grounded=False,
        verdict="not_in_documents",
        model_answer=model_answer,
    )


def quoted(question: str, quotes: Quotes, *, draft: bool = False) -> Answer:
    if draft:
        lead = DRAFT
    elif quotes.topic is not None:
        lead = REQUESTED.format(topic=quotes.topic)
    else:
        lead = LABEL
    return Answer(
        question,
        quotes.text(lead),
        "extractive",
        quotes.citations,
        grounded=True,
        verdict="draft" if draft else "answered",
    )


def written(
    question: str, text: str, checked: Sequence[CheckedSentence], sources: dict[int, Hit]
) -> Answer:
    cited = sorted({n for s in checked for n in s.cited})
    return Answer(
        question,
        text,
        "llm",
        tuple(Citation(n, sources[n]) for n in cited),
        grounded=True,
        checked=tuple(checked),
    )


def unverified(
    question: str, model_text: str, checked: Sequence[CheckedSentence], quotes: Quotes
) -> Answer:
    claims = list(dict.fromkeys(c for s in checked for c in s.unsupported))
    if claims:
        lead = UNVERIFIED.format(what=", ".join(f"“{c}”" for c in claims[:3]))
    else:
        lead = ECHO if checked and all(s.echoes for s in checked) else UNCITED
    return Answer(
        question,
        quotes.text(lead),
        "extractive",
        quotes.citations,
        grounded=True,
        verdict="unverified",
        checked=tuple(checked),
        model_answer=model_text,
    )


def unavailable(question: str, quotes: Quotes, hits: Sequence[Hit], reason: str) -> Answer:
    """What kb says itself when KB_LLM_URL's server is down: the reason first, then its own."""
    if not quotes.answers:
        near = not_in_documents(question, quotes, hits, "extractive")
        return replace(near, answer=f"{reason} {near.answer}", model_error=reason)
    lead = f"{reason} Here is what your documents say instead:"
    return replace(quoted(question, quotes), answer=quotes.text(lead), model_error=reason)
