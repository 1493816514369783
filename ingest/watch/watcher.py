"""Follow folders on disk: changed paths go, in quiet batches, to one callback on one thread.

A thin adapter over watchdog that knows nothing about the index::

    watchdog threads --events--> filter --> Pending (coalesce) --quiet--> worker --> on_batch(paths)

The worker is the only thread that calls ``on_start`` (the start-up reconciliation) and
``on_batch``, so indexing never runs twice at once. inotify is used when it can be; when it is
unavailable, its watch limit is hit or its reader thread dies, the watcher says so once on stderr,
switches to polling and rescans the folders, so nothing that happened in between is lost. An
inotify queue overflow (events dropped by the kernel) also triggers a rescan.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import watchdog.events as ev
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ingest.ignore import is_ignored, wanted
from ingest.scan import under
from ingest.watch.hooks import EVENTS, HEALTH_CHECK_S, INOTIFY_LIMITS, EventHandler, OverflowLog
from ingest.watch.pending import Pending


class Watcher:
    """Start with ``start()``, end with ``stop()``; safe to run inside a larger app (the UI)."""

    observer_class: Callable[[], Any] = Observer  # swapped by tests to simulate inotify failures
    poll_interval_s = 1.0

    def __init__(
        self,
        roots: Sequence[Path],
        on_batch: Callable[[list[str]], None],
        *,
        ignore: Sequence[str] = (),
        poll: bool = False,
        quiet_s: float = 1.0,
        hold_s: float = 30.0,
        max_wait_s: float = 10.0,
        on_start: Callable[[], None] | None = None,
        on_waiting: Callable[[int], None] | None = None,
        err: TextIO | None = None,
    ):
        resolved = sorted({Path(os.path.abspath(r)) for r in roots})
        self.roots = [
            r for r in resolved if not any(r != o and under(str(r), [o]) for o in resolved)
        ]
        self.on_batch, self.on_start, self.on_waiting = on_batch, on_start, on_waiting
        self.ignore = tuple(ignore)
        self.quiet_s, self.hold_s, self.max_wait_s = quiet_s, hold_s, max_wait_s
        self.mode = "polling" if poll else "inotify"
        self.err = err or sys.stderr
        self.stopping = threading.Event()
        self._cond = threading.Condition()
        self._pending = Pending()
        self._observer: Any = None
        self._worker: threading.Thread | None = None
        self._log_hook = OverflowLog(self)
        self.broken = False  # inotify failed after start-up

    # --- life cycle --------------------------------------------------------------------------
    def start(self) -> None:
        # watchdog warns when a folder is moved into a folder it has just started watching (it
        # re-registers the same inode); harmless, but it must neither reach the terminal nor,
        # under warnings-as-errors, kill watchdog's reader thread
        warnings.filterwarnings(
            "ignore", message="Callback with id .* already exists", category=RuntimeWarning
        )
        self._pending.busy = self.on_start is not None  # the start-up sync reads the disk
        self._observer = self._start_observer()
        wd_log = logging.getLogger("watchdog.observers")
        if wd_log.getEffectiveLevel() > logging.WARNING:
            wd_log.setLevel(logging.WARNING)  # the overflow warning must reach the hook
        wd_log.addHandler(self._log_hook)
        self._worker = threading.Thread(target=self._work, name="kb-watch-worker", daemon=True)
        self._worker.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop watching; the batch in progress is left to finish (see ``stopping``)."""
        self.stopping.set()
        with self._cond:
            self._cond.notify_all()
        logging.getLogger("watchdog.observers").removeHandler(self._log_hook)
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(timeout)

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._pending)

    def rescan(self, why: str | None = None) -> None:
        """Queue the whole of every folder (after lost events, or on request)."""
        if why:
            print(f"kb watch: {why}; rescanning the folders.", file=self.err)
        with self._cond:
            now = time.monotonic()
            for root in self.roots:
                self._pending.changed(str(root), now, is_dir=root.is_dir())
            self._cond.notify_all()

    def _start_observer(self, failure: str | None = None, broken: Any = None) -> Any:
        """inotify when it works; else polling, saying why once (and dropping the broken one)."""
        if self.mode == "inotify" and failure is None:
            try:
                broken = self.observer_class()
                self._schedule(broken)
                broken.start()
                return broken
            except OSError as e:
                failure = INOTIFY_LIMITS.get(
                    e.errno or 0, f"inotify is unavailable ({e.strerror or e})"
                )
        if failure is not None:
            print(
                f"kb watch: {failure}; falling back to polling every {self.poll_interval_s:g} s"
                " (slower to notice changes, more CPU on large folders).",
                file=self.err,
            )
            self.mode = "polling"
            if broken is not None:
                with contextlib.suppress(Exception):  # a half-started observer may not stop
                    broken.stop()
        observer = PollingObserver(timeout=self.poll_interval_s)
        self._schedule(observer)
        observer.start()
        return observer

    def _schedule(self, observer: Any) -> None:
        handler = EventHandler(self)
        for root in self.roots:
            if root.is_dir():
                observer.schedule(handler, str(root), recursive=True, event_filter=EVENTS)
            else:  # a single file: watch its folder, events are filtered to the file below
                observer.schedule(handler, str(root.parent), recursive=False, event_filter=EVENTS)

    def _inotify_alive(self) -> bool:
        # watchdog's inotify reader thread dies if adding a watch fails at run time (new folder
        # past the watch limit); its attribute is private, so look it up defensively
        if self.mode != "inotify" or self.stopping.is_set():
            return True
        reader = getattr(self._observer, "_inotify_fd", None)
        dead = isinstance(reader, threading.Thread) and not reader.is_alive()
        return not (dead or self.broken)

    # --- events (watchdog's threads) ---------------------------------------------------------
    def _wanted(self, path: str, is_dir: bool) -> bool:
        if not path or not under(path, self.roots):
            return False
        p = Path(path)
        return (
            not is_ignored(p, self.roots, self.ignore)
            if is_dir
            else wanted(p, self.roots, self.ignore)
        )

    def on_event(self, event: ev.FileSystemEvent) -> None:
        """One watchdog event (on watchdog's thread): filter it and let Pending coalesce it."""
        src = os.fsdecode(event.src_path)
        is_dir, kind = event.is_directory, event.event_type
        now = time.monotonic()
        with self._cond:
            was_empty = not len(self._pending)
            if kind == "moved":
                dest = os.fsdecode(event.dest_path)
                self._pending.moved(
                    src if self._wanted(src, is_dir) else None,
                    dest if self._wanted(dest, is_dir) else None,
                    now,
                    is_dir=is_dir,
                )
            elif not self._wanted(src, is_dir) or not self._pending.event(
                kind, src, now, is_dir=is_dir, track_writes=self.mode == "inotify"
            ):
                return
            if was_empty:  # the worker sleeps while nothing waits; later events only move
                self._cond.notify_all()  # its deadline, which it re-reads on waking

    # --- the worker --------------------------------------------------------------------------
    def _work(self) -> None:
        if self.on_start is not None:
            self._deliver(None)
        backoff, reported = 0.0, 0
        while not self.stopping.is_set():
            with self._cond:
                batch, wait = self._pending.take(
                    time.monotonic(), self.quiet_s, self.hold_s, self.max_wait_s
                )
                if batch:
                    self._pending.busy = True  # same lock as take: no event slips in between
                else:
                    self._cond.wait(min(wait or HEALTH_CHECK_S, HEALTH_CHECK_S))
                waiting = len(self._pending)
            if not batch:
                if self.on_waiting is not None and waiting != reported:
                    self.on_waiting(waiting)
                reported = waiting
                if not self._inotify_alive():
                    self._revive()
                continue
            ok = self._deliver(batch)
            backoff = 0.0 if ok else min(max(backoff * 2, 1.0), 60.0)
            if backoff:
                self.stopping.wait(backoff)

    def _deliver(self, batch: list[str] | None) -> bool:
        """Run the start-up hook (batch None) or the callback; a failure puts the paths back."""
        try:
            self.on_start() if batch is None else self.on_batch(batch)  # type: ignore[misc]
            return True
        except Exception as e:  # the store may be briefly unavailable: keep the paths, retry
            if self.stopping.is_set():
                return True
            print(f"kb watch: could not update the index ({e}); will retry.", file=self.err)
            with self._cond:
                self._pending.requeue(
                    [str(r) for r in self.roots] if batch is None else batch, time.monotonic()
                )
            return False
        finally:
            with self._cond:
                self._pending.done_reading(time.monotonic())

    def _revive(self) -> None:
        """inotify stopped delivering: poll instead, and rescan what may have been missed."""
        self._observer = self._start_observer(
            "inotify stopped working (watch limit reached?)", self._observer
        )
        self.rescan()
