"""Keep only what the sender wrote: strip quoted replies, reply headers and the signature.

Replies carry the whole thread along; indexing it again in every message would make one old
sentence match a dozen mails. ``strip_quoted`` removes, in this order:

- the signature: a line exactly ``"-- "`` and everything after it;
- everything from the first reply header on: ``-----Original Message-----`` (and its German and
  French forms), an Outlook ``From: / Sent: / To:`` block, or an attribution such as
  ``On <date>, <name> wrote:`` (also wrapped over up to three lines, and ``Am … schrieb``,
  ``Le … a écrit``, ``El … escribió`` and friends);
- every remaining line that starts with ``>`` and the "… wrote:" line right above such a block.

When nothing would be left (a bare forward, a message that is only a quote) the text is kept
minus its signature: a message's only text is worth more than a clean index.
"""

from __future__ import annotations

import re

_SIGNATURE = "-- "

# "-----Original Message-----", "----- Original Message -----", and localized forms.
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine"
    r"|mensaje original|messaggio originale|oorspronkelijk bericht)\s*-{2,}\s*$",
    re.IGNORECASE,
)

# An attribution line, possibly wrapped: "On Tue, 3 May 2011 at 10:02, Ann <a@b.c> wrote:".
# Greedy ".*" + a colon-free tail keeps backtracking linear on long lines.
_ATTRIBUTION = re.compile(
    r"^\s*(on|am|le|el|il|op|em|den|dnia|w dniu)\s.*"
    r"(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał)"
    r"[^:]{0,150}:\s*$",
    re.IGNORECASE,
)
_MAX_ATTRIBUTION = 500  # characters; longer "lines" are prose, not a client's attribution

# A line that ends an attribution without the leading "On …": "Ann Smith <ann@x.org> wrote:".
_WROTE = re.compile(
    r"(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$",
    re.IGNORECASE,
)

# Outlook's reply header: From: / Sent: / To: / Subject: lines (and German / French forms).
_HDR_FROM = re.compile(r"^\s*\**(from|von|de)\s?:\**\s", re.IGNORECASE)
_HDR_SENT = re.compile(r"^\s*\**(sent|date|gesendet|datum|envoyé|date)\s?:\**\s", re.IGNORECASE)
_HDR_TO = re.compile(r"^\s*\**(to|an|à|subject|betreff|objet|cc)\s?:\**\s", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{10,}\s*$")


def _cut_signature(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if line == _SIGNATURE:
            return lines[:i]
    return lines


def _is_outlook_header(lines: list[str], i: int) -> bool:
    """A From: line followed within four lines by a Sent:/Date: line and a To:/Subject: line."""
    if not _HDR_FROM.match(lines[i]):
        return False
    window = lines[i + 1 : i + 5]
    return any(_HDR_SENT.match(w) for w in window) and any(_HDR_TO.match(w) for w in window)


def _attribution_span(lines: list[str], i: int) -> int:
    """Lines taken by an "On … wrote:" attribution starting at ``i`` (wrapped over up to 3)."""
    for span in (1, 2, 3):
        chunk = " ".join(s.strip() for s in lines[i : i + span])
        if len(chunk) > _MAX_ATTRIBUTION:
            break
        if chunk.endswith(":") and _ATTRIBUTION.match(chunk):  # cheap test first
            return span
        if i + span >= len(lines) or not lines[i + span].strip():
            break
    if lines[i].rstrip().endswith(":") and _WROTE.search(lines[i]) and _quoted_next(lines, i + 1):
        return 1
    return 0


def _quoted_next(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line from ``i`` on starts with ">"."""
    rest = [s for s in lines[i : i + 4] if s.strip()]
    return bool(rest) and rest[0].lstrip().startswith(">")


def _reply_start(lines: list[str]) -> int | None:
    """Index of the first line of the earliest header of an unprefixed quote, or None.

    An attribution followed by ">" lines is left to ``_drop_quote_blocks``: in a bottom-posted
    or interleaved reply the new text comes after it.
    """
    for i, line in enumerate(lines):
        span = _attribution_span(lines, i)
        if (
            (span and not _quoted_next(lines, i + span))
            or _ORIGINAL.match(line)
            or (_is_outlook_header(lines, i))
        ):
            # a "______" rule right above an Outlook header belongs to it
            if i > 0 and _RULE.match(lines[i - 1]):
                return i - 1
            return i
    return None


def _drop_quote_blocks(lines: list[str]) -> list[str]:
    """Remove ">" lines and the attribution that introduces each block of them."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        span = _attribution_span(lines, i)
        if span and _quoted_next(lines, i + span):
            i += span
            continue
        if not lines[i].lstrip().startswith(">"):
            out.append(lines[i])
        i += 1
    return out


def tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, no blank lines at either end.

    Control characters (NUL and friends from binary junk) go too: they break storage and search.
    """
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    lines = [line.rstrip() for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def strip_quoted(text: str) -> str:
    """The new content of a plain-text reply (see the module docstring)."""
    lines = _cut_signature(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    kept = lines
    start = _reply_start(kept)
    if start is not None:
        kept = kept[:start]
    kept = _drop_quote_blocks(kept)
    new = tidy("\n".join(kept))
    if new.strip():
        return new
    return tidy("\n".join(lines))
