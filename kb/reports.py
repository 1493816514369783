"""What kb says about its own state: one file's record, one sync's report, the watcher, the whole.

Each has ``to_json`` for the CLI's ``--json`` output (and the manifest's state table), so the
shapes other tools rely on are written in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from kb.recognition import Recognition


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
    ocr: Recognition | None = None  # pages read from their image, and how surely
    locked: bool = False  # a password-protected PDF no known password opens

    def reading_json(self) -> dict[str, Any]:
        """How the file was read, for the manifest's ``reading`` column and ``--json``."""
        out: dict[str, Any] = {"ocr": self.ocr.to_json()} if self.ocr else {}
        return out | ({"locked": True} if self.locked else {})

    @classmethod
    def reading_from(cls, data: dict[str, Any]) -> dict[str, Any]:
        """The ``ocr`` and ``locked`` fields from ``reading_json``'s output."""
        ocr = data.get("ocr")
        return {
            "ocr": Recognition.from_json(ocr) if ocr else None,
            "locked": bool(data.get("locked")),
        }


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
    recognised: tuple[FileRecord, ...] = ()  # indexed files with pages read by OCR
    vectors: str = ""  # which Chroma holds the vectors: the embedded one or a server's URL

    @property
    def locked(self) -> tuple[FileRecord, ...]:
        """PDFs still locked: none of the passwords in KB_HOME/pdf_passwords opens them."""
        return tuple(p for p in self.problems if p.locked)

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
                {"path": p.path, "status": p.status, "error": p.error, "locked": p.locked}
                for p in self.problems
            ],
            "ocr": [{"path": f.path, **f.ocr.to_json()} for f in self.recognised if f.ocr],
            "redactions": self.redactions,
            "embedder": self.embedder,
            "model": self.model,
            "mode": self.mode,
            "watcher": self.watcher.to_json() if self.watcher else None,
            "vectors": self.vectors,
        }
