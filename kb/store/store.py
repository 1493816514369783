"""The Store: the manifest, keyword and vector search and the write protocol behind one object.

Reads are methods; writes happen only inside ``with store.writing() as w:``, which takes the
one-writer lock, repairs what an interrupted writer left (orphan vectors, dirty files) and marks
the session clean when it ends without error. Chroma is opened on first use, so `kb status`
never starts it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kb.records import Chunk, Filters
from kb.reports import FileRecord, WatcherState
from kb.store import lexical
from kb.store.lock import WriterLock
from kb.store.manifest import Manifest
from kb.store.vectors import VectorStore
from kb.store.where import chroma_where, like_prefix
from kb.store.writer import Writer

log = logging.getLogger("kb.store")

LISTED_PATHS = 2000  # a folder filter with at most this many files goes to Chroma as a path list
WATCHER = "watcher"  # state keys
FOLDERS = "watch_roots"
PASSWORDS_SEEN = "pdf_passwords_seen"


class Store:
    def __init__(self, home: Path, manifest_path: Path, vectors: Callable[[], VectorStore]):
        self.home = home
        self.manifest = Manifest(manifest_path)
        self._vector_factory = vectors
        self._vectors: VectorStore | None = None

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            self._vectors = self._vector_factory()
        return self._vectors

    def close(self) -> None:
        self.manifest.close()

    # --- writing -----------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Writer]:
        with WriterLock(self.home):
            writer = Writer(self.manifest, self.vectors)
            if writer.begin():
                removed = writer.repair()
                log.info("repaired an interrupted index: %d orphan vectors removed", removed)
            yield writer
            # not in a finally: after an error the next writer repairs first
            writer.end()

    # --- files and chunks --------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        return self.manifest.file(path)

    def files(self, under: Iterable[Path] = ()) -> list[FileRecord]:
        return self.manifest.files(under)

    def paths(self) -> list[str]:
        return self.manifest.paths()

    def indexed_paths(self) -> list[str]:
        return self.manifest.indexed_paths()

    def chunk_count(self) -> int:
        return self.manifest.chunk_count()

    def is_empty(self) -> bool:
        return not self.manifest.has_chunks()

    def chunks_by_id(self, ids: Sequence[str]) -> dict[str, Chunk]:
        return self.manifest.chunks_by_id(ids)

    def chunks_of(self, path: str, part: str | None = None) -> list[Chunk]:
        return self.manifest.chunks_of(path, part)

    def all_chunks(self) -> Iterator[Chunk]:
        return self.manifest.all_chunks()

    def vector_ids(self) -> set[str]:
        return self.vectors.all_ids()

    # --- search ------------------------------------------------------------------------------
    def lexical(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, BM25 score >= 0), best first."""
        return lexical.search(self.manifest, query, n, filters)

    def dense(self, vector: Sequence[float], n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        paths = self._folder_paths(filters.folder) if filters.folder else None
        fetch = n * 4 if filters.folder and paths is None else n
        found = self.vectors.query(vector, fetch, chroma_where(filters, paths))
        if filters.folder and paths is None:  # too many files to list: filter afterwards
            prefix = filters.folder.rstrip("/") + "/"
            by_id = self.manifest.chunks_by_id([i for i, _ in found])
            found = [(i, s) for i, s in found if i in by_id and by_id[i].source.startswith(prefix)]
        return found[:n]

    def _folder_paths(self, folder: str) -> list[str] | None:
        paths = self.manifest.indexed_paths(like_prefix(folder), LISTED_PATHS + 1)
        return paths if len(paths) <= LISTED_PATHS else None

    # --- state shared between processes ------------------------------------------------------
    def watcher_state(self) -> WatcherState | None:
        data = self.manifest.get_state(WATCHER)
        return WatcherState.from_json(data) if data else None

    def set_watcher_state(self, state: WatcherState) -> None:
        self.manifest.set_state(WATCHER, state.to_json())

    def added_folders(self) -> list[Path]:
        """Folders added to the watch list from the app (KB_WATCH's are in the settings)."""
        return [Path(p) for p in self.manifest.get_state(FOLDERS, []) or []]

    def set_added_folders(self, folders: Sequence[Path]) -> None:
        self.manifest.set_state(FOLDERS, [str(p) for p in folders])

    def passwords_seen(self) -> str:
        """The passwords file's size and mtime when locked PDFs were last tried ("": never)."""
        return str(self.manifest.get_state(PASSWORDS_SEEN, ""))

    def set_passwords_seen(self, fingerprint: str) -> None:
        self.manifest.set_state(PASSWORDS_SEEN, fingerprint)
