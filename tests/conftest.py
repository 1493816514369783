from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
SAMPLE = REPO / "sample_corpus"
VENV_BIN = Path(sys.executable).parent

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# No language model unless a test names one: the default model `make run` installs (or one in
# the developer's KB_HOME) would make every answer slow and different.
os.environ["KB_MODEL"] = "none"
# Nor a developer's servers: a test that wants one starts its own (tests/llama_server.py).
for _name in ("KB_LLM_URL", "KB_LLM_API_KEY", "KB_CHROMA_URL", "KB_CHROMA_HEADERS"):
    os.environ.pop(_name, None)

from tests.fakes import register  # noqa: E402

register()  # KB_EMBEDDER=fake, KB_GENERATOR=notice|uncited|echo in this process


def corpus(*parts: str) -> Path:
    """A folder of the shared third-party corpora, or skip the test when it is absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "kb_home"
    h.mkdir()
    return h


@pytest.fixture
def fake_settings(home: Path):
    from kb.settings import Settings

    return Settings(home=home, embedder="fake")


@pytest.fixture
def fake_kb(fake_settings):
    from kb.knowledge_base import KnowledgeBase
    from tests.fakes import PassThroughSanitizer

    kb = KnowledgeBase(fake_settings, sanitizer=PassThroughSanitizer())
    yield kb
    kb.close()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """Three small notes, one in a subfolder."""
    root = tmp_path / "notes"
    (root / "trips").mkdir(parents=True)
    (root / "2025-03-14.md").write_text("# Vet\n\nThe vet said Biscuit has a mild ear infection.\n")
    (root / "boat.txt").write_text("We sailed the boat past the lighthouse last summer.\n")
    (root / "trips" / "lisbon.md").write_text("# Lisbon\n\nFlight TP 1305 leaves at 07:45.\n")
    return root
