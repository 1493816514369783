"""Financial and government identifiers, each confirmed by its checksum or validity rules.

Numbers may be split into groups by spaces, dashes or the line breaks PDF extraction inserts.
A run of digit groups is searched for its longest valid window, so "Card 4539 1488 0343 6467
exp 12 25" still yields the card and leaves the expiry alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.sanitize.findings import DIGIT_SEP, Finding, luhn_ok, window_before

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


_SSN_RE = re.compile(
    r"([0-9](?<![\w-][0-9])[0-9]{2})(-|[ \t]|\r?\n)([0-9]{2})(-|[ \t]|\r?\n)([0-9]{4})(?![\w-])"
)
_NINE_RE = re.compile(
    r"([0-9](?<![\w.-][0-9])[0-9]{2})[ .-]?([0-9]{2,3})[ .-]?([0-9]{3,4})(?![\w-])"
)
_SSN_CONTEXT = re.compile(r"(?i)\b(?:ssn|social security|ss#|ss no)")
_SIN_CONTEXT = re.compile(r"(?i)\b(?:sin|social insurance|nas)\b")
_BSN_CONTEXT = re.compile(r"(?i)\b(?:bsn|burgerservicenummer|sofi-?nummer)\b")


def ssn_ok(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def find_us_ssn(text: str) -> Iterator[Finding]:
    for m in _SSN_RE.finditer(text):
        if not ssn_ok(m.group(1), m.group(3), m.group(5)):
            continue
        # split by a line break, "123\n45 6789" is as likely a table: then a keyword is needed
        if "\n" not in m.group(2) + m.group(4) or _SSN_CONTEXT.search(
            window_before(text, m.start(), 40)
        ):
            yield Finding(m.start(), m.end(), "ssn")


def _nine_digit_ids(text: str) -> Iterator[Finding]:
    """Unformatted SSNs, Canadian SINs and Dutch BSNs: too common a shape without a keyword."""
    for m in _NINE_RE.finditer(text):
        number = "".join(m.groups())
        if len(number) != 9:
            continue
        before = window_before(text, m.start(), 40)
        if _SSN_CONTEXT.search(before) and ssn_ok(number[:3], number[3:5], number[5:]):
            yield Finding(m.start(), m.end(), "ssn")
        elif _SIN_CONTEXT.search(before) and luhn_ok(number):
            yield Finding(m.start(), m.end(), "ca_sin")
        elif _BSN_CONTEXT.search(before) and bsn_ok(number):
            yield Finding(m.start(), m.end(), "nl_bsn")


def bsn_ok(number: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 == 0


_NINO_RE = re.compile(
    r"[A-CEGHJ-PR-TW-Z](?<![\w][A-Z])[A-CEGHJ-NPR-TW-Z](?<!BG|GB|KN|NK|NT|TN|ZZ)"
    r"([ \t]?)[0-9]{2}\1[0-9]{2}\1[0-9]{2}\1[A-D](?![\w])"
)
_NINO_CONTEXT = re.compile(r"(?i)\b(?:national insurance|nino|ni\s*(?:no|number|#))")
_DNI_RE = re.compile(
    r"(?:([0-9](?<![\w-][0-9])[0-9]{7})|([XYZ])(?<![\w-][XYZ])-?([0-9]{7}))-?([A-HJ-NP-TV-Z])"
    r"(?![\w-])"
)
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_NIR_RE = re.compile(
    r"([12])(?<![\w][12])[ ]?(\d{2})[ ]?(0[1-9]|1[0-2]|[2-9]\d)[ ]?(\d{2}|2[AB])[ ]?(\d{3})[ ]?"
    r"(\d{3})[ ]?(\d{2})(?![\w])"
)
_CF_RE = re.compile(
    r"[A-Z](?<![\w][A-Z])[A-Z]{5}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z](?![\w])"
)
# fmt: off
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
                    20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23), strict=True))
# fmt: on


def find_national_ids(text: str) -> Iterator[Finding]:
    for m in _NINO_RE.finditer(text):
        # "AB 12 34 56 C" as HMRC prints it; the compact form needs a keyword ("SR141716A")
        if m.group(1) or _NINO_CONTEXT.search(window_before(text, m.start(), 40)):
            yield Finding(m.start(), m.end(), "uk_nino")
    for m in _DNI_RE.finditer(text):
        number = m.group(1) or str("XYZ".index(m.group(2))) + m.group(3)
        if _DNI_LETTERS[int(number) % 23] == m.group(4):
            yield Finding(m.start(), m.end(), "es_dni")
    for m in _NIR_RE.finditer(text):
        dept = m.group(4)
        body = "".join(m.groups()[:6])
        value = int(body.replace("2A", "19").replace("2B", "18"))
        value -= {"2A": 1000000, "2B": 2000000}.get(dept, 0)
        if 97 - value % 97 == int(m.group(7)):
            yield Finding(m.start(), m.end(), "fr_nir")
    for m in _CF_RE.finditer(text):
        cf = m.group(0)
        total = sum(
            _CF_ODD[c] if i % 2 == 0 else int(c, 36) - (10 if c.isalpha() else 0)
            for i, c in enumerate(cf[:15])
        )
        if chr(65 + total % 26) == cf[15]:
            yield Finding(m.start(), m.end(), "it_cf")
    yield from _nine_digit_ids(text)


DETECTORS = (
    (frozenset({"card"}), find_cards),
    (frozenset({"iban"}), find_ibans),
    (frozenset({"ssn"}), find_us_ssn),
    (
        frozenset({"ssn", "ca_sin", "nl_bsn", "uk_nino", "es_dni", "fr_nir", "it_cf"}),
        find_national_ids,
    ),
)
