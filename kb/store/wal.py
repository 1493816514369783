"""Write-ahead logging for kb's SQLite files, which several kb processes may open at once."""

from __future__ import annotations

import sqlite3
import time

RETRY_SECONDS = 0.05


def use_wal(db: sqlite3.Connection, timeout: float = 30.0) -> None:
    """Switch ``db`` to WAL, waiting up to ``timeout`` seconds for other openers.

    Switching needs the file to itself, and SQLite answers "database is locked" at once, without
    its busy timeout, when another process is switching or reading it: two ``kb ask`` started
    together on a new KB_HOME failed 29 of 180 openings here. Once a file is in WAL the switch
    is a no-op that takes no lock.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() >= deadline:
                raise
            time.sleep(RETRY_SECONDS)
