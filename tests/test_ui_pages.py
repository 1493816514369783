"""The app's pages through Streamlit's AppTest, with the fake embedder and scripted generators.

The app opens its KnowledgeBase from the environment, as in production: KB_EMBEDDER=fake and
KB_GENERATOR name the fakes tests/fakes.py registers. It runs its real watcher over the folders
in KB_WATCH; each test waits for the start-up sync to finish.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.sanitize.sanitizer import CATEGORIES
from tests.conftest import REPO, SAMPLE
from tests.pdf_builder import make_pdf
from ui import render, runtime

APP = str(REPO / "ui" / "app.py")
NOTICE = "What is the notice period in the lease?"


def wait_idle(kb, timeout: float = 60.0) -> None:
    """Until the watcher has finished a sync and has nothing left to do."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        w = kb.watcher_state()
        if w and w.state == "idle" and w.last_sync:
            return
        time.sleep(0.1)
    raise AssertionError(f"the watcher did not settle: {kb.watcher_state()}")


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """start(generator, watch=SAMPLE) -> a run AppTest whose first sync is complete."""

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


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def bodies(at: AppTest, css: str) -> list[str]:
    return [h.proto.body for h in at.get("html") if f'class="{css}' in h.proto.body]


def badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


def card_paths(at: AppTest) -> list[str]:
    return [
        b.split('<div class="kb-path">')[1].split("</div>")[0] for b in bodies(at, "kb-card-head")
    ]


def test_extractive_answer_shows_badge_answer_and_citation_cards(start) -> None:
    at = ask(start(), NOTICE)
    assert any("Extractive" in b for b in badges(at))
    answer = bodies(at, "kb-text kb-answer")
    assert len(answer) == 1 and "No language model is configured" in answer[0]
    assert '<span class="kb-cite">[1]</span>' in answer[0]
    paths = card_paths(at)
    assert paths and paths[0].endswith("contracts/residential_lease_2025.pdf")
    head = bodies(at, "kb-card-head")[0]
    assert ">[1]<" in head and ">PDF<" in head and "page 2" in head
    # the quoted sentence is the one highlighted in its passage
    passage = bodies(at, "kb-text kb-passage")[0]
    marked = passage.split("<mark>")[1].split("</mark>")[0]
    assert marked and " ".join(marked.split()) in answer[0]
    assert [e.label for e in at.get("expander")][0] == "Open the whole page"


def test_llm_answer_is_streamed_text_with_cards_and_no_warning(start) -> None:
    at = ask(start("notice"), NOTICE)
    text = bodies(at, "kb-text kb-answer")[0]
    assert "Either party may end the lease with two months&#x27; written notice" in text
    assert any("LLM answer" in b for b in badges(at))
    assert not any("Not grounded" in b for b in badges(at))
    assert len(card_paths(at)) == 1
    # the supporting sentence is picked from the passage by the words the answer used
    marked = bodies(at, "kb-text kb-passage")[0].split("<mark>")[1].split("</mark>")[0]
    assert "notice" in marked.lower()


def test_answer_citing_nothing_is_marked_not_grounded(start) -> None:
    at = ask(start("uncited"), NOTICE)
    assert any("Not grounded" in b for b in badges(at))
    assert card_paths(at) == []


def test_history_keeps_every_turn_of_the_session(start) -> None:
    at = ask(start(), NOTICE)
    at = ask(at, "What did the vet say about Biscuit?")
    shown = {
        f'<div class="kb-text">{q}</div>' for q in (NOTICE, "What did the vet say about Biscuit?")
    }
    assert shown <= {h.proto.body for h in at.get("html")}
    assert len(bodies(at, "kb-text kb-answer")) == 2


@pytest.mark.parametrize(
    "widget,value,check",
    [
        ("f-kinds", ["note"], lambda paths, a: all(p.endswith(".md") for p in paths)),
        (
            "f-folder",
            str(SAMPLE / "journal"),
            lambda paths, a: all(p.startswith(str(SAMPLE / "journal") + "/") for p in paths),
        ),
    ],
)
def test_filters_narrow_what_is_cited(start, widget: str, value, check) -> None:
    at = ask(start(), NOTICE)
    unfiltered = card_paths(at)
    assert any(p.endswith(".pdf") for p in unfiltered)
    at.session_state["chat"].clear()
    if widget == "f-kinds":
        at.multiselect(key=widget).set_value(value).run()
    else:
        at.selectbox(key=widget).set_value(value).run()
    at = ask(at, NOTICE)
    filtered = card_paths(at)
    assert filtered != unfiltered
    assert check(filtered, at)
    assert any("Filtered" in c.value for c in at.caption)


def test_date_filter_keeps_only_passages_in_range(start) -> None:
    question = "What did the vet say about Biscuit?"
    at = ask(start(), question)
    dated = [b.split('class="kb-meta">')[1][:10] for b in bodies(at, "kb-card-head")]
    assert any(d > "2025-03-01" for d in dated if d[:1].isdigit()), dated
    at.session_state["chat"].clear()
    at.date_input(key="f-until").set_value(date(2025, 3, 1)).run()
    at = ask(at, question)
    dated = [b.split('class="kb-meta">')[1][:10] for b in bodies(at, "kb-card-head")]
    assert dated and all(d <= "2025-03-01" for d in dated), dated


