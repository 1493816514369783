"""Identifiers named by the words in front of them, whatever their checksum says.

"national insurance no. QQ 12 34 56 C" fails the NINO prefix rules (QQ is the issuing office's
example prefix) and "passport 533380006" has no checksum at all; people write example, mistyped
and foreign numbers after exactly such words. So a value shaped like an identifier that follows
its keyword within a few filler words ("no.", "number", "is", ":", "my") is masked in the
keyword's category.

Shape of a value: groups of letters and digits joined by single spaces, dashes, dots or
slashes; 6-34 characters in all, at least 4 of them digits and at least 40 % digits; a group of
letters alone must be short capitals ("QQ", "WEST"), so the value ends at the first word of
prose ("passport number 533380006 expires in May").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.sanitize.findings import Finding, ascii_lower

# category -> keywords; (?-i:...) marks acronyms that are words in lower case ("sin", "tin")
# fmt: off
KEYWORDS: dict[str, str] = {
    "uk_nino": r"national\s+insurance|(?-i:NINO|NI)\s*(?:no|number|#)|nino",
    "ssn": r"social\s+security|ssn|ss\s*#",
    "ca_sin": r"social\s+insurance|(?-i:SIN)",
    "nl_bsn": r"bsn|burgerservicenummer|sofi-?nummer",
    "es_dni": r"(?-i:DNI|NIE)",
    "fr_nir": r"(?-i:NIR)|s[ée]curit[ée]\s+sociale",
    "it_cf": r"codice\s+fiscale",
    "iban": r"iban",
    "passport": r"passport|reisepass|passeport|pasaporte",
    "driver_licence": r"driv(?:ing|er'?s?)\s+licen[cs]e|driver\s+licen[cs]e",
    "tax_id": r"tax\s+(?:id(?:entification)?|number|reference|code|file)|(?-i:TIN|UTR|EIN|ITIN)"
              r"|steuer-?(?:id|nummer)",
    "id_number": r"id(?:entity|entification)?\s+(?:number|no|card)|national\s+id|"
                 r"personal\s+(?:id|number)",
    "bank_account": r"(?:bank\s+)?account\s+(?:number|no|#)|acct\.?\s*(?:no|#|number)?|a/c|"
                    r"sort\s+code|routing\s+number",
}
# fmt: on
CATEGORIES = tuple(KEYWORDS)
_FILLERS = r"(?:no|nr|num|number|is|was|of|the|my|his|her|their|your|our|card)\b"
_FILLER = rf"(?:[\s:#=(.\-]|\b{_FILLERS})"
_GROUP = r"[A-Za-z0-9]+"
_VALUE = rf"(?!{_FILLERS})(?P<value>{_GROUP}(?:[ \-./]{_GROUP}){{0,11}})"
# one pass over the text for every category: the keyword that matched names its group
_RULE = re.compile(
    r"(?i)(?<![\w/])(?:"
    + "|".join(f"(?P<{category}>{words})" for category, words in KEYWORDS.items())
    + rf")(?![A-Za-z]){_FILLER}{{0,24}}{_VALUE}"
)
# Every keyword contains one of these (in ASCII lower case): text without any is skipped, which
# is most text, at the cost of one fast case-sensitive search.
_HINT = re.compile(
    r"insurance|security|ssn|ss\s*#|nino|ni\s*(?:no|number|#)|sin\b|bsn|sofi|dni|nie\b|nir\b|"
    r"s.curit|fiscale|burger|iban|pass|pasap|licen|tax|tin\b|utr\b|ein\b|itin|steuer|id\b|identi|"
    r"national|personal|account|acct|a/c|sort\s+code|routing"
)
_LEAD = 24  # how far a keyword may start before its hint ("driving licence": "licen" is 8 in)
_REACH = 120  # how far after the hint the value may end (fillers <= 24, value <= 34 + seps)
_WORDISH = re.compile(r"[A-Za-z]+")
_PIECE = re.compile(r"[A-Za-z0-9]+|[ \-./]")


def _identifier_end(value: str) -> int:
    """Length of the identifier-shaped start of ``value`` (0 if there is none)."""
    end = best = 0
    alnum = digits = 0
    for m in _PIECE.finditer(value):
        piece = m.group(0)
        if not piece[0].isalnum():
            continue
        if _WORDISH.fullmatch(piece) and not (piece.isupper() and len(piece) <= 4):
            break  # a word of prose ends the value
        alnum += len(piece)
        digits += sum(c.isdigit() for c in piece)
        end = m.end()
        if 6 <= alnum <= 34 and digits >= 4 and digits >= 0.4 * alnum:
            best = end
    return best


def find_keyed_ids(text: str) -> Iterator[Finding]:
    done = 0  # the full rule runs only near hints, and each stretch of text once
    for hint in _HINT.finditer(ascii_lower(text)):
        if hint.end() <= done:
            continue
        pos, end = max(done, hint.start() - _LEAD), min(len(text), hint.end() + _REACH)
        while (m := _RULE.search(text, pos, end)) is not None:
            start = m.start("value")
            length = _identifier_end(m.group("value"))
            if length:
                category = next(c for c in CATEGORIES if m.group(c) is not None)
                yield Finding(start, start + length, category)
            # the value group runs on over prose; the next keyword may be inside that run
            pos = start + max(length, 1)
        done = max(pos, hint.end())


DETECTORS = ((frozenset(CATEGORIES), find_keyed_ids),)
