"""Card and bank account numbers, each confirmed by its checksum (Luhn, mod-97 IBAN).

Numbers may be split into groups by spaces, dashes or the line breaks PDF extraction inserts.
A run of digit groups is searched for its longest valid window, so "Card 4539 1488 0343 6467
exp 12 25" still yields the card and leaves the expiry alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.sanitize.findings import DIGIT_SEP, Finding, luhn_ok

# Lookbehinds come after the first character throughout: the engine can then skip ahead to
# candidate characters instead of testing the assertion at every position (3-4x faster).
_RUN_RE = re.compile(
    rf"[0-9](?<![\w.,/+$£€¥#-][0-9])[0-9]*(?:{DIGIT_SEP}[0-9]+)*+(?![\w]|[.,][0-9])"
)
_GROUP_RE = re.compile(r"\d+")

# (first digits low, high, lengths) for payment networks; Luhn alone passes 1 number in 10.
_IIN: tuple[tuple[int, int, frozenset[int]], ...] = tuple(
    (lo, hi, frozenset(lengths))
    for lo, hi, lengths in (
        (4, 4, (13, 16, 19)),  # Visa
        (51, 55, (16,)),
        (2221, 2720, (16,)),  # Mastercard
        (34, 34, (15,)),
        (37, 37, (15,)),  # Amex
        (6011, 6011, range(16, 20)),
        (644, 649, range(16, 20)),
        (65, 65, range(16, 20)),
        (62, 62, range(16, 20)),  # UnionPay
        (300, 305, range(14, 20)),
        (36, 36, range(14, 20)),
        (38, 39, range(14, 20)),  # Diners
        (35, 35, range(16, 20)),
        (1800, 1800, (15,)),
        (2131, 2131, (15,)),  # JCB
        (50, 50, range(12, 20)),
        (56, 69, range(12, 20)),  # Maestro
        (2200, 2204, range(16, 20)),  # Mir
        (60, 60, (16,)),
        (81, 82, (16,)),
        (508, 508, (16,)),  # RuPay
    )
)


def card_ok(number: str) -> bool:
    n = len(number)
    if not 12 <= n <= 19 or not luhn_ok(number):
        return False
    for lo, hi, lengths in _IIN:
        width = len(str(lo))
        if lo <= int(number[:width]) <= hi and n in lengths:
            return True
    return False


def _windows(text: str, run: re.Match[str]) -> list[tuple[int, int, str]]:
    return [
        (run.start() + g.start(), run.start() + g.end(), g.group(0))
        for g in _GROUP_RE.finditer(run.group(0))
    ]


def _card_shaped(text: str, window: list[tuple[int, int, str]]) -> bool:
    """One block, blocks of four ("4539 1488 0343 6467"), Amex/Diners 4-6-5 / 4-6-4, or a
    block broken by a line break. Not "321654-963852-654987", a table of reference numbers."""
    sizes = [len(g[2]) for g in window]
    if len(sizes) == 1 or sizes in ([4, 6, 5], [4, 6, 4]):
        return True
    if all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4:
        return True
    return len(sizes) == 2 and "\n" in text[window[0][1] : window[1][0]]


def find_cards(text: str) -> Iterator[Finding]:
    for run in _RUN_RE.finditer(text):
        if run.end() - run.start() < 12:
            continue
        groups = _windows(text, run)
        i = 0
        while i < len(groups):
            ends, total = [], 0  # windows starting at i holding 12-19 digits
            for j in range(i, min(len(groups), i + 6)):
                total += len(groups[j][2])
                if total > 19:
                    break
                if total >= 12:
                    ends.append(j + 1)
            for j in reversed(ends):  # longest window first
                window = groups[i:j]
                if _card_shaped(text, window) and card_ok("".join(g[2] for g in window)):
                    yield Finding(window[0][0], window[-1][1], "card")
                    i = j - 1
                    break
            i += 1


# fmt: off
IBAN_LENGTHS = {c[:2]: int(c[2:]) for c in (
    "AD24", "AE23", "AL28", "AT20", "AZ28", "BA20", "BE16", "BG22", "BH22", "BI27", "BR29", "BY28",
    "CH21", "CR22", "CY28", "CZ24", "DE22", "DJ27", "DK18", "DO28", "EE20", "EG29", "ES24", "FI18",
    "FK18", "FO18", "FR27", "GB22", "GE22", "GI23", "GL18", "GR27", "GT28", "HR21", "HU28", "IE22",
    "IL23", "IQ23", "IS26", "IT27", "JO30", "KW30", "KZ20", "LB28", "LC32", "LI21", "LT20", "LU20",
    "LV21", "LY25", "MC27", "MD24", "ME22", "MK19", "MN20", "MR27", "MT31", "MU30", "NI28", "NL18",
    "NO15", "OM23", "PK24", "PL28", "PS29", "PT25", "QA29", "RO24", "RS22", "RU33", "SA24", "SC31",
    "SD18", "SE24", "SI19", "SK24", "SM27", "SO23", "ST25", "SV28", "TL23", "TN24", "TR26", "UA29",
    "VA22", "VG24", "XK20", "YE30"
)}
# fmt: on
_IBAN_START_RE = re.compile(r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z][0-9]{2}")


def iban_ok(iban: str) -> bool:
    iban = iban.upper()
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def find_ibans(text: str) -> Iterator[Finding]:
    for m in _IBAN_START_RE.finditer(text):
        length = IBAN_LENGTHS.get(m.group(0)[:2].upper())
        if length is None:
            continue
        # walk forward collecting alphanumerics; single spaces or a line break may separate groups
        chars: list[str] = []
        i, n = m.start(), len(text)
        while i < n and len(chars) < length:
            c = text[i]
            if c.isascii() and c.isalnum():
                chars.append(c)
                i += 1
            elif c in " \t\r\n" and chars and i + 1 < n:
                j = i + 1
                while j < n and text[j] in " \t\r\n" and j - i < 4:
                    j += 1
                if text[i:j].count("\n") > 1:
                    break
                i = j
            else:
                break
        glued = i < n and text[i].isascii() and text[i].isalnum()
        if len(chars) == length and not glued and iban_ok("".join(chars)):
            yield Finding(m.start(), i, "iban")


DETECTORS = ((frozenset({"card"}), find_cards), (frozenset({"iban"}), find_ibans))
