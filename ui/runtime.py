"""What the app shares across tabs and reruns: one KnowledgeBase, one watcher, one answer lock.

`kb ui` opens them at launch (``launch``), before the server answers, so the start-up sync runs
without waiting for a browser; pages get them from ``resources()``. When a page runs without
``kb ui`` (Streamlit's AppTest), they are opened once per settings from the environment — tests
choose their fakes the same way, by registered name (KB_EMBEDDER=fake). No ``st.*`` call here
runs off the script thread.
"""

from __future__ import annotations

import atexit
import threading
from dataclasses import dataclass, field

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings, go_offline
from ui.watching import Watching

_made: list[Resources] = []  # everything this process opened, for shutdown()
_launched: list[Resources] = []  # what `kb ui` opened for its pages


@dataclass
class Resources:
    kb: KnowledgeBase
    watching: Watching
    # one question at a time: llama.cpp is not thread-safe, and two tabs may ask at once
    ask_lock: threading.Lock = field(default_factory=threading.Lock)


def _made_for(settings: Settings) -> Resources:
    kb = KnowledgeBase(settings)
    # load the embedder here, once: otherwise the watcher's first sync and the first question
    # could both load it at the same time on two threads
    _ = kb.embedder
    res = Resources(kb, Watching(kb))
    res.watching.apply(kb.watched_paths())
    _made.append(res)
    return res


def launch(settings: Settings) -> Resources:
    """`kb ui`: open the knowledge base and start the watcher for this process's pages."""
    res = _made_for(settings)
    _launched[:] = [res]
    return res


@st.cache_resource(show_spinner="Opening your knowledge base and loading the embedding model…")
def _open(key: str) -> Resources:
    """Keyed by the settings, so tests with different homes get different instances."""
    return _made_for(Settings.from_env())


def resources() -> Resources:
    go_offline()
    if _launched:
        return _launched[0]
    return _open(repr(Settings.from_env()))


def shutdown() -> None:
    """Stop every watcher and close every knowledge base (at exit, and between tests)."""
    _launched.clear()
    while _made:
        res = _made.pop()
        res.watching.stop()
        res.kb.close()
    _open.clear()


atexit.register(shutdown)
