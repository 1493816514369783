"""`kb watch`: reconcile at start, then keep the index in step with the folders until stopped.

``WatchService`` wires the store-agnostic ``Watcher`` to the ``Syncer``: the start-up sync heals
whatever changed while kb was not running, then every quiet batch of changed paths goes through
``Syncer.update``. It records its state in the store (a ``WatcherState``: idle / indexing N of
M / last sync / pending / pid) so `kb status` in another terminal can tell whether the index is
up to date. The UI runs the same service in a background thread; ``run`` is the CLI
edge around it: signals and one short line per batch on stderr.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from ingest.sync import Syncer
from ingest.watch.watcher import Watcher
from kb.knowledge_base import KnowledgeBase
from kb.reports import IndexReport, WatcherState

STATE_EVERY_S = 0.5  # progress reaches the manifest at most this often


class Stopped(Exception):
    """Raised between two files to end a batch early: the rest is left for the next start."""


def batch_line(what: str, r: IndexReport, seconds: float) -> str:
    parts = [
        f"{n} {label}"
        for n, label in ((r.added, "added"), (r.updated, "updated"), (r.removed, "removed"))
        if n
    ]
    if r.failed:
        parts.append(f"{len(r.failed)} failed")
    if r.skipped:
        parts.append(f"{len(r.skipped)} skipped")
    done = ", ".join(parts) or "nothing changed"
    return (
        f"kb watch: {datetime.now():%H:%M:%S} {what}: {done}; {r.embedded} passages embedded, "
        f"{r.chunks} in the index ({seconds:.1f} s)"
    )


class WatchService:
    """The watcher plus the indexing it drives; ``start()`` returns at once, ``stop()`` waits."""

    def __init__(
        self,
        kb: KnowledgeBase,
        roots: Sequence[Path],
        *,
        poll: bool = False,
        quiet_s: float = 1.0,
        err: TextIO | None = None,
        **watcher_options: Any,
    ):
        self.kb = kb
        self.roots = [Path(os.path.abspath(r)) for r in roots]
        self.err = err or sys.stderr
        self.watcher = Watcher(
            self.roots,
            self._batch,
            ignore=kb.settings.ignore,
            poll=poll,
            quiet_s=quiet_s,
            on_start=self._reconcile,
            on_waiting=self._waiting,
            err=self.err,
            **watcher_options,
        )
        self.batches = 0  # completed update batches (not counting the start-up sync)
        self.last_report: IndexReport | None = None
        self._state = WatcherState(pid=os.getpid())
        self._written = 0.0
        self._lock = threading.Lock()

    def start(self) -> None:
        self._record(state="indexing", roots=tuple(str(r) for r in self.roots))
        self.watcher.start()
        self._record(mode=self.watcher.mode)  # known once inotify did or did not start

    def stop(self, timeout: float | None = None) -> None:
        self.watcher.stop(timeout)
        self._record(state="stopped", pending=0, done=0, total=0)

    @property
    def state(self) -> WatcherState:
        with self._lock:
            return self._state

    # --- the watcher's callbacks (all on its one worker thread) ------------------------------
    def _reconcile(self) -> None:
        self._run("start-up sync", lambda s: s.sync(self.roots))

    def _batch(self, paths: list[str]) -> None:
        what = f"{len(paths)} changed" if len(paths) > 1 else Path(paths[0]).name
        self._run(what, lambda s: s.update(paths, self.roots))
        self.batches += 1

    def _run(self, what: str, work: Callable[[Syncer], IndexReport]) -> None:
        self._record(state="indexing", done=0, total=0, pending=self.watcher.pending)
        started = time.monotonic()
        report = work(Syncer(self.kb, self._progress))
        self.last_report = report
        self._record(
            state="idle",
            done=0,
            total=0,
            pending=self.watcher.pending,
            last_sync=datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        print(batch_line(what, report, time.monotonic() - started), file=self.err, flush=True)
        for f in report.failed:
            print(f"  failed: {f.path}: {f.error}", file=self.err)

    def _progress(self, done: int, total: int, path: str) -> None:
        if self.watcher.stopping.is_set():
            raise Stopped(path)  # between two files: nothing is half-written
        if time.monotonic() - self._written >= STATE_EVERY_S or done == total:
            self._record(state="indexing", done=done, total=total, pending=self.watcher.pending)

    def _waiting(self, pending: int) -> None:
        self._record(pending=pending)

    def _record(self, **changes: Any) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)
            self._written = time.monotonic()
            self.kb.store.set_watcher_state(self._state)


def run(kb: KnowledgeBase, paths: Sequence[Path], *, poll: bool = False) -> int:
    """The `kb watch` command: blocks until SIGINT/SIGTERM; a second Ctrl-C quits at once."""
    service = WatchService(kb, paths, poll=poll)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        service.start()
        names = ", ".join(str(r) for r in service.roots)
        print(
            f"kb watch: watching {names} ({service.watcher.mode}); Ctrl-C to stop.",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(3600):
            pass
        print(
            "kb watch: stopping (the file in progress is finished or left for next start)…",
            file=sys.stderr,
            flush=True,
        )
    finally:
        service.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
    print("kb watch: stopped.", file=sys.stderr)
    return 0
