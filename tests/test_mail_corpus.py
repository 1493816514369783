"""The mail parser over the shared e-mail corpus: every file, damaged copies, known oddities."""

from __future__ import annotations

import contextlib
import random
import time
from collections import Counter
from pathlib import Path

import pytest

from ingest.parsers.mail.messages import parse_eml, parse_mbox
from kb.errors import FileFailed, FileProblem
from kb.records import Document
from tests import mail_sweep
from tests.conftest import corpus
from tests.mail_sweep import Hang, check_documents, corpus_files, parse_guarded

pytestmark = pytest.mark.slow  # sweeps the shared third-party corpus


def test_the_hang_guard_fires_through_a_parsers_broad_except(monkeypatch, tmp_path):
    def stubborn(path: Path) -> list[Document]:
        while True:  # a parser that swallows everything, as ours do around the email module
            with contextlib.suppress(Exception):
                time.sleep(0.05)

    monkeypatch.setattr(mail_sweep, "parse_any", stubborn)
    with pytest.raises(Hang):
        parse_guarded(tmp_path / "x.eml", seconds=1)


def test_every_corpus_file_ends_as_documents_or_a_file_problem() -> None:
    files = corpus_files()
    outcomes: Counter[str] = Counter()
    for path in files:
        result = parse_guarded(path)
        if isinstance(result, FileProblem):
            outcomes[type(result).__name__] += 1
            assert result.reason
            continue
        check_documents(path, result)
        outcomes["documents"] += 1
    print(f"\n{len(files)} mail files: {dict(outcomes)}")
    assert len(files) >= 250
    # the corpus is mostly readable mail: a parser that gave up early would fail this
    assert outcomes["documents"] >= 0.8 * len(files)


def test_outlook_msg_file_is_named_as_such() -> None:
    path = corpus("emails", "spamscope_mail_parser") / "mail_outlook_1.eml"
    with pytest.raises(FileFailed, match="Outlook"):
        parse_eml(path)


def test_maildir_messages() -> None:
    cur = corpus("emails", "mailpile", "Maildir", "cur")
    results = [parse_guarded(p) for p in sorted(cur.iterdir())]
    docs = [r for r in results if isinstance(r, list)]
    assert len(docs) >= 10, results
    assert any(d.kind == "attachment" and d.pages for ds in docs for d in ds)  # a PDF attachment


def test_derived_mbox_matches_its_source_messages() -> None:
    """The mbox was written from .eml files: each message must read the same either way."""
    root = corpus("emails")
    from_mbox = parse_mbox(root / "mbox" / "derived_stalwart_mailpile.mbox")
    sources = [
        *sorted((root / "stalwart_mail_parser" / "thirdparty").glob("*.eml")),
        *sorted((root / "stalwart_mail_parser" / "rfc").glob("*.eml")),
        *sorted((root / "mailpile" / "Maildir" / "cur").iterdir()),
    ]
    from_files = [d for p in sources if isinstance(r := parse_guarded(p), list) for d in r]
    assert len(from_mbox) >= 35
    assert sorted((d.kind, d.title, d.text) for d in from_mbox) == sorted(
        (d.kind, d.title, d.text) for d in from_files
    )


def test_mbox_split_at_an_unquoted_from_line() -> None:
    [doc] = parse_mbox(corpus("emails", "mbox") / "cpython_mailbox_01.mbox")
    assert (doc.subject, doc.text) == ("unquoted From in body; extra info on From line", "Hello")


def test_damaged_copies_of_corpus_files_never_raise_anything_else(tmp_path: Path) -> None:
    """Truncated, bit-flipped and spliced copies: Documents or a FileProblem, nothing else."""
    rnd = random.Random(20250304)
    files = corpus_files()
    for i in range(200):
        source = rnd.choice(files)
        data = bytearray(source.read_bytes())
        if i % 3 == 0:
            data = data[: rnd.randrange(len(data) + 1)]
        elif i % 3 == 1:
            for _ in range(rnd.randrange(1, 40)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        else:
            at = rnd.randrange(len(data) + 1)
            data[at:at] = rnd.randbytes(rnd.randrange(1, 300))
        path = tmp_path / ("x.mbox" if source.suffix == ".mbox" else "x.eml")
        path.write_bytes(bytes(data))
        result = parse_guarded(path)
        if isinstance(result, list):
            check_documents(path, result)
