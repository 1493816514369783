"""The KnowledgeBase facade: the one place where kb's parts are built and wired together.

Heavy parts (Chroma, the embedder, the LLM) are created on first use, so `kb status` never loads
a model and `kb search` never loads the LLM.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kb.answerer import Answerer
from kb.embedder import Embedder, make_embedder
from kb.generator import Generator, make_generator
from kb.index import Index
from kb.manifest import Manifest
from kb.retrieval import Filters, Retriever
from kb.settings import Settings
from kb.types import Answer, Hit
from kb.vectors import VectorStore

Sanitize = Callable[[str], str]


class KnowledgeBase:
    def __init__(self, settings: Settings, *, sanitize: Sanitize,
                 embedder: Embedder | None = None, generator: Generator | None = None):
        self.settings = settings
        settings.ensure_home()
        self.sanitize = sanitize
        self.manifest = Manifest(settings.manifest_path)
        self._embedder = embedder
        self._vectors: VectorStore | None = None
        self.index = Index(self.manifest, self._get_vectors)
        self.retriever = Retriever(self.manifest, self._get_vectors, self._get_embedder, sanitize)
        self.answerer = Answerer(
            self.retriever, self._get_embedder,
            (lambda: generator) if generator is not None else lambda: make_generator(settings))

    @classmethod
    def open(cls, settings: Settings, **kwargs: Any) -> KnowledgeBase:
        """Production wiring: the ingest package's sanitizer, keyed by this KB_HOME."""
        if "sanitize" not in kwargs:
            from kb import extensions

            kwargs["sanitize"] = extensions.load("sanitizer")(settings)
        return cls(settings, **kwargs)

    def _get_vectors(self) -> VectorStore:
        if self._vectors is None:
            self._vectors = VectorStore(self.settings.chroma_dir)
        return self._vectors

    def _get_embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def embedder(self) -> Embedder:
        return self._get_embedder()

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.retriever.search(query, k, filters)

    def ask(self, question: str, *, filters: Filters | None = None,
            on_token: Callable[[str], None] | None = None) -> Answer:
        """An answer with citations: from the LLM if one is configured, else extractive."""
        return self.answerer.ask(question, filters=filters, on_token=on_token)

    def status(self) -> dict[str, Any]:
        files = self.manifest.files()
        by_status: dict[str, int] = {}
        redactions: dict[str, int] = {}
        for f in files:
            by_status[f.status] = by_status.get(f.status, 0) + 1
            for cat, n in f.redactions.items():
                redactions[cat] = redactions.get(cat, 0) + n
        chunks = self.manifest.query("SELECT count(*) FROM chunks")[0][0]
        model = self.settings.resolve_model()
        embed = self.settings.embed_model
        embed_name = embed.name if embed else "all-MiniLM-L6-v2"
        return {
            "home": str(self.settings.home),
            "files": len(files),
            "by_status": by_status,
            "chunks": chunks,
            "problems": [{"path": f.path, "status": f.status, "error": f.error}
                         for f in files if f.status in ("failed", "skipped")],
            "redactions": dict(sorted(redactions.items())),
            "embedder": f"{self.settings.embedder}:{embed_name}",
            "model": str(model) if model else None,
            "mode": "llm" if model else "extractive",
            "watcher": self._watcher_state(),
        }

    def _watcher_state(self) -> dict[str, Any] | None:
        """The watcher's last recorded state, corrected when its process is gone (kill -9)."""
        state = self.manifest.get_state("watcher")
        if not state or state.get("state") == "stopped" or not state.get("pid"):
            return state
        try:
            os.kill(int(state["pid"]), 0)
        except ProcessLookupError:
            return {**state, "state": "not running"}
        except PermissionError:
            pass  # alive, owned by someone else
        return state

    def close(self) -> None:
        self.manifest.close()
