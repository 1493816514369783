"""What kb says about its own state: one file's record, one sync's report, the watcher, the whole.

Each has ``to_json`` for the CLI's ``--json`` output (and the manifest's state table), so the
shapes other tools rely on are written in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Problem:
    """A file that could not be indexed, and why (a sentence for the person at the screen)."""

    path: str
    error: str
    status: str = "failed"  # "failed" | "skipped"

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True)
class FileRecord:
    """The manifest's row for one source file."""

    path: str
    size: int | None
    mtime_ns: int | None
    hash: str | None
    status: str  # "indexed" | "failed" | "skipped" | "dirty" (a write in progress, or a crash)
    error: str | None
    chunks: int
    redactions: dict[str, int]
    kind: str | None = None
    indexed_at: float | None = None


@dataclass
class IndexReport:
    """What one sync did; ``to_json`` is the `index` shape of the design's contract."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    embedded: int = 0  # chunks that went through the embedder (the rest reused a stored vector)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "chunks": self.chunks,
            "failed": [p.to_json() for p in self.failed],
        }


@dataclass(frozen=True)
class WatcherState:
    """What the watcher last recorded; `kb status` and the app read it from another process."""

    state: str = "starting"  # starting | indexing | idle | stopped | not running
    done: int = 0  # files of the current batch done ...
    total: int = 0  # ... of this many
    pending: int = 0  # changed paths waiting for their quiet period
    last_sync: str | None = None  # ISO-8601, local time
    pid: int | None = None
    roots: tuple[str, ...] = ()
    mode: str | None = None  # "inotify" | "polling"

    @property
    def indexing(self) -> bool:
        return self.state == "indexing"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "roots": list(self.roots)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WatcherState:
        """Tolerant of states written by older or newer kb versions: unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["roots"] = tuple(values.get("roots") or ())
        return cls(**values)


@dataclass(frozen=True)
class Status:
    """`kb status`: what is indexed, what failed and why, what answers and embeds."""

    home: str
    files: int
    by_status: dict[str, int]
    chunks: int
    problems: tuple[FileRecord, ...]
    redactions: dict[str, int]
    embedder: str
    model: str | None
    watcher: WatcherState | None

    @property
    def mode(self) -> str:
        return "llm" if self.model else "extractive"

    def count(self, status: str) -> int:
        return self.by_status.get(status, 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "home": self.home,
            "files": self.files,
            "by_status": self.by_status,
            "chunks": self.chunks,
            "problems": [
                {"path": p.path, "status": p.status, "error": p.error} for p in self.problems
            ],
            "redactions": self.redactions,
            "embedder": self.embedder,
            "model": self.model,
            "mode": self.mode,
            "watcher": self.watcher.to_json() if self.watcher else None,
        }
