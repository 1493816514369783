"""The page edge: kb's errors become one short message in the page, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from kb.errors import KBError
from ui.render import md_escape

log = logging.getLogger("kb.ui")


def message(e: BaseException) -> str:
    """What to tell the person at the screen about ``e``."""
    if isinstance(e, KBError):  # written for the person at the screen already
        return str(e)
    return (
        f"Something went wrong ({type(e).__name__}: {e}). The details are in the terminal "
        "that runs `kb ui`."
    )


@contextmanager
def shown_errors() -> Iterator[None]:
    # Streamlit's own rerun/stop signals derive from BaseException and pass through untouched
    try:
        yield
    except KBError as e:
        st.error(md_escape(message(e)), icon=":material/error:")
    except Exception as e:
        log.exception("the app failed")
        st.error(md_escape(message(e)), icon=":material/error:")
