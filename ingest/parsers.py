"""Which parser reads which file: a suffix table plus Maildir detection.

A parser is ``parse(path) -> list[Document]``. It raises ``FileFailed`` (corrupt, encrypted,
unreadable) or ``FileSkipped`` (nothing to index) with a reason a person can read; any other
exception is a bug in the parser, and the sync pipeline still records it as a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.types import Document

Parser = Callable[[Path], list[Document]]


def _notes(path: Path) -> list[Document]:
    from ingest.notes import parse_note

    return parse_note(path)


def _pdf(path: Path) -> list[Document]:
    from ingest.pdf import parse_pdf

    return parse_pdf(path)


def _eml(path: Path) -> list[Document]:
    from ingest.mail import parse_eml

    return parse_eml(path)


def _mbox(path: Path) -> list[Document]:
    from ingest.mail import parse_mbox

    return parse_mbox(path)


PARSERS: dict[str, Parser] = {
    ".md": _notes,
    ".markdown": _notes,
    ".txt": _notes,
    ".pdf": _pdf,
    ".eml": _eml,
    ".mbox": _mbox,
}


def is_maildir_message(path: Path) -> bool:
    """A file in ``cur/`` or ``new/`` of a folder that has the Maildir trio cur/new/tmp."""
    parent = path.parent
    if parent.name not in ("cur", "new"):
        return False
    box = parent.parent
    return all((box / d).is_dir() for d in ("cur", "new", "tmp"))


def parser_for(path: Path) -> Parser | None:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None and is_maildir_message(path):
        return _eml
    return parser


def is_supported(path: Path) -> bool:
    return parser_for(path) is not None
