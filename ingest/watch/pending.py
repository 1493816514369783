"""The watcher's memory between an event and the batch it ends up in: pure, clock passed in.

Every path that may have changed waits here until it is quiet. Coalescing rules:

- many events on one path are one entry (a save is created + modified + closed);
- a path first seen being created and then deleted in the same window cancels out — unless it
  may already be in the index (it appeared while a batch or the start-up sync was running, or it
  was the target of a move, which may have replaced an indexed file);
- a move is a deleted source plus a changed destination, for files and folders alike; a folder
  entry stands for everything below it, so the files inside it are dropped when it is handed out;
- a file still being written waits: one whose size or mtime differs from what it was at its last
  event, or one modified and not yet closed (inotify's close-write; capped by ``hold_s``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

Stat = Callable[[str], "tuple[int, int] | None"]


def file_stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass
class _Entry:
    fresh: bool  # first seen being created: not in the index yet, so a delete cancels it
    is_dir: bool
    last: float  # time of the last event on this path
    stat: tuple[int, int] | None  # (size, mtime) at that event; None for folders or gone files
    writing: bool = False  # modified and not closed since (only meaningful with inotify)


def _covered(path: str, folders: set[str]) -> bool:
    """Is path strictly below one of these folders?"""
    parent = os.path.dirname(path)
    while parent and parent not in folders:
        up = os.path.dirname(parent)
        if up == parent:
            return False
        parent = up
    return bool(parent)


class Pending:
    """Not thread-safe: the watcher holds its lock around every call."""

    def __init__(self, stat: Stat = file_stat):
        self._stat = stat
        self._entries: dict[str, _Entry] = {}
        self.last_event = 0.0
        self.window_start = 0.0  # when the oldest path still waiting arrived
        self.busy = False  # True while the callback reads the disk: new paths may get indexed
        self._trust_after = 0.0  # and a little after: watchdog delivers events with some delay

    def __len__(self) -> int:
        return len(self._entries)

    def paths(self) -> list[str]:
        return sorted(self._entries)

    # --- events ------------------------------------------------------------------------------
    def changed(
        self,
        path: str,
        now: float,
        *,
        is_dir: bool = False,
        created: bool = False,
        writing: bool = False,
    ) -> None:
        entry = self._entries.get(path)
        if entry is None:
            fresh = created and not self.busy and now >= self._trust_after
            entry = _Entry(fresh=fresh, is_dir=is_dir, last=now, stat=None)
            self._add(path, entry, now)
        entry.is_dir, entry.last = is_dir, now
        entry.stat = None if is_dir else self._stat(path)
        entry.writing = entry.writing or writing
        self.last_event = now

    def closed(self, path: str, now: float) -> None:
        """inotify's close-after-write: the writer is done with this file."""
        self.changed(path, now)
        self._entries[path].writing = False

    def gone(self, path: str, now: float, *, is_dir: bool = False) -> None:
        entry = self._entries.get(path)
        self.last_event = now
        if entry is not None and entry.fresh:
            del self._entries[path]  # created and deleted within one window: nothing to do
            return
        if entry is None:
            self._add(path, _Entry(fresh=False, is_dir=is_dir, last=now, stat=None), now)
        else:
            entry.is_dir, entry.last, entry.stat, entry.writing = is_dir, now, None, False

    def moved(self, src: str | None, dest: str | None, now: float, *, is_dir: bool) -> None:
        """src/dest are None when outside what is watched (a temp file, a folder elsewhere)."""
        if src is not None:
            self.gone(src, now, is_dir=is_dir)
        if dest is not None:
            # not "created": the destination may have replaced an indexed file (atomic save)
            self.changed(dest, now, is_dir=is_dir)

    def done_reading(self, now: float, grace_s: float = 2.0) -> None:
        self.busy = False
        self._trust_after = now + grace_s

    def event(self, kind: str, path: str, now: float, *, is_dir: bool, track_writes: bool) -> bool:
        """One watchdog event type (not a move); False if it is not one kb reacts to."""
        if kind == "deleted":
            self.gone(path, now, is_dir=is_dir)
        elif kind == "closed":
            self.closed(path, now)
        elif kind in ("created", "modified", "attrib"):
            self.changed(
                path,
                now,
                is_dir=is_dir,
                created=kind == "created",
                writing=kind == "modified" and track_writes,
            )
        else:
            return False
        return True

    def requeue(self, paths: list[str], now: float) -> None:
        """A batch that failed comes back; its paths may be half-indexed, so never fresh."""
        for p in paths:
            if p not in self._entries:
                is_dir = os.path.isdir(p)
                self._add(
                    p,
                    _Entry(
                        fresh=False, is_dir=is_dir, last=now, stat=None if is_dir else self._stat(p)
                    ),
                    now,
                )
        self.last_event = max(self.last_event, now)

    def _add(self, path: str, entry: _Entry, now: float) -> None:
        if not self._entries:
            self.window_start = now
        self._entries[path] = entry

    # --- handing out -------------------------------------------------------------------------
    def take(
        self, now: float, quiet_s: float, hold_s: float, max_wait_s: float
    ) -> tuple[list[str], float | None]:
        """(paths ready for the callback, seconds until it is worth asking again).

        Everything waits for a quiet period after the last event anywhere, so a burst becomes
        one batch; under a never-ending trickle of events, paths quiet on their own go out
        after ``max_wait_s`` anyway.
        """
        if not self._entries:
            return [], None
        since_any, waited = now - self.last_event, now - self.window_start
        if since_any < quiet_s and waited < max_wait_s:
            return [], min(quiet_s - since_any, max_wait_s - waited)
        held: list[str] = []
        ready: list[str] = []
        for path, e in self._entries.items():
            if now - e.last < quiet_s or self._unsettled(path, e, now, hold_s):
                held.append(path)
            else:
                ready.append(path)
        if held:  # a folder goes out only once nothing below it is still being written
            held_parents = {os.path.dirname(h) for h in held}
            blocked = {
                p
                for p in ready
                if self._entries[p].is_dir
                and any(hp == p or hp.startswith(p + os.sep) for hp in held_parents)
            }
            ready = [p for p in ready if p not in blocked]
        folders = {p for p in ready if self._entries[p].is_dir}
        for p in ready:
            del self._entries[p]
        ready = sorted(p for p in ready if not _covered(p, folders))
        self.window_start = now
        return ready, (quiet_s if self._entries else None)

    def _unsettled(self, path: str, e: _Entry, now: float, hold_s: float) -> bool:
        if e.is_dir:
            return False
        current = self._stat(path)
        if current != e.stat:  # changed after its last event: more is on its way
            e.stat, e.last = current, now
            return True
        return e.writing and current is not None and now - e.last < hold_s
