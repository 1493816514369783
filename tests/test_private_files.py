"""KB_HOME is its owner's alone: after `kb index`, `kb watch` and `kb ui` nothing in it can be
read by the group or by other users, and a KB_HOME left looser is tightened, the log says so."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from kb.home import tighten
from tests.index_state import indexed_paths, run_kb
from tests.test_watcher import wait_for
from tests.ui_process import running_ui

pytestmark = pytest.mark.slow


def loose(home: Path) -> list[str]:
    """Entries of ``home`` (itself included) with any group or other permission bit."""
    found = [home, *home.rglob("*")]
    return sorted(
        f"{oct(stat.S_IMODE(p.lstat().st_mode))} {p}"
        for p in found
        if not p.is_symlink() and p.lstat().st_mode & 0o077
    )


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    root.mkdir()
    (root / "a.md").write_text("# A\n\nThe first private note.\n")
    return root


def test_index_watch_and_ui_create_only_private_files(tmp_path: Path, notes: Path):
    home = tmp_path / "home"
    os.umask(0o022)  # the usual umask: kb must not depend on the caller's
    out, err = run_kb(home, "index", str(notes)).communicate(timeout=120)
    assert "added 1" in out, err
    assert loose(home) == [] and (home / "manifest.sqlite3").exists()

    watch = run_kb(home, "watch", str(notes))
    (notes / "b.md").write_text("# B\n\nA second note.\n")
    wait_for(lambda: str(notes / "b.md") in indexed_paths(home), what="the new note", timeout=60)
    watch.send_signal(signal.SIGINT)
    watch.communicate(timeout=60)
    assert loose(home) == []

    with running_ui(home, str(notes)):
        assert loose(home) == []  # ui.url (the token) included
        assert stat.S_IMODE((home / "ui.url").stat().st_mode) == 0o600
    assert loose(home) == []


def test_a_loose_kb_home_is_tightened_and_the_log_says_so_once(tmp_path: Path, notes: Path):
    home = tmp_path / "home"
    run_kb(home, "index", str(notes)).communicate(timeout=120)
    home.chmod(0o755)
    for p in home.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    assert loose(home)
    out, err = run_kb(home, "status").communicate(timeout=60)
    assert "KB_HOME" in out, err
    assert loose(home) == []
    log = (home / "kb.log").read_text()
    assert log.count("readable by other users") == 1
    run_kb(home, "status").communicate(timeout=60)
    assert (home / "kb.log").read_text().count("readable by other users") == 1


def test_tighten_keeps_the_owners_bits(tmp_path: Path):
    f = tmp_path / "x"
    f.write_text("x")
    f.chmod(0o755)
    assert tighten(tmp_path) >= 1
    assert stat.S_IMODE(f.stat().st_mode) == 0o700
