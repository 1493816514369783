"""The Ask page's sidebar: filters that narrow retrieval by kind, folder and date range."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from kb.knowledge_base import KnowledgeBase
from kb.records import Filters

# fmt: off
KINDS = {"note": "Notes", "pdf": "PDFs", "document": "Word documents", "email": "Emails",
         "attachment": "Email attachments"}
# fmt: on
ALL_FOLDERS = ""
MAX_FOLDERS = 300


def folders(kb: KnowledgeBase) -> list[str]:
    """The watched folders and every folder below them that holds an indexed file."""
    tops = [f.path for f in kb.folders()]
    found: set[str] = {str(t) for t in tops}
    for path in kb.store.indexed_paths():
        parent = Path(path).parent
        while parent != parent.parent and str(parent) not in found:
            if not any(parent == t or t in parent.parents for t in tops):
                break  # above every watched folder: not a folder a person would pick
            found.add(str(parent))
            parent = parent.parent
    return sorted(found)[:MAX_FOLDERS]


def filters(kb: KnowledgeBase) -> Filters:
    with st.sidebar:
        st.subheader("Filters")
        kinds = st.multiselect(
            "Kinds",
            list(KINDS),
            format_func=KINDS.__getitem__,
            placeholder="All kinds",
            key="f-kinds",
        )
        folder = st.selectbox(
            "Folder",
            [ALL_FOLDERS, *folders(kb)],
            key="f-folder",
            format_func=lambda f: f or "All folders",
        )
        low, high = date(1900, 1, 1), date(2100, 12, 31)
        since = st.date_input(
            "From", value=None, min_value=low, max_value=high, key="f-from", format="YYYY-MM-DD"
        )
        until = st.date_input(
            "Until", value=None, min_value=low, max_value=high, key="f-until", format="YYYY-MM-DD"
        )
        if since and until and since > until:
            st.warning("“From” is after “Until”: nothing can match.")
        st.caption("Filters apply to the next question.")
    return Filters(
        kinds=tuple(kinds),
        folder=folder or None,
        date_from=since.isoformat() if isinstance(since, date) else None,
        date_to=until.isoformat() if isinstance(until, date) else None,
    )


def describe(f: Filters) -> str:
    """A short line saying which filters an answer was given under ("" when none)."""
    parts = []
    if f.kinds:
        parts.append(", ".join(KINDS.get(k, k) for k in f.kinds))
    if f.folder:
        parts.append(f"in {f.folder}")
    if f.date_from or f.date_to:
        parts.append(f"dated {f.date_from or '…'} to {f.date_to or '…'}")
    return "; ".join(parts)
