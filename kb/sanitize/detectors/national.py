"""Government identifiers, each confirmed by its checksum or validity rules: US SSN, UK NINO,
Canadian SIN, Spanish DNI, Dutch BSN, French NIR, Italian codice fiscale.

Nine-digit numbers are ambiguous between countries, so SIN and BSN need their keyword nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.sanitize.findings import Finding, luhn_ok, window_before

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
    (frozenset({"ssn"}), find_us_ssn),
    (
        frozenset({"ssn", "ca_sin", "nl_bsn", "uk_nino", "es_dni", "fr_nir", "it_cf"}),
        find_national_ids,
    ),
)
