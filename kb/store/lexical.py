"""Keyword search: BM25 over chunk text and title with SQLite FTS5.

The question's content words (``kb.terms``) are quoted one by one — no FTS5 syntax can be
injected — and OR-ed for recall; BM25 then prefers passages that hold more, and rarer, of them.
"""

from __future__ import annotations

from kb.records import Filters
from kb.store.manifest import Manifest
from kb.store.where import sql_clause
from kb.terms import query_terms

# FTS5 ranking: the title column weighs half as much as the text. (bm25() in ORDER BY measured
# ~30% faster than the equivalent "rank MATCH" form.)
BM25 = "bm25(chunks_fts, 1.0, 0.5)"


def fts_match(text: str) -> str | None:
    """An FTS5 MATCH expression: every term quoted (no syntax injection), OR-ed for recall."""
    terms = query_terms(text)
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search(manifest: Manifest, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
    """(chunk id, BM25 score >= 0) best first; FTS5's bm25() is negated to make it so."""
    match = fts_match(query)
    if match is None:
        return []
    extra, params = sql_clause(filters)
    if not extra:  # rank first, join only the n winners: most of the cost at scale
        rows = manifest.rows(
            f"SELECT c.id, -f.s FROM (SELECT rowid, {BM25} AS s FROM chunks_fts "
            "WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?) f "
            "JOIN chunks c ON c.rowid = f.rowid ORDER BY f.s",
            [match, n],
        )
    else:
        rows = manifest.rows(
            f"SELECT c.id, -{BM25} FROM chunks_fts "
            "JOIN chunks c ON c.rowid = chunks_fts.rowid "
            f"WHERE chunks_fts MATCH ?{extra} ORDER BY {BM25} LIMIT ?",
            [match, *params, n],
        )
    return [(r[0], float(r[1])) for r in rows]
