"""One KB_HOME, several Chroma stores: moved between the embedded store and a server, or onto a
wiped server, it embeds again rather than finding nothing (or stale vectors); two homes on one
server never touch each other's vectors.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.sync import Syncer
from kb.chunker import embedding_text
from kb.errors import StoreError
from kb.settings import Settings
from kb.store.writer import WRITING
from tests.chroma_homes import exact, on, opened, private_notes
from tests.fakes import FakeEmbedder
from tests.servers import ChromaServer, chroma_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[ChromaServer]:
    """One server for the module: every KB_HOME has a collection of its own on it."""
    with chroma_server(tmp_path_factory.mktemp("chroma") / "db") as s:
        yield s


def test_moving_an_index_between_stores_embeds_it_again_rather_than_finding_nothing(
    tmp_path, server, notes
):
    home = tmp_path / "home"
    embedded, remote = Settings(home=home, embedder="fake"), on(server.url, home)
    with opened(embedded) as kb:
        assert Syncer(kb).sync([notes]).added == 3
    with opened(remote) as kb:
        assert "this index was written to the embedded Chroma" in kb.status().vectors
        with pytest.raises(StoreError, match=r"written to the embedded Chroma.*Run `kb index`"):
            kb.search("vet Biscuit")
        report = Syncer(kb).sync([notes])
        assert (report.updated, report.embedded) == (3, 3)
        exact(kb)
        assert kb.search("vet Biscuit")[0].source.endswith("2025-03-14.md")
        # changed while the embedded store is not in use: its vector there is now stale
        (notes / "boat.txt").write_text("Now the garden shed needs a new roof.\n")
        assert Syncer(kb).sync([notes]).updated == 1
    port = server.url.rsplit(":", 1)[1]
    with opened(on(f"http://localhost:{port}", home)) as kb:  # the same collection, other name
        assert Syncer(kb).sync([notes]).unchanged == 3
        assert kb.status().vectors == f"the Chroma server at http://localhost:{port}"
    with opened(embedded) as kb:
        with pytest.raises(StoreError, match="written to the Chroma server at http://localhost"):
            kb.search("garden shed")
        assert Syncer(kb).sync([notes]).embedded == 3  # none of the old vectors is trusted
        exact(kb)
        shed = kb.store.chunks_of(str(notes / "boat.txt"))[0]
        want = FakeEmbedder().embed([embedding_text(shed)])[0]
        assert kb.store.vectors.vectors([shed.id])[shed.id] == pytest.approx(want, abs=1e-6)
        assert kb.search("garden shed roof")[0].source.endswith("boat.txt")


def test_a_wiped_server_is_noticed_and_filled_again(tmp_path, notes):
    home = tmp_path / "home"
    with chroma_server(tmp_path / "db1") as first, opened(on(first.url, home)) as kb:
        Syncer(kb).sync([notes])
        port = first.port
    with chroma_server(tmp_path / "db2", port) as second, opened(on(second.url, home)) as kb:
        with pytest.raises(StoreError, match=r"another collection \(was it wiped or recreated"):
            kb.search("boat")
        assert Syncer(kb).sync([notes]).embedded == 3
        exact(kb)


def test_two_homes_on_one_server_never_touch_each_others_vectors(tmp_path, server, notes):
    other = private_notes(tmp_path / "other")
    with opened(on(server.url, tmp_path / "a")) as a:
        Syncer(a).sync([notes])
        a_ids = exact(a)
        a_name = a.store.vectors._col.name
    with opened(on(server.url, tmp_path / "b")) as b:
        Syncer(b).sync([other])
        b.store.manifest.set_state(WRITING, True)  # as a crash leaves it: the next sync repairs
        Syncer(b).sync([other])
        assert b.store.vectors._col.name != a_name
        assert exact(b).isdisjoint(a_ids)
    with opened(on(server.url, tmp_path / "a")) as a:
        assert exact(a) == a_ids
