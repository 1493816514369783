"""What ingest offers the core through the ``kb.extensions`` entry points (see kb/extensions.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from kb.types import IndexReport


def sanitizer(settings: Settings) -> Any:
    from ingest.sanitizer import Sanitizer

    return Sanitizer.for_home(settings.ensure_home(), keep=settings.sanitize_keep)


def index(kb: KnowledgeBase, paths: Sequence[Path], progress: Any = None) -> IndexReport:
    from ingest.sync import Syncer

    return Syncer(kb, kb.sanitize, progress).sync(paths)  # type: ignore[arg-type]


def watch(kb: KnowledgeBase, paths: Sequence[Path], *, poll: bool = False) -> int:
    """`kb watch`: a full sync, then follow the folders until SIGINT/SIGTERM."""
    from ingest.watch_command import run

    return run(kb, paths, poll=poll)
