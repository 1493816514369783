"""The app's Library and About pages through Streamlit's AppTest (tests/app_pages.py), with the
fake embedder and the app's real watcher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.sanitize.sanitizer import CATEGORIES
from tests.app_pages import app_starter, kb, wait_idle
from tests.pdf_builder import make_pdf
from ui import runtime

pytestmark = pytest.mark.slow  # the app's real watcher indexes a folder before most tests


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """start(generator, watch=SAMPLE) -> a run AppTest whose first sync is complete."""
    yield from app_starter(tmp_path, monkeypatch)


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
