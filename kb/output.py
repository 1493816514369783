"""Human-readable renderings for the terminal (JSON output is just ``to_json``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from kb.chats.conversation import ChatSummary
from kb.records import Answer, Hit
from kb.reports import IndexReport, Status, WatcherState


def hit_lines(n: int, hit: Hit, width: int = 100) -> str:
    where = hit.title
    if hit.page:
        where += f", p. {hit.page}"
    if hit.subject and hit.kind in ("email", "attachment"):
        where += f" — {hit.subject}" if hit.subject != hit.title else ""
        if hit.sender:
            where += f" (from {hit.sender})"
    date = f" · {hit.date[:10]}" if hit.date else ""
    body = textwrap.fill(
        " ".join(hit.text.split()),
        width,
        initial_indent="    ",
        subsequent_indent="    ",
        max_lines=4,
        placeholder=" …",
    )
    return f"[{n}] {where}{date}  ({hit.kind}, score {hit.score:.3f})\n    {hit.source}\n{body}"


def index_summary(r: IndexReport) -> str:
    lines = [
        f"added {r.added}, updated {r.updated}, removed {r.removed}, "
        f"unchanged {r.unchanged}; {r.chunks} chunks in the index "
        f"({r.embedded} embedded this run)"
    ]
    for f in r.failed:
        lines.append(f"  failed:  {f.path}: {f.error}")
    for f in r.skipped:
        lines.append(f"  skipped: {f.path}: {f.error}")
    return "\n".join(lines)


def status_text(s: Status) -> str:
    counts = ", ".join(f"{n} {k}" for k, n in sorted(s.by_status.items())) or "nothing yet"
    lines = [
        f"KB_HOME   {s.home}",
        f"files     {s.files} ({counts})",
        f"chunks    {s.chunks}",
        f"embedder  {s.embedder}",
        f"answers   {s.mode}"
        + (
            f" with {s.model}"
            if s.model
            else " (no GGUF model: put one in KB_HOME/models or set KB_MODEL)"
        ),
    ]
    if s.vectors:
        lines.append(f"vectors   {s.vectors}")
    if s.watcher:
        lines.append(f"watcher   {watcher_words(s.watcher)}")
    if s.redactions:
        lines.append("redacted  " + ", ".join(f"{k} {n}" for k, n in s.redactions.items()))
    for p in s.problems:
        lines.append(f"  {p.status:<8} {p.path}: {p.error}")
    if s.locked:
        n = len(s.locked)
        lines.append(
            f"locked    {n} PDF{'s still need' if n != 1 else ' still needs'} a password: "
            "add it to KB_HOME/pdf_passwords (one per line), then run kb index"
        )
    if s.recognised:
        lines.append(f"OCR       {len(s.recognised)} files read from page images:")
    lines += [f"  ocr      {f.path}: {f.ocr.summary()}" for f in s.recognised if f.ocr]
    return "\n".join(lines)


def watcher_words(w: WatcherState) -> str:
    return (
        w.state
        + (f", {w.done} of {w.total}" if w.indexing else "")
        + (f", last sync {w.last_sync}" if w.last_sync else "")
        + (f", {w.pending} pending" if w.pending else "")
    )


def label(a: Answer) -> str:
    """What the reader is looking at, in a few words."""
    if a.verdict == "nothing":
        return "nothing found"
    if a.verdict == "not_in_documents":
        return "NOT GROUNDED: your documents mention this but do not say it"
    if a.verdict == "unverified":
        return "quoted from your documents: the local model's answer failed its check"
    if a.mode == "llm":
        checked = " (numbers, dates and names checked against the sources)" if a.checked else ""
        return (
            "answer written by the local model"
            + checked
            + ("" if a.grounded else " — NOT GROUNDED: it cites none of your documents")
        )
    if a.verdict == "draft":
        return "quoted from your documents while the local model writes"
    # the answer's first line says why it is quoted: no model, the model server down, a request
    return "extractive answer: sentences quoted from your documents"


def answer_text(a: Answer, *, streamed: bool = False) -> str:
    """The answer (unless it was already streamed to the terminal) and its numbered sources."""
    lines = [] if streamed else [a.answer]
    lines += ["", f"({label(a)})"]
    for c in a.citations:
        h = c.hit
        where = h.title + (f", p. {h.page}" if h.page else "")
        if h.kind in ("email", "attachment") and h.subject:
            where += f" — email “{h.subject}”" + (f" from {h.sender}" if h.sender else "")
        date = f", {h.date[:10]}" if h.date else ""
        lines.append(f"[{c.n}] {where}{date}\n    {h.source}")
    return "\n".join(lines)


def chats_text(chats: Sequence[ChatSummary]) -> str:
    if not chats:
        return "No conversations yet: ask with `kb ask --chat NAME QUESTION`."
    rows = [(c.name, c.turns, c.to_json()["updated"].replace("T", " ")[:16]) for c in chats]
    width = max(len(name) for name, _, _ in rows)
    return "\n".join(
        f"{name:<{width}}  {n:>3} turn{'s' * (n != 1)}  {when}" for name, n, when in rows
    )
