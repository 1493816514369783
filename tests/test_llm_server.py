"""KB_LLM_URL: answers written by a real llama.cpp server (SmolLM2-135M under
``python -m llama_cpp.server``), and the quotes — with the reason — when it is down, slow, or
refuses the key. The answers' wording is not asserted (the model is tiny); their shape, their
citations and the fallback are."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ingest.sync import Syncer
from kb.answer.generator import LlamaGenerator
from kb.answer.server import ServerGenerator
from kb.errors import ModelUnavailable
from kb.knowledge_base import KnowledgeBase
from kb.servers import Server, Servers
from kb.settings import Settings
from tests.conftest import SAMPLE
from tests.llama_server import free_port, llama_server, llama_server_binary, smallest_model

pytestmark = pytest.mark.slow
KEY = "kb-test-key-5f1c0d"
QUESTION = "How much is the rent for the flat?"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with llama_server(KEY, log=tmp_path_factory.mktemp("llm") / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """sample_corpus indexed once with the real embedder; each test opens it with its server."""
    home = tmp_path_factory.mktemp("home")
    kb = KnowledgeBase(Settings(home=home, history=False))
    assert not Syncer(kb).sync([SAMPLE]).failed
    kb.close()
    return home


def open_kb(home, url: str, key: str | None = KEY, timeout_s: float = 120.0) -> KnowledgeBase:
    headers = (("Authorization", f"Bearer {key}"),) if key else ()
    servers = Servers(llm=Server(url, headers, timeout_s))
    return KnowledgeBase(Settings(home=home, history=False, servers=servers))


def test_the_server_writes_the_answer_with_the_same_checks(server, indexed):
    kb = open_kb(indexed, server)
    try:
        events: list[str] = []
        a = kb.ask(
            QUESTION,
            on_draft=lambda d: events.append(d.verdict),
            on_token=lambda t: events.append("token"),
        )
        generator = kb.answerer.generator
        assert isinstance(generator, ServerGenerator) and generator.calls == 1
        assert events[0] == "draft" and "token" in events  # quotes first, then the stream
        assert a.model_error is None
        assert a.verdict in ("answered", "unverified", "not_in_documents")
        prompt = kb.answerer.last_prompt
        assert prompt is not None and prompt.tokens <= 1200
        shown = {h.chunk_id for h in prompt.sources.values()}
        if a.mode == "llm":  # shown as the model's: it passed the claim check
            assert a.checked and all(s.verified for s in a.checked)
            assert {c.hit.chunk_id for c in a.citations} <= shown
        assert kb.status().model == f"the llama.cpp server at {server}"
    finally:
        kb.close()


def test_token_counts_are_the_servers_own(server):
    remote = ServerGenerator(Server(server, (("Authorization", f"Bearer {KEY}"),)))
    local = LlamaGenerator(smallest_model(), n_threads=1)
    for text in ("The rent is £950 a month, due on the 1st.", "Biscuit's vet: Dr Okafor"):
        assert remote.count_tokens(text) == local.count_tokens(text)
    remote.close()


def test_a_wrong_key_gives_the_quotes_and_says_why(server, indexed, caplog):
    caplog.set_level(logging.DEBUG)  # every logger, httpx's too
    kb = open_kb(indexed, server, key="not-the-key")
    try:
        a = kb.ask(QUESTION)
    finally:
        kb.close()
    assert a.mode == "extractive" and a.citations
    assert a.model_error and "KB_LLM_API_KEY" in a.model_error
    assert a.answer.startswith(a.model_error)
    assert "refused kb's API key" in caplog.text  # logged, and without the key
    assert "not-the-key" not in caplog.text and "not-the-key" not in a.answer


def test_a_server_that_is_down_gives_the_quotes_at_once(indexed):
    kb = open_kb(indexed, f"http://127.0.0.1:{free_port()}")
    try:
        started = time.monotonic()
        a = kb.ask(QUESTION)
        took = time.monotonic() - started
    finally:
        kb.close()
    assert a.mode == "extractive" and a.citations and a.grounded
    assert "refused the connection" in (a.model_error or "")
    assert a.to_json()["model_error"] == a.model_error
    assert took < 30  # no waiting on a dead server (the embedder's first load is most of it)


def test_a_server_that_stops_answering_times_out(indexed):
    """A real socket that accepts the request and then says nothing, like a hung server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    kb = open_kb(indexed, f"http://127.0.0.1:{listener.getsockname()[1]}", timeout_s=1.0)
    try:
        a = kb.ask(QUESTION)
    finally:
        kb.close()
        listener.close()
        for s in held:
            s.close()
    assert a.mode == "extractive" and a.citations
    assert "stopped answering for 1 s" in (a.model_error or "")


def test_the_generator_names_the_server_not_the_key():
    g = ServerGenerator(Server("http://127.0.0.1:9", (("Authorization", "Bearer s3cret"),)))
    with pytest.raises(ModelUnavailable) as e:
        g.count_tokens("x")
    assert "s3cret" not in str(e.value) and "s3cret" not in repr(g.server)


@pytest.mark.skipif(llama_server_binary() is None, reason="KB_TEST_LLAMA_SERVER names no binary")
def test_llama_cpp_s_own_server_gives_its_context_size(indexed):
    with llama_server(KEY, binary=llama_server_binary()) as url:
        remote = ServerGenerator(Server(url, (("Authorization", f"Bearer {KEY}"),)))
        assert remote.n_ctx == 2048
        local = LlamaGenerator(smallest_model(), n_threads=1)
        assert remote.count_tokens("The rent is £950.") == local.count_tokens("The rent is £950.")
        kb = open_kb(indexed, url)
        try:
            a = kb.ask(QUESTION)
        finally:
            kb.close()
        assert a.model_error is None and a.verdict in ("answered", "unverified", "not_in_documents")
