"""The Store: the manifest, keyword and vector search and the write protocol behind one object.

Reads are methods; writes happen only inside ``with store.writing() as w:``, which takes the
one-writer lock, repairs what an interrupted writer left (orphan vectors, dirty files) and marks
the session clean when it ends without error. Chroma is opened on first use, so `kb status`
never starts it.

The manifest records which Chroma collection holds its chunks' vectors (its id, and the embedded
store or a server's URL). Pointed at another one (KB_CHROMA_URL set or unset, a server wiped),
the next writer trusts none of the vectors there — they may be older texts under the same ids —
and marks every file dirty, so the sync embeds them again; until then a search says so instead
of quietly finding nothing by meaning. The same collection under another URL is still trusted.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kb.errors import StoreError
from kb.records import Chunk, Filters
from kb.reports import FileRecord, WatcherState
from kb.store.chroma_client import EMBEDDED, Location, PathTokens, describe
from kb.store.keywords import KEYWORDS, KeywordIndex, ensure_built
from kb.store.lock import WriterLock
from kb.store.manifest import Manifest
from kb.store.vectors import VectorStore
from kb.store.where import chroma_where, like_prefix
from kb.store.writer import Writer

log = logging.getLogger("kb.store")

LISTED_PATHS = 2000  # a folder filter with at most this many files goes to Chroma as a path list
UNFILTERED_FIRST = 4  # a filtered dense search first asks for 4n nearest chunks without the filter
WATCHER = "watcher"  # state keys
FOLDERS = "watch_roots"
PASSWORDS_SEEN = "pdf_passwords_seen"
VECTORS_IN = "vectors_in"  # {"at": Location.identity, "id": collection id} of the chunks' vectors
CHROMA_KEY = "chroma_key"  # this home's key on a Chroma server (collection name, path tokens)


class Store:
    def __init__(self, home: Path, manifest_path: Path, vectors_at: Location):
        self.home = home
        self.manifest = Manifest(manifest_path)
        self.vectors_at = vectors_at
        self._vectors: VectorStore | None = None
        self._keywords: KeywordIndex | None = None
        self._keywords_checked = False

    @property
    def keywords(self) -> KeywordIndex:
        if self._keywords is None:
            self._keywords = KeywordIndex(self.home / "keywords")
        return self._keywords

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            at = self.vectors_at
            tokens = self._server_key() if at.server else None
            self._vectors = VectorStore(at.path, server=at.server, tokens=tokens)
        return self._vectors

    def _server_key(self) -> PathTokens:
        """Made once per KB_HOME; BEGIN IMMEDIATE lets only one process make it."""
        key = self.manifest.get_state(CHROMA_KEY)
        if key is None:
            with self.manifest.transaction() as db:
                row = db.execute("SELECT value FROM state WHERE key = ?", (CHROMA_KEY,)).fetchone()
                key = json.loads(row[0]) if row else secrets.token_hex(32)
                if row is None:
                    db.execute("INSERT INTO state VALUES (?, ?)", (CHROMA_KEY, json.dumps(key)))
        return PathTokens(bytes.fromhex(key))

    def describe_vectors(self) -> str:
        """Which Chroma is in use, and whether the index was written to another (no Chroma is
        opened, so a wiped server shows only at the next index or search)."""
        text = self.vectors_at.describe()
        last = self._vectors_in()
        if last and last["at"] != self.vectors_at.identity:
            text += (
                f"; this index was written to {describe(last['at'], self.vectors_at.path)}: "
                "the next `kb index` checks this one and embeds what it lacks"
            )
        return text

    def _vectors_in(self) -> dict[str, Any] | None:
        """Where the manifest's chunks have their vectors; None: nothing indexed yet."""
        last = self.manifest.get_state(VECTORS_IN)
        if last is None and self.manifest.has_chunks():  # indexed before kb recorded this
            return {"at": EMBEDDED, "id": None}
        return last

    def _vectors_trusted(self) -> bool:
        """Are the manifest's vectors in the collection kb uses now?"""
        last = self._vectors_in()
        if last is None:
            return True
        if last["id"] is None:
            return last["at"] == self.vectors_at.identity
        return last["id"] == self.vectors.collection_id

    def close(self) -> None:
        if self._keywords is not None:
            self._keywords.finish()
            self._keywords, self._keywords_checked = None, False
        if self._vectors is not None:
            self._vectors.close()
            self._vectors = None
        self.manifest.close()

    # --- writing -----------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Writer]:
        with WriterLock(self.home):
            writer = Writer(self.manifest, self.vectors, self.keywords)
            try:
                crashed = writer.begin()
                trusted = self._vectors_trusted()
                if crashed or not trusted:
                    removed, marked = writer.repair(vectors_trusted=trusted)
                    why = "an interrupted index" if trusted else self.vectors_at.describe()
                    what = "repaired %s: %d vectors removed, %d files to index"
                    log.info(what, why, removed, marked)
                ensure_built(self.keywords, self.manifest)
                here = {"at": self.vectors_at.identity, "id": self.vectors.collection_id}
                if self.manifest.get_state(VECTORS_IN) != here:
                    self.manifest.set_state(VECTORS_IN, here)
                yield writer
                # not in a finally: after an error the next writer repairs first
                writer.end()
            finally:
                self.keywords.finish()

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
        if not self._keywords_checked:
            self._keywords_checked = True
            if not self.keywords.built_from(self.manifest.get_state(KEYWORDS)) and (
                self.manifest.has_chunks()
            ):
                with self.writing():  # builds it: once, after an upgrade
                    pass
        return self.keywords.search(query, n, filters)

    def dense(self, vector: Sequence[float], n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        self._vectors_here()
        if filters.narrows:
            # Chroma lists every chunk a filter admits before it searches: 8.4 s at 1M chunks for
            # "since 1979", a range holding them all (bench/scale.py). Ask without the filter
            # first; if n of the nearest chunks pass it, they are exactly its nearest n.
            found = self.vectors.query(vector, n * UNFILTERED_FIRST, None)
            kept = self._admitted(found, filters)
            if len(kept) >= n or len(found) < n * UNFILTERED_FIRST:  # or: all there is
                return kept[:n]
        paths = self._folder_paths(filters.folder) if filters.folder else None
        fetch = n * 4 if filters.folder and paths is None else n
        found = self.vectors.query(vector, fetch, chroma_where(filters, paths))
        if filters.folder and paths is None:  # too many files to list: filter afterwards
            found = self._admitted(found, filters)
        return found[:n]

    def _admitted(self, found: list[tuple[str, float]], f: Filters) -> list[tuple[str, float]]:
        by_id = self.manifest.chunks_by_id([i for i, _ in found])
        return [(i, s) for i, s in found if i in by_id and f.admits(by_id[i])]

    def _vectors_here(self) -> None:
        """Before the first index after a switch of Chroma, the vectors are not where kb looks."""
        if self._vectors_trusted():
            return
        last = self._vectors_in() or {}
        was = describe(str(last.get("at")), self.vectors_at.path)
        if last.get("at") == self.vectors_at.identity:
            was = "another collection (was it wiped or recreated?)"
        raise StoreError(
            f"kb now uses {self.vectors_at.describe()}, but this index was written to {was}. "
            "Run `kb index` (or start `kb watch` or `kb ui`) once to embed the passages here."
        )

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
