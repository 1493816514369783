"""Writes to the index, ordered so that a crash at any moment is repairable.

Replacing the chunks of a batch of files happens in three steps:

1. one manifest transaction marks the files ``dirty`` (hash cleared) and drops their chunk rows;
2. Chroma gets the new vectors (upsert by deterministic id) and loses the old ones, and the
   keyword index replaces the files' chunks in one commit;
3. one manifest transaction inserts the new chunk rows and marks the files ``indexed``.

The manifest's chunk table is the truth. ``repair`` deletes every Chroma vector without a chunk
row and every keyword entry of a dirty file (what a crash between 1 and 3 leaves), and a
``dirty`` file is simply indexed again. Since ids are deterministic and writes are upserts or
replace a file's entries whole, nothing can be duplicated. A ``Writer`` exists only inside
``Store.writing()``, which holds the one-writer lock and repairs before the first write.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.chunker import embedding_text
from kb.recognition import Recognition
from kb.records import Chunk, day_number
from kb.reports import FileRecord
from kb.store.keywords import KeywordIndex
from kb.store.manifest import Manifest
from kb.store.vectors import VectorStore

WRITING = "writing"  # state key: set while a writer is active; left set by a crash


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class FileUpdate:
    """Everything needed to (re)place one source file in the index."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    kind: str | None
    chunks: list[Chunk]
    vectors: list[list[float]]
    redactions: dict[str, int] = field(default_factory=dict)
    ocr: Recognition | None = None  # the pages its text was recognised from


class Writer:
    def __init__(self, manifest: Manifest, vectors: VectorStore, keywords: KeywordIndex):
        self.manifest = manifest
        self.vectors = vectors
        self.keywords = keywords

    def reusable_vectors(self, hashes: Sequence[str]) -> dict[str, list[float]]:
        """Vectors already stored for chunks with exactly these texts (moves, mbox appends)."""
        ids = self.manifest.ids_for_text_hashes(hashes)
        if not ids:
            return {}
        stored = self.vectors.vectors(list(ids.values()))
        return {h: stored[cid] for h, cid in ids.items() if cid in stored}

    def replace_files(self, updates: Sequence[FileUpdate]) -> None:
        """Replace the chunks of several files at once: Chroma pays a fixed cost per write
        (~35 ms here), so one batch for many small notes is far cheaper than one write each."""
        if not updates:
            return
        old_ids = {cid for up in updates for cid in self.manifest.chunk_ids(up.path)}
        self._mark_dirty([(up.path, up.size, up.mtime_ns, up.kind) for up in updates])
        chunks = [c for up in updates for c in up.chunks]
        new_ids = [c.id for c in chunks]
        stale = sorted(old_ids - set(new_ids))
        if stale:
            self.vectors.delete(stale)
        if chunks:
            vectors = [v for up in updates for v in up.vectors]
            self.vectors.add(new_ids, vectors, [_vector_meta(c) for c in chunks])
        self.keywords.replace([up.path for up in updates], chunks)
        now = time.time()
        with self.manifest.transaction() as db:
            self.manifest.insert_chunks(db, chunks, [text_hash(embedding_text(c)) for c in chunks])
            for up in updates:
                self.manifest.put_file(
                    db,
                    FileRecord(
                        up.path,
                        up.size,
                        up.mtime_ns,
                        up.hash,
                        "indexed",
                        None,
                        len(up.chunks),
                        up.redactions,
                        up.kind,
                        now,
                        ocr=up.ocr,
                    ),
                )

    def record_problem(
        self,
        path: str,
        size: int | None,
        mtime_ns: int | None,
        status: str,
        error: str,
        kind: str | None = None,
        locked: bool = False,
    ) -> None:
        """A failed or skipped file: no chunks, the reason kept for the user; ``locked``: a PDF
        none of the user's passwords opens (retried when they change)."""
        old_ids = self.manifest.chunk_ids(path)
        if old_ids:
            self._mark_dirty([(path, size, mtime_ns, kind)])
            self.vectors.delete(old_ids)
            self.keywords.replace([path], [])
        with self.manifest.transaction() as db:
            self.manifest.put_file(
                db,
                FileRecord(
                    path,
                    size,
                    mtime_ns,
                    None,
                    status,
                    error,
                    0,
                    {},
                    kind,
                    time.time(),
                    locked=locked,
                ),
            )

    def touch_file(self, path: str, size: int, mtime_ns: int) -> None:
        """Same content under a new mtime (a `touch`, a copy back): remember the new stat."""
        self.manifest.touch_file(path, size, mtime_ns)

    def remove_files(self, paths: Sequence[str]) -> int:
        old_ids = [cid for p in paths for cid in self.manifest.chunk_ids(p)]
        self._mark_dirty([(p, None, None, None) for p in paths])
        if old_ids:
            self.vectors.delete(old_ids)
        self.keywords.replace(paths, [])
        with self.manifest.transaction() as db:
            self.manifest.delete_files(db, paths)
        return len(old_ids)

    def _mark_dirty(self, files: Sequence[tuple[str, int | None, int | None, str | None]]) -> None:
        now = time.time()
        with self.manifest.transaction() as db:
            for path, size, mtime_ns, kind in files:
                self.manifest.delete_chunks_of(db, path)
                self.manifest.put_file(
                    db, FileRecord(path, size, mtime_ns, None, "dirty", None, 0, {}, kind, now)
                )

    # --- crash recovery ----------------------------------------------------------------------
    def begin(self) -> bool:
        """Mark a write session; True if the previous one did not end cleanly."""
        crashed = bool(self.manifest.get_state(WRITING, False)) or self.manifest.has_dirty()
        self.manifest.set_state(WRITING, True)
        return crashed

    def end(self) -> None:
        self.manifest.set_state(WRITING, False)

    def repair(self, vectors_trusted: bool = True) -> tuple[int, int]:
        """Delete vectors without a chunk row, and mark dirty (to be indexed again) the files
        whose chunks have no vector. With ``vectors_trusted=False`` — kb now uses another
        Chroma, which may hold vectors of older texts under the same ids — every file with
        chunks is marked, so every vector there is an orphan. Returns (removed, files marked)."""
        known = set(self.manifest.chunk_ids())
        stored = self.vectors.all_ids()
        if vectors_trusted:
            lacking = self.manifest.chunks_by_id(sorted(known - stored)).values()
            paths = {c.source for c in lacking}
            files = [r for p in sorted(paths) if (r := self.manifest.file(p))]
        else:
            files = [r for r in self.manifest.files() if r.chunks]
        if files:  # the manifest first: a crash before the deletes leaves only orphans
            self._mark_dirty([(r.path, r.size, r.mtime_ns, r.kind) for r in files])
            known = set(self.manifest.chunk_ids())
        orphans = sorted(stored - known)
        if orphans:
            self.vectors.delete(orphans)
        dirty = self.manifest.dirty_paths()
        if dirty:  # entries a crash left between the keyword commit and the manifest's
            self.keywords.replace(dirty, [])
        return len(orphans), len(files)


def _vector_meta(c: Chunk) -> dict[str, object]:
    day = day_number(c.date)
    return {"path": c.source, "kind": c.kind, "day": day if day is not None else -1}
