"""The manifest's tables and rows, and the migration that brings an older KB_HOME up to date.

Migrations work from the stored chunks; they never need the source files again. (Schema 4 drops
the FTS5 table: keyword search moved to kb.store.keywords, rebuilt from the chunk rows.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from kb.records import Chunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, status TEXT NOT NULL,
    error TEXT, chunks INTEGER NOT NULL DEFAULT 0, redactions TEXT NOT NULL DEFAULT '{}',
    kind TEXT, indexed_at REAL, reading TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, path TEXT NOT NULL, part TEXT NOT NULL,
    idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page INTEGER, kind TEXT NOT NULL, title TEXT NOT NULL, date TEXT, day INTEGER,
    subject TEXT, sender TEXT, text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_path ON chunks(path);
CREATE INDEX IF NOT EXISTS chunks_text_hash ON chunks(text_hash);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# 2: sender in the FTS title column; 3: files.reading (JSON: pages read by OCR, still locked);
# 4: no FTS5 (kb.store.keywords)
SCHEMA_VERSION = 4


def create_or_migrate(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    steps = []
    if "reading" not in {row[1] for row in db.execute("PRAGMA table_info(files)")}:
        steps.append("ALTER TABLE files ADD COLUMN reading TEXT NOT NULL DEFAULT '{}';")
    steps.append(
        "DROP TRIGGER IF EXISTS chunks_ai; DROP TRIGGER IF EXISTS chunks_ad;"
        " DROP TABLE IF EXISTS chunks_fts;"
    )
    if version < 3:
        # files kb could not read before may be readable now (scans by OCR, locked PDFs, Word):
        # a forgotten modification time makes the next sync read them again
        steps.append("UPDATE files SET mtime_ns = NULL WHERE status IN ('failed', 'skipped');")
    db.executescript(
        "BEGIN IMMEDIATE;\n"
        + "\n".join(steps)
        + f"\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
    )


FILE_COLUMNS = (
    "path, size, mtime_ns, hash, status, error, chunks, redactions, kind, indexed_at, reading"
)
CHUNK_COLUMNS = 'id, path, part, idx, text, start, "end", page, kind, title, date, subject, sender'


def row_to_chunk(row: Sequence[Any]) -> Chunk:
    (cid, path, part, idx, text, start, end, page, kind, title, date, subject, sender) = row
    return Chunk(
        id=cid,
        source=path,
        part=part,
        index=idx,
        text=text,
        start=start,
        end=end,
        page=page,
        kind=kind,
        title=title,
        date=date,
        subject=subject,
        sender=sender,
    )
