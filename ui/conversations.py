"""The Ask page's conversations: which one is open, and the sidebar to start, reopen, rename,
export and delete them. The open conversation's name is in the page's address (``?chat=``), so
reloading the page reopens it."""

from __future__ import annotations

import re
from datetime import datetime

import streamlit as st

from kb.errors import KBError
from kb.knowledge_base import KnowledgeBase
from ui.render import md_escape

KEY = "chat_name"
LISTED = 30  # the newest conversations in the sidebar


def current(kb: KnowledgeBase) -> str | None:
    """The open conversation: this session's, else the one the address names, if it exists."""
    if KEY not in st.session_state:
        wanted = st.query_params.get("chat")
        st.session_state[KEY] = wanted if wanted and kb.chats.history.exists(wanted) else None
    return st.session_state[KEY]


def select(name: str | None) -> None:
    st.session_state[KEY] = name
    for key in [k for k in st.session_state if str(k).startswith("open-")]:
        del st.session_state[key]  # else the next answer's cards would open themselves
    if name is None:
        st.query_params.pop("chat", None)
    else:
        st.query_params["chat"] = name


def start(kb: KnowledgeBase) -> str:
    """A name for a new conversation (it is stored with its first turn)."""
    base = f"{datetime.now():%Y-%m-%d %H:%M}"
    taken = {c.name for c in kb.chats.all()}
    name = next(n for n in (base, *(f"{base} ({i})" for i in range(2, 999))) if n not in taken)
    select(name)
    return name


def file_name(name: str) -> str:
    return (re.sub(r"[^\w.-]+", "-", name).strip("-") or "conversation") + ".md"


def sidebar(kb: KnowledgeBase) -> None:
    open_now = current(kb)
    with st.sidebar:
        st.subheader("Conversations")
        st.button(
            "New conversation",
            key="chat-new",
            icon=":material/add:",
            on_click=select,
            args=(None,),
            width="stretch",
        )
        for c in kb.chats.all()[:LISTED]:
            st.button(
                f"{c.name} · {c.turns}",
                key=f"chat-open-{c.name}",
                width="stretch",
                type="primary" if c.name == open_now else "secondary",
                on_click=select,
                args=(c.name,),
            )
        if open_now and kb.chats.history.exists(open_now):
            _manage(kb, open_now)


def _manage(kb: KnowledgeBase, name: str) -> None:
    with st.expander("This conversation", key="chat-manage"):
        new = st.text_input("Name", value=name, key=f"chat-name-{name}")
        if st.button("Rename", key="chat-rename") and new.strip() and new != name:
            try:
                select(kb.chats.rename(name, new))
            except KBError as e:
                st.error(md_escape(str(e)))
            else:
                st.rerun()
        st.download_button(
            "Export as Markdown",
            data=kb.chats.export(name),
            key="chat-export",
            file_name=file_name(name),
            mime="text/markdown",
            on_click="ignore",
            icon=":material/download:",
        )
        if st.button("Delete", key="chat-delete", icon=":material/delete:"):
            kb.chats.delete(name)
            select(None)
            st.rerun()
