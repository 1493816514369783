"""The watch service end to end, in process: real file-system events, the fake embedder, real
Chroma.

These tests drive ``WatchService`` (what the UI runs in a thread); test_watch_process.py runs the
real ``kb watch`` command in a subprocess. Every test waits generously for the index to reach the
expected state; none asserts how long that took.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections import Counter

import pytest

from ingest.sync import Syncer
from ingest.watch.service import WatchService
from kb.knowledge_base import KnowledgeBase
from kb.output import status_text
from tests.watching import on_disk, wait_for

pytestmark = pytest.mark.slow  # real watchdog events and quiet periods

QUIET = 0.3


def _texts(kb) -> str:
    return " ".join(c.text for c in kb.store.all_chunks())


def _paths(kb) -> set[str]:
    return {r.path for r in kb.store.files()}


def _in_step(kb) -> bool:
    return kb.store.vector_ids() == {c.id for c in kb.store.all_chunks()}


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
    assert _paths(fake_kb) == on_disk(notes)
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
    assert _paths(fake_kb) == on_disk(notes) and _in_step(fake_kb)
