"""An answer on screen: mode badge, text, and one numbered card per citation."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Literal

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.records import Answer, Citation
from ui import documents, render
from ui.highlight import Span, supporting_spans

Colour = Literal["green", "blue", "gray", "orange"]
# fixed strings: Streamlit renders labels as Markdown
BADGES: dict[str, tuple[str, Colour]] = {
    "llm": ("LLM answer, checked against its sources", "green"),
    "extractive": ("Extractive: quoted from your documents", "blue"),
    "draft": ("Quoted from your documents while the local model writes", "blue"),
    "unverified": ("The model's answer failed its check: quoted instead", "orange"),
    "not_in_documents": ("Your documents do not say", "gray"),
    "nothing": ("Nothing found", "gray"),
}


def badge_for(answer: Answer) -> tuple[str, Colour]:
    if answer.verdict in ("draft", "unverified", "not_in_documents", "nothing"):
        return BADGES[answer.verdict]
    return BADGES.get(answer.mode, ("Answer", "gray"))


def badges(answer: Answer) -> None:
    label, color = badge_for(answer)
    with st.container(horizontal=True, gap="small"):
        st.badge(label, color=color)
        if answer.model_error:  # the reason itself leads the answer's text
            st.badge("The model server did not answer", color="orange", icon=":material/cloud_off:")
        if not answer.grounded and answer.verdict != "nothing":
            st.badge(
                "Not grounded: no passage says this", color="orange", icon=":material/warning:"
            )


def answer(kb: KnowledgeBase, turn: int, a: Answer) -> None:
    badges(a)
    st.html(render.answer_html(a.answer, draft=a.verdict == "draft"))
    for c in a.citations:
        card(kb, turn, a.answer, c)


def card(kb: KnowledgeBase, turn: int, answer_text: str, c: Citation) -> None:
    hit = c.hit
    sentences = supporting_spans(hit.text, answer_text, c.n)
    with st.container(border=True, key=f"card-{turn}-{c.n}"):
        st.html(render.card_head_html(c.n, hit))
        st.html(render.passage_html(hit.text, sentences))
        what = {"pdf": "page", "document": "document", "email": "message"}.get(hit.kind, hit.kind)
        box = st.expander(f"Open the whole {what}", key=f"open-{turn}-{c.n}", on_change="rerun")
        if box.open:  # built only when opened: a long mbox message costs nothing until then
            with box:
                _whole(kb, turn, c, sentences)


def _whole(kb: KnowledgeBase, turn: int, c: Citation, sentences: list[Span]) -> None:
    hit = c.hit
    found = documents.whole(kb, hit)
    if found is None:
        st.info("This passage is no longer in the index (the file changed or was removed).")
    else:
        exact = found.passage is not None and (
            found.text[found.passage[0] : found.passage[1]] == hit.text
        )
        if note := documents.recognised_note(found):
            st.caption(render.md_escape(note), help="Recognised by Tesseract OCR")
        st.html(render.whole_html(found.text, found.passage, sentences if exact else []))
    path = Path(hit.source)
    if path.is_file():
        st.download_button(
            f"Download the original file ({render.md_escape(path.name)})",
            data=path.read_bytes,
            file_name=path.name,
            mime=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            on_click="ignore",
            key=f"download-{turn}-{c.n}",
            icon=":material/download:",
        )
    else:
        st.caption("The original file is no longer on disk.")
