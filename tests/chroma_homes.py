"""What the Chroma server tests share: a KB_HOME on a server, opened in this process, and the
exactness check (the server's ids are the manifest's chunk ids)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.knowledge_base import KnowledgeBase
from kb.servers import Server, Servers
from kb.settings import Settings
from tests.fakes import PassThroughSanitizer
from tests.index_state import manifest_rows

TOKEN = "kb-test-token-7d1e0b9c44"  # what the proxy in front of the server wants


def on(server_url: str, home: Path) -> Settings:
    return Settings(home=home, embedder="fake", servers=Servers(chroma=Server(server_url)))


@contextmanager
def opened(settings: Settings) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(settings, sanitizer=PassThroughSanitizer())
    try:
        yield kb
    finally:
        kb.close()


def exact(kb: KnowledgeBase) -> set[str]:
    """Chroma's ids are the manifest's chunk ids: no orphan, none missing, none twice."""
    ids = kb.store.vector_ids()
    chunks = [c.id for c in kb.store.all_chunks()]
    assert ids == set(chunks), "vectors and chunk rows disagree"
    assert kb.store.vectors.count() == len(ids) == len(chunks)
    return ids


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "httpx" not in err, err[-3000:]


def failed_rows(home: Path) -> list[tuple]:
    return manifest_rows(home, "SELECT path, error FROM files WHERE status = 'failed'")


def private_notes(folder: Path) -> Path:
    """Two notes, one full of what the sanitizer scrubs and a name in its file name."""
    folder.mkdir()
    (folder / "dr-amelia-hartwell.md").write_text(
        "# Visit\n\nDr. Amelia Hartwell (amelia.hartwell@example.org, +44 20 7946 0958) "
        "says the lighthouse keeper's cough is better.\n"
    )
    (folder / "boat.txt").write_text("We sailed the boat past the lighthouse last summer.\n")
    return folder
