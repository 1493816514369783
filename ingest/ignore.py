"""Which paths kb looks at: supported suffixes, minus hidden, temporary and user-ignored files."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from pathlib import Path

from ingest.parsers import is_supported

# Editor swap files, office lock files, partial downloads, OS droppings.
# fmt: off
TEMP_PATTERNS = ("*.swp", "*.swo", "*.swx", "*~", "~$*", ".~lock.*", ".#*", "#*#", "*.tmp",
                 "*.temp", "*.part", "*.crdownload", "*.download", ".DS_Store", "Thumbs.db")
# fmt: on


def is_hidden(path: Path, roots: Sequence[Path] = ()) -> bool:
    """A dot-file or anything inside a dot-folder (below the watched root itself)."""
    parts = path.parts
    for root in roots:
        try:
            parts = path.relative_to(root).parts
            break
        except ValueError:
            continue
    return any(p.startswith(".") and p not in (".", "..") for p in parts)


def is_ignored(path: Path, roots: Sequence[Path] = (), extra: Sequence[str] = ()) -> bool:
    name = path.name
    if is_hidden(path, roots):
        return True
    if any(fnmatch.fnmatch(name, pat) for pat in TEMP_PATTERNS):
        return True
    return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in extra)


def wanted(path: Path, roots: Sequence[Path] = (), extra: Sequence[str] = ()) -> bool:
    return is_supported(path) and not is_ignored(path, roots, extra)
