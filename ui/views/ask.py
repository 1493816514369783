"""Ask page: conversations over your documents, answers streamed, every answer with its sources.

The open conversation's turns come from kb's history (so a reload, or another tab, shows the
same); a new answer streams in while it is written, is saved by the job that wrote it, and the
page is then drawn again from the history.
"""

from __future__ import annotations

import time

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.records import Answer, Filters
from ui import cards, conversations, render, runtime, sidebar
from ui.asking import AskJob
from ui.guard import message, shown_errors
from ui.render import md_escape

REPAINT_S = 0.05  # at most ~20 repaints a second while the answer is written
USED = "filters_used"  # (chat, turn number) -> the filters it was asked under, this session


def show_question(question: str) -> None:
    with st.chat_message("user"):
        st.html(f'<div class="kb-text">{render.esc(question)}</div>')


def show_answer(kb: KnowledgeBase, i: int, answer: Answer, filters: Filters | None) -> None:
    with st.chat_message("assistant"):
        cards.answer(kb, i, answer)
        if answer.mode == "none" and kb.store.is_empty():
            st.info(
                "The index is empty. Add a folder on the Library page, or wait for the "
                "first sync to finish."
            )
        used = sidebar.describe(filters) if filters else ""
        if used:
            st.caption(md_escape(f"Filtered: {used}"))


def stream(kb: KnowledgeBase, question: str, filters: Filters, chat: str, turn: int) -> Answer:
    """Ask on a worker thread: the quotes at once, then the model's words as they arrive."""
    res = runtime.resources()
    job = AskJob(kb, question, filters, res.ask_lock, chat=chat).start()
    draft_spot, spot = st.empty(), st.empty()
    spot.html(render.waiting_html("Searching your documents…"))
    text, painted = "", 0.0
    for event in job.events():
        if isinstance(event, Answer):  # something useful to read while the model reads
            with draft_spot.container():
                cards.answer(kb, turn, event)
            spot.html(render.waiting_html("The local model is writing its answer…"))
            continue
        text += event
        if time.monotonic() - painted >= REPAINT_S:
            spot.html(render.answer_html(text, writing=True))
            painted = time.monotonic()
    draft_spot.empty()
    spot.empty()
    return job.result()


def progress_note(kb: KnowledgeBase) -> None:
    """Say so while the index is still being built: answers cover only what is in it so far."""
    w = kb.watcher_state()
    if w and w.indexing and w.total:
        st.info(
            f"Indexing your folders ({w.done} of {w.total} files): answers cover "
            "what is indexed so far.",
            icon=":material/hourglass_top:",
        )


def main() -> None:
    st.title("Ask")
    with shown_errors():
        kb = runtime.resources().kb
        conversations.sidebar(kb)
        filters = sidebar.filters(kb)
        name = conversations.current(kb)
        turns = kb.chats.turns(name) if name and kb.chats.history.exists(name) else []
        used: dict[tuple[str, int], Filters] = st.session_state.setdefault(USED, {})
        if not turns:
            st.caption(
                "Ask about your notes, PDFs and email. Answers cite the passages they "
                "come from; follow-up questions know what came before; nothing leaves this "
                "computer."
            )
        progress_note(kb)
        for i, turn in enumerate(turns):
            show_question(turn.question)
            show_answer(kb, i, turn.as_answer(), used.get((name or "", i)))
        question = st.chat_input("Ask a question about your documents")
        if question and question.strip():
            name = name or conversations.start(kb)
            show_question(question.strip())
            with st.chat_message("assistant"):
                try:
                    stream(kb, question.strip(), filters, name, len(turns))
                except Exception as e:  # shown in the chat; the next question may well work
                    st.error(md_escape(message(e)), icon=":material/error:")
                    return
            used[(name, len(turns))] = filters
            st.rerun()  # drawn again from the history: the sidebar lists this conversation


main()
