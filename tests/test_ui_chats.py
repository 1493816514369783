"""Conversations in the app (AppTest, fake embedder): turns kept in kb's history, a reload that
reopens the open conversation, the sidebar's new / reopen / rename / export / delete, and an
answer saved by the job that wrote it even if nobody is reading the page any more."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.fakes import FakeGenerator
from ui import runtime
from ui.asking import AskJob

APP = str(REPO / "ui" / "app.py")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "flat-rent.md").write_text("# Flat lease\n\nThe rent for the flat is $1,920.\n")
    (root / "flat-notice.md").write_text(
        "# Flat lease\n\nEnding the flat lease takes two months' notice.\n"
    )
    (root / "boat.md").write_text("# Wren\n\nWren is a 27-foot sloop.\n")
    return root


@pytest.fixture
def app(tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_WATCH", str(docs))
    monkeypatch.setenv("KB_EMBEDDER", "fake")
    monkeypatch.setenv("KB_MODEL", "none")

    def make(chat: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if chat is not None:
            at.query_params["chat"] = chat
        at.run()
        assert not at.exception, at.exception
        kb = runtime.resources().kb
        deadline = time.monotonic() + 60
        while not (kb.watcher_state() and kb.watcher_state().last_sync):
            assert time.monotonic() < deadline, "the first sync did not finish"
            time.sleep(0.1)
        return at

    yield make
    runtime.shutdown()


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def questions(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if h.proto.body.startswith('<div class="kb-text"')]


def test_turns_are_kept_in_the_history_and_a_follow_up_carries_the_topic(app) -> None:
    at = ask(ask(app(), "What is the rent for the flat?"), "And the notice?")
    kb = runtime.resources().kb
    [chat] = kb.chats.all()
    assert chat.turns == 2 and at.query_params["chat"] == chat.name
    first, second = kb.chats.turns(chat.name)
    assert second.standalone != second.question and "flat" in second.standalone
    assert len(questions(at)) == 2  # both turns on the page, drawn from the history


def test_a_reload_reopens_the_conversation_in_the_address(app) -> None:
    ask(app(), "What is the rent for the flat?")
    name = runtime.resources().kb.chats.all()[0].name
    again = app(chat=name)  # a fresh session, as after a reload, with ?chat= in the address
    assert len(questions(again)) == 1 and "rent" in questions(again)[0]
    assert questions(app()) == []  # without it: a new conversation


def test_new_reopen_rename_export_and_delete_from_the_sidebar(app) -> None:
    at = ask(app(), "What is the rent for the flat?")
    kb = runtime.resources().kb
    first = kb.chats.all()[0].name
    at.button(key="chat-new").click().run()
    assert questions(at) == []
    at = ask(at, "What kind of boat is Wren?")
    assert {c.name for c in kb.chats.all()} >= {first} and len(kb.chats.all()) == 2
    at.button(key=f"chat-open-{first}").click().run()
    assert len(questions(at)) == 1 and "rent" in questions(at)[0]
    at.text_input(key=f"chat-name-{first}").set_value("flat").run()
    at.button(key="chat-rename").click().run()
    assert "flat" in [c.name for c in kb.chats.all()] and at.query_params["chat"] == "flat"
    assert "# flat" in kb.chats.export("flat")
    at.button(key="chat-delete").click().run()
    assert "flat" not in [c.name for c in kb.chats.all()] and questions(at) == []


def test_an_answer_nobody_reads_is_saved_when_it_is_finished(fake_kb, notes) -> None:
    from ingest.sync import Syncer

    Syncer(fake_kb).sync([notes])
    release = threading.Event()

    class Slow(FakeGenerator):
        def stream(self, messages, *, max_tokens, stop, grammar=None):
            yield "Biscuit "
            release.wait(10)  # the page that asked is gone by now
            yield from ["has an ear infection ", "[1]"]

    fake_kb.answerer._generator, fake_kb.answerer._generator_made = Slow(), True
    job = AskJob(
        fake_kb, "What did the vet say about Biscuit?", None, threading.Lock(), chat="vet"
    ).start()
    del job  # nobody drains its tokens or waits for its result
    release.set()
    deadline = time.monotonic() + 20
    while not fake_kb.chats.all() and time.monotonic() < deadline:
        time.sleep(0.05)
    [turn] = fake_kb.chats.turns("vet")
    assert turn.answer.startswith("Biscuit has an ear infection") and turn.mode == "llm"
