"""Library page: what is indexed, what failed and why, and which folders are watched."""

from __future__ import annotations

import streamlit as st

from kb.errors import KBError
from ui import runtime
from ui.guard import shown_errors
from ui.inventory import file_rows, watcher_line
from ui.render import md_escape

REFRESH_S = 2  # the status part reruns on its own this often (a fragment, not the whole page)


@st.fragment(run_every=REFRESH_S)
def status_panel() -> None:
    with shown_errors():
        kb = runtime.resources().kb
        s = kb.status()
        w = s.watcher
        st.markdown(f"**{md_escape(watcher_line(w))}**")
        if w and w.indexing and w.total:
            st.progress(min(1.0, w.done / w.total))
        c = st.columns(4)
        c[0].metric("Files", s.files)
        c[1].metric("Indexed", s.count("indexed"))
        c[2].metric("Failed or skipped", s.count("failed") + s.count("skipped"))
        c[3].metric("Passages", s.chunks)
        if s.redactions:
            st.caption(
                md_escape(
                    "Redacted before indexing: "
                    + ", ".join(f"{k} {n}" for k, n in s.redactions.items())
                )
            )
        rows = file_rows(kb)
        if not rows:
            st.info(
                "Indexing has started: files appear here as they are done."
                if w and w.indexing
                else "Nothing is indexed yet. Add a folder below; indexing starts at once."
            )
            return
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            key="files",
            column_config={
                "file": st.column_config.TextColumn("File", width="large"),
                "kind": "Kind",
                "status": "Status",
                "chunks": "Passages",
                "redactions": "Redactions",
                "problem": st.column_config.TextColumn("Why it failed", width="large"),
                "ocr": st.column_config.TextColumn("Read from page images (OCR)", width="large"),
                "indexed": "Indexed",
            },
        )


def folders_panel() -> None:
    res = runtime.resources()
    kb = res.kb
    st.subheader("Watched folders")
    for f in kb.folders():
        left, right = st.columns([5, 1], vertical_alignment="center")
        note = " (KB_WATCH)" if f.from_env else ""
        note += "" if f.exists else " (missing: not watched until it exists again)"
        left.text(f"{f.path}{note}")
        if not f.from_env and right.button("Stop watching", key=f"rm-{f.path}"):
            res.watching.forget(kb.remove_folder(f.path), kb.watched_paths())
            st.rerun()
    with st.form("add-folder", clear_on_submit=True, border=False):
        folder = st.text_input("Add a folder", placeholder="/home/you/Notes")
        if st.form_submit_button("Watch this folder"):
            try:
                kb.add_folder(folder)
            except KBError as e:
                st.error(md_escape(str(e)))
            else:
                res.watching.apply(kb.watched_paths())
                st.rerun()
    if st.button("Sync now", icon=":material/sync:", key="sync"):
        if res.watching.sync_now():
            st.toast("Rescanning the watched folders…")
        else:
            st.warning("No folder is watched yet.")


def main() -> None:
    st.title("Library")
    with shown_errors():
        runtime.resources()
        status_panel()
        folders_panel()


main()
