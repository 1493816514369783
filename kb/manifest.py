"""The manifest: one SQLite file under KB_HOME recording every source file and every chunk.

``files``   path, size, mtime, content hash, status (indexed / failed / skipped / dirty), error,
            chunk count, redaction counts — what makes syncing incremental and auditable.
``chunks``  the sanitized passages themselves, with their metadata; Chroma holds only vectors.
``chunks_fts`` an FTS5 index over chunk text and title, kept in step by triggers.
``state``   small key/value facts other processes read (the watcher's status).

WAL mode lets `kb search` in one terminal read while `kb watch` writes in another.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.errors import StoreError
from kb.types import Chunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, status TEXT NOT NULL,
    error TEXT, chunks INTEGER NOT NULL DEFAULT 0, redactions TEXT NOT NULL DEFAULT '{}',
    kind TEXT, indexed_at REAL
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, path TEXT NOT NULL, part TEXT NOT NULL,
    idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page INTEGER, kind TEXT NOT NULL, title TEXT NOT NULL, date TEXT, day INTEGER,
    subject TEXT, sender TEXT, text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_path ON chunks(path);
CREATE INDEX IF NOT EXISTS chunks_text_hash ON chunks(text_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, title, content='chunks', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# The FTS "title" column also holds an email's sender, so "mail from Lucia" matches her mail.
FTS_TITLE = "{0}.title || coalesce(' ' || {0}.sender, '')"
TRIGGERS = f"""
DROP TRIGGER IF EXISTS chunks_ai;
DROP TRIGGER IF EXISTS chunks_ad;
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text, title)
    VALUES (new.rowid, new.text, {FTS_TITLE.format("new")});
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text, title)
    VALUES ('delete', old.rowid, old.text, {FTS_TITLE.format("old")});
END;
"""
SCHEMA_VERSION = 2  # 2: sender in the FTS title column

CHUNK_COLUMNS = (
    "id, path, part, idx, text, start, \"end\", page, kind, title, date, subject, sender"
)


@dataclass(frozen=True)
class FileRecord:
    path: str
    size: int | None
    mtime_ns: int | None
    hash: str | None
    status: str
    error: str | None
    chunks: int
    redactions: dict[str, int]
    kind: str | None = None
    indexed_at: float | None = None


def day_number(date: str | None) -> int | None:
    """'2025-03-14…' -> 20250314, the integer both SQLite and Chroma filter on."""
    if not date or len(date) < 10 or not date[:4].isdigit():
        return None
    try:
        return int(date[:4] + date[5:7] + date[8:10])
    except ValueError:
        return None


def row_to_chunk(row: Sequence[Any]) -> Chunk:
    (cid, path, part, idx, text, start, end, page, kind, title, date, subject, sender) = row
    return Chunk(id=cid, source=path, part=part, index=idx, text=text, start=start, end=end,
                 page=page, kind=kind, title=title, date=date, subject=subject, sender=sender)


class Manifest:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False,
                                       isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.Error as e:
            raise StoreError(f"Cannot open the manifest at {path}: {e}") from e
        self._lock = threading.RLock()

    def _migrate(self) -> None:
        """Bring triggers and the FTS index up to SCHEMA_VERSION (re-indexing text, not files)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        self._db.executescript(f"""
            BEGIN IMMEDIATE;
            {TRIGGERS}
            INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all');
            INSERT INTO chunks_fts(rowid, text, title)
                SELECT c.rowid, c.text, {FTS_TITLE.format("c")} FROM chunks c;
            PRAGMA user_version = {SCHEMA_VERSION};
            COMMIT;
        """)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # --- files -------------------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        rows = self.query("SELECT * FROM files WHERE path = ?", (path,))
        return self._record(rows[0]) if rows else None

    def files(self, under: Iterable[Path] = ()) -> list[FileRecord]:
        rows = self.query("SELECT * FROM files ORDER BY path")
        records = [self._record(r) for r in rows]
        prefixes = [str(p).rstrip("/") + "/" for p in under]
        if prefixes:
            records = [r for r in records
                       if any(r.path.startswith(p) or r.path + "/" == p for p in prefixes)]
        return records

    def paths(self) -> list[str]:
        """Every known source path, without decoding whole records (the sync's hot path)."""
        return [r[0] for r in self.query("SELECT path FROM files ORDER BY path")]

    @staticmethod
    def _record(row: Sequence[Any]) -> FileRecord:
        path, size, mtime, h, status, error, chunks, red, kind, at = row
        return FileRecord(path, size, mtime, h, status, error, chunks, json.loads(red), kind, at)

    def put_file(self, db: sqlite3.Connection, rec: FileRecord) -> None:
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?)",
            (rec.path, rec.size, rec.mtime_ns, rec.hash, rec.status, rec.error, rec.chunks,
             json.dumps(rec.redactions, sort_keys=True), rec.kind, rec.indexed_at),
        )

    def touch_file(self, path: str, size: int, mtime_ns: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                       (size, mtime_ns, path))

    # --- chunks ------------------------------------------------------------------------------
    def chunk_ids(self, path: str | None = None) -> list[str]:
        if path is None:
            return [r[0] for r in self.query("SELECT id FROM chunks")]
        return [r[0] for r in self.query("SELECT id FROM chunks WHERE path = ?", (path,))]

    def insert_chunks(self, db: sqlite3.Connection, chunks: Sequence[Chunk],
                      text_hashes: Sequence[str]) -> None:
        db.executemany(
            f"INSERT OR REPLACE INTO chunks ({CHUNK_COLUMNS}, day, text_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.source, c.part, c.index, c.text, c.start, c.end, c.page, c.kind, c.title,
              c.date, c.subject, c.sender, day_number(c.date), h)
             for c, h in zip(chunks, text_hashes, strict=True)],
        )

    def chunks_by_id(self, ids: Sequence[str]) -> dict[str, Chunk]:
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            batch = list(ids[i:i + 500])
            marks = ",".join("?" * len(batch))
            for row in self.query(f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE id IN ({marks})",
                                  batch):
                out[row[0]] = row_to_chunk(row)
        return out

    def chunks_of(self, path: str, part: str | None = None) -> list[Chunk]:
        sql = f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE path = ?"
        params: list[Any] = [path]
        if part is not None:
            sql += " AND part = ?"
            params.append(part)
        return [row_to_chunk(r) for r in self.query(sql + " ORDER BY part, idx", params)]

    def ids_for_text_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """text hash -> the id of one stored chunk with exactly that text (to reuse its vector)."""
        wanted = list(set(hashes))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), 500):
            batch = wanted[i:i + 500]
            marks = ",".join("?" * len(batch))
            for h, cid in self.query(
                f"SELECT text_hash, min(id) FROM chunks WHERE text_hash IN ({marks}) "
                "GROUP BY text_hash", batch,
            ):
                out[h] = cid
        return out

    # --- state -------------------------------------------------------------------------------
    def set_state(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    def get_state(self, key: str, default: Any = None) -> Any:
        rows = self.query("SELECT value FROM state WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default
