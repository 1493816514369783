"""The keyword index (kb.store.keywords, real tantivy): query words can't become query syntax,
filters narrow without scoring, the index follows the manifest through writes and crashes, and
a KB_HOME from the FTS5 days (schema 3) gets one built from its chunk rows without re-reading."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from ingest.sync import Syncer
from kb.chunker import chunk_document
from kb.records import Document, Filters
from kb.store.keywords import KEYWORDS
from kb.store.writer import FileUpdate

NOTES = {
    "/home/a/journal/2025-03-14.md": ("Sailed the boat to the lighthouse.", "2025-03-14"),
    "/home/a/journal/2025-08-02.md": ("The boat needs new sails before autumn.", "2025-08-02"),
    "/home/a/work/plan.md": ("Boat show budget, and [EMAIL_3f9a2c] runs the stand.", None),
}


@pytest.fixture
def kb(fake_kb):
    ups = []
    for path, (text, day) in NOTES.items():
        doc = Document(source=path, kind="note", title=path.rsplit("/", 1)[1], text=text, date=day)
        chunks = chunk_document(doc)
        vectors = fake_kb.embedder.embed([c.text for c in chunks])
        ups.append(FileUpdate(path, len(text), 0, "h" + path, "note", chunks, vectors))
    with fake_kb.store.writing() as w:
        w.replace_files(ups)
    return fake_kb


def _paths(kb, query):
    hits = kb.store.lexical(query, 10, Filters())
    chunks = kb.store.chunks_by_id([i for i, _ in hits])
    return [chunks[i].source for i, _ in hits]


def test_query_syntax_is_only_words(kb):
    assert _paths(kb, 'NEAR(" boat* -sail') != []  # no parse error, no operator took effect
    got = _paths(kb, 'title:boat AND "lighthouse')  # the words title, boat, lighthouse: OR-ed
    assert got[0] == "/home/a/journal/2025-03-14.md" and len(got) == 3
    assert _paths(kb, "the of and") == []
    assert _paths(kb, "[EMAIL_3f9a2c]") == ["/home/a/work/plan.md"]  # the placeholder, whole


def test_filters_narrow_without_changing_scores(kb):
    plain = dict(kb.store.lexical("boat", 10, Filters()))
    for f, want in (
        (Filters(folder="/home/a/journal"), {"2025-03-14.md", "2025-08-02.md"}),
        (Filters(folder="/home/a/journal/"), {"2025-03-14.md", "2025-08-02.md"}),
        (Filters(folder="/home/a/jour"), set()),  # a folder, not a string prefix
        (Filters(kinds=("pdf",)), set()),
        (Filters(date_from="2025-08-01", date_to="2025-08-31"), {"2025-08-02.md"}),
        (Filters(date_from="2025-08-01", keep_undated=True), {"2025-08-02.md", "plan.md"}),
    ):
        got = kb.store.lexical("boat", 10, f)
        assert {kb.store.chunks_by_id([i])[i].source.rsplit("/", 1)[1] for i, _ in got} == want
        assert all(plain[i] == s for i, s in got)


def test_removed_and_replaced_files_leave_no_keyword_entries(kb):
    with kb.store.writing() as w:
        w.remove_files(["/home/a/work/plan.md"])
    assert _paths(kb, "budget") == []
    assert kb.store.keywords.count() == kb.store.chunk_count() == 2


def test_a_deleted_keyword_folder_is_built_again_from_the_manifest(kb):
    kb.close()
    shutil.rmtree(kb.settings.home / "keywords")
    again = _reopen(kb)
    try:
        assert _paths(again, "lighthouse") == ["/home/a/journal/2025-03-14.md"]
        assert again.store.keywords.count() == 3
    finally:
        again.close()


def _reopen(kb):
    from kb.knowledge_base import KnowledgeBase
    from tests.fakes import PassThroughSanitizer

    return KnowledgeBase(kb.settings, sanitizer=PassThroughSanitizer())


def test_a_schema_3_home_gets_its_keyword_index_without_reading_a_file(fake_kb, notes):
    Syncer(fake_kb).sync([notes])
    path = fake_kb.settings.manifest_path
    fake_kb.close()
    shutil.rmtree(fake_kb.settings.home / "keywords")  # what schema 3 had instead: FTS5
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE VIRTUAL TABLE chunks_fts USING fts5(text, title, content='chunks', "
        "content_rowid='rowid', tokenize='porter unicode61');"
        "INSERT INTO chunks_fts(rowid, text, title) SELECT rowid, text, title FROM chunks;"
        f"DELETE FROM state WHERE key = '{KEYWORDS}'; PRAGMA user_version = 3;"
    )
    db.close()

    kb = _reopen(fake_kb)
    try:
        db = sqlite3.connect(path)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        assert not any(t.startswith("chunks_fts") for t in tables)
        assert db.execute("PRAGMA user_version").fetchone()[0] == 4
        db.close()
        hits = kb.retriever.lexical("lighthouse", 5, Filters())  # builds the index, once
        assert hits and kb.store.keywords.count() == kb.store.chunk_count()
        report = Syncer(kb).sync([notes])
        assert (report.added, report.updated, report.removed) == (0, 0, 0)
    finally:
        kb.close()


def test_past_the_postings_budget_the_commonest_words_are_left_out(kb, monkeypatch):
    from kb.store import keywords

    assert len(_paths(kb, "boat lighthouse")) == 3  # "boat" is in every note
    # the index's own stemming counts the postings: "SAILS" and "Sailed" are both "sail"
    searcher = kb.store.keywords._index.searcher()
    assert kb.store.keywords._postings("SAILS", searcher) == 2
    monkeypatch.setattr(keywords, "POSTINGS_BUDGET", 2)
    assert _paths(kb, "boat lighthouse") == ["/home/a/journal/2025-03-14.md"]
    assert len(_paths(kb, "boat")) == 3  # the rarest word is always searched
    assert _paths(kb, "boat [EMAIL_3f9a2c]") == ["/home/a/work/plan.md"]  # a placeholder: rare
