"""About page: which models kb uses, where its data lives, what it scrubs, what it promises."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kb.sanitize.sanitizer import CATEGORIES
from ui import runtime
from ui.guard import shown_errors

OFFLINE = """
- **Nothing leaves this computer.** kb opens no network connection except to itself
  (127.0.0.1): the embedding model and the language model run here, from files on disk.
- The app listens on 127.0.0.1 only, so other machines on your network cannot reach it.
- Streamlit's usage statistics, Chroma's telemetry and Hugging Face hub calls are switched
  off in code, not left to a setting.
- The page loads no remote fonts, scripts or images; document text is shown as text, so a
  document cannot make your browser fetch anything.
- Secrets and personal identifiers are replaced before anything is embedded or stored; the
  index, the logs and the model's prompt only ever see the replaced text.
"""


def size(path: Path) -> str:
    try:
        return f"{path.stat().st_size / 1e6:,.0f} MB"
    except OSError:
        return "missing"


def main() -> None:
    st.title("About")
    with shown_errors():
        kb = runtime.resources().kb
        settings = kb.settings
        s = kb.status()
        st.subheader("Answers")
        model = settings.resolve_model()
        if settings.servers.llm is not None:
            st.text(f"Language model: {settings.model_label()} (KB_LLM_URL)")
        elif model is not None:
            st.text(f"Language model: {model.name} ({size(model)})\n{model}")
        else:
            st.info(
                "No language model is configured, so answers are extractive: the most "
                "relevant sentences, quoted with their sources. To have a local model write "
                "answers, put a GGUF file (e.g. a Q4_K_M quantization of a 1-4B instruct "
                "model) in the models folder below, or set KB_MODEL to its path, and "
                "restart kb."
            )
            st.text(f"Models folder: {settings.models_dir}")
        st.text(f"Embedder: {s.embedder}")
        st.subheader("Where kb keeps its data")
        st.text(f"KB_HOME: {settings.home}\nPassages indexed: {s.chunks} from {s.files} files")
        st.subheader("What is scrubbed before indexing")
        kept = settings.sanitize_keep
        st.write(
            "Secrets and personal identifiers of these kinds are replaced by placeholders "
            "before anything is embedded or stored (an email address always becomes the "
            "same placeholder, so you can still search by it):"
        )
        st.text(", ".join(c for c in CATEGORIES if c not in kept))
        if kept:
            st.text(f"Left alone because of KB_SANITIZE_KEEP: {', '.join(sorted(kept))}")
        if s.redactions:
            st.text("Replaced so far: " + ", ".join(f"{k} {n}" for k, n in s.redactions.items()))
        st.subheader("Offline guarantees")
        st.markdown(OFFLINE)


main()
