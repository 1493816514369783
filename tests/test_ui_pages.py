"""The app's Ask page through Streamlit's AppTest, with the fake embedder and scripted generators.

The app runs its real watcher over the folders in KB_WATCH; each test waits for the start-up sync
to finish (tests/app_pages.py). The Library and About pages: test_ui_library.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_pages import APP, app_starter
from tests.conftest import SAMPLE
from ui import render

pytestmark = pytest.mark.slow  # the app's real watcher indexes a folder before each test

NOTICE = "What is the notice period in the lease?"


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """start(generator, watch=SAMPLE) -> a run AppTest whose first sync is complete."""
    yield from app_starter(tmp_path, monkeypatch)


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


def test_a_model_answer_citing_nothing_is_never_shown_as_the_answer(start) -> None:
    at = ask(start("uncited"), NOTICE)  # the model says "Probably in July." and cites nothing
    assert any("failed its check" in b for b in badges(at))
    assert not any("Probably in July" in t for t in bodies(at, "kb-text kb-answer"))
    assert card_paths(at)  # what the documents say, quoted, with their sources


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
    at.button(key="chat-new").click().run()  # a new conversation: only its answer counts
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
    assert any(d < "2025-03-01" for d in dated if d[:1].isdigit()), dated  # February's visit
    at.button(key="chat-new").click().run()  # a new conversation: only its answer counts
    at.date_input(key="f-from").set_value(date(2025, 3, 1)).run()
    at = ask(at, question)
    dated = [b.split('class="kb-meta">')[1][:10] for b in bodies(at, "kb-card-head")]
    assert dated and all(d >= "2025-03-01" for d in dated), dated


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
