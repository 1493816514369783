"""Hybrid retrieval: dense top-k from Chroma and BM25 from FTS5, fused, filtered, de-duplicated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kb.embedder import Embedder
from kb.fusion import fts_match, rrf
from kb.manifest import Manifest, day_number
from kb.types import KINDS, Chunk, Hit
from kb.vectors import VectorStore

CANDIDATES = 50  # per retriever, before fusion


@dataclass(frozen=True)
class Ranked:
    """A hit with the evidence behind its rank: the answerer's relevance floor reads these."""

    hit: Hit
    similarity: float | None  # cosine similarity to the question, if dense retrieval found it
    lexical_rank: int | None  # 1-based BM25 rank, if lexical retrieval found it


@dataclass(frozen=True)
class Filters:
    """Narrow a search: kinds ("note", "pdf", "email", "attachment"), a folder, a date range."""

    kinds: tuple[str, ...] = ()
    folder: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.kinds and set(self.kinds) != set(KINDS):
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if (lo := day_number(self.date_from)) is not None:
            clauses.append({"day": {"$gte": lo}})
        if (hi := day_number(self.date_to)) is not None:
            clauses.append({"day": {"$lte": hi}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def sql(self) -> tuple[str, list[Any]]:
        where, params = [], []  # type: list[str], list[Any]
        if self.kinds:
            where.append(f"c.kind IN ({','.join('?' * len(self.kinds))})")
            params += list(self.kinds)
        if self.folder:
            where.append("c.path LIKE ? ESCAPE '\\'")
            escaped = self.folder.rstrip("/").replace("\\", "\\\\").replace("%", "\\%")
            params.append(escaped.replace("_", "\\_") + "/%")
        if (lo := day_number(self.date_from)) is not None:
            where.append("c.day >= ?")
            params.append(lo)
        if (hi := day_number(self.date_to)) is not None:
            where.append("c.day <= ?")
            params.append(hi)
        return (" AND " + " AND ".join(where)) if where else "", params

    def admits(self, chunk: Chunk) -> bool:
        return not self.folder or chunk.source.startswith(self.folder.rstrip("/") + "/")


class Retriever:
    def __init__(self, manifest: Manifest, vectors: Callable[[], VectorStore],
                 embedder: Callable[[], Embedder], sanitize: Callable[[str], str]):
        self.manifest = manifest
        self._vectors = vectors
        self._embedder = embedder
        self.sanitize = sanitize

    def lexical(self, query: str, n: int, filters: Filters) -> list[str]:
        match = fts_match(query)
        if match is None:
            return []
        extra, params = filters.sql()
        rows = self.manifest.query(
            "SELECT c.id FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
            f"WHERE chunks_fts MATCH ?{extra} ORDER BY bm25(chunks_fts, 1.0, 0.5) LIMIT ?",
            [match, *params, n],
        )
        return [r[0] for r in rows]

    def dense(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        vector = self._embedder().embed([query])[0]
        fetch = n * 4 if filters.folder else n
        found = self._vectors().query(vector, fetch, filters.chroma_where())
        if filters.folder:
            prefix = filters.folder.rstrip("/") + "/"
            paths = {c.id: c.source for c in self.manifest.chunks_by_id([i for i, _ in found])
                     .values()}
            found = [(i, s) for i, s in found if paths.get(i, "").startswith(prefix)]
        return found[:n]

    def rank(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Ranked]:
        filters = filters or Filters()
        clean = self.sanitize(query)  # same pseudonyms as the stored text
        if not self.manifest.query("SELECT 1 FROM chunks LIMIT 1"):
            return []
        dense = self.dense(clean, CANDIDATES, filters)
        lexical = self.lexical(clean, CANDIDATES, filters)
        fused = rrf([[i for i, _ in dense], lexical])
        similarity = dict(dense)
        lexical_rank = {cid: n for n, cid in enumerate(lexical, start=1)}
        chunks = self.manifest.chunks_by_id([i for i, _ in fused])
        ranked: list[Ranked] = []
        seen: set[str] = set()
        for cid, score in fused:
            chunk = chunks.get(cid)
            if chunk is None or not filters.admits(chunk):
                continue
            key = " ".join(chunk.text.split()).lower()
            if key in seen:  # the same passage in two places (a forwarded mail, a copy)
                continue
            seen.add(key)
            ranked.append(Ranked(Hit.from_chunk(chunk, round(score, 6)), similarity.get(cid),
                                 lexical_rank.get(cid)))
            if len(ranked) == k:
                break
        return ranked

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return [r.hit for r in self.rank(query, k, filters)]
