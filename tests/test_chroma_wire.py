"""What reaches a Chroma server and what kb says when it cannot: only vectors and opaque metadata
on the wire, the proxy's token sent and never shown, and a clear StoreError naming the URL for a
server that is down, refuses kb, hangs, or sits behind a proxy whose upstream is gone.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import time
from collections.abc import Iterator
from contextlib import closing

import pytest

from kb.errors import StoreError
from kb.servers import Server
from kb.store.chroma_client import PathTokens
from kb.store.vectors import VectorStore
from tests.chroma_homes import TOKEN, failed_rows, no_traceback, on, opened, private_notes
from tests.index_state import indexed_paths, run_kb
from tests.servers import ChromaServer, chroma_server, free_port
from tests.token_proxy import TokenProxy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[ChromaServer]:
    """One server for the module: every KB_HOME has a collection of its own on it."""
    with chroma_server(tmp_path_factory.mktemp("chroma") / "db") as s:
        yield s


# --- what crosses the wire ----------------------------------------------------------------------
@pytest.fixture
def proxy(server) -> Iterator[TokenProxy]:
    p = TokenProxy(server.url, "X-Chroma-Token", TOKEN)
    yield p
    p.close()


def test_only_vectors_and_opaque_metadata_reach_the_server(tmp_path, server, proxy):
    folder = private_notes(tmp_path / "private")
    home = tmp_path / "home"
    headers = json.dumps({"X-Chroma-Token": TOKEN})
    env = {"KB_CHROMA_URL": proxy.url, "KB_CHROMA_HEADERS": headers}
    index = run_kb(home, "index", "--json", str(folder), **env)
    out, err = index.communicate(timeout=300)
    assert index.returncode == 0, err[-3000:]
    search = run_kb(home, "search", "--json", "--folder", str(folder), "lighthouse cough", **env)
    out, err = search.communicate(timeout=300)
    assert search.returncode == 0, err[-3000:]
    assert json.loads(out)["hits"][0]["source"].endswith("dr-amelia-hartwell.md")

    assert proxy.seen and all(s.status != 401 for s in proxy.seen)
    assert all(s.headers["x-chroma-token"] == TOKEN for s in proxy.seen)
    bodies = [json.loads(s.body) if s.body else {} for s in proxy.seen]
    words = [  # everything but the vectors themselves (base64 could hold any few letters)
        s.path + json.dumps({k: v for k, v in b.items() if "embeddings" not in k})
        for s, b in zip(proxy.seen, bodies, strict=True)
    ]
    for private in ("hartwell", "amelia", "7946", "lighthouse", "sailed", str(folder), "private"):
        assert all(private not in w.lower() for w in words), private
    upserts = [b for s, b in zip(proxy.seen, bodies, strict=True) if s.path.endswith("/upsert")]
    assert upserts
    for body in upserts:
        assert body["documents"] is None and body["uris"] is None
        for meta in body["metadatas"]:
            assert set(meta) == {"path", "kind", "day"}
            assert re.fullmatch(r"[0-9a-f]{64}", meta["path"]) and meta["kind"] == "note"
        for vector in body["embeddings"]:  # base64 float32: kb's own vectors, 256 of them
            assert isinstance(vector, str) and len(base64.b64decode(vector)) == 256 * 4
    queries = [b for s, b in zip(proxy.seen, bodies, strict=True) if s.path.endswith("/query")]
    assert queries and all("query_texts" not in q for q in queries)
    # the folder filter, when it is sent (kb asks without it first): the two files' tokens
    for q in (q for q in queries if q.get("where")):
        tokens = q["where"]["path"]["$in"]
        assert len(tokens) == 2 and all(re.fullmatch(r"[0-9a-f]{64}", t) for t in tokens)

    with opened(on(server.url, home)) as kb:  # straight to the server, no proxy
        name = kb.store.vectors._col.name
        stored = kb.store.vectors._col.get(include=["documents", "metadatas"])
    assert set(stored["documents"]) == {None}
    assert server.collection(name)["configuration_json"]["embedding_function"] == {
        "type": "known",
        "name": "kb-refuse-to-embed",
        "config": {},
    }
    logged = (home / "kb.log").read_text()
    assert TOKEN not in logged + out + err


def test_a_wrong_token_is_a_clear_error_naming_the_url_and_never_the_token(tmp_path, proxy):
    folder = private_notes(tmp_path / "notes")
    home = tmp_path / "home"
    right = {"KB_CHROMA_URL": proxy.url, "KB_CHROMA_HEADERS": json.dumps({"X-Chroma-Token": TOKEN})}
    first = run_kb(home, "index", str(folder), **right)
    assert first.communicate(timeout=300) and first.returncode == 0
    (folder / "boat.txt").write_text("We sold the boat.\n")
    wrong = "not-the-token-" + TOKEN[::-1]
    env = {**right, "KB_CHROMA_HEADERS": json.dumps({"X-Chroma-Token": wrong})}
    for args in (("index", str(folder)), ("search", "lighthouse")):
        proc = run_kb(home, *args, **env)
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, (out, err)
        assert f"kb: The Chroma server at {proxy.url} refused kb (HTTP 401 Unauthorized)" in err
        assert "KB_CHROMA_HEADERS" in err
        no_traceback(err)
        assert wrong not in out + err + (home / "kb.log").read_text()
    assert not failed_rows(home) and len(indexed_paths(home)) == 2


# --- a server that is down, or hangs -------------------------------------------------------------
def test_a_server_that_is_down_is_a_store_error_and_status_still_answers(tmp_path, server):
    url = f"http://127.0.0.1:{free_port()}"
    folder = private_notes(tmp_path / "notes")
    home = tmp_path / "home"
    first = run_kb(home, "index", str(folder), KB_CHROMA_URL=server.url)
    assert first.communicate(timeout=300) and first.returncode == 0
    (folder / "boat.txt").write_text("We sold the boat.\n")
    for args in (("index", str(folder)), ("search", "boat")):
        proc = run_kb(home, *args, KB_CHROMA_URL=url)
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, (out, err)
        assert f"kb: The Chroma server at {url} is not answering" in err
        assert f"chroma run --path DIR --host 127.0.0.1 --port {url.rsplit(':', 1)[1]}" in err
        no_traceback(err)
    assert not failed_rows(home) and len(indexed_paths(home)) == 2
    status = run_kb(home, "status", "--json", KB_CHROMA_URL=url)
    out, err = status.communicate(timeout=120)
    assert status.returncode == 0, err
    assert json.loads(out)["vectors"].startswith(f"the Chroma server at {url}; this index was")


def test_a_proxy_whose_chroma_is_down_says_so(tmp_path):
    dead = TokenProxy(f"http://127.0.0.1:{free_port()}", "X-Chroma-Token", TOKEN)
    try:
        server = Server(dead.url, (("X-Chroma-Token", TOKEN),))
        with pytest.raises(StoreError, match=r"answered HTTP 502 Bad Gateway: the Chroma server"):
            VectorStore(tmp_path, server=server, tokens=PathTokens(b"k"))
    finally:
        dead.close()


def test_a_server_that_never_answers_times_out(tmp_path):
    with closing(socket.socket()) as silent:  # accepts connections (the backlog), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"did not answer within 0\.5 seconds") as e:
            VectorStore(tmp_path, server=Server(url, timeout_s=0.5), tokens=PathTokens(b"k"))
        assert time.monotonic() - started < 10
        assert url in str(e.value)
