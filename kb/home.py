"""KB_HOME belongs to its owner alone: the folder is 0700 and everything kb writes in it 0600.

The manifest holds the sanitized text of every journal entry and contract, so another account on
the machine must not read it. kb sets the process umask to 077 before it creates anything —
which covers the files SQLite, Chroma, onnxruntime and the log handler create on their own —
and tightens a KB_HOME left looser by an older kb or by hand, saying so once in the log.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from kb import passwords
from kb.errors import ConfigError

log = logging.getLogger("kb.home")
PRIVATE_UMASK = 0o077


def prepare(home: Path) -> Path:
    """Create KB_HOME if needed, owner-only, and make the process create private files."""
    os.umask(PRIVATE_UMASK)
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        raise ConfigError(f"Cannot create KB_HOME at {home}: {e.strerror}") from e
    return home


def secure(home: Path) -> None:
    """Tighten what an older kb (or a hand) left readable; the log says so (once: after that
    nothing is loose). Called once kb's log is open, so the message lands in it."""
    passwords.private(home / passwords.FILE_NAME)  # a warning of its own: it holds passwords
    loose = tighten(prepare(home))
    if loose:
        log.warning("KB_HOME was readable by other users: made %d entries private", loose)


def tighten(home: Path) -> int:
    """Remove group and other permissions from ``home`` and everything below it."""
    changed = 0
    for path in [home, *_below(home)]:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue  # removed while we looked
        if stat.S_ISLNK(mode) or not mode & 0o077:
            continue
        try:
            path.chmod(stat.S_IMODE(mode) & 0o700)
            changed += 1
        except OSError as e:
            log.warning("cannot make %s private: %s", path, e.strerror)
    return changed


def _below(home: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(home):
        found += [Path(root, n) for n in (*dirs, *files)]
    return found
