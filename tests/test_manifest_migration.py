"""A KB_HOME written by the kb before OCR (manifest schema 2) opens in place: files gain their
``reading`` column, and the scans it skipped are read again by the next sync, nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest.sync import Syncer
from tests.scan_builder import scan_pdf

# the files table as schema 2 wrote it (the rest of the schema is unchanged)
OLD_FILES = """
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, status TEXT NOT NULL,
    error TEXT, chunks INTEGER NOT NULL DEFAULT 0, redactions TEXT NOT NULL DEFAULT '{}',
    kind TEXT, indexed_at REAL
);
"""


def test_a_schema_2_manifest_is_migrated_and_its_skipped_scans_reread(fake_kb, notes: Path):
    scan = notes / "scan.pdf"
    scan.write_bytes(scan_pdf([["# Storage licence", "Unit B-114, ground floor."]]))
    Syncer(fake_kb).sync([notes])
    path = fake_kb.settings.manifest_path
    fake_kb.close()
    # make it what kb wrote before: no reading column, the scan skipped, version 2
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT path, size, mtime_ns, hash, status, error, chunks, redactions, kind, indexed_at "
        "FROM files"
    ).fetchall()
    db.executescript("DROP TABLE files;" + OLD_FILES)
    for row in rows:
        if row[0] == str(scan):
            row = (*row[:3], None, "skipped", "no extractable text (scanned?)", 0, "{}", "pdf", 1.0)
        db.execute("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", row)
    db.execute("DELETE FROM chunks WHERE path = ?", (str(scan),))
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()

    from kb.knowledge_base import KnowledgeBase
    from tests.fakes import PassThroughSanitizer

    kb = KnowledgeBase(fake_kb.settings, sanitizer=PassThroughSanitizer())
    try:
        before = {f.path: f for f in kb.store.files()}
        assert before[str(scan)].mtime_ns is None and before[str(scan)].ocr is None
        assert all(f.mtime_ns is not None for p, f in before.items() if p != str(scan))
        report = Syncer(kb).sync([notes])
        assert (report.updated, report.unchanged) == (1, 3)  # the scan alone is read again
        record = kb.store.file(str(scan))
        assert record is not None and record.status == "indexed" and record.ocr is not None
        assert "B-114" in kb.search("storage unit", k=1)[0].text
    finally:
        kb.close()
