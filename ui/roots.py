"""The folders kb watches: KB_WATCH from the environment plus the ones added in the app.

Folders added in the app are kept in the manifest (``state["watch_roots"]``) so they survive a
restart; KB_WATCH folders come from the environment and can only be changed there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kb.errors import ConfigError
from kb.knowledge_base import KnowledgeBase

STATE_KEY = "watch_roots"


@dataclass(frozen=True)
class Root:
    path: Path
    from_env: bool  # set by KB_WATCH (or `kb ui PATHS`): not removable in the app

    @property
    def exists(self) -> bool:
        return self.path.is_dir()


def added(kb: KnowledgeBase) -> list[Path]:
    return [Path(p) for p in kb.manifest.get_state(STATE_KEY, []) or []]


def all_roots(kb: KnowledgeBase) -> list[Root]:
    """KB_WATCH first, then the app's own folders; each folder once."""
    roots: list[Root] = []
    seen: set[Path] = set()
    for path, from_env in [(p, True) for p in kb.settings.watch] + [(p, False) for p in added(kb)]:
        if path not in seen:
            seen.add(path)
            roots.append(Root(path, from_env))
    return roots


def watchable(kb: KnowledgeBase) -> list[Path]:
    """The folders the watcher should follow: every known root that exists now."""
    return [r.path for r in all_roots(kb) if r.exists]


def add(kb: KnowledgeBase, folder: str) -> Path:
    """Remember a folder to watch; a ConfigError says why a path cannot be one."""
    text = folder.strip()
    if not text:
        raise ConfigError("Type the path of a folder to watch.")
    path = Path(os.path.abspath(Path(text).expanduser()))
    if not path.exists():
        raise ConfigError(f"No such folder: {path}")
    if not path.is_dir():
        raise ConfigError(f"{path} is a file; kb watches folders.")
    if path in {r.path for r in all_roots(kb)}:
        raise ConfigError(f"{path} is already watched.")
    kb.manifest.set_state(STATE_KEY, [*map(str, added(kb)), str(path)])
    return path


def remove(kb: KnowledgeBase, folder: Path) -> None:
    if folder in kb.settings.watch:
        raise ConfigError(f"{folder} comes from KB_WATCH; change it there to stop watching it.")
    kb.manifest.set_state(STATE_KEY, [str(p) for p in added(kb) if p != folder])


def orphaned(kb: KnowledgeBase, folder: Path) -> list[str]:
    """Indexed files under ``folder`` that no remaining root covers (they leave the index)."""
    others = [str(r.path).rstrip("/") + "/" for r in all_roots(kb) if r.path != folder]
    return [f.path for f in kb.manifest.files(under=[folder])
            if not any(f.path.startswith(o) for o in others)]
