"""Conversations kept in KB_HOME/history.sqlite3: each turn as kb saw it, after the sanitizer.

Deleting a conversation must leave nothing of it on disk, so SQLite overwrites freed pages
(``secure_delete``) and the write-ahead log is truncated after a delete: the deleted text is in
neither the database file nor the WAL. ``KB_HISTORY=off`` opens the same store in memory.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kb.chats.conversation import ChatSummary, ChatTurn
from kb.errors import StoreError
from kb.store.wal import use_wal

SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    name TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    chat TEXT NOT NULL REFERENCES chats(name) ON DELETE CASCADE ON UPDATE CASCADE,
    n INTEGER NOT NULL, turn TEXT NOT NULL, PRIMARY KEY (chat, n)
);
"""
MEMORY = ":memory:"


class History:
    def __init__(self, path: Path | str):
        self.path = path
        try:
            self._db = sqlite3.connect(
                str(path), timeout=30, check_same_thread=False, isolation_level=None
            )
            self._db.execute("PRAGMA secure_delete = ON")
            self._db.execute("PRAGMA foreign_keys = ON")
            if path != MEMORY:
                use_wal(self._db)
            self._db.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise StoreError(f"Cannot open the conversation history at {path}: {e}") from e
        self._lock = threading.RLock()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def chats(self) -> list[ChatSummary]:
        """Every conversation, the most recently updated first."""
        rows = self._rows(
            "SELECT c.name, count(t.n), c.updated FROM chats c "
            "LEFT JOIN turns t ON t.chat = c.name GROUP BY c.name ORDER BY c.updated DESC, c.name"
        )
        return [ChatSummary(name, turns, updated) for name, turns, updated in rows]

    def turns(self, name: str) -> list[ChatTurn]:
        rows = self._rows("SELECT turn FROM turns WHERE chat = ? ORDER BY n", (name,))
        return [ChatTurn.from_json(json.loads(r[0])) for r in rows]

    def exists(self, name: str) -> bool:
        return bool(self._rows("SELECT 1 FROM chats WHERE name = ?", (name,)))

    def append(self, name: str, turn: ChatTurn) -> int:
        """Add the next turn of ``name`` (created if new); returns its number (1-based)."""
        now = time.time()
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO chats VALUES (?, ?, ?)", (name, now, now))
            db.execute("UPDATE chats SET updated = ? WHERE name = ?", (now, name))
            n = db.execute(
                "SELECT coalesce(max(n), 0) + 1 FROM turns WHERE chat = ?", (name,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO turns VALUES (?, ?, ?)",
                (name, n, json.dumps(turn.to_json(), ensure_ascii=False)),
            )
        return int(n)

    def rename(self, old: str, new: str) -> None:
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM chats WHERE name = ?", (new,)).fetchone():
                raise StoreError(f"There is already a conversation called {new!r}.")
            db.execute("UPDATE chats SET name = ? WHERE name = ?", (new, old))
        self._scrub()

    def delete(self, name: str) -> bool:
        with self._transaction() as db:
            gone = db.execute("DELETE FROM chats WHERE name = ?", (name,)).rowcount
        self._scrub()
        return bool(gone)

    def _scrub(self) -> None:
        """Push freed (zeroed) pages from the WAL into the file and empty the WAL."""
        if self.path != MEMORY:
            with self._lock:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
