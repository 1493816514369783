"""Reading every file of the shared e-mail corpus under a hang guard, and what each Document
from a mail file must satisfy (test_mail_corpus.py, test_mail_stalwart.py).
"""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path

from ingest.parsers.mail.messages import parse_eml, parse_mbox
from kb.errors import FileProblem
from kb.records import Document
from tests.conftest import corpus

SKIP_NAMES = {"emails.tsv", "SOURCE.md", "COPYING"}


def corpus_files() -> list[Path]:
    root = corpus("emails")
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".json" and p.name not in SKIP_NAMES
    )


def parse_any(path: Path) -> list[Document]:
    return parse_mbox(path) if path.suffix == ".mbox" else parse_eml(path)


class Hang(BaseException):
    """Not an Exception: a parser's own ``except Exception`` must not be able to swallow it."""


def parse_guarded(path: Path, seconds: int = 20) -> list[Document] | FileProblem:
    """Documents or the FileProblem raised; any other exception (or a hang) propagates."""

    def alarm(signum, frame):
        raise Hang(f"{path} took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return parse_any(path)
    except FileProblem as exc:
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_documents(path: Path, docs: list[Document]) -> None:
    """What every Document from a mail file must satisfy."""
    parts = [d.part for d in docs]
    assert len(parts) == len(set(parts)), f"{path}: duplicate parts"
    for d in docs:
        assert d.kind in ("email", "attachment") and d.source == str(path.resolve())
        assert d.text.strip() and d.title.strip()
        for value in (d.text, d.title, d.subject or "", d.sender or "", *d.recipients):
            value.encode("utf-8")  # no lone surrogates from undecodable bytes
            assert "\x00" not in value
        if d.date is not None:
            assert datetime.fromisoformat(d.date).tzinfo is not None
        if d.kind == "attachment":
            assert d.part.startswith(f"{d.parent or 'msg'}/att:")
