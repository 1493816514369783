"""Which parser reads which file: a suffix table plus Maildir detection.

A parser is ``parse(path) -> list[Document]``. It raises ``FileFailed`` (corrupt, encrypted,
unreadable) or ``FileSkipped`` (nothing to index) with a reason a person can read; any other
exception is a bug in the parser, and the sync pipeline still records it as a failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from kb.records import Document

Parser = Callable[[Path], list[Document]]


def _notes(path: Path) -> list[Document]:
    from ingest.parsers.notes import parse_note

    return parse_note(path)


def _pdf(path: Path) -> list[Document]:
    from ingest.parsers.pdf import parse_pdf

    return parse_pdf(path)


def _eml(path: Path) -> list[Document]:
    from ingest.parsers.mail.messages import parse_eml

    return parse_eml(path)


def _mbox(path: Path) -> list[Document]:
    from ingest.parsers.mail.messages import parse_mbox

    return parse_mbox(path)


PARSERS: dict[str, Parser] = {
    ".md": _notes,
    ".markdown": _notes,
    ".txt": _notes,
    ".pdf": _pdf,
    ".eml": _eml,
    ".mbox": _mbox,
}


_MAILDIR_NAME = re.compile(r"^\d{9,}\.")  # "1700000000.M1P2.host:2,S": time-stamped unique names


def is_maildir_message(path: Path) -> bool:
    """A file in a Maildir's ``cur/`` or ``new/``. Copies and git checkouts often lose the empty
    ``tmp/``, so ``cur/`` alone, or a Maildir-style file name in ``new/``, is enough."""
    parent = path.parent
    if parent.name == "cur":
        return True
    if parent.name != "new":
        return False
    box = parent.parent
    return all((box / d).is_dir() for d in ("cur", "new", "tmp")) or bool(
        _MAILDIR_NAME.match(path.name)
    )


def parser_for(path: Path) -> Parser | None:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None and is_maildir_message(path):
        return _eml
    return parser


def is_supported(path: Path) -> bool:
    return parser_for(path) is not None
