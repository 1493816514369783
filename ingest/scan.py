"""Walking the watched folders: what is on disk now, with the stat kb compares against."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.ignore import wanted


@dataclass(frozen=True)
class OnDisk:
    path: str
    size: int
    mtime_ns: int
    problem: str | None = None  # a file we want but cannot stat (looping link, no permission)


def stat_entry(path: Path) -> OnDisk:
    try:
        st = path.stat()
    except OSError as e:
        reason = (
            "broken or looping symbolic link"
            if path.is_symlink()
            else (f"cannot read file: {e.strerror.lower() if e.strerror else e}")
        )
        return OnDisk(str(path), 0, 0, reason)
    return OnDisk(str(path), st.st_size, st.st_mtime_ns)


def scan(roots: Sequence[Path], ignore: Sequence[str] = ()) -> dict[str, OnDisk]:
    """Every wanted regular file below the roots. Folder symlinks are not followed (no loops)."""
    found: dict[str, OnDisk] = {}
    for root in roots:
        root = Path(os.path.abspath(root))
        if root.is_file():
            if wanted(root, (root.parent,), ignore):
                found[str(root)] = stat_entry(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            base = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = base / name
                if wanted(path, (root,), ignore):
                    entry = stat_entry(path)
                    if entry.problem or Path(path).is_file():
                        found[str(path)] = entry
    return found


def under(path: str, roots: Iterable[Path]) -> bool:
    return any(path == str(r) or path.startswith(str(r).rstrip("/") + "/") for r in roots)
