"""Ask page: a chat over your documents, answers streamed, every answer with its sources."""

from __future__ import annotations

import time

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.records import Filters
from ui import cards, render, runtime, sidebar
from ui.asking import AskJob, Turn
from ui.guard import message, shown_errors
from ui.render import md_escape

REPAINT_S = 0.05  # at most ~20 repaints a second while the answer is written


def show_question(t: Turn) -> None:
    with st.chat_message("user"):
        st.html(f'<div class="kb-text">{render.esc(t.question)}</div>')


def show_answer(i: int, t: Turn) -> None:
    with st.chat_message("assistant"):
        answer_body(i, t)


def answer_body(i: int, t: Turn) -> None:
    res = runtime.resources()
    if t.error:
        st.error(md_escape(t.error), icon=":material/error:")
    elif t.answer is not None:
        cards.answer(res.kb, i, t.answer)
        if t.answer.mode == "none" and res.kb.store.is_empty():
            st.info(
                "The index is empty. Add a folder on the Library page, or wait for the "
                "first sync to finish."
            )
    used = sidebar.describe(t.filters)
    if used:
        st.caption(md_escape(f"Filtered: {used}"))


def stream(question: str, filters: Filters) -> Turn:
    """Ask on a worker thread and paint the answer as its tokens arrive."""
    res = runtime.resources()
    job = AskJob(res.kb, question, filters, res.ask_lock).start()
    spot = st.empty()
    spot.html(render.waiting_html("Searching your documents…"))
    text, painted = "", 0.0
    for token in job.tokens():
        text += token
        if time.monotonic() - painted >= REPAINT_S:
            spot.html(render.answer_html(text, writing=True))
            painted = time.monotonic()
    spot.empty()
    try:
        return Turn(question, filters, answer=job.result())
    except Exception as e:  # shown in the chat; the next question may well work
        return Turn(question, filters, error=message(e))


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
        res = runtime.resources()
        filters = sidebar.filters(res.kb)
        chat: list[Turn] = st.session_state.setdefault("chat", [])
        if not chat:
            st.caption(
                "Ask about your notes, PDFs and email. Answers cite the passages they "
                "come from; nothing leaves this computer."
            )
        progress_note(res.kb)
        for i, turn in enumerate(chat):
            show_question(turn)
            show_answer(i, turn)
        question = st.chat_input("Ask a question about your documents")
        if question and question.strip():
            show_question(Turn(question.strip(), filters))
            with st.chat_message("assistant"):
                turn = stream(question.strip(), filters)
                chat.append(turn)
                answer_body(len(chat) - 1, turn)
        if chat and st.sidebar.button("Clear the conversation", key="clear"):
            chat.clear()
            for key in [k for k in st.session_state if str(k).startswith("open-")]:
                del st.session_state[key]  # else the next answer's cards would open themselves
            st.rerun()


main()
