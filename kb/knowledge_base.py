"""The KnowledgeBase facade: the one place where kb's parts are built and wired together.

Heavy parts (Chroma, the embedder, the LLM) are created on first use, so `kb status` never loads
a model and `kb search` never loads the LLM.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from kb import folders
from kb.answer.answerer import Answerer
from kb.answer.generator import Generator, make_generator
from kb.chats.conversations import Conversations
from kb.chunker import Budget
from kb.embedding.embedder import Embedder
from kb.embedding.registry import budget_for, make_embedder
from kb.errors import ConfigError
from kb.home import secure
from kb.records import Answer, Filters, Hit
from kb.reports import Status, WatcherState
from kb.sanitize import Sanitizer, Scrubber
from kb.search.retrieval import Retriever
from kb.settings import Settings
from kb.store import Store
from kb.store.chroma_client import Location
from kb.store.history import MEMORY, History


class KnowledgeBase:
    def __init__(
        self,
        settings: Settings,
        *,
        sanitizer: Scrubber | None = None,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
    ):
        self.settings = settings
        secure(settings.home)
        self._sanitizer = sanitizer
        self.store = Store(
            settings.home,
            settings.manifest_path,
            Location(settings.chroma_dir, settings.servers.chroma),  # opened on first use
        )
        self._embedder = embedder
        self._budget: Budget | None = None
        self.retriever = Retriever(self.store, self._get_embedder, self.sanitize)
        self.answerer = Answerer(
            self.retriever,
            self._get_embedder,
            (lambda: generator) if generator is not None else lambda: make_generator(settings),
        )
        self.chats = Conversations(self._open_history, self.answerer, self.sanitize)

    @property
    def sanitizer(self) -> Scrubber:
        """The sanitizer keyed by this KB_HOME's secret key (created on first use, 0600)."""
        if self._sanitizer is None:
            self._sanitizer = Sanitizer.for_home(
                self.settings.home, keep=self.settings.sanitize_keep
            )
        return self._sanitizer

    def _open_history(self) -> History:
        return History(self.settings.history_path if self.settings.history else MEMORY)

    def _get_embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def embedder(self) -> Embedder:
        return self._get_embedder()

    @property
    def chunk_budget(self) -> Budget:
        """How chunks are sized: from the settings alone, so it never loads the embedder."""
        if self._budget is None:
            self._budget = budget_for(self.settings)
        return self._budget

    def sanitize(self, text: str) -> str:
        return self.sanitizer(text)

    # --- questions ---------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.retriever.search(query, k, filters)

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        on_token: Callable[[str], None] | None = None,
        chat: str | None = None,
        on_draft: Callable[[Answer], None] | None = None,
    ) -> Answer:
        """An answer with citations: from the LLM if one is configured, else extractive; with
        ``chat``, the next turn of that conversation. With a model, ``on_draft`` gets the quoted
        answer at once, before the model's answer streams to ``on_token``."""
        if chat is not None:
            return self.chats.ask(
                chat, question, filters=filters, on_token=on_token, on_draft=on_draft
            )
        return self.answerer.ask(question, filters=filters, on_token=on_token, on_draft=on_draft)

    # --- watched folders ---------------------------------------------------------------------
    def folders(self) -> list[folders.Folder]:
        """KB_WATCH, then the folders added in the app: every entry point sees this list."""
        return folders.merged(self.settings.watch, self.store.added_folders())

    def watched_paths(self) -> list[Path]:
        """The folders to sync and follow now: every watched folder that exists."""
        return [f.path for f in self.folders() if f.exists]

    def add_folder(self, folder: str) -> Path:
        path = folders.checked(folder, self.folders())
        self.store.set_added_folders([*self.store.added_folders(), path])
        return path

    def remove_folder(self, folder: Path) -> list[str]:
        """Stop watching ``folder``; returns the indexed files no other folder covers (the
        caller removes them with ``forget`` once the watcher no longer follows them)."""
        if folder in self.settings.watch:
            raise ConfigError(f"{folder} comes from KB_WATCH; change it there to stop watching it.")
        known = self.folders()
        gone = folders.orphaned([f.path for f in self.store.files(under=[folder])], folder, known)
        self.store.set_added_folders([p for p in self.store.added_folders() if p != folder])
        return gone

    def forget(self, paths: Sequence[str]) -> None:
        """Remove these files from the index (through the write protocol, repair included)."""
        if paths:
            with self.store.writing() as w:
                w.remove_files(list(paths))

    # --- state -------------------------------------------------------------------------------
    def status(self) -> Status:
        files = self.store.files()
        by_status: dict[str, int] = {}
        redactions: dict[str, int] = {}
        for f in files:
            by_status[f.status] = by_status.get(f.status, 0) + 1
            for cat, n in f.redactions.items():
                redactions[cat] = redactions.get(cat, 0) + n
        embed = self.settings.embed_model
        return Status(
            home=str(self.settings.home),
            files=len(files),
            by_status=by_status,
            chunks=self.store.chunk_count(),
            problems=tuple(f for f in files if f.status in ("failed", "skipped")),
            redactions=dict(sorted(redactions.items())),
            embedder=f"{self.settings.embedder}:{embed.name if embed else 'all-MiniLM-L6-v2'}",
            model=self.settings.model_label(),
            watcher=self.watcher_state(),
            recognised=tuple(f for f in files if f.ocr and f.status == "indexed"),
            vectors=self.store.describe_vectors(),
        )

    def watcher_state(self) -> WatcherState | None:
        """The watcher's last recorded state, corrected when its process is gone (kill -9)."""
        state = self.store.watcher_state()
        if state is None or state.state == "stopped" or not state.pid:
            return state
        try:
            os.kill(state.pid, 0)
        except ProcessLookupError:
            return replace(state, state="not running")
        except PermissionError:
            pass  # alive, owned by someone else
        return state

    def close(self) -> None:
        self.chats.close()
        self.answerer.close()
        self.store.close()
