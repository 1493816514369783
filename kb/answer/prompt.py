"""Prompt building: pure functions from a question and ranked passages to chat messages.

The system message never changes, so llama.cpp re-uses its KV cache for it on every question.
The sources follow in the user message, most relevant first, numbered ``[1]``, ``[2]``, ... and
labelled with title, date, page or email subject so the model (and the reader) can tell them
apart. The whole prompt is kept within a token budget counted with the model's own tokenizer:
reading the prompt is the slow part on a laptop CPU (tens to ~100 tokens per second).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kb.records import Hit

# Measured on small models (bench/answer_quality.py): the answer sentence first and the source
# number after it, facts copied as written, and one exact phrase for "the sources do not say".
SYSTEM = (
    "You answer a question about the user's own notes, contracts and emails, using only the "
    "numbered sources. Write one short sentence that gives the answer, then the number of the "
    "source it comes from in square brackets, like this: The notice period is two months [1]. "
    "Copy numbers, amounts, dates and names exactly as the source writes them. If no source "
    "states the answer, write only: NOT FOUND"
)
TEMPLATE_OVERHEAD = 32  # chat-template tokens around the messages: ~10 (ChatML) to ~25 (Llama 3)
MIN_OVERLAP = 20  # characters: shorter shared edges are coincidence, not a chunk overlap

CountTokens = Callable[[str], int]
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=\S)")


@dataclass(frozen=True)
class Prompt:
    messages: list[dict[str, str]]
    sources: dict[int, Hit]  # number shown in the prompt -> the passage exactly as shown
    tokens: int


def label(hit: Hit) -> str:
    """A one-line description of where a passage comes from."""
    date = f", {hit.date[:10]}" if hit.date else ""
    if hit.kind == "email":
        sender = f" from {hit.sender}" if hit.sender else ""
        return f'Email "{hit.subject or hit.title}"{sender}{date}'
    if hit.kind == "attachment":
        parent = f' (attached to email "{hit.subject}")' if hit.subject else ""
        page = f", page {hit.page}" if hit.page is not None else ""
        return f'Attachment "{hit.title}"{parent}{page}{date}'
    if hit.kind == "pdf":
        page = f", page {hit.page}" if hit.page is not None else ""
        return f'PDF "{hit.title}"{page}{date}'
    return f'Note "{hit.title}"{date}'


def _block(n: int, hit: Hit) -> str:
    return f"[{n}] {label(hit)}\n{hit.text.strip()}"


def _user(question: str, blocks: Sequence[str]) -> str:
    sources = "\n\n".join(blocks) if blocks else "(none)"
    return (
        f"Sources:\n\n{sources}\n\nQuestion: {question.strip()}\n"
        "Answer in one sentence that ends with its source number, or write NOT FOUND."
    )


def _joined(a: str, b: str) -> str | None:
    """``a`` and ``b`` as one text when one contains the other or b's start overlaps a's end."""
    if b in a:
        return a
    if a in b:
        return b
    head = b[:MIN_OVERLAP]
    pos = a.find(head, max(0, len(a) - len(b)))
    while pos != -1:
        if b.startswith(a[pos:]):
            return a[:pos] + b
        pos = a.find(head, pos + 1)
    return None


def merge_overlapping(hits: Sequence[Hit]) -> list[Hit]:
    """Passages of the same document and page whose texts overlap become one, at the best rank."""
    merged: list[Hit] = []
    for hit in hits:
        merged.append(hit)
        changed = True
        while changed:  # a merge can make two earlier groups overlap in turn
            changed = False
            for i, a in enumerate(merged):
                for j in range(i + 1, len(merged)):
                    b = merged[j]
                    if (a.source, a.page, a.subject) != (b.source, b.page, b.subject):
                        continue
                    text = _joined(a.text, b.text) or _joined(b.text, a.text)
                    if text is not None:
                        merged[i] = replace(a, text=text, score=max(a.score, b.score))
                        del merged[j]
                        changed = True
                        break
                if changed:
                    break
    return merged


def truncate(text: str, fits: Callable[[str], bool]) -> str | None:
    """The longest run of whole leading sentences of ``text`` that fits, or None."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    best = None
    lo, hi = 0, len(ends) - 1
    while lo <= hi:  # binary search: fits() is monotone in the number of sentences
        mid = (lo + hi) // 2
        candidate = text[: ends[mid]].rstrip()
        if fits(candidate):
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best


def _cut_words(text: str, fits: Callable[[str], bool]) -> str | None:
    """Fallback when not even one sentence fits: the longest word prefix, marked as cut."""
    words = text.split()
    lo, hi, best = 1, len(words), None
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = " ".join(words[:mid]) + " …"
        if fits(candidate):
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best


def build_prompt(
    question: str, hits: Sequence[Hit], count_tokens: CountTokens, budget: int = 1200
) -> Prompt:
    """Messages for ``question`` with as many of ``hits`` (best first) as ``budget`` allows.

    Lower-ranked sources are dropped first; the last source that only partly fits is cut at a
    sentence boundary (at a word boundary if it is the only source and one sentence is too long).
    """
    fixed = count_tokens(SYSTEM) + count_tokens(_user(question, [])) + TEMPLATE_OVERHEAD
    remaining = budget - fixed
    kept: list[Hit] = []
    for hit in merge_overlapping(hits):
        n = len(kept) + 1
        cost = count_tokens(_block(n, hit)) + 1  # +1: the blank line between sources

        def fits(text: str, n: int = n, hit: Hit = hit, left: int = remaining) -> bool:
            return count_tokens(_block(n, replace(hit, text=text))) + 1 <= left

        if cost <= remaining:
            kept.append(hit)
            remaining -= cost
            continue
        text = truncate(hit.text, fits) or (None if kept else _cut_words(hit.text, fits))
        if text:
            kept.append(replace(hit, text=text))
        break
    blocks = [_block(n, h) for n, h in enumerate(kept, start=1)]
    user = _user(question, blocks)
    tokens = count_tokens(SYSTEM) + count_tokens(user) + TEMPLATE_OVERHEAD
    while tokens > budget and len(kept) > 1:  # token counts of parts need not add up exactly
        kept.pop()
        user = _user(question, blocks[: len(kept)])
        tokens = count_tokens(SYSTEM) + count_tokens(user) + TEMPLATE_OVERHEAD
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
    return Prompt(messages, dict(enumerate(kept, start=1)), tokens)
