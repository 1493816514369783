"""The sync pipeline with the fake embedder and real Chroma: incremental, in step, robust."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.sync import Syncer
from kb.store import Writer
from tests.index_state import manifest_rows


def _sync(kb, root: Path):
    return Syncer(kb).sync([root])


def _texts(kb) -> str:
    return " ".join(c.text for c in kb.store.all_chunks())


def _assert_store_matches_manifest(kb) -> None:
    assert kb.store.vector_ids() == {c.id for c in kb.store.all_chunks()}
    assert kb.store.keywords.count() == kb.store.chunk_count()


def test_second_sync_embeds_nothing_and_changes_no_row(fake_kb, notes):
    first = _sync(fake_kb, notes)
    assert (first.added, first.failed) == (3, [])
    home = fake_kb.settings.home
    before = manifest_rows(home, "SELECT * FROM files ORDER BY path")
    chunks_before = manifest_rows(home, "SELECT * FROM chunks ORDER BY id")
    assert before and chunks_before
    calls = fake_kb.embedder.calls
    second = _sync(fake_kb, notes)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 3)
    assert fake_kb.embedder.calls == calls
    assert manifest_rows(home, "SELECT * FROM files ORDER BY path") == before
    assert manifest_rows(home, "SELECT * FROM chunks ORDER BY id") == chunks_before


def test_touched_but_identical_file_is_not_reembedded(fake_kb, notes):
    _sync(fake_kb, notes)
    calls = fake_kb.embedder.calls
    os.utime(notes / "boat.txt", ns=(1, 1))
    report = _sync(fake_kb, notes)
    assert report.unchanged == 3 and fake_kb.embedder.calls == calls


def test_modified_file_loses_its_old_sentence(fake_kb, notes):
    _sync(fake_kb, notes)
    (notes / "boat.txt").write_text("We sold the boat in the autumn to a neighbour.\n")
    report = _sync(fake_kb, notes)
    assert report.updated == 1
    assert "lighthouse" not in _texts(fake_kb) and "neighbour" in _texts(fake_kb)
    assert (
        fake_kb.search("lighthouse")[0].source != str(notes / "boat.txt")
        or "lighthouse" not in fake_kb.search("lighthouse")[0].text
    )
    _assert_store_matches_manifest(fake_kb)


def test_deleted_file_and_folder_leave_no_chunk(fake_kb, notes):
    _sync(fake_kb, notes)
    (notes / "boat.txt").unlink()
    shutil.rmtree(notes / "trips")
    report = _sync(fake_kb, notes)
    assert report.removed == 2
    assert {r.path for r in fake_kb.store.files()} == {str(notes / "2025-03-14.md")}
    assert "lighthouse" not in _texts(fake_kb) and "Lisbon" not in _texts(fake_kb)
    _assert_store_matches_manifest(fake_kb)


def test_moved_folder_is_rekeyed_without_embedding(fake_kb, notes):
    _sync(fake_kb, notes)
    texts_before = fake_kb.embedder.texts_embedded
    (notes / "trips").rename(notes / "travel")
    report = _sync(fake_kb, notes)
    assert (report.added, report.removed, report.embedded) == (1, 1, 0)
    assert fake_kb.embedder.texts_embedded == texts_before + 0
    hit = fake_kb.search("flight TP 1305")[0]
    assert hit.source == str(notes / "travel" / "lisbon.md")
    _assert_store_matches_manifest(fake_kb)


def test_bad_files_are_recorded_with_reasons_and_the_rest_is_indexed(fake_kb, notes):
    (notes / "empty.md").write_bytes(b"")
    (notes / "junk.md").write_bytes(bytes(range(256)) * 40)
    (notes / "loop.md").symlink_to(notes / "loop.md")
    (notes / "dangling.txt").symlink_to(notes / "nowhere.txt")
    (notes / "sub").mkdir()
    (notes / "sub" / "up").symlink_to(notes, target_is_directory=True)  # a folder loop
    with open(notes / "huge.txt", "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200 << 20)
    report = _sync(fake_kb, notes)
    status = {Path(r.path).name: (r.status, r.error) for r in fake_kb.store.files()}
    assert status["empty.md"][0] == "skipped"
    assert status["junk.md"][0] == "failed" and "binary" in status["junk.md"][1]
    assert status["loop.md"][0] == "failed" and "link" in status["loop.md"][1]
    assert status["huge.txt"][0] == "failed" and "too large" in status["huge.txt"][1]
    assert report.added == 3  # the three good notes
    assert not any("/sub/up/" in r.path for r in fake_kb.store.files())


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_is_failed_with_reason(fake_kb, notes):
    secret = notes / "private.md"
    secret.write_text("text")
    secret.chmod(0)
    try:
        _sync(fake_kb, notes)
    finally:
        secret.chmod(0o600)
    rec = fake_kb.store.file(str(secret))
    assert rec.status == "failed" and "permission" in rec.error.lower()


def test_failed_file_is_retried_once_it_changes(fake_kb, notes):
    (notes / "later.md").write_bytes(b"")
    _sync(fake_kb, notes)
    assert fake_kb.store.file(str(notes / "later.md")).status == "skipped"
    (notes / "later.md").write_text("Now there is something about the garden.\n")
    _sync(fake_kb, notes)
    assert fake_kb.store.file(str(notes / "later.md")).status == "indexed"


def test_interrupted_write_is_repaired_on_next_sync(fake_kb, notes):
    _sync(fake_kb, notes)
    # simulate a crash between "mark dirty" and "insert rows": vectors written, rows missing
    path = str(notes / "boat.txt")
    store = fake_kb.store
    Writer(store.manifest, store.vectors, store.keywords)._mark_dirty([(path, None, None, None)])
    fake_kb.store.manifest.set_state("writing", True)
    assert fake_kb.store.vector_ids() != {c.id for c in fake_kb.store.all_chunks()}
    report = _sync(fake_kb, notes)
    assert report.updated == 1
    _assert_store_matches_manifest(fake_kb)
    assert fake_kb.store.file(path).status == "indexed"


def test_update_handles_single_paths_and_vanished_folders(fake_kb, notes):
    _sync(fake_kb, notes)
    (notes / "new.md").write_text("A new note about tomatoes in the greenhouse.\n")
    shutil.rmtree(notes / "trips")
    report = Syncer(fake_kb).update([str(notes / "new.md"), str(notes / "trips")], [notes])
    assert (report.added, report.removed) == (1, 1)
    assert fake_kb.search("tomatoes greenhouse")[0].source == str(notes / "new.md")
    _assert_store_matches_manifest(fake_kb)


def test_sender_of_a_mail_is_searchable_by_keyword(fake_kb):
    from kb.records import Chunk, Filters
    from kb.store import FileUpdate

    chunk = Chunk(
        id="c1",
        source="/m/a.eml",
        part="",
        index=0,
        text="Train booked, see you soon.",
        start=0,
        end=27,
        page=None,
        kind="email",
        title="Plans",
        subject="Plans",
        sender="Lucia Rivera <[EMAIL_1a2b]>",
    )
    with fake_kb.store.writing() as w:
        w.replace_files(
            [
                FileUpdate(
                    "/m/a.eml", 1, 1, "h", "email", [chunk], fake_kb.embedder.embed([chunk.text])
                )
            ]
        )
    assert fake_kb.retriever.lexical("Lucia", 5, Filters()) == ["c1"]


def test_dense_query_on_an_empty_or_small_store(fake_kb):
    vectors = fake_kb.store.vectors
    assert vectors.query([1.0] + [0.0] * 255, 50) == []
    vectors.add(["a"], [[1.0] + [0.0] * 255], [{"kind": "note", "day": -1, "path": "/x"}])
    [(cid, sim)] = vectors.query([1.0] + [0.0] * 255, 50)
    assert cid == "a" and sim > 0.99
