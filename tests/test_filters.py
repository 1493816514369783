"""Filters: the pure check (Filters.admits) agrees with what the stores filter, and a filtered
dense search (real Chroma) returns what Chroma's own filter returns, whichever way it is asked:
unfiltered first when the filter is broad, Chroma's filter when few chunks pass."""

from __future__ import annotations

import pytest

from kb.chunker import chunk_document
from kb.records import Chunk, Document, Filters
from kb.store.where import chroma_where
from kb.store.writer import FileUpdate


def _chunk(source="/n/a.md", kind="note", date=None) -> Chunk:
    return Chunk("c1", source, "", 0, "text", 0, 4, None, kind, "a", date=date)


@pytest.mark.parametrize(
    ("f", "chunk", "ok"),
    [
        (Filters(), _chunk(), True),
        (Filters(folder="/n"), _chunk(), True),
        (Filters(folder="/n/"), _chunk(), True),
        (Filters(folder="/"), _chunk(), True),
        (Filters(folder="/nn"), _chunk(), False),
        (Filters(kinds=("pdf", "note")), _chunk(), True),
        (Filters(kinds=("email",)), _chunk(), False),
        (Filters(date_from="2025-03-01"), _chunk(date="2025-03-01"), True),
        (Filters(date_from="2025-03-02"), _chunk(date="2025-03-01T23:00:00"), False),
        (Filters(date_to="2025-03-01"), _chunk(date="2025-03-01T23:00:00"), True),
        (Filters(date_from="2025-01-01", date_to="2025-12-31"), _chunk(date="2026-01-01"), False),
        (Filters(date_from="2025-01-01"), _chunk(), False),
        (Filters(date_from="2025-01-01", keep_undated=True), _chunk(), True),
    ],
)
def test_admits(f, chunk, ok):
    assert f.admits(chunk) is ok


def _filler(i: int) -> str:
    """i distinct words: the notes' similarities to "boat trip" differ, so no ranking ties."""
    return " ".join(
        "".join(chr(97 + (k * 7 + i * 41 + p) % 26) for p in range(6)) for k in range(i)
    )


@pytest.fixture
def kb(fake_kb):
    """40 dated notes about boats and one old undated letter about taxes."""
    docs = [
        Document(
            f"/n/boats/{i:02d}.md",
            "note",
            f"b{i}",
            f"The boat trip. {_filler(i)}",
            date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        for i in range(40)
    ] + [Document("/n/old/letter.txt", "note", "letter", "Taxes due for the boat.", date=None)]
    ups = []
    for d in docs:
        chunks = chunk_document(d)
        vectors = fake_kb.embedder.embed([c.text for c in chunks])
        ups.append(FileUpdate(d.source, 1, 0, "h" + d.source, "note", chunks, vectors))
    with fake_kb.store.writing() as w:
        w.replace_files(ups)
    return fake_kb


@pytest.mark.parametrize(
    "f",
    [
        Filters(date_from="2025-01-01", keep_undated=True),  # broad: all 41 pass
        Filters(date_from="2025-06-01"),  # about half
        Filters(date_from="2025-11-01"),  # 6 notes: one among the 12 nearest, then long ones
        Filters(folder="/n/old"),  # one chunk, far down the unfiltered ranking
        Filters(date_from="2024-01-01", date_to="2024-12-31"),  # none
        Filters(kinds=("email",)),
    ],
)
def test_filtered_dense_search_is_chromas_filtered_search(kb, f):
    store = kb.store
    v = kb.embedder.embed(["boat trip"])[0]
    want = store.vectors.query(v, 3, chroma_where(f, ["/n/old/letter.txt"] if f.folder else None))
    got = store.dense(v, 3, f)
    assert [i for i, _ in got] == [i for i, _ in want]
    chunks = store.chunks_by_id([i for i, _ in got])
    assert all(f.admits(c) for c in chunks.values())
