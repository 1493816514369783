"""kb's Streamlit app: `kb ui` (ui/launch.py) runs this script; each page is a file in views/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.render import CSS

HERE = Path(__file__).parent

st.set_page_config(page_title="kb", layout="wide", initial_sidebar_state="expanded")
st.html(CSS)  # only <style>: Streamlit puts it in the page head area, not in the layout
# no page icons: Streamlit turns the current page's icon into the favicon, and a Material icon
# favicon is fetched from fonts.gstatic.com (the browser test caught it)
page = st.navigation(
    [
        st.Page(HERE / "views" / "ask.py", title="Ask", default=True),
        st.Page(HERE / "views" / "library.py", title="Library"),
        st.Page(HERE / "views" / "about.py", title="About"),
    ]
)
page.run()
