"""The Library page's content as plain data: the watcher's state in words, one row per file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from kb.knowledge_base import KnowledgeBase
from kb.reports import WatcherState


def watcher_line(w: WatcherState | None) -> str:
    """The watcher's state in a few words: idle / indexing n of m / last sync / pending."""
    if w is None:
        return "The watcher has not run yet."
    if w.indexing:
        line = (
            f"Indexing: {w.done} of {w.total} files" if w.total else "Indexing: looking for changes"
        )
    elif w.state == "idle":
        line = "Idle: the index is up to date with the watched folders"
    else:
        line = f"Watcher {w.state}"
    if w.last_sync:
        line += f" · last sync {w.last_sync.replace('T', ' ')[:19]}"
    if w.pending:
        line += f" · {w.pending} changes waiting"
    return line


def file_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every file the manifest knows, named relative to the folder above its watched root."""
    tops = [str(f.path) for f in kb.folders()]
    rows = []
    for f in kb.store.files():
        top = next((t for t in tops if f.path.startswith(t.rstrip("/") + "/")), None)
        rows.append(
            {
                "file": os.path.relpath(f.path, Path(top).parent) if top else f.path,
                "kind": f.kind or "",
                "status": f.status,
                "chunks": f.chunks,
                "redactions": ", ".join(f"{k} {n}" for k, n in sorted(f.redactions.items())),
                "problem": f.error or "",
                "ocr": f.ocr.summary() if f.ocr else "",
                "indexed": datetime.fromtimestamp(f.indexed_at).strftime("%Y-%m-%d %H:%M")
                if f.indexed_at
                else "",
            }
        )
    return rows
