"""Reading an index on disk from outside the process that writes it (for crash and watch tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def indexed_paths(home: Path) -> set[str]:
    """Paths with status 'indexed', read with a plain SQLite connection (empty if not there yet)."""
    try:
        with sqlite3.connect(home / "manifest.sqlite3", timeout=1) as db:
            return {r[0] for r in db.execute("SELECT path FROM files WHERE status = 'indexed'")}
    except sqlite3.Error:
        return set()


def snapshot(home: Path) -> tuple[list[tuple], set[str]]:
    """Every chunk row, and the vector ids, which must be exactly the chunk ids."""
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import Settings
    from tests.fakes import PassThroughSanitizer

    kb = KnowledgeBase(Settings(home=home, embedder="fake"), sanitize=PassThroughSanitizer())
    rows = kb.manifest.query("SELECT path, part, idx, text FROM chunks ORDER BY path, part, idx")
    ids = kb.index.vectors.all_ids()
    assert ids == set(kb.manifest.chunk_ids()), "vectors and chunk rows disagree"
    kb.close()
    return rows, ids
