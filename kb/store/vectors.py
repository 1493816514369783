"""The vector store: chunk vectors in Chroma — an embedded ``PersistentClient`` under KB_HOME, or
a ``chroma run`` server (KB_CHROMA_URL; kb.store.chroma_client picks and guards the client).

Chroma keeps only ids, vectors and the few metadata fields its filters need (kind, day, path;
on a server the path is a keyed hash); the text lives in the manifest. kb computes every
embedding itself: the collection is opened with an embedding function that refuses to run, so
Chroma's default one — which downloads a model — can never be reached by accident. Telemetry is
switched off in code.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kb.errors import StoreError
from kb.servers import Server
from kb.settings import go_offline
from kb.store.chroma_client import Location, PathTokens, close_client, guard, open_client

log = logging.getLogger("kb.store.vectors")

COLLECTION = "chunks"
ADD_BATCH = 256  # Chroma accepts up to ~5,000 per add; smaller batches keep memory flat
# HNSW search breadth. bench/search.py, real MiniLM vectors, 100k chunks: recall@10 against
# exact search 0.988 at 100 and 0.996 at 200, recall@50 (kb's candidate depth) 0.969 and 0.989;
# 200 costs ~0.15 ms a query.
EF_SEARCH = 200


class RefuseToEmbed:
    """Chroma calls this only if someone passes raw text; kb never does."""

    def is_legacy(self) -> bool:
        return False

    def __call__(self, input: Any) -> Any:  # noqa: A002 - Chroma's parameter name
        raise StoreError("kb computes embeddings itself; Chroma was asked to embed text.")

    @staticmethod
    def name() -> str:
        return "kb-refuse-to-embed"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> RefuseToEmbed:
        return RefuseToEmbed()

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    def is_valid_config(self, config: dict[str, Any]) -> bool:  # pragma: no cover - chroma hook
        return True

    def validate_config(self, config: dict[str, Any]) -> None:  # pragma: no cover
        return None

    def validate_config_update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        return None  # pragma: no cover


class VectorStore:
    def __init__(
        self,
        path: Path,
        *,
        ef_search: int = EF_SEARCH,
        server: Server | None = None,
        tokens: PathTokens | None = None,
    ):
        """``path``: the embedded store; with ``server``, that server (``tokens`` required)."""
        go_offline()
        try:
            import chromadb  # noqa: F401 - the install hint, before anything else
        except ImportError as e:
            raise StoreError(f"chromadb is not installed ({e}); run `make venv`.") from e
        if server is not None and tokens is None:
            raise ValueError("a Chroma server needs this KB_HOME's PathTokens")
        self.at = Location(path, server)
        self._tokens = tokens if server is not None else None
        name = self._tokens.collection() if self._tokens else COLLECTION
        self._client = open_client(self.at)
        try:
            with guard(self.at, f"open the collection {name}"):
                self._col = self._client.get_or_create_collection(
                    name,
                    embedding_function=RefuseToEmbed(),  # type: ignore[arg-type]
                    configuration={"hnsw": {"space": "cosine", "ef_search": ef_search}},
                )
        except StoreError:
            close_client(self._client)
            raise
        except Exception as e:
            close_client(self._client)
            raise StoreError(f"Cannot open the vector store at {path}: {e}") from e
        self.collection_id = str(self._col.id)  # a new one if the store was wiped or replaced
        self._apply_ef_search(ef_search)

    def close(self) -> None:
        close_client(self._client)

    def _apply_ef_search(self, ef_search: int) -> None:
        """A store created by an older kb keeps its own ef_search unless told otherwise."""
        try:
            hnsw = (self._col.configuration or {}).get("hnsw") or {}
            if hnsw.get("ef_search") != ef_search:
                self._col.modify(configuration={"hnsw": {"ef_search": ef_search}})
        except Exception as e:  # another process is writing: searching still works, retry later
            log.info("could not set ef_search=%d now: %s", ef_search, e)

    def count(self) -> int:
        with guard(self.at, "count the stored vectors"):
            return int(self._col.count())

    def add(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, Any]],
    ) -> None:
        metas = [self._meta(m) for m in metadatas]
        with guard(self.at, "store vectors"):
            for i in range(0, len(ids), ADD_BATCH):
                self._col.upsert(
                    ids=list(ids[i : i + ADD_BATCH]),
                    embeddings=[list(v) for v in vectors[i : i + ADD_BATCH]],  # type: ignore[arg-type]
                    metadatas=metas[i : i + ADD_BATCH],  # type: ignore[arg-type]
                )

    def delete(self, ids: Sequence[str]) -> None:
        with guard(self.at, "delete vectors"):
            for i in range(0, len(ids), ADD_BATCH * 4):
                self._col.delete(ids=list(ids[i : i + ADD_BATCH * 4]))

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        with guard(self.at, "read vectors"):
            for i in range(0, len(ids), 1000):
                got = self._col.get(ids=list(ids[i : i + 1000]), include=["embeddings"])
                stored = got["embeddings"]  # a numpy array: no truth value
                for cid, vec in zip(got["ids"], [] if stored is None else stored, strict=True):
                    out[cid] = [float(x) for x in vec]
        return out

    def all_ids(self) -> set[str]:
        ids: set[str] = set()
        offset, page = 0, 5000
        with guard(self.at, "list the stored vectors"):
            while True:
                got = self._col.get(include=[], limit=page, offset=offset)
                ids.update(got["ids"])
                if len(got["ids"]) < page:
                    return ids
                offset += page

    def query(
        self, vector: Sequence[float], k: int, where: Mapping[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first."""
        if where and self._tokens:
            where = self._tokens.where(dict(where))
        # no count() first: it costs ~4 ms at 100k chunks, and Chroma 1.x accepts a k larger
        # than the store (an empty store answers with no ids)
        with guard(self.at, "search"):
            got = self._col.query(
                query_embeddings=[list(vector)],  # type: ignore[arg-type]
                n_results=k,
                where=dict(where) if where else None,
                include=["distances"],
            )
        return [
            (cid, 1.0 - float(d))
            for cid, d in zip(got["ids"][0], (got["distances"] or [[]])[0], strict=True)
        ]

    def _meta(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        """What Chroma's filters need; a server gets the path's token, never the path."""
        out = dict(meta)
        if self._tokens and "path" in out:
            out["path"] = self._tokens.token(str(out["path"]))
        return out
