"""Which parser reads which file: a suffix table plus Maildir detection.

A parser is ``parse(path, options) -> list[Document]``. It raises ``FileFailed`` (corrupt,
encrypted, unreadable) or ``FileSkipped`` (nothing to index) with a reason a person can read; any
other exception is a bug in the parser, and the sync pipeline still records it as a failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb.records import Document


@dataclass(frozen=True)
class ReadOptions:
    """What a parser may need besides the file: OCR's languages and per-page time budget, the
    passwords to try on a locked PDF, and where to report pages done on a long scan."""

    ocr_lang: str = "eng"
    ocr_page_s: float = 20.0
    passwords: tuple[str, ...] = field(default=(), repr=False)  # never in a log line
    on_page: Callable[[int, int], None] | None = field(default=None, repr=False, compare=False)

    def page_done(self, done: int, total: int) -> None:
        if self.on_page is not None:
            self.on_page(done, total)


Parser = Callable[[Path, ReadOptions], list[Document]]


def _notes(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.notes import parse_note

    return parse_note(path)


def _pdf(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.pdf import parse_pdf

    return parse_pdf(path, options)


def _word(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.word import parse_docx

    return parse_docx(path)


def _odt(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.opendocument import parse_odt

    return parse_odt(path)


def _eml(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.mail.messages import parse_eml

    return parse_eml(path)


def _mbox(path: Path, options: ReadOptions) -> list[Document]:
    from ingest.parsers.mail.messages import parse_mbox

    return parse_mbox(path)


PARSERS: dict[str, Parser] = {
    ".md": _notes,
    ".markdown": _notes,
    ".txt": _notes,
    ".pdf": _pdf,
    ".docx": _word,
    ".odt": _odt,
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
