"""One writer at a time per KB_HOME: an advisory file lock that dies with its process."""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from types import TracebackType


class WriterLock:
    def __init__(self, home: Path):
        self.path = home / "writer.lock"
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._fd, 32, 0).decode(errors="replace").strip() or "?"
            print(
                f"kb: another kb process (pid {holder}) is indexing; waiting for it…",
                file=sys.stderr,
            )
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
