"""Hybrid retrieval: dense top-k from Chroma and BM25 from FTS5, fused, filtered, de-duplicated.

A date in the question ("last summer", "emails from March 2025") becomes a date filter on the
chunk's own date when the caller gave none, and its words leave the query: "March" would
otherwise match every text that mentions March. How the two rankings are fused, and why, is in
``kb.fusion``; the figures behind the defaults come from ``bench/retrieval.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from kb.dates import DateRange, find_dates, strip_dates
from kb.embedder import Embedder
from kb.filters import Filters, like_prefix
from kb.fusion import FUSION, Fusion, fts_match, fuse, query_terms
from kb.manifest import Manifest
from kb.types import Hit
from kb.vectors import VectorStore

__all__ = ["CANDIDATES", "Filters", "Plan", "Ranked", "Retriever"]

CANDIDATES = 50  # per retriever, before fusion
LISTED_PATHS = 2000  # a folder filter with at most this many files goes to Chroma as a path list
# FTS5 ranking: the title column weighs half as much as the text. (bm25() in ORDER BY measured
# ~30% faster than the equivalent "rank MATCH" form.)
BM25 = "bm25(chunks_fts, 1.0, 0.5)"


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
    def __init__(self, manifest: Manifest, vectors: Callable[[], VectorStore],
                 embedder: Callable[[], Embedder], sanitize: Callable[[str], str], *,
                 fusion: Fusion = FUSION, today: Callable[[], date] = date.today,
                 infer_dates: bool = True):
        self.manifest = manifest
        self._vectors = vectors
        self._embedder = embedder
        self.sanitize = sanitize
        self.fusion = fusion
        self.today = today
        self.infer_dates = infer_dates

    # --- the two retrievers ------------------------------------------------------------------
    def lexical_scored(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, BM25 score >= 0) best first; FTS5's bm25() is negated to make it so."""
        match = fts_match(query)
        if match is None:
            return []
        extra, params = filters.sql()
        if not extra:  # rank first, join only the n winners: most of the cost at scale
            rows = self.manifest.query(
                f"SELECT c.id, -f.s FROM (SELECT rowid, {BM25} AS s FROM chunks_fts "
                "WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?) f "
                "JOIN chunks c ON c.rowid = f.rowid ORDER BY f.s", [match, n])
        else:
            rows = self.manifest.query(
                f"SELECT c.id, -{BM25} FROM chunks_fts "
                "JOIN chunks c ON c.rowid = chunks_fts.rowid "
                f"WHERE chunks_fts MATCH ?{extra} ORDER BY {BM25} LIMIT ?", [match, *params, n])
        return [(r[0], float(r[1])) for r in rows]

    def lexical(self, query: str, n: int, filters: Filters) -> list[str]:
        return [i for i, _ in self.lexical_scored(query, n, filters)]

    def dense(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        vector = self._embedder().embed([query])[0]
        paths = self._folder_paths(filters.folder) if filters.folder else None
        fetch = n * 4 if filters.folder and paths is None else n
        found = self._vectors().query(vector, fetch, filters.chroma_where(paths))
        if filters.folder and paths is None:  # too many files to list: filter afterwards
            prefix = filters.folder.rstrip("/") + "/"
            by_id = self.manifest.chunks_by_id([i for i, _ in found])
            found = [(i, s) for i, s in found if i in by_id and by_id[i].source.startswith(prefix)]
        return found[:n]

    def _folder_paths(self, folder: str) -> list[str] | None:
        rows = self.manifest.query(
            "SELECT path FROM files WHERE status = 'indexed' AND path LIKE ? ESCAPE '\\' "
            "LIMIT ?", [like_prefix(folder), LISTED_PATHS + 1])
        return [r[0] for r in rows] if len(rows) <= LISTED_PATHS else None

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
        return Plan(self.sanitize(text),
                    replace(filters, date_from=start, date_to=end, keep_undated=True), found)

    def rank(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Ranked]:
        if not self.manifest.query("SELECT 1 FROM chunks LIMIT 1"):
            return []
        plan = self.plan(query, filters)
        ranked = self._rank(plan, k)
        if plan.dates is not None and not any(r.hit.date for r in ranked):
            # Nothing dated in the range read from the question: "in March", asked in November
            # 2026 of a 2025 journal, meant another year. Answer the question as asked instead.
            ranked = self._rank(Plan(self.sanitize(query), filters or Filters(), None), k)
        return ranked

    def _rank(self, plan: Plan, k: int) -> list[Ranked]:
        depth = max(CANDIDATES, k)
        dense = self.dense(plan.text, depth, plan.filters)
        lexical = self.lexical_scored(plan.text, depth, plan.filters)
        fused = fuse(dense, lexical, self.fusion)
        similarity = dict(dense)
        lexical_rank = {cid: n for n, (cid, _) in enumerate(lexical, start=1)}
        ranked: list[Ranked] = []
        seen: set[str] = set()
        # fetch chunk rows a slice at a time: duplicates and folder misses are rare, so the
        # first slice usually suffices, and reading 100 rows of text costs more than a search
        step = k + 10
        for at in range(0, len(fused), step):
            window = fused[at:at + step]
            chunks = self.manifest.chunks_by_id([i for i, _ in window])
            for cid, score in window:
                chunk = chunks.get(cid)
                if chunk is None or not plan.filters.admits(chunk):
                    continue
                key = " ".join(chunk.text.split()).lower()
                if key in seen:  # the same passage in two places (a forwarded mail, a copy)
                    continue
                seen.add(key)
                ranked.append(Ranked(Hit.from_chunk(chunk, round(score, 6)),
                                     similarity.get(cid), lexical_rank.get(cid)))
                if len(ranked) == k:
                    return ranked
        return ranked

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return [r.hit for r in self.rank(query, k, filters)]
