"""The app's pure parts: highlighting, escaping, page reconstruction, watched folders, the
watcher's status line, and asking on a worker thread. Launch flags and the `kb ui` process
itself: tests/test_ui_launch.py.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from kb.chunker import chunk_document
from kb.errors import ConfigError, KBError
from kb.knowledge_base import KnowledgeBase
from kb.records import Document
from kb.reports import WatcherState
from tests.test_chunker import LEASE
from ui import render
from ui.asking import AskJob
from ui.documents import stitch
from ui.highlight import claims, find_verbatim, sentence_spans, supporting_spans
from ui.inventory import watcher_line

PASSAGE = (
    "Took Biscuit to the vet on Monday. The vet said it was a mild ear infection and "
    "prescribed drops twice a day for a week.\n\nHe was very brave about it."
)


# --- highlighting ------------------------------------------------------------------------------
def test_claims_are_the_stretches_that_end_at_each_citation() -> None:
    answer = "He has an ear infection [1]. Drops twice a day [2][3], and rest [1, 3].\nNo [9]"
    assert claims(answer, 1) == ["He has an ear infection", "and rest"]
    assert claims(answer, 2) == ["Drops twice a day"]
    assert claims(answer, 3) == ["Drops twice a day", "and rest"]
    assert claims(answer, 4) == []


def test_extractive_quote_is_found_verbatim_despite_line_breaks() -> None:
    answer = (
        "No language model…\n\n“The vet said it was a mild ear infection and prescribed "
        "drops twice a day for a week.” [1]"
    )
    passage = PASSAGE.replace("and prescribed", "and\nprescribed")
    [(s, e)] = supporting_spans(passage, answer, 1)
    assert passage[s:e].startswith("The vet said") and passage[s:e].endswith("for a week.")


def test_every_quoted_sentence_is_highlighted() -> None:
    answer = "“Took Biscuit to the vet on Monday.” [1]\n“He was very brave about it.” [1]"
    spans = supporting_spans(PASSAGE, answer, 1)
    assert [PASSAGE[s:e] for s, e in spans] == [
        "Took Biscuit to the vet on Monday.",
        "He was very brave about it.",
    ]


def test_paraphrase_highlights_the_sentence_sharing_most_words() -> None:
    [(s, e)] = supporting_spans(PASSAGE, "Biscuit needs drops twice a day [1].", 1)
    assert PASSAGE[s:e] == (
        "The vet said it was a mild ear infection and prescribed drops twice a day for a week."
    )
    assert supporting_spans(PASSAGE, "Completely unrelated words here [1].", 1) == []
    assert supporting_spans(PASSAGE, "Biscuit needs drops [2].", 1) == []  # cites another


@given(hs.text(alphabet="ab .!?\n", max_size=80))
def test_sentence_spans_are_trimmed_ordered_slices(text: str) -> None:
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    # together they cover every non-blank character
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


def test_find_verbatim_ignores_whitespace_only() -> None:
    assert find_verbatim("a  b\nc d", "b c") == (3, 6)
    assert find_verbatim("a b c", "b d") is None


# --- escaping ----------------------------------------------------------------------------------
HOSTILE = "<script>alert(1)</script> <img src=http://198.51.100.7/x.png> ![x](http://h/y.png)"


@given(
    hs.text(max_size=60), hs.lists(hs.tuples(hs.integers(0, 60), hs.integers(0, 60)), max_size=3)
)
def test_marked_text_is_the_escaped_text_plus_only_our_tags(text: str, pairs) -> None:
    spans = [(a, b, "mark") for a, b in pairs if a < b]
    spans = spans[:1] + [(s, e, 'span class="kb-cited"') for s, e, _ in spans[1:2]]
    out = render.marked(text, spans)
    tags = re.findall(r"<[^>]*>", out)
    assert set(tags) <= {"<mark>", "</mark>", '<span class="kb-cited">', "</span>"}
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text


def test_document_markup_and_markdown_become_inert_text() -> None:
    out = render.passage_html(HOSTILE, [(0, 8)])
    assert "<script" not in out and "<img" not in out
    assert out.count("<mark>") == 1 and "&lt;script&gt;" in out
    answer = render.answer_html(HOSTILE + " [2]")
    assert '<span class="kb-cite">[2]</span>' in answer and "<img" not in answer
    label = render.md_escape(HOSTILE)
    assert "![" not in label and "](" not in label and "<" not in label.replace("\\<", "")


# --- the whole page from its chunks --------------------------------------------------------------
def test_stitched_chunks_give_the_document_back() -> None:
    doc = Document(source="/x/lease.md", kind="note", title="Lease", text=LEASE * 6)
    chunks = chunk_document(doc)
    assert len(chunks) > 2
    text, at = stitch(list(reversed(chunks)))
    assert " ".join(text.split()) == " ".join(doc.text.split())
    for c in chunks:
        assert text[at[c.id] : at[c.id] + len(c.text)] == c.text


# --- folders -----------------------------------------------------------------------------------
def test_folders_added_in_the_app_persist_next_to_kb_watch(fake_kb, tmp_path: Path) -> None:
    env_root, mine, inner = tmp_path / "env", tmp_path / "mine", tmp_path / "env" / "inner"
    inner.mkdir(parents=True)
    mine.mkdir()
    fake_kb.settings = fake_kb.settings.with_(watch=(env_root,))
    fake_kb.add_folder(str(mine))
    assert [(f.path, f.from_env) for f in fake_kb.folders()] == [(env_root, True), (mine, False)]
    with pytest.raises(ConfigError, match="already watched"):
        fake_kb.add_folder(str(mine) + "/")
    with pytest.raises(ConfigError, match="No such folder"):
        fake_kb.add_folder(str(tmp_path / "nope"))
    with pytest.raises(ConfigError, match="KB_WATCH"):
        fake_kb.remove_folder(env_root)
    fake_kb.add_folder(str(inner))
    fake_kb.remove_folder(mine)
    assert [f.path for f in fake_kb.folders()] == [env_root, inner]
    # another process (`kb index` with no arguments) sees the same list
    other = KnowledgeBase(fake_kb.settings.with_(watch=()))
    assert other.watched_paths() == [inner]
    other.close()


def test_watcher_line_reads_like_the_screen() -> None:
    assert watcher_line(None) == "The watcher has not run yet."
    assert watcher_line(WatcherState("indexing", done=3, total=9)).startswith(
        "Indexing: 3 of 9 files"
    )
    line = watcher_line(WatcherState("idle", last_sync="2025-03-14T09:30:00+00:00", pending=2))
    assert line.startswith("Idle") and "2025-03-14 09:30:00" in line and "2 changes" in line


# --- asking on a worker thread -----------------------------------------------------------------
class SlowKB:
    """Emits one token, then waits until the test has seen it: proves tokens are not buffered."""

    def __init__(self, fail: bool = False):
        self.seen_first = threading.Event()
        self.fail = fail

    def ask(self, question, *, filters=None, on_token=None, chat=None, on_draft=None):
        on_token("first ")
        assert self.seen_first.wait(10)
        if self.fail:
            raise KBError("The index on disk cannot be opened.")
        on_token("second")
        return "answer"


@pytest.mark.parametrize("fail", [False, True])
def test_tokens_reach_the_page_while_the_answer_is_being_written(fail: bool) -> None:
    kb = SlowKB(fail)
    job = AskJob(kb, "q", None, threading.Lock()).start()  # type: ignore[arg-type]
    got = []
    for token in job.tokens():
        got.append(token)
        kb.seen_first.set()
    if fail:
        assert got == ["first "]
        with pytest.raises(KBError, match="cannot be opened"):
            job.result()
    else:
        assert got == ["first ", "second"] and job.result() == "answer"
