"""What the app shares across tabs and reruns: one KnowledgeBase, one watcher, one answer lock.

``KB_UI_TEST_FACTORY="module:function"`` swaps the production wiring for tests: the function
takes the Settings and returns a KnowledgeBase (fake embedder, scripted generator, ...).
"""

from __future__ import annotations

import atexit
import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings, go_offline
from ui import roots
from ui.watching import Watching

FACTORY_ENV = "KB_UI_TEST_FACTORY"
_made: list[Resources] = []  # everything this process opened, for shutdown()


@dataclass
class Resources:
    kb: KnowledgeBase
    watching: Watching
    # one question at a time: llama.cpp is not thread-safe, and two tabs may ask at once
    ask_lock: threading.Lock = field(default_factory=threading.Lock)


def _factory(spec: str) -> Callable[[Settings], KnowledgeBase]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@st.cache_resource(show_spinner="Opening your knowledge base and loading the embedding model…")
def _open(factory: str, home: str) -> Resources:
    """Keyed by factory and KB_HOME so tests with different homes get different instances."""
    settings = Settings.from_env()
    kb = _factory(factory)(settings) if factory else KnowledgeBase.open(settings)
    # load the embedder here, once: otherwise the watcher's first sync and the first question
    # could both load it at the same time on two threads
    _ = kb.embedder
    res = Resources(kb, Watching(kb))
    res.watching.apply(roots.watchable(kb))
    _made.append(res)
    return res


def resources() -> Resources:
    go_offline()
    return _open(os.environ.get(FACTORY_ENV, ""), os.environ.get("KB_HOME", ""))


def shutdown() -> None:
    """Stop every watcher and close every knowledge base (at exit, and between tests)."""
    while _made:
        res = _made.pop()
        res.watching.stop()
        res.kb.close()
    _open.clear()


atexit.register(shutdown)
