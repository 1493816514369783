"""The passwords a user keeps for their locked PDFs: ``KB_HOME/pdf_passwords``, one per line.

The file is read afresh for each sync and handed to the parser worker over its pipe; kb never
logs a password (only how many there are) and never indexes the file. One readable by other
accounts is made 0600 with a warning in the log: kb keeps working, it does not refuse.
"""

from __future__ import annotations

import logging
import stat
from pathlib import Path

log = logging.getLogger("kb.passwords")
FILE_NAME = "pdf_passwords"


def private(path: Path) -> None:
    """Make the passwords file owner-only if it is not, saying so in the log."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return  # no passwords file: nothing to protect
    if not mode & 0o077:
        return
    try:
        path.chmod(mode & 0o700)
        log.warning(
            "%s was readable by other users (mode %04o): made it %04o", path, mode, mode & 0o700
        )
    except OSError as e:
        log.warning("%s is readable by other users and cannot be made private: %s", path, e)


def read_passwords(path: Path) -> tuple[str, ...]:
    """Every non-empty line, exactly as written (spaces inside and around are kept)."""
    private(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ()
    except OSError as e:
        log.warning("cannot read %s: %s", path, e.strerror or e)
        return ()
    return tuple(dict.fromkeys(line for line in text.splitlines() if line))


def fingerprint(path: Path) -> str:
    """Size and modification time ("" when absent): changes when the user edits the file,
    without keeping anything derived from the passwords themselves."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"
