"""Driving `kb` in a subprocess and reading its index from outside (crash and watch tests)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def fake_kb_command(*args: str) -> list[str]:
    """The real `kb` command line, run with the test fakes registered (see tests/fake_kb.py)."""
    return [sys.executable, "-m", "tests.fake_kb", *args]


def run_kb(home: Path, *args: str, **env: str) -> subprocess.Popen:
    """The real `kb` command on this KB_HOME with the fake embedder; output captured as text."""
    env = {**os.environ, "KB_HOME": str(home), "KB_EMBEDDER": "fake", **env}
    return subprocess.Popen(
        fake_kb_command(*args),
        env=env,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM, as systemd and Docker send, then wait; SIGKILL if it is still there after 60 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate(timeout=10)


def many_notes(folder: Path, n: int) -> Path:
    """FOLDER with n notes of one to four paragraphs: enough for an index to be caught mid-way."""
    folder.mkdir()
    for i in range(n):
        (folder / f"note-{i:04d}.md").write_text(
            f"# Note {i}\n\nParagraph about topic {i} and the garden.\n\n" * (1 + i % 4)
        )
    return folder


def manifest_rows(home: Path, sql: str) -> list[tuple]:
    """Rows from the manifest through a plain SQLite connection (none if it is not there yet)."""
    try:
        with sqlite3.connect(home / "manifest.sqlite3", timeout=5) as db:
            return db.execute(sql).fetchall()
    except sqlite3.Error:
        return []


def indexed_paths(home: Path) -> set[str]:
    return {r[0] for r in manifest_rows(home, "SELECT path FROM files WHERE status = 'indexed'")}


def snapshot(home: Path) -> tuple[list[tuple], set[str]]:
    """Every chunk row, and the vector ids, which must be exactly the chunk ids."""
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import Settings
    from tests.fakes import PassThroughSanitizer

    kb = KnowledgeBase(Settings(home=home, embedder="fake"), sanitizer=PassThroughSanitizer())
    chunks = list(kb.store.all_chunks())
    rows = [(c.source, c.part, c.index, c.text) for c in chunks]
    ids = kb.store.vector_ids()
    assert ids == {c.id for c in chunks}, "vectors and chunk rows disagree"
    kb.close()
    return rows, ids
