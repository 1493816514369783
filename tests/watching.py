"""Waiting on real file-system events: a recording watcher callback and a patient poll."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path


class Recorder:
    """The callback: remembers every batch, and each file's size when it was handed over."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.sizes: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    def __call__(self, paths: list[str]) -> None:
        with self.lock:
            self.batches.append(list(paths))
            for p in paths:
                self.sizes.setdefault(p, []).append(os.path.getsize(p) if os.path.isfile(p) else -1)

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(p for b in self.batches for p in b)


def wait_for(condition, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def on_disk(root: Path) -> set[str]:
    """The notes under ``root``: what the index must hold once the watcher has settled."""
    return {str(p) for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()}
