"""The process's one watcher: started once, restarted when the folder list changes, stopped at exit.

Streamlit runs the script once per browser tab and rerun; the watcher must not. This holder is
created inside the app's ``st.cache_resource`` and owns the ``WatchService`` (which runs the
start-up sync and then follows the folders on its own worker thread). Nothing here calls ``st.*``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.watch.service import WatchService
from kb.knowledge_base import KnowledgeBase

STOP_TIMEOUT_S = 30.0  # the file being indexed is finished first; give up on it after this


class Watching:
    def __init__(self, kb: KnowledgeBase, *, poll: bool = False, **options: Any):
        self.kb = kb
        self.poll = poll
        self.options = options
        self.service: WatchService | None = None
        self._lock = threading.Lock()

    @property
    def roots(self) -> list[Path]:
        return list(self.service.roots) if self.service else []

    def apply(self, roots: Sequence[Path]) -> None:
        """Follow exactly these folders (a no-op when they are already followed)."""
        wanted = sorted({Path(r) for r in roots})
        with self._lock:
            if self.service is not None and sorted(self.service.roots) == wanted:
                return
            self._stop()
            if wanted:
                self.service = WatchService(
                    self.kb, wanted, poll=self.poll, err=sys.stderr, **self.options
                )
                self.service.start()

    def forget(self, paths: Sequence[str], roots: Sequence[Path]) -> None:
        """Remove files from the index (a folder no longer watched), then follow ``roots``."""
        with self._lock:
            self._stop()  # the watcher would otherwise re-add them, and it holds the writer lock
            self.kb.forget(paths)
        self.apply(roots)

    def sync_now(self) -> bool:
        """Queue a rescan of every folder; False when nothing is watched."""
        with self._lock:
            if self.service is None:
                return False
            self.service.watcher.rescan()
            return True

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self.service is not None:
            self.service.stop(STOP_TIMEOUT_S)
            self.service = None
