"""Starting the app under Streamlit's AppTest for the page tests (test_ui_pages, test_ui_library).

The app opens its KnowledgeBase from the environment, as in production: KB_EMBEDDER=fake and
KB_GENERATOR name the fakes tests/fakes.py registers. It runs its real watcher over the folders
in KB_WATCH; ``start`` waits for the start-up sync to finish.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, SAMPLE
from ui import runtime

APP = str(REPO / "ui" / "app.py")


def wait_idle(kb, timeout: float = 60.0) -> None:
    """Until the watcher has finished a sync and has nothing left to do."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        w = kb.watcher_state()
        if w and w.state == "idle" and w.last_sync:
            return
        time.sleep(0.1)
    raise AssertionError(f"the watcher did not settle: {kb.watcher_state()}")


def app_starter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., AppTest]]:
    """What a ``start`` fixture yields: start(generator, watch=SAMPLE) -> a run AppTest whose
    first sync is complete. The app's resources are shut down when the fixture ends.
    """

    def _start(generator: str = "llama.cpp", watch: Path | None = SAMPLE) -> AppTest:
        monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
        monkeypatch.setenv("KB_WATCH", str(watch) if watch else "")
        monkeypatch.setenv("KB_EMBEDDER", "fake")
        monkeypatch.setenv("KB_GENERATOR", generator)  # llama.cpp with no model: extractive
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception, at.exception
        if watch:
            wait_idle(kb())
        return at

    yield _start
    runtime.shutdown()


def kb():
    return runtime.resources().kb
