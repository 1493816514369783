"""Where a running `kb ui` can be found: its URL, token included, in a 0600 file in KB_HOME.

`kb ui --print-url` in another terminal reads it; the file names the process that wrote it, so
a URL left behind by a killed app is recognised as stale rather than printed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kb.errors import ConfigError

NAME = "ui.url"


class AddressFile:
    def __init__(self, home: Path):
        self.path = home / NAME

    def write(self, url: str) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"{url}\n{os.getpid()}\n")

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def read(self) -> str:
        """The running app's URL; a ConfigError says when no app is running."""
        try:
            url, pid = self.path.read_text().split()[:2]
        except (OSError, ValueError):
            raise ConfigError("kb ui is not running (start it with `kb ui`).") from None
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            raise ConfigError("kb ui is not running any more (start it with `kb ui`).") from None
        except PermissionError:
            pass  # alive
        return url
