"""Locked PDFs and KB_HOME/pdf_passwords: tried after the empty password, never logged or
stored, tightened to 0600 with a warning, and the locked files retried when it changes."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import kb.cli
from ingest.parsers import ReadOptions
from ingest.parsers.pdf import ENCRYPTED, open_reader, parse_pdf
from kb.errors import FileLocked
from kb.knowledge_base import KnowledgeBase
from kb.output import status_text
from kb.settings import Settings
from tests.pdf_builder import make_pdf
from tests.scan_builder import scan_pdf

PASSWORD = "Gr4nite-Owl!"


def locked(data: bytes, password: str = PASSWORD) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_passwords_are_tried_after_the_empty_one() -> None:
    data = make_pdf(["Payslip for March: net pay 2,140.00."], password=PASSWORD)
    with pytest.raises(FileLocked, match=f"^{re.escape(ENCRYPTED)}$"):
        open_reader(data, name="p.pdf")
    with pytest.raises(FileLocked, match="none of the 2 passwords in KB_HOME/pdf_passwords"):
        open_reader(data, name="p.pdf", passwords=("wrong", "also wrong"))
    _, used = open_reader(data, name="p.pdf", passwords=("wrong", PASSWORD))
    assert used == PASSWORD
    _, used = open_reader(make_pdf(["open"], password=""), name="e.pdf", passwords=("x",))
    assert used == ""  # an empty user password opens without any of them


def test_a_locked_scan_is_rendered_with_its_password(tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(locked(scan_pdf([["# Bank statement", "Closing balance GBP 1,204.77"]])))
    [doc] = parse_pdf(path, ReadOptions(passwords=(PASSWORD,)))
    assert "1,204.77" in doc.text and doc.ocr is not None and [p for p, _ in doc.ocr.pages] == [1]


def index(home: Path, root: Path, monkeypatch) -> dict:
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.setenv("KB_EMBEDDER", "fake")
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert kb.cli.main(["index", "--json", str(root)]) == 0
    monkeypatch.undo()
    return json.loads(out.getvalue())


def test_locked_files_wait_for_their_password_then_index(tmp_path, monkeypatch, caplog):
    root, home = tmp_path / "docs", tmp_path / "home"
    root.mkdir()
    (root / "payslip.pdf").write_bytes(
        make_pdf(["Payslip for March: net pay 2,140.00."], password=PASSWORD)
    )
    (root / "note.md").write_text("# Note\n\nThe payslips come encrypted.\n")
    first = index(home, root, monkeypatch)
    assert [f["error"] for f in first["failed"]] == [ENCRYPTED]
    base = KnowledgeBase(Settings(home=home, embedder="fake"))
    status = base.status()
    assert [f.path for f in status.locked] == [str(root / "payslip.pdf")]
    assert "locked    1 PDF still needs a password: add it to KB_HOME/pdf_passwords" in (
        status_text(status)
    )
    assert json.loads(json.dumps(status.to_json()))["problems"][0]["locked"] is True
    base.close()

    again = index(home, root, monkeypatch)  # no passwords file yet: nothing is retried
    assert again["unchanged"] == 2 and again["updated"] == 0

    secrets = home / "pdf_passwords"
    secrets.write_text(f"not this one\n{PASSWORD}\n")
    secrets.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="kb.passwords"):
        unlocked = index(home, root, monkeypatch)
    assert unlocked["updated"] == 1 and unlocked["failed"] == []
    assert secrets.stat().st_mode & 0o777 == 0o600
    assert any("pdf_passwords was readable by other users" in r.message for r in caplog.records)
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)

    base = KnowledgeBase(Settings(home=home, embedder="fake"))
    assert base.status().locked == ()
    assert "2,140.00" in base.search("net pay in March", k=1)[0].text
    base.close()
    assert index(home, root, monkeypatch)["unchanged"] == 2  # read once, not at every sync

    written = [p for p in home.rglob("*") if p.is_file() and p != secrets]
    assert (home / "kb.log").exists()
    assert [p for p in written if PASSWORD.encode() in p.read_bytes()] == []