def test_opening_a_card_shows_the_whole_page_and_the_download(start) -> None:
    at = ask(start(), NOTICE)
    assert not bodies(at, "kb-text kb-whole")  # built only when opened
    at.session_state["open-0-1"] = True
    at.run()
    whole = bodies(at, "kb-text kb-whole")
    assert len(whole) == 1
    passage = bodies(at, "kb-text kb-passage")[0]
    assert len(whole[0]) > len(passage)
    assert '<span class="kb-cited">' in whole[0] and "<mark>" in whole[0]
    assert at.get("download_button"), "no download button for the original file"


def test_empty_index_says_so(start) -> None:
    at = ask(start(watch=None), NOTICE)
    assert any("Nothing found" in b for b in badges(at))
    assert any("index is empty" in i.value for i in at.info)


def test_a_broken_model_is_a_short_message_not_a_traceback(
    start, tmp_path: Path, monkeypatch
) -> None:
    bad = tmp_path / "model.gguf"
    bad.write_text("not a model")
    monkeypatch.setenv("KB_MODEL", str(bad))
    at = ask(start(), NOTICE)
    assert not at.exception
    messages = [e.value for e in at.error]
    assert len(messages) == 1 and "not a GGUF model file" in messages[0]


def test_a_missing_embedding_model_is_a_message_on_every_page(
    start, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("KB_EMBED_MODEL", str(tmp_path / "no-such-model"))
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KB_EMBEDDER", raising=False)  # production wiring
    for page in ("views/ask.py", "views/library.py", "views/about.py"):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at = at.switch_page(page).run()
        assert not at.exception
        assert [e.value for e in at.error] == [
            render.md_escape(
                f"Embedding model folder not found: {tmp_path / 'no-such-model'} "
                "(check KB_EMBED_MODEL)."
            )
        ]


def test_hostile_document_text_reaches_the_page_only_escaped(start, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "party.md").write_text(
        "# Zebra party\n\nThe zebra party starts at noon. <script>alert(1)</script> "
        "<img src=http://tracker.example.net/x.png> ![t](http://tracker.example.net/y.png) "
        "The zebra party map is [here](http://tracker.example.net/map).\n"
    )
    at = ask(start(watch=docs), "When does the zebra party start?")
    shown = [b for b in (h.proto.body for h in at.get("html")) if "alert" in b]
    assert any("kb-passage" in b for b in shown), "not cited, so the test proved nothing"
    for body in shown:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script" not in body and "<img" not in body


def test_library_lists_every_file_with_status_chunks_and_reason(start, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.md").write_text("# Plants\n\nWater the fern every Sunday.\n")
    (docs / "empty.md").write_text("")
    (docs / "broken.pdf").write_bytes(make_pdf(["fine"])[:200])
    at = start(watch=docs).switch_page("views/library.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    status = dict(zip(table["file"], table["status"], strict=True))
    assert status == {
        "docs/ok.md": "indexed",
        "docs/empty.md": "skipped",
        "docs/broken.pdf": "failed",
    }
    row = table.set_index("file").loc["docs/broken.pdf"]
    assert row["problem"] and row["chunks"] == 0
    assert table.set_index("file").loc["docs/ok.md"]["chunks"] >= 1
    assert any("Idle" in m.value for m in at.markdown)


def test_library_adds_and_removes_a_watched_folder(start, tmp_path: Path) -> None:
    first, extra = tmp_path / "first", tmp_path / "extra"
    for folder, name in ((first, "a.md"), (extra, "b.md")):
        folder.mkdir()
        (folder / name).write_text(f"# {name}\n\nSome words about {name}.\n")
    at = start(watch=first).switch_page("views/library.py").run()
    at.text_input[0].set_value(str(extra))
    at.button[0].click().run()  # the form's submit button
    assert not at.exception and not at.error
    assert [f.path for f in kb().folders()] == [first, extra]
    assert sorted(runtime.resources().watching.roots) == sorted([first, extra])
    wait_idle(kb())
    assert kb().store.file(str(extra / "b.md")).status == "indexed"
    at.run()
    at.button(key=f"rm-{extra}").click().run()
    assert not at.exception
    assert [f.path for f in kb().folders()] == [first]
    assert kb().store.file(str(extra / "b.md")) is None  # it left the index
    assert kb().store.file(str(first / "a.md")).status == "indexed"


def test_library_refuses_a_missing_folder_with_a_message(start, tmp_path: Path) -> None:
    at = start(watch=None).switch_page("views/library.py").run()
    at.text_input[0].set_value(str(tmp_path / "nope"))
    at.button[0].click().run()
    assert not at.exception
    assert any("No such folder" in e.value for e in at.error)


def test_about_page_names_model_embedder_home_and_categories(start, tmp_path: Path) -> None:
    at = start(watch=None).switch_page("views/about.py").run()
    assert not at.exception
    text = "\n".join(t.value for t in at.text)
    assert "Embedder: fake" in text
    assert f"KB_HOME: {tmp_path / 'home'}" in text
    assert any("GGUF" in i.value for i in at.info)  # how to add a model
    listed = next(t.value for t in at.text if "iban" in t.value).split(", ")
    assert listed == list(CATEGORIES)
    assert any("Nothing leaves this computer" in m.value for m in at.markdown)
