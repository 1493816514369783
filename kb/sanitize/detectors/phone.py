"""Phone numbers: international, North American and trunk-prefixed national formats, extensions.

A run of digit groups is a phone number on its own when its shape says so ("+44 20 7946 0958",
"(415) 555-0100", "415.555.0100", "020 7946 0958", "0490 75 40 81"). Any other run of 7 to 15
digits is one only with phone context: a word such as "phone", "call", "fax", "mobile" shortly
before, or a label such as "office", "fax", "mobile" right after ("416 60 039 office"). Dates,
year ranges, decimals, ISBNs and amounts of money are never phone numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.sanitize.findings import Finding, window_before

_SEP = r"(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*|[ \t]?[-.\u2010-\u2013][ \t]?)"
_GROUP = r"(?:\(\d{1,5}\)|\d{1,15}+)"
# The first group: after "+", or not inside a word, "1,234,567" or "3.14". Lookbehinds follow the
# first character so the engine can skip to candidates quickly.
_FIRST = (
    r"(?:\+(?<![\w+]\+)[ \t]?" + _GROUP + r"|\((?<![\w+./$£€¥#-]\()\d{1,5}\)"
    r"|[0-9](?<![\w+./$£€¥#-][0-9])(?<![0-9],[0-9])[0-9]{0,14}+)"
)
_RUN_RE = re.compile(
    rf"{_FIRST}(?:(?:{_SEP}|(?<=\))[ \t]?){_GROUP})*+"
    r"(?:[ \t]?(?i:x|ext\.?|extension)[ \t]?\d{1,6})?(?![\w]|[.,]\d)"
)
_EXT_RE = re.compile(r"(?i)[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,6}$")
_PART_RE = re.compile(r"\((\d+)\)|(\d+)")

_CONTEXT_BEFORE = re.compile(
    r"(?i)(?:\b(?:phone|telephone|tel|ph|mobile|mob|cellphone|cell[ -]?(?:phone|number|no)|"
    r"handy|fax|call(?:ed|ing|s)?|ring|dial(?:led)?|text(?:ed)?\s+me|sms|whats\s?app|signal|"
    r"viber|voicemail|answer(?:ing|ed)?|messages?|contact(?:\s+(?:number|no|details))?|"
    r"reach(?:ed)?\s+(?:me|us|him|her|them)|hotline|helpline|landline)\b|"
    r"\b(?:cell|desk|office|home|work|direct|main)\s*:)"
)
_CONTEXT_AFTER = re.compile(
    r"(?i)^[\s\-–(),\\]{0,3}(?:office|fax|mobile|mob|cell|home|work|tel|phone|landline|direct)\b"
)
Group = tuple[int, int, str, bool]  # start, end, digits, written in parentheses
_EXIT_00 = {f"00{d}" for d in "123456789"}  # "0044 ...", not "00009650250"
_TAG_RE = re.compile(r"<[^<>]{0,200}>|&nbsp;")
_WORD_RE = re.compile(r"[^\W\d_]+")
_BLOCKERS_BEFORE = re.compile(r"(?i)(?:isbn(?:-1[03])?:?|[$£€¥]|\b(?:usd|eur|gbp|rs|chf))\s*$")


def _parts(text: str, m: re.Match[str]) -> tuple[list[Group], int]:
    raw = m.group(0)
    ext = _EXT_RE.search(raw)
    body = raw[: ext.start()] if ext else raw
    groups = [
        (
            m.start() + g.start(),
            m.start() + g.end(),
            g.group(1) or g.group(2),
            g.group(1) is not None,
        )
        for g in _PART_RE.finditer(body)
    ]
    return groups, (m.end() if ext else -1)


def _seps(text: str, groups: list[Group]) -> list[str]:
    return [text[groups[k][1] : groups[k + 1][0]].strip(" \t") for k in range(len(groups) - 1)]


def _total(groups: list[Group]) -> int:
    return sum(len(g[2]) for g in groups)


def _nanp_at(groups: list[Group], seps: list[str], i: int) -> int:
    """Groups i..i+2 shaped (415) 555-0100 / 415-555-0100 / 415.555.0100 -> end index, else 0."""
    if i + 3 > len(groups):
        return 0
    lens = [len(g[2]) for g in groups[i : i + 3]]
    if lens != [3, 3, 4] or groups[i + 1][3] or groups[i + 2][3]:
        return 0
    if groups[i][3] or seps[i] == seps[i + 1]:
        return i + 3
    return 0


def _trunk_at(groups: list[Group], seps: list[str], i: int) -> int:
    """A national number with trunk prefix 0 ("020 7946 0958", "(08) 8747 6301") -> end index."""
    first = groups[i][2]
    if not first.startswith("0") or first.startswith("00") or (len(first) < 2):
        return 0
    best, total = 0, 0
    for j in range(i, min(len(groups), i + 5)):
        if j > i and (groups[j][3] or len(groups[j][2]) < 2):
            break
        total += len(groups[j][2])
        if total > 11:
            break
        if total >= 10 and j > i:
            best = j + 1
    if best and "." in seps[i : best - 1] and best - i < 3:
        return 0
    return best


def _international(groups: list[Group]) -> int:
    """'+' or '00' first: end index of the longest prefix holding 8-15 digits (a '(0)' skipped)."""
    best, total = 0, 0
    for j, g in enumerate(groups):
        if not (j == 1 and g[3] and g[2] == "0"):
            total += len(g[2])
        if total > 15:
            break
        if total >= 8:
            best = j + 1
    return best


def _implausible(groups: list[Group], seps: list[str]) -> bool:
    """Shapes that are not phone numbers even next to the word "call": dates, years, decimals."""
    lens = [len(g[2]) for g in groups]
    if all(n == 1 for n in lens) or ("." in seps and (len(groups) < 3 or min(lens) < 2)):
        return True
    nums = [int(g[2]) for g in groups]
    if lens in ([4, 2, 2], [2, 2, 4], [1, 2, 4], [2, 1, 4], [1, 1, 4]):
        return True  # 2025-03-14, 14.03.2025
    return lens == [4, 4] and all(1000 <= n <= 2199 for n in nums)


def find_phones(text: str) -> Iterator[Finding]:
    for m in _RUN_RE.finditer(text):
        raw = m.group(0)
        if sum(c.isdigit() for c in raw) < 7 or _BLOCKERS_BEFORE.search(
            text[max(0, m.start() - 8) : m.start()]
        ):
            continue
        yield from _classify(text, m)


def _classify(text: str, m: re.Match[str]) -> Iterator[Finding]:
    groups, ext_end = _parts(text, m)
    seps = _seps(text, groups)
    starts_intl = m.group(0).startswith("+") or (
        groups[0][2][:3] in _EXIT_00 and _total(groups) >= 11 and "." not in seps
    )
    if starts_intl and (end := _international(groups)):
        yield _span(m.start(), groups, end, ext_end)
        return
    found, i = False, 0
    while i < len(groups):
        end = _nanp_at(groups, seps, i) or _trunk_at(groups, seps, i)
        if end:
            if i > 0 and groups[i - 1][2] in ("1", "001") and not groups[i - 1][3]:
                i -= 1  # the country code of "1-800-555-0100"
            yield _span(groups[i][0], groups, end, ext_end)
            found, i = True, end
        else:
            i += 1
    if found or _implausible(groups, seps):
        return
    before = _context_before(text, m.start())
    after = _CONTEXT_AFTER.search(text[m.end() : m.end() + 16])
    if before or after:
        yield from _with_context(m, groups, ext_end, from_start=bool(before))


def _context_before(text: str, start: int) -> bool:
    """A phone word shortly before, with at most three words between it and the number
    ("call me on", "messages to", "any message on my registered"); a label such as "Office:"
    must be followed by the number itself. Markup does not count."""
    window = _TAG_RE.sub(" ", window_before(text, start, 60))
    hits = list(_CONTEXT_BEFORE.finditer(window))
    if not hits:
        return False
    words = len(_WORD_RE.findall(window[hits[-1].end() :]))
    return words == 0 if hits[-1].group(0).endswith(":") else words <= 3


def _with_context(
    m: re.Match[str], groups: list[Group], ext_end: int, from_start: bool
) -> Iterator[Finding]:
    """The longest window of 7-15 digits touching the side the context is on."""
    n, total, best = len(groups), 0, -1
    order = range(n) if from_start else range(n - 1, -1, -1)
    for k in order:  # grow the window away from the context until it holds over 15 digits
        total += len(groups[k][2])
        if total > 15:
            break
        if total >= 7:
            best = k
    if best < 0:
        return
    i, j = (0, best + 1) if from_start else (best, n)
    yield _span(m.start() if i == 0 else groups[i][0], groups, j, ext_end)


def _span(start: int, groups: list[Group], end_index: int, ext_end: int) -> Finding:
    """From ``start`` to the end of group ``end_index - 1``, or of the extension after the last."""
    end = ext_end if end_index == len(groups) and ext_end > 0 else groups[end_index - 1][1]
    return Finding(start, end, "phone")


def phone_key(value: str) -> str:
    """E.164-ish digits so "+1 (415) 555-0100" and "415-555-0100" share a pseudonym."""
    value = re.sub(r"(?i)\s*(?:x|ext\.?|extension)\s*(\d+)$", r";\1", value.strip())
    main, _, ext = value.partition(";")
    main = re.sub(r"\(0\)", "", main) if main.lstrip().startswith("+") else main
    d = "".join(c for c in main if c.isdigit())
    if main.lstrip().startswith("+"):
        key = d
    elif d.startswith("00"):
        key = d[2:]
    elif d.startswith("011") and len(d) > 11:
        key = d[3:]
    elif len(d) == 10 and d[0] not in "01":
        key = "1" + d  # a North American number written without its country code
    elif len(d) == 11 and d[0] == "1":
        key = d
    else:
        key = d  # national form with trunk 0: the country is unknown, keep it as written
    return "+" + key + (";ext=" + ext if ext else "")


DETECTORS = ((frozenset({"phone"}), find_phones),)
