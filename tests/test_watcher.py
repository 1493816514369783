"""The watcher adapter alone: real file-system events in temporary folders, a recording callback.

Each test waits (generously) for what the callback must eventually receive; none asserts how
long anything took. The coalescing rules alone, without a file system: test_watch_pending.py.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from ingest.watch.watcher import Watcher
from tests.watching import Recorder, wait_for

pytestmark = pytest.mark.slow  # real watchdog events and quiet periods

QUIET = 0.3  # shorter than the default second: these tests only need the behaviour


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "notes"
    r.mkdir()
    return r


@pytest.fixture
def watch(root: Path):
    """Start a watcher on root with a recorder; stopped at the end of the test."""
    started: list[Watcher] = []

    def make(**kw) -> tuple[Watcher, Recorder]:
        rec = Recorder()
        w = kw.pop("cls", Watcher)([root], rec, quiet_s=kw.pop("quiet_s", QUIET), **kw)
        w.start()
        started.append(w)
        return w, rec

    yield make
    for w in started:
        w.stop(timeout=10)


def test_burst_of_300_files_is_handed_over_exactly_once_each(root, watch):
    _, rec = watch(quiet_s=1.0)
    sub = root / "burst"
    sub.mkdir()
    files = [sub / f"note-{i:03d}.md" for i in range(300)]
    for i, f in enumerate(files):
        f.write_text(f"# Note {i}\n\nSomething about topic {i}.\n")
    # the folder itself may be handed over instead of its files (a folder stands for its content)
    wait_for(
        lambda: str(sub) in rec.counts() or all(str(f) in rec.counts() for f in files),
        what="the burst",
    )
    time.sleep(2.0)  # anything that would come twice has had time to come
    counts = rec.counts()
    if str(sub) in counts:
        assert counts[str(sub)] == 1 and not any(str(f) in counts for f in files)
    else:
        assert {str(f): counts[str(f)] for f in files} == {str(f): 1 for f in files}


def test_burst_into_an_existing_folder_is_handed_over_once_each(root, watch):
    _, rec = watch(quiet_s=1.0)
    files = [root / f"n{i:03d}.txt" for i in range(300)]
    for f in files:
        f.write_text("text\n")
    wait_for(lambda: len(rec.counts()) >= 300, what="300 files")
    time.sleep(2.0)
    assert rec.counts() == Counter({str(f): 1 for f in files})


def test_editor_save_via_temp_file_and_rename_is_one_update(root, watch):
    note = root / "journal.md"
    note.write_text("Monday: the vet called.\n")
    _, rec = watch()
    tmp = root / ".journal.md.swp"
    tmp.write_text("Monday: the vet called about Biscuit.\n")
    os.replace(tmp, note)
    wait_for(lambda: rec.counts(), what="the save")
    time.sleep(QUIET * 4)
    assert rec.batches == [[str(note)]]


def test_slow_appends_are_handed_over_once_when_complete(root, watch):
    _, rec = watch()
    note = root / "download.md"
    with open(note, "w") as f:  # held open between writes, pauses longer than the quiet period
        for i in range(5):
            f.write(f"Part {i} of a long note written slowly.\n")
            f.flush()
            time.sleep(QUIET * 2.5)
    final = note.stat().st_size
    wait_for(lambda: rec.counts(), what="the finished file")
    time.sleep(QUIET * 4)
    assert rec.sizes == {str(note): [final]}


def test_created_then_deleted_cancels_out(root, watch):
    _, rec = watch(quiet_s=1.0)
    (root / "keep.md").write_text("stays\n")
    brief = root / "brief.md"
    brief.write_text("gone before anyone looked\n")
    brief.unlink()
    wait_for(lambda: rec.counts(), what="keep.md")
    time.sleep(1.5)
    assert rec.counts() == Counter({str(root / "keep.md"): 1})


def test_reading_files_and_ignored_names_trigger_nothing(root, watch):
    note = root / "read-me.md"
    note.write_text("Read many times, never changed.\n")
    _, rec = watch(ignore=["*.draft.md"])
    for _ in range(20):
        note.read_text()
    for name in (
        "x.md.swp",
        "~$report.md",
        ".#lock.md",
        "part.md.part",
        ".hidden.md",
        "a.tmp",
        "image.png",
        "wip.draft.md",
    ):
        (root / name).write_text("noise\n")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.md").write_text("noise\n")
    (root / "marker.md").write_text("the last write\n")
    wait_for(lambda: rec.counts(), what="marker.md")
    time.sleep(QUIET * 4)
    assert rec.counts() == Counter({str(root / "marker.md"): 1})


def test_moves_hand_over_source_and_destination(root, watch):
    (root / "old").mkdir()
    (root / "old" / "a.md").write_text("a\n")
    (root / "b.md").write_text("b\n")
    _, rec = watch()
    (root / "old").rename(root / "new")
    (root / "b.md").rename(root / "c.md")
    expected = {str(root / p) for p in ("old", "new", "b.md", "c.md")}
    wait_for(lambda: set(rec.counts()) >= expected, what="both moves")
    time.sleep(QUIET * 4)
    # a folder stands for its content: its files are not handed over separately
    assert set(rec.counts()) == expected


def test_lost_events_make_the_whole_folder_go_again(root, watch):
    err = io.StringIO()
    _, rec = watch(err=err)
    # what watchdog logs when the kernel's inotify queue overflowed and events were lost
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost"
    )
    wait_for(lambda: rec.counts(), what="the rescan")
    assert rec.batches == [[str(root)]] and "rescanning" in err.getvalue()


class NoInotify:
    """An observer that fails like inotify does once its watch limit is reached."""

    def __init__(self) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


class LimitedWatcher(Watcher):
    observer_class = NoInotify


def test_falls_back_to_polling_and_says_so_once(root, watch):
    err = io.StringIO()
    w, rec = watch(cls=LimitedWatcher, err=err)
    assert w.mode == "polling"
    (root / "polled.md").write_text("found by polling\n")
    wait_for(lambda: str(root / "polled.md") in rec.counts(), what="the polled file")
    (root / "second.md").write_text("also found\n")
    wait_for(lambda: str(root / "second.md") in rec.counts(), what="the second file")
    assert err.getvalue().count("falling back to polling") == 1
    assert "max_user_watches" in err.getvalue()


def test_start_hook_runs_first_and_changes_meanwhile_are_not_lost(root, watch):
    order: list[str] = []

    def slow_start() -> None:
        order.append("start")
        (root / "during.md").write_text("written while the start-up sync ran\n")
        time.sleep(QUIET * 2)

    _, rec = watch(on_start=slow_start)
    wait_for(lambda: str(root / "during.md") in rec.counts(), what="the file written meanwhile")
    assert order == ["start"]


def test_a_failing_callback_gets_the_paths_again(root, watch):
    err = io.StringIO()
    calls: list[list[str]] = []

    class Flaky(Watcher):
        def __init__(self, roots, on_batch, **kw):
            def flaky(paths: list[str]) -> None:
                calls.append(paths)
                if len(calls) == 1:
                    raise RuntimeError("database is locked")
                on_batch(paths)

            super().__init__(roots, flaky, **kw)

    _, rec = watch(cls=Flaky, err=err)
    (root / "retry.md").write_text("x\n")
    wait_for(lambda: rec.counts(), what="the retried batch")
    assert calls == [[str(root / "retry.md")]] * 2
    assert "database is locked" in err.getvalue()
