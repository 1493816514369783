"""The watch service end to end: real file-system events, the fake embedder, real Chroma.

In-process tests drive ``WatchService`` (what the UI runs in a thread); the slow ones run the real
``kb watch`` command in a subprocess: kill -9 and restart, and other kb processes reading while it
indexes. Every test waits generously for the index to reach the expected state; none asserts how
long that took.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from ingest.sync import Syncer
from ingest.watch.service import WatchService
from kb.knowledge_base import KnowledgeBase
from kb.output import status_text
from tests.index_state import indexed_paths, manifest_rows, run_kb, snapshot
from tests.test_watcher import wait_for

QUIET = 0.3


def _texts(kb) -> str:
    return " ".join(c.text for c in kb.store.all_chunks())


def _paths(kb) -> set[str]:
    return {r.path for r in kb.store.files()}


def _in_step(kb) -> bool:
    return kb.store.vector_ids() == {c.id for c in kb.store.all_chunks()}


def _on_disk(root: Path) -> set[str]:
    return {str(p) for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()}


class CountingService(WatchService):
    """Remembers how often each path was handed to the indexing callback."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.handed: Counter[str] = Counter()

    def _batch(self, paths: list[str]) -> None:
        self.handed.update(paths)
        super()._batch(paths)


@pytest.fixture
def serve(fake_kb, notes):
    """Start a watch service on the notes and wait for its start-up sync."""
    running: list[WatchService] = []

    def start(**kw) -> CountingService:
        svc = CountingService(
            fake_kb, [notes], quiet_s=kw.pop("quiet_s", QUIET), err=io.StringIO(), **kw
        )
        svc.start()
        running.append(svc)
        wait_for(lambda: svc.state.last_sync, what="the start-up sync")
        return svc

    yield start
    for svc in running:
        svc.stop(timeout=30)


def test_new_note_is_found_and_an_edit_replaces_the_old_sentence(fake_kb, notes, serve):
    serve()
    new = notes / "garden.md"
    new.write_text("The tomatoes in the greenhouse need water twice a week.\n")
    wait_for(lambda: "tomatoes" in _texts(fake_kb), what="the new note")
    assert fake_kb.search("tomatoes greenhouse")[0].source == str(new)
    (notes / "boat.txt").write_text("We sold the boat in the autumn to a neighbour.\n")
    wait_for(lambda: "neighbour" in _texts(fake_kb), what="the edit")
    assert "lighthouse" not in _texts(fake_kb)
    assert _in_step(fake_kb)


def test_deleted_file_and_folder_leave_no_chunk(fake_kb, notes, serve):
    serve()
    (notes / "boat.txt").unlink()
    shutil.rmtree(notes / "trips")
    wait_for(lambda: _paths(fake_kb) == {str(notes / "2025-03-14.md")}, what="the removals")
    assert "lighthouse" not in _texts(fake_kb) and "Lisbon" not in _texts(fake_kb)
    assert _in_step(fake_kb)


def test_renamed_file_and_moved_folder_are_rekeyed_without_embedding(fake_kb, notes, serve):
    serve()
    embedded = fake_kb.embedder.texts_embedded
    (notes / "boat.txt").rename(notes / "sailing.txt")
    (notes / "archive").mkdir()
    (notes / "trips").rename(notes / "archive" / "travel")
    moved = {
        str(notes / "2025-03-14.md"),
        str(notes / "sailing.txt"),
        str(notes / "archive" / "travel" / "lisbon.md"),
    }
    wait_for(lambda: _paths(fake_kb) == moved, what="the moves")
    assert fake_kb.embedder.texts_embedded == embedded
    assert fake_kb.search("flight TP 1305")[0].source == str(notes / "archive/travel/lisbon.md")
    assert fake_kb.search("boat lighthouse")[0].source == str(notes / "sailing.txt")
    assert _in_step(fake_kb)


def test_burst_of_300_files_is_indexed_exactly_once_each(fake_kb, notes, serve):
    svc = serve(quiet_s=1.0)
    embedded = fake_kb.embedder.texts_embedded
    burst = [notes / f"burst-{i:03d}.md" for i in range(300)]
    for i, f in enumerate(burst):
        f.write_text(f"Burst note number {i} about topic{i} and nothing else.\n")
    wait_for(lambda: _paths(fake_kb) >= {str(f) for f in burst}, what="the burst", timeout=60)
    wait_for(lambda: svc.state.state == "idle" and not svc.watcher.pending, what="idle")
    assert {str(f): svc.handed[str(f)] for f in burst} == {str(f): 1 for f in burst}
    assert fake_kb.embedder.texts_embedded - embedded == 300
    assert _in_step(fake_kb)


