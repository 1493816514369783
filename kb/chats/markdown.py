"""A conversation as Markdown (`kb chats export NAME`, the app's export button): each question,
its answer as kb gave it, how it was answered, and the passages it cites."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kb.chats.conversation import ChatTurn

MODES = {
    "llm": "written by the local model",
    "extractive": "quoted from your documents",
    "none": "nothing found",
}


def _where(c: dict[str, Any]) -> str:
    where = str(c.get("title") or c.get("source"))
    if c.get("page"):
        where += f", p. {c['page']}"
    if c.get("kind") in ("email", "attachment") and c.get("subject"):
        where += f" — email “{c['subject']}”" + (f" from {c['sender']}" if c.get("sender") else "")
    if c.get("date"):
        where += f", {str(c['date'])[:10]}"
    return where


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def to_markdown(name: str, turns: Sequence[ChatTurn]) -> str:
    lines = [f"# {name}", ""]
    for i, t in enumerate(turns, start=1):
        when = datetime.fromtimestamp(t.created).strftime("%Y-%m-%d %H:%M") if t.created else ""
        lines += [f"## {i}. {t.question}", ""]
        if t.standalone != t.question:
            lines += [f"*Searched as: {t.standalone}*", ""]
        lines += [t.answer.strip(), ""]
        label = MODES.get(t.mode, t.mode)
        if t.mode == "llm" and not t.grounded:
            label += ", not grounded: it cites none of your documents"
        lines += [f"*{label}{' · ' + when if when else ''}*", ""]
        for c in t.citations:
            lines += [
                f"**[{c['n']}]** {_where(c)}  ",
                f"`{c['source']}`",
                "",
                _quote(c["text"]),
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
