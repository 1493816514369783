"""Conversations through the `kb` command, as other tools drive them: `kb ask --chat`, `kb chats`,
export, delete; kept across processes, never on disk with KB_HISTORY=off, leaving nothing behind
when deleted, sanitized like everything else, and safe with two conversations asked at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.index_state import run_kb

pytestmark = pytest.mark.slow

SECRET_Q = "Did dana.okafor@harborquill.net pay the lease deposit with card 4539 1488 0343 6467?"


def kb(home: Path, *args: str, stdin: str | None = None, **env: str) -> str:
    proc = run_kb(home, *args, **env)
    out, err = proc.communicate(stdin, timeout=120)
    assert proc.returncode == 0, err
    return out


def every_byte(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


@pytest.fixture
def home(tmp_path: Path, notes: Path) -> Path:
    # one fact per note: the fake embedder scores word overlap, and these tests are about the
    # command's plumbing (test_followups.py measures the follow-ups with the real embedder)
    for name, text in {
        "flat-rent.md": "# Flat lease\n\nThe rent for the flat is $1,920 a month.\n",
        "flat-notice.md": "# Flat lease\n\nEnding the flat lease takes two months' notice.\n",
        "job-salary.md": "# Fernwood job\n\nMy salary at Fernwood is $132,000.\n",
        "job-notice.md": "# Fernwood job\n\nLeaving the Fernwood job takes four weeks' notice.\n",
    }.items():
        (notes / name).write_text(text)
    h = tmp_path / "home"
    kb(h, "index", str(notes))
    return h


def ask(home: Path, chat: str, question: str, **env: str) -> dict:
    return json.loads(kb(home, "ask", "--chat", chat, question, "--json", **env))


def test_a_conversation_continues_in_the_next_process(home: Path):
    first = ask(home, "flat", "What is the rent for the flat?")
    assert first["chat"] == "flat" and first["standalone"] == first["question"]
    second = ask(home, "flat", "And how much notice do I need to give?")
    assert second["chat"] == "flat"
    assert "rent" in second["standalone"] and second["standalone"] != second["question"]
    assert "/flat-" in second["citations"][0]["source"]
    [listed] = json.loads(kb(home, "chats", "--json"))
    assert listed["name"] == "flat" and listed["turns"] == 2 and listed["updated"]


def test_every_stdin_line_is_the_next_turn_and_chats_are_listed_newest_first(home: Path):
    out = kb(
        home,
        "ask",
        "--chat",
        "job",
        "-",
        stdin="What is my salary at Fernwood?\nAnd the notice period?\n",
    )
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["chat"] for a in answers] == ["job", "job"]
    assert "salary" in answers[1]["standalone"]
    ask(home, "flat", "What is the rent for the flat?")
    names = [c["name"] for c in json.loads(kb(home, "chats", "--json"))]
    assert names == ["flat", "job"]
    assert "flat" in kb(home, "chats") and "2 turns" in kb(home, "chats")


def test_export_is_markdown_with_the_citations(home: Path):
    ask(home, "flat", "What is the rent for the flat?")
    md = kb(home, "chats", "export", "flat")
    assert md.startswith("# flat\n") and "## 1. What is the rent for the flat?" in md
    assert "**[1]**" in md and "flat-rent.md" in md and "> The rent for the flat" in md


def test_deleting_leaves_nothing_of_the_conversation_in_kb_home(home: Path):
    marker = "How much does the zeppelin hangar cost per month?"
    ask(home, "hangar", marker)
    ask(home, "hangar", "And who pays for the heating of the zeppelin?")
    assert marker.encode() in every_byte(home)
    kb(home, "chats", "delete", "hangar")
    assert json.loads(kb(home, "chats", "--json")) == []
    data = every_byte(home)
    assert b"zeppelin" not in data and b"hangar" not in data
    proc = run_kb(home, "chats", "delete", "hangar")
    assert proc.communicate(timeout=60)[1].startswith("kb: There is no conversation")


def test_with_history_off_nothing_is_kept_on_disk(home: Path):
    answer = ask(home, "flat", "What is the rent for the flat?", KB_HISTORY="off")
    assert answer["chat"] == "flat"
    assert not (home / "history.sqlite3").exists()
    assert json.loads(kb(home, "chats", "--json", KB_HISTORY="off")) == []


def test_the_history_holds_only_sanitized_text(home: Path):
    answer = ask(home, "money", SECRET_Q)
    assert "harborquill" not in answer["question"] and "[EMAIL_" in answer["question"]
    data = every_byte(home)
    for raw in (
        "dana.okafor@harborquill.net",
        "harborquill",
        "4539 1488 0343 6467",
        "4539148803436467",
    ):
        assert raw.encode() not in data, raw
    chat_named_after_someone = ask(home, "mail to dana.okafor@harborquill.net", "the rent?")
    assert "harborquill" not in chat_named_after_someone["chat"]
    assert b"harborquill" not in every_byte(home)


def test_two_conversations_asked_at_once(home: Path):
    lines = "What is the rent for the flat?\nAnd the notice?\nAnd the deposit?\n"
    from concurrent.futures import ThreadPoolExecutor

    procs = [run_kb(home, "ask", "--chat", name, "-") for name in ("a", "b")]
    with ThreadPoolExecutor(2) as pool:  # both run at once, each answering three turns
        results = list(pool.map(lambda p: p.communicate(lines, timeout=120), procs))
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert len(out.splitlines()) == 3
    turns = {c["name"]: c["turns"] for c in json.loads(kb(home, "chats", "--json"))}
    assert turns == {"a": 3, "b": 3}


def test_a_bad_conversation_name_is_a_readable_error(home: Path):
    proc = run_kb(home, "ask", "--chat", "   ", "hello")
    assert re.match(r"kb: A conversation needs a name", proc.communicate(timeout=60)[1])
