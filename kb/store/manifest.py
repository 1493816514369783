"""The manifest: one SQLite file under KB_HOME recording every source file and every chunk.

``files``   path, size, mtime, content hash, status (indexed / failed / skipped / dirty), error,
            chunk count, redaction counts, how it was read (pages OCR'd, still locked) — what
            makes syncing incremental and auditable.
``chunks``  the sanitized passages themselves, with their metadata; Chroma holds only vectors.
``state``   small key/value facts other processes read (the watcher's status, watched folders).

WAL mode lets `kb search` in one terminal read while `kb watch` writes in another.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kb.errors import StoreError
from kb.records import Chunk, day_number
from kb.reports import FileRecord
from kb.store.schema import CHUNK_COLUMNS, FILE_COLUMNS, create_or_migrate, row_to_chunk
from kb.store.wal import use_wal

BATCH = 500  # ids per "IN (...)" query


class Manifest:
    def __init__(self, path: Path):
        self.path = path
        try:
            self._db = sqlite3.connect(
                path, timeout=30, check_same_thread=False, isolation_level=None
            )
            use_wal(self._db)
            self._db.execute("PRAGMA synchronous=NORMAL")
            create_or_migrate(self._db)
        except sqlite3.Error as e:
            raise StoreError(f"Cannot open the manifest at {path}: {e}") from e
        self._lock = threading.RLock()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """For the store's writer only: one BEGIN IMMEDIATE ... COMMIT."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """For the store package only; everyone else uses named methods."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # --- files -------------------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        rows = self.rows(f"SELECT {FILE_COLUMNS} FROM files WHERE path = ?", (path,))
        return self._record(rows[0]) if rows else None

    def files(self, under: Iterable[Path] = ()) -> list[FileRecord]:
        rows = self.rows(f"SELECT {FILE_COLUMNS} FROM files ORDER BY path")
        records = [self._record(r) for r in rows]
        prefixes = [str(p).rstrip("/") + "/" for p in under]
        if prefixes:
            records = [
                r
                for r in records
                if any(r.path.startswith(p) or r.path + "/" == p for p in prefixes)
            ]
        return records

    def paths(self) -> list[str]:
        """Every known source path, without decoding whole records (the sync's hot path)."""
        return [r[0] for r in self.rows("SELECT path FROM files ORDER BY path")]

    def indexed_paths(self, like: str | None = None, limit: int = -1) -> list[str]:
        """Paths of indexed files, optionally only those matching an SQL LIKE pattern."""
        params: list[object]
        if like is None:
            sql, params = "SELECT path FROM files WHERE status = 'indexed' LIMIT ?", [limit]
        else:
            sql = (
                "SELECT path FROM files WHERE status = 'indexed' AND path LIKE ? ESCAPE '\\' "
                "LIMIT ?"
            )
            params = [like, limit]
        return [r[0] for r in self.rows(sql, params)]

    def has_dirty(self) -> bool:
        return bool(self.rows("SELECT 1 FROM files WHERE status = 'dirty' LIMIT 1"))

    def dirty_paths(self) -> list[str]:
        return [r[0] for r in self.rows("SELECT path FROM files WHERE status = 'dirty'")]

    @staticmethod
    def _record(row: Sequence[Any]) -> FileRecord:
        path, size, mtime, h, status, error, chunks, red, kind, at, reading = row
        red, extra = json.loads(red), FileRecord.reading_from(json.loads(reading))
        return FileRecord(path, size, mtime, h, status, error, chunks, red, kind, at, **extra)

    @staticmethod
    def put_file(db: sqlite3.Connection, rec: FileRecord) -> None:
        db.execute(
            f"INSERT OR REPLACE INTO files ({FILE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                rec.path,
                rec.size,
                rec.mtime_ns,
                rec.hash,
                rec.status,
                rec.error,
                rec.chunks,
                json.dumps(rec.redactions, sort_keys=True),
                rec.kind,
                rec.indexed_at,
                json.dumps(rec.reading_json(), sort_keys=True),
            ),
        )

    @staticmethod
    def delete_files(db: sqlite3.Connection, paths: Sequence[str]) -> None:
        db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

    def touch_file(self, path: str, size: int, mtime_ns: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
            )

    # --- chunks ------------------------------------------------------------------------------
    def chunk_count(self) -> int:
        return int(self.rows("SELECT count(*) FROM chunks")[0][0])

    def has_chunks(self) -> bool:
        return bool(self.rows("SELECT 1 FROM chunks LIMIT 1"))

    def chunk_ids(self, path: str | None = None) -> list[str]:
        if path is None:
            return [r[0] for r in self.rows("SELECT id FROM chunks")]
        return [r[0] for r in self.rows("SELECT id FROM chunks WHERE path = ?", (path,))]

    @staticmethod
    def insert_chunks(
        db: sqlite3.Connection, chunks: Sequence[Chunk], text_hashes: Sequence[str]
    ) -> None:
        db.executemany(
            f"INSERT OR REPLACE INTO chunks ({CHUNK_COLUMNS}, day, text_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.source,
                    c.part,
                    c.index,
                    c.text,
                    c.start,
                    c.end,
                    c.page,
                    c.kind,
                    c.title,
                    c.date,
                    c.subject,
                    c.sender,
                    day_number(c.date),
                    h,
                )
                for c, h in zip(chunks, text_hashes, strict=True)
            ],
        )

    @staticmethod
    def delete_chunks_of(db: sqlite3.Connection, path: str) -> None:
        db.execute("DELETE FROM chunks WHERE path = ?", (path,))

    def chunks_by_id(self, ids: Sequence[str]) -> dict[str, Chunk]:
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), BATCH):
            batch = list(ids[i : i + BATCH])
            marks = ",".join("?" * len(batch))
            for row in self.rows(
                f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE id IN ({marks})", batch
            ):
                out[row[0]] = row_to_chunk(row)
        return out

    def chunks_of(self, path: str, part: str | None = None) -> list[Chunk]:
        sql = f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE path = ?"
        params: list[Any] = [path]
        if part is not None:
            sql += " AND part = ?"
            params.append(part)
        return [row_to_chunk(r) for r in self.rows(sql + " ORDER BY part, idx", params)]

    def all_chunks(self) -> Iterator[Chunk]:
        """Every stored chunk in document order (for exports and benchmarks)."""
        for row in self.rows(f"SELECT {CHUNK_COLUMNS} FROM chunks ORDER BY path, part, idx"):
            yield row_to_chunk(row)

    def ids_for_text_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """text hash -> the id of one stored chunk with exactly that text (to reuse its vector)."""
        wanted = list(set(hashes))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), BATCH):
            batch = wanted[i : i + BATCH]
            marks = ",".join("?" * len(batch))
            for h, cid in self.rows(
                f"SELECT text_hash, min(id) FROM chunks WHERE text_hash IN ({marks}) "
                "GROUP BY text_hash",
                batch,
            ):
                out[h] = cid
        return out

    # --- state -------------------------------------------------------------------------------
    def set_state(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    def get_state(self, key: str, default: Any = None) -> Any:
        rows = self.rows("SELECT value FROM state WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default
