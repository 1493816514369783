"""SIGKILL in the middle of `kb index`, then run it again: exactly the chunks of the files on
disk remain."""

from __future__ import annotations

import signal
import time

import pytest

from tests.index_state import indexed_paths, many_notes, run_kb, snapshot

pytestmark = pytest.mark.slow


def test_kill_9_during_index_then_rerun_leaves_exactly_the_files_on_disk(tmp_path):
    folder = many_notes(tmp_path / "notes", 1200)
    home = tmp_path / "home"
    proc = run_kb(home, "index", str(folder))
    deadline = time.monotonic() + 120
    while len(indexed_paths(home)) < 100 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, proc.communicate()[1][-2000:]
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert 0 < len(indexed_paths(home)) < 1200

    # the disk changes while kb is down: one file goes, one is rewritten
    (folder / "note-0000.md").unlink()
    (folder / "note-0001.md").write_text("# Rewritten\n\nNow about the boat.\n")
    rerun = run_kb(home, "index", "--json", str(folder))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err

    fresh_home = tmp_path / "fresh"
    fresh = run_kb(fresh_home, "index", str(folder))
    fresh.communicate(timeout=300)
    repaired_rows, repaired_ids = snapshot(home)
    fresh_rows, fresh_ids = snapshot(fresh_home)
    assert repaired_rows == fresh_rows
    assert repaired_ids == fresh_ids
    assert len({r[0] for r in repaired_rows}) == 1199
