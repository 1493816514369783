"""The plain baseline bench/answer_quality.py compares kb against: top-5 passages, a generic
RAG prompt (kb's own before it was measured on small models), no grammar and no checking —
the answer is whatever the model wrote, "grounded" when it cites a passage it was shown."""

from __future__ import annotations

import time

from kb.answer.citations import cited_sources
from kb.answer.claims import check
from kb.answer.prompt import label
from kb.records import Answer, Filters

SYSTEM = (
    "You answer questions using only the numbered sources the user gives you, which come from "
    "their own notes, documents and emails. Cite every claim with the number of its source in "
    "square brackets, like [1] or [2]. If the sources do not contain the answer, say plainly "
    "that your documents do not say, and do not guess. Be brief."
)
TOP = 5
MAX_TOKENS = 256


def plain_answer(kb, generator, question: str, filters: Filters) -> tuple[Answer, float]:
    """The baseline's answer, and the seconds until its first token."""
    started = time.perf_counter()
    clean = kb.sanitize(question)
    hits = [r.hit for r in kb.retriever.rank(clean, TOP, filters)][:TOP]
    sources = dict(enumerate(hits, start=1))
    blocks = "\n\n".join(f"[{n}] {label(h)}\n{h.text.strip()}" for n, h in sources.items())
    user = (
        f"Sources:\n\n{blocks or '(none)'}\n\nQuestion: {clean}\n"
        "Answer from the sources above only, citing them as [n]."
    )
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
    pieces, first = [], 0.0
    for piece in generator.stream(messages, max_tokens=MAX_TOKENS, stop=["<|im_end|>"]):
        first = first or time.perf_counter() - started
        pieces.append(piece)
    text = "".join(pieces).strip()
    citations = cited_sources(text, sources)
    refused = "do not say" in text.lower() or "does not say" in text.lower()
    verdict = "not_in_documents" if refused else "answered"
    answer = Answer(
        clean,
        text,
        "llm",
        citations,
        grounded=bool(citations),
        verdict=verdict,
        checked=tuple(check(text, sources, clean)),
    )
    return answer, first
