"""kb's SQLite files opened by several processes at once (two `kb ask` on a new KB_HOME)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from kb.store.history import History
from kb.store.manifest import Manifest
from kb.store.wal import use_wal


def _locked(path: Path) -> sqlite3.Connection:
    """A connection holding ``path`` exclusively, as a process switching it to WAL does."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("CREATE TABLE IF NOT EXISTS t (x)")
    db.execute("BEGIN EXCLUSIVE")
    return db


def test_waits_for_another_opener(tmp_path: Path):
    holder = _locked(tmp_path / "a.sqlite3")
    threading.Timer(0.3, holder.rollback).start()
    db = sqlite3.connect(tmp_path / "a.sqlite3", timeout=0, isolation_level=None)
    use_wal(db, timeout=10)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_gives_up_after_its_timeout(tmp_path: Path):
    holder = _locked(tmp_path / "a.sqlite3")
    db = sqlite3.connect(tmp_path / "a.sqlite3", timeout=0, isolation_level=None)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(db, timeout=0.2)
    assert time.monotonic() - started >= 0.2
    holder.rollback()


def _open(kind: str, path: str, start, errors) -> None:
    start.wait()
    try:
        (History if kind == "history" else Manifest)(Path(path)).close()
    except Exception as e:  # noqa: BLE001 - reported to the test
        errors.put(f"{kind}: {e}")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["history", "manifest"])
def test_processes_opening_a_new_file_together(tmp_path: Path, kind: str):
    # before use_wal, every run of this test had openings fail with "database is locked"
    ctx = multiprocessing.get_context("fork")
    errors = ctx.Queue()
    for i in range(40):
        start = ctx.Barrier(4)
        path = str(tmp_path / f"{i}.sqlite3")
        procs = [ctx.Process(target=_open, args=(kind, path, start, errors)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
