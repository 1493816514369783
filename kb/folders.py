"""The folders kb watches: KB_WATCH from the environment plus the ones added in the app.

Both lists are knowledge-base state, so `kb index` and `kb watch` without arguments, `kb ui` and
the app's Library page all see the same folders. KB_WATCH folders can only be changed there.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.errors import ConfigError


@dataclass(frozen=True)
class Folder:
    path: Path
    from_env: bool  # set by KB_WATCH (or `kb ui PATHS`): not removable in the app

    @property
    def exists(self) -> bool:
        return self.path.is_dir()


def merged(from_env: Sequence[Path], added: Sequence[Path]) -> list[Folder]:
    """KB_WATCH first, then the app's own folders; each folder once."""
    out: list[Folder] = []
    seen: set[Path] = set()
    for path, env in [(p, True) for p in from_env] + [(p, False) for p in added]:
        if path not in seen:
            seen.add(path)
            out.append(Folder(path, env))
    return out


def checked(folder: str, known: Sequence[Folder]) -> Path:
    """The absolute folder named by ``folder``; a ConfigError says why it cannot be watched."""
    text = folder.strip()
    if not text:
        raise ConfigError("Type the path of a folder to watch.")
    path = Path(os.path.abspath(Path(text).expanduser()))
    if not path.exists():
        raise ConfigError(f"No such folder: {path}")
    if not path.is_dir():
        raise ConfigError(f"{path} is a file; kb watches folders.")
    if path in {f.path for f in known}:
        raise ConfigError(f"{path} is already watched.")
    return path


def orphaned(files: Sequence[str], folder: Path, known: Sequence[Folder]) -> list[str]:
    """Of ``files`` under ``folder``, those no other watched folder covers."""
    others = [str(f.path).rstrip("/") + "/" for f in known if f.path != folder]
    return [p for p in files if not any(p.startswith(o) for o in others)]
