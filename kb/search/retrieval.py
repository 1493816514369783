"""Hybrid retrieval: dense top-k from Chroma and BM25 from tantivy, fused, filtered, de-duplicated.

A date in the question ("last summer", "emails from March 2025") becomes a date filter on the
chunk's own date when the caller gave none, and its words leave the query: "March" would
otherwise match every text that mentions March. How the two rankings are fused, and why, is in
``kb.search.fusion``; the figures behind the defaults come from ``bench/retrieval.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import date

from kb.dates.questions import DateRange, find_dates, strip_dates
from kb.embedding.embedder import Embedder
from kb.records import Filters, Hit
from kb.search.fusion import FUSION, Fusion, Scored, fuse
from kb.store import Store
from kb.terms import query_terms

__all__ = ["CANDIDATES", "Plan", "Ranked", "Retriever"]

CANDIDATES = 50  # per retriever, before fusion


@dataclass(frozen=True)
class Ranked:
    """A hit with the evidence behind its rank: the answerer's relevance floor reads these."""

    hit: Hit
    similarity: float | None  # cosine similarity to the question, if dense retrieval found it
    lexical_rank: int | None  # 1-based BM25 rank, if lexical retrieval found it


@dataclass(frozen=True)
class Plan:
    """What a question becomes before it is searched (shown by benchmarks and tests)."""

    text: str  # the query text searched (date words removed when a date was understood)
    filters: Filters
    dates: DateRange | None  # the date phrase understood, if it set the date filter


class Retriever:
    def __init__(
        self,
        store: Store,
        embedder: Callable[[], Embedder],
        sanitize: Callable[[str], str],
        *,
        fusion: Fusion = FUSION,
        today: Callable[[], date] = date.today,
        infer_dates: bool = True,
    ):
        self.store = store
        self._embedder = embedder
        self.sanitize = sanitize
        self.fusion = fusion
        self.today = today
        self.infer_dates = infer_dates
        self._pool: ThreadPoolExecutor | None = None

    # --- the two retrievers ------------------------------------------------------------------
    def lexical_scored(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, BM25 score >= 0) best first."""
        return self.store.lexical(query, n, filters)

    def lexical(self, query: str, n: int, filters: Filters) -> list[str]:
        return [i for i, _ in self.lexical_scored(query, n, filters)]

    def dense(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first."""
        return self.store.dense(self._embedder().embed([query])[0], n, filters)

    # --- the question ------------------------------------------------------------------------
    def plan(self, query: str, filters: Filters | None = None) -> Plan:
        """Sanitize; read a date range from the question unless the caller set one."""
        filters = filters or Filters()
        found = None
        if self.infer_dates and not filters.dated:
            found = find_dates(query, self.today())
        if found is None:
            return Plan(self.sanitize(query), filters, None)
        start, end = found.iso()
        stripped = strip_dates(query, found)
        # a question that was only a date ("what did I do yesterday?") keeps its words
        text = stripped if query_terms(stripped) else query
        return Plan(
            self.sanitize(text),
            replace(filters, date_from=start, date_to=end, keep_undated=True),
            found,
        )

    def rank(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Ranked]:
        if self.store.is_empty():
            return []
        plan = self.plan(query, filters)
        ranked = self._rank(plan, k)
        if plan.dates is not None and not any(r.hit.date for r in ranked):
            # Nothing dated in the range read from the question: "in March", asked in November
            # 2026 of a 2025 journal, meant another year. Answer the question as asked instead.
            ranked = self._rank(Plan(self.sanitize(query), filters or Filters(), None), k)
        return ranked

    def _candidates(self, plan: Plan, depth: int) -> tuple[Scored, Scored]:
        """Dense and keyword candidates at once: BM25 runs on a worker thread while this one
        embeds the question and asks Chroma (tantivy and Chroma both let go of the GIL). At 1M
        chunks the pair took 4.2 ms p50 instead of 6.3 one after the other (bench/scale.py)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-keywords")
        lexical = self._pool.submit(self.lexical_scored, plan.text, depth, plan.filters)
        try:
            dense = self.dense(plan.text, depth, plan.filters)
        except BaseException:
            wait([lexical])
            raise
        return dense, lexical.result()

    def _rank(self, plan: Plan, k: int) -> list[Ranked]:
        depth = max(CANDIDATES, k)
        dense, lexical = self._candidates(plan, depth)
        fused = fuse(dense, lexical, self.fusion)
        similarity = dict(dense)
        lexical_rank = {cid: n for n, (cid, _) in enumerate(lexical, start=1)}
        ranked: list[Ranked] = []
        seen: set[str] = set()
        # fetch chunk rows a slice at a time: duplicates and folder misses are rare, so the
        # first slice usually suffices, and reading 100 rows of text costs more than a search
        step = k + 10
        for at in range(0, len(fused), step):
            window = fused[at : at + step]
            chunks = self.store.chunks_by_id([i for i, _ in window])
            for cid, score in window:
                chunk = chunks.get(cid)
                if chunk is None or not plan.filters.admits(chunk):
                    continue
                key = " ".join(chunk.text.split()).lower()
                if key in seen:  # the same passage in two places (a forwarded mail, a copy)
                    continue
                seen.add(key)
                ranked.append(
                    Ranked(
                        Hit.from_chunk(chunk, round(score, 6)),
                        similarity.get(cid),
                        lexical_rank.get(cid),
                    )
                )
                if len(ranked) == k:
                    return ranked
        return ranked

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return [r.hit for r in self.rank(query, k, filters)]
