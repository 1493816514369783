"""The sanitizer's key file (one per KB_HOME), the categories kept in clear, the terms file, and
a question's pseudonym finding its passage by keyword.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kb.errors import ConfigError
from kb.records import Chunk, Filters
from kb.sanitize.pseudonym import KEY_FILE, TERMS_FILE, load_or_create_key
from kb.sanitize.sanitizer import Sanitizer
from kb.settings import Settings
from kb.store.keywords import KeywordIndex
from tests.test_sanitizer import KEY, PSEUDONYM


@pytest.fixture
def san() -> Sanitizer:
    return Sanitizer(KEY)


def test_key_file_created_once_private_and_reused(tmp_path: Path) -> None:
    home = tmp_path / "kb"
    first = Sanitizer.for_home(home)
    path = home / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes()) == 32
    before = (path.stat().st_ino, path.read_bytes())
    second = Sanitizer.for_home(home)
    assert (path.stat().st_ino, path.read_bytes()) == before
    assert first("ann@example.com") == second("ann@example.com")
    assert [p.name for p in home.iterdir()] == [KEY_FILE]  # no temporary file left behind


def test_racing_processes_agree_on_one_key(tmp_path: Path) -> None:
    keys: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: keys.append(load_or_create_key(tmp_path))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and keys[0] == (tmp_path / KEY_FILE).read_bytes()


def test_pseudonyms_differ_between_homes(tmp_path: Path) -> None:
    a = Sanitizer.for_home(tmp_path / "a")("ann@example.com")
    b = Sanitizer.for_home(tmp_path / "b")("ann@example.com")
    assert a != b and PSEUDONYM.fullmatch(a) and PSEUDONYM.fullmatch(b)


def test_damaged_key_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_bytes(b"short")
    os.chmod(tmp_path / KEY_FILE, 0o600)
    with pytest.raises(ConfigError, match="damaged"):
        Sanitizer.for_home(tmp_path)


def test_keep_from_settings_leaves_emails_in_clear(tmp_path: Path) -> None:
    settings = Settings.from_env({"KB_HOME": str(tmp_path), "KB_SANITIZE_KEEP": "email, ip"})
    san = Sanitizer.for_home(settings.home, keep=settings.sanitize_keep)
    out, counts = san.text("ann@example.com 10.20.30.40 +44 20 7946 0958")
    assert out.startswith("ann@example.com 10.20.30.40 [PHONE_")
    assert set(counts) == {"phone"}


def test_unknown_keep_category_is_refused() -> None:
    with pytest.raises(ConfigError, match="emails"):
        Sanitizer(KEY, keep=frozenset({"emails"}))


def test_terms_file_pseudonymizes_names_in_documents_and_questions(tmp_path: Path) -> None:
    (tmp_path / TERMS_FILE).write_text("# family\nBiscuit\nAlice   Smith  # sister\n\n")
    san = Sanitizer.for_home(tmp_path)
    out, counts = san.text("Took Biscuit to the vet with Alice\nSmith.")
    assert "Biscuit" not in out and "Smith" not in out and counts["term"] == 2
    question = san("what did the vet say about biscuit?")
    assert PSEUDONYM.search(question).group(0) in out  # type: ignore[union-attr]
    assert san("Alice Smith") == san("alice smith")
    assert "Biscuits" in san("Biscuits for tea")  # whole words only


def test_question_placeholder_finds_the_passage_by_keyword(san: Sanitizer, tmp_path) -> None:
    index = KeywordIndex(tmp_path / "keywords")
    texts = [
        "Invoice sent to alice@example.com on Monday",
        "Invoice sent to bob@example.com on Friday",
    ]
    index.rebuild(
        Chunk(f"c{i}", f"/n{i}.md", "", 0, san(t), 0, 0, None, "note", "n")
        for i, t in enumerate(texts)
    )
    index.finish()
    token = PSEUDONYM.search(san("ALICE@example.com")).group(0)  # type: ignore[union-attr]
    assert [cid for cid, _ in index.search(token, 5, Filters())] == ["c0"]
