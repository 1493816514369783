"""The real ``kb watch`` command in a subprocess: kill -9 and restart, and other kb processes
reading while it indexes. Every test waits generously for the index to reach the expected state;
none asserts how long that took.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.index_state import indexed_paths, manifest_rows, run_kb, snapshot
from tests.watching import on_disk, wait_for


def _watch_state(home: Path) -> dict:
    rows = manifest_rows(home, "SELECT value FROM state WHERE key = 'watcher'")
    return json.loads(rows[0][0]) if rows else {}


def _settled(home: Path, folder: Path) -> bool:
    state = _watch_state(home)
    return (
        state.get("state") == "idle"
        and not state.get("pending")
        and indexed_paths(home) == on_disk(folder)
    )


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return err


@pytest.mark.slow
def test_kill_9_during_a_burst_then_restart_matches_the_disk(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "first.md").write_text("# First\n\nThe first note, before the burst.\n")
    home = tmp_path / "home"
    proc = run_kb(home, "watch", str(folder))
    wait_for(lambda: _settled(home, folder), what="kb watch to start", timeout=60)
    for i in range(300):
        (folder / f"burst-{i:03d}.md").write_text(f"# Burst {i}\n\nAbout topic{i}.\n")
    wait_for(lambda: len(indexed_paths(home)) >= 30, what="part of the burst", timeout=60)
    proc.kill()
    proc.communicate()
    assert len(indexed_paths(home)) < 301, "the burst was indexed before kb watch could be killed"

    # while kb is down: a file goes, one is rewritten, one appears
    (folder / "burst-000.md").unlink()
    (folder / "first.md").write_text("# First\n\nRewritten while kb was down.\n")
    (folder / "late.md").write_text("# Late\n\nWritten while kb was down.\n")
    again = run_kb(home, "watch", str(folder))
    wait_for(lambda: _settled(home, folder), what="the restart to catch up", timeout=90)
    _stop(again)
    assert _watch_state(home)["state"] == "stopped"

    fresh_home = tmp_path / "fresh"
    fresh = run_kb(fresh_home, "index", str(folder))
    fresh.communicate(timeout=120)
    assert fresh.returncode == 0
    assert snapshot(home) == snapshot(fresh_home)


@pytest.mark.slow
def test_search_and_status_in_other_processes_while_kb_watch_indexes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "first.md").write_text("# First\n\nA note about the garden shed.\n")
    home = tmp_path / "home"
    watch = run_kb(home, "watch", str(folder))
    wait_for(lambda: _settled(home, folder), what="kb watch to start", timeout=60)
    for i in range(300):
        (folder / f"burst-{i:03d}.md").write_text(f"# Burst {i}\n\nThe garden and topic{i}.\n")
    wait_for(lambda: _watch_state(home).get("state") == "indexing", what="indexing", timeout=30)

    seen_files, rounds = [], 0
    while rounds < 3 or _watch_state(home).get("state") == "indexing":
        readers = [
            run_kb(home, "status", "--json"),
            run_kb(home, "search", "garden topic", "--json"),
        ]
        outs = [r.communicate(timeout=60) for r in readers]  # a lock-up fails here
        for r, (_out, err) in zip(readers, outs, strict=True):
            assert r.returncode == 0 and "Traceback" not in err, err
        status, found = json.loads(outs[0][0]), json.loads(outs[1][0])
        seen_files.append(status["files"])
        assert status["watcher"]["pid"] == watch.pid
        assert all(Path(h["source"]).parent == folder for h in found["hits"])
        rounds += 1
    assert seen_files == sorted(seen_files), "a reader saw the index go backwards"

    wait_for(lambda: _settled(home, folder), what="the burst", timeout=90)
    last = run_kb(home, "search", "topic299", "-k", "1", "--json")
    out, err = last.communicate(timeout=60)
    assert json.loads(out)["hits"][0]["source"] == str(folder / "burst-299.md"), err
    err = _stop(watch, signal.SIGINT)
    assert "stopped" in err and _watch_state(home)["state"] == "stopped"
