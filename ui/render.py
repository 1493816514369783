"""HTML for document text: every piece of text is escaped, then placed in a fixed template.

Document text is never given to Markdown (``![x](http://...)`` would make the browser fetch an
image) nor to HTML unescaped. ``st.html`` does not run Markdown, so escaped text in these
templates reaches the page as text; only the tags written here are real. Labels and messages
that Streamlit renders as Markdown go through ``md_escape`` instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from kb.records import Hit

# fmt: off
KIND_LABEL = {"note": "Note", "pdf": "PDF", "document": "Document", "email": "Email",
              "attachment": "Attachment"}
# fmt: on

CSS = """<style>
.kb-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.55; }
.kb-answer, .kb-draft { font-size: 1rem; }
.kb-passage { font-size: 0.92rem; padding: 0.5rem 0.75rem; border-radius: 0.4rem;
  background: rgba(128, 128, 128, 0.08); }
.kb-whole { font-size: 0.88rem; max-height: 26rem; overflow-y: auto; padding: 0.5rem 0.75rem;
  border: 1px solid rgba(128, 128, 128, 0.25); border-radius: 0.4rem; }
.kb-text mark { background: rgba(255, 200, 0, 0.38); color: inherit; padding: 0 0.1rem;
  border-radius: 0.2rem; }
.kb-whole .kb-cited { background: rgba(255, 200, 0, 0.14); }
.kb-cite { font-size: 0.8em; font-weight: 600; color: #3b6fd1; white-space: nowrap; }
.kb-card-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline;
  margin-bottom: 0.35rem; }
.kb-n { font-weight: 700; min-width: 1.8rem; }
.kb-kind { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em;
  padding: 0.05rem 0.4rem; border-radius: 0.3rem; background: rgba(59, 111, 209, 0.12); }
.kb-title { font-weight: 600; }
.kb-meta { font-size: 0.85rem; opacity: 0.75; }
.kb-path { font-size: 0.75rem; opacity: 0.6; overflow-wrap: anywhere; }
.kb-wait { opacity: 0.6; font-style: italic; }
</style>"""

_CITE = re.compile(r"\[(\d{1,3}(?:\s*(?:,|;|-|–|and)\s*\d{1,3})*)\]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def md_escape(text: str) -> str:
    """Text for a Streamlit label or message (Markdown): every Markdown character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def marked(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Escaped ``text`` with each (start, end, tag) span wrapped in ``<tag>``; spans may nest."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, tag in spans:
        if 0 <= start < end <= len(text):
            opens.setdefault(start, []).append(tag)
            closes.setdefault(end, []).insert(0, tag)
    out: list[str] = []
    cuts = sorted({0, len(text), *opens, *closes})
    for a, b in zip(cuts, cuts[1:], strict=False):
        out += [f"</{t.split()[0]}>" for t in closes.get(a, [])]
        out += [f"<{t}>" for t in opens.get(a, [])]
        out.append(esc(text[a:b]))
    out += [f"</{t.split()[0]}>" for t in closes.get(len(text), [])]
    return "".join(out)


def answer_html(text: str, *, writing: bool = False, draft: bool = False) -> str:
    """An answer's text; ``draft`` marks the quotes shown while the model writes (the answer
    itself comes below them)."""
    body = _CITE.sub(r'<span class="kb-cite">[\1]</span>', esc(text))
    cursor = '<span class="kb-wait"> ▍</span>' if writing else ""
    kind = "kb-draft" if draft else "kb-answer"
    return f'<div class="kb-text {kind}">{body}{cursor}</div>'


def waiting_html(message: str) -> str:
    return f'<div class="kb-wait">{esc(message)}</div>'


def passage_html(text: str, sentences: Sequence[tuple[int, int]] = ()) -> str:
    spans = [(s, e, "mark") for s, e in sentences]
    return f'<div class="kb-text kb-passage">{marked(text, spans)}</div>'


def whole_html(
    text: str, passage: tuple[int, int] | None, sentences: Sequence[tuple[int, int]] = ()
) -> str:
    """The whole page, the cited passage shaded, its supporting sentences (offsets in the
    passage) marked."""
    spans = []
    if passage:
        spans.append((passage[0], passage[1], 'span class="kb-cited"'))
        spans += [(passage[0] + s, passage[0] + e, "mark") for s, e in sentences]
    return f'<div class="kb-text kb-whole">{marked(text, spans)}</div>'


def where(hit: Hit) -> str:
    """Page, or email subject and sender: the part of the source a person would name."""
    parts = []
    if hit.kind in ("email", "attachment") and hit.subject:
        parts.append(f"“{hit.subject}”")
        if hit.sender:
            parts.append(f"from {hit.sender}")
    if hit.page is not None:
        parts.append(f"page {hit.page}")
    return " · ".join(parts)


def card_head_html(n: int, hit: Hit) -> str:
    meta = " · ".join(p for p in (hit.date[:10] if hit.date else "", where(hit)) if p)
    return (
        '<div class="kb-card-head">'
        f'<span class="kb-n">[{n}]</span>'
        f'<span class="kb-kind">{esc(KIND_LABEL.get(hit.kind, hit.kind))}</span>'
        f'<span class="kb-title">{esc(hit.title)}</span>'
        f'<span class="kb-meta">{esc(meta)}</span>'
        "</div>"
        f'<div class="kb-path">{esc(hit.source)}</div>'
    )
