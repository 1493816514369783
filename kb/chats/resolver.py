"""Retrieval for one turn of a conversation: the question alone, or read with what came before.

question -> alone = rank(question)
         -> follow-up? -> with = rank(question + carried words), last answer's sources first
         -> the reading kept, and the text it searched (the answer JSON's "standalone")
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kb.chats.followup import Context, combined, prefers_conversation
from kb.records import Filters
from kb.search.retrieval import Ranked, Retriever

PREFER_BONUS = 0.15  # added to the fused score (0..1) of passages from the last answer's files
DEPTH = 3  # rank this many times k, so preferred passages below the cut can move up


@dataclass(frozen=True)
class Resolved:
    standalone: str
    ranked: list[Ranked]


def prefer(ranked: list[Ranked], sources: tuple[str, ...], k: int) -> list[Ranked]:
    """Passages from ``sources`` moved up by PREFER_BONUS; the best ``k`` of the result."""
    if not sources:
        return ranked[:k]
    wanted = set(sources)
    bumped = [
        replace(r, hit=replace(r.hit, score=round(r.hit.score + PREFER_BONUS, 6)))
        if r.hit.source in wanted
        else r
        for r in ranked
    ]
    return sorted(bumped, key=lambda r: -r.hit.score)[:k]


class Resolver:
    def __init__(self, retriever: Retriever):
        self.retriever = retriever

    def rank(
        self, question: str, context: Context, k: int, filters: Filters | None = None
    ) -> Resolved:
        """``question`` is already sanitized, and so are the context's questions."""
        alone = self.retriever.rank(question, k, filters)
        if not context:
            return Resolved(question, alone)
        sources = [r.hit.source for r in alone]
        if not prefers_conversation(question, sources, context):
            return Resolved(question, alone)
        text = combined(question, context)
        with_context = prefer(self.retriever.rank(text, k * DEPTH, filters), context.sources, k)
        if not with_context:  # the conversation's reading found nothing: the question as asked
            return Resolved(question, alone)
        return Resolved(text, with_context)