def test_editor_style_save_is_one_update(fake_kb, notes, serve):
    svc = serve()
    embedded = fake_kb.embedder.texts_embedded
    note = notes / "2025-03-14.md"
    tmp = notes / "2025-03-14.md.tmp"
    tmp.write_text("# Vet\n\nThe vet said the ear infection is gone.\n")
    os.replace(tmp, note)
    wait_for(lambda: "gone" in _texts(fake_kb), what="the saved note")
    wait_for(lambda: svc.state.state == "idle", what="idle")
    assert svc.handed == Counter({str(note): 1})
    assert fake_kb.embedder.texts_embedded - embedded == 1
    assert "mild ear infection" not in _texts(fake_kb)


def test_file_appended_in_slow_writes_is_indexed_once_when_complete(fake_kb, notes, serve):
    svc = serve()
    embedded = fake_kb.embedder.texts_embedded
    log = notes / "minutes.md"
    with open(log, "w") as f:  # pauses longer than the quiet period, the file held open
        for part in ("Minutes of the meeting.", "Budget approved.", "Roof repair in May."):
            f.write(part + "\n")
            f.flush()
            time.sleep(QUIET * 2.5)
    wait_for(lambda: "Roof repair" in _texts(fake_kb), what="the complete file")
    wait_for(lambda: svc.state.state == "idle", what="idle")
    assert svc.handed == Counter({str(log): 1})
    assert fake_kb.embedder.texts_embedded - embedded == 1


def test_changes_while_not_running_are_reconciled_at_start(fake_kb, notes, serve):
    Syncer(fake_kb).sync([notes])
    (notes / "boat.txt").unlink()
    (notes / "2025-03-14.md").write_text("# Vet\n\nBiscuit is healthy again.\n")
    (notes / "trips" / "rome.md").write_text("# Rome\n\nThe train leaves at nine.\n")
    serve()  # no event reaches it: only the start-up sync can see these
    assert _paths(fake_kb) == _on_disk(notes)
    assert "healthy" in _texts(fake_kb) and "lighthouse" not in _texts(fake_kb)
    assert "train leaves" in _texts(fake_kb) and _in_step(fake_kb)


def test_state_is_readable_by_other_processes(fake_kb, fake_settings, notes, serve):
    svc = serve()
    (notes / "new.md").write_text("Something new.\n")
    wait_for(lambda: str(notes / "new.md") in _paths(fake_kb), what="the new note")
    wait_for(lambda: svc.state.state == "idle", what="idle")
    other = KnowledgeBase(fake_settings)  # its own connection, as `kb status` has
    seen = other.watcher_state()
    assert seen.state == "idle" and seen.pid == os.getpid() and seen.last_sync
    assert "watcher   idle, last sync" in status_text(other.status())
    svc.stop(timeout=30)
    assert other.watcher_state().state == "stopped"
    other.close()


def test_stop_mid_sync_leaves_a_consistent_index_the_next_start_completes(fake_kb, notes):
    for i in range(200):
        (notes / f"n{i:03d}.md").write_text(f"Note {i} about subject{i}.\n")
    svc = WatchService(fake_kb, [notes], quiet_s=QUIET, err=io.StringIO())
    svc.start()
    wait_for(lambda: len(_paths(fake_kb)) >= 10, what="some files indexed")
    svc.stop(timeout=60)
    assert 0 < len(_paths(fake_kb)) < 203, "the sync finished before it could be stopped"
    assert _in_step(fake_kb)
    assert all(f.status == "indexed" for f in fake_kb.store.files())
    again = WatchService(fake_kb, [notes], quiet_s=QUIET, err=io.StringIO())
    again.start()
    wait_for(lambda: again.state.last_sync, what="the second start-up sync", timeout=60)
    again.stop(timeout=30)
    assert _paths(fake_kb) == _on_disk(notes) and _in_step(fake_kb)


# --- the real `kb watch` in a subprocess --------------------------------------------------------
def _watch_state(home: Path) -> dict:
    rows = manifest_rows(home, "SELECT value FROM state WHERE key = 'watcher'")
    return json.loads(rows[0][0]) if rows else {}


def _settled(home: Path, folder: Path) -> bool:
    state = _watch_state(home)
    return (
        state.get("state") == "idle"
        and not state.get("pending")
        and indexed_paths(home) == _on_disk(folder)
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
