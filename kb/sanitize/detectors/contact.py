"""E-mail addresses and IP addresses (phone numbers live in phone.py).

IPv4 decision: four dotted octets 0-255 without leading zeros, not glued to more digits or dots,
and not written like a version or clause number: skipped when every octet is a single digit
("1.2.3.4", section 4.2.1.3) or when "version", "v", "release", "section", "clause", "§", ... comes
right before it. Public resolver addresses such as 8.8.8.8 are therefore kept; they identify no one.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from kb.sanitize.findings import Finding

_EMAIL_RE = re.compile(
    r"(?<![\w.%+'-])[\w][\w.%+'-]{0,63}@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4_RE = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\w]|\.\d)")
_IPV4_GATE = re.compile(r"[0-9]\.[0-9]{1,3}\.[0-9]")
_VERSION_BEFORE = re.compile(
    r"(?i)(?:\bv|\bver|version|release|build|section|sect|clause|§|art|article|chapter|para|"
    r"paragraph|rule|step|item|table|fig|figure|appendix|schedule|no|nr|tlsv|sslv|\bpython|\bEC|"
    r"\bnode|\bjava)\.?\s*$"
)
_IPV6_GATE = re.compile(r"[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]")
# candidates: runs of hex digits, colons and dots; ipaddress decides
_IPV6_RE = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{2,44}(?:%\w+)?(?![\w:])")


def find_emails(text: str) -> Iterator[Finding]:
    if "@" not in text:
        return
    for m in _EMAIL_RE.finditer(text):
        yield Finding(m.start(), m.end(), "email")


def find_ips(text: str) -> Iterator[Finding]:
    for m in _IPV4_RE.finditer(text) if _IPV4_GATE.search(text) else ():
        octets = m.group(0).split(".")
        if all(len(o) == 1 for o in octets):
            continue
        if _VERSION_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        if _clause_number(text, m, octets):
            continue
        yield Finding(m.start(), m.end(), "ip")
    if "::" in text or _IPV6_GATE.search(text):
        for m in _IPV6_RE.finditer(text):
            candidate = m.group(0).rstrip(".")
            if candidate.count(":") >= 2 and _ipv6_ok(candidate):
                yield Finding(m.start(), m.start() + len(candidate), "ip")


def _clause_number(text: str, m: re.Match[str], octets: list[str]) -> bool:
    """ "11.1.1.1. Following..." at the start of a line: a four-level clause number."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].strip() or any(int(o) > 30 for o in octets):
        return False
    after = text[m.end() : m.end() + 2]
    return after[:1] in (".", ")", "\t") or (after[:1] in (" ", "\xa0") and after[1:].isupper())


def _ipv6_ok(candidate: str) -> bool:
    try:
        ipaddress.IPv6Address(candidate.split("%")[0])
    except ValueError:
        return False
    groups = [g for g in re.split(r"[:.]", candidate) if g]
    hexdigits = sum(len(g) for g in groups)
    return len(groups) >= 2 and hexdigits >= 5 and candidate not in ("::1",)


def ip_key(value: str) -> str:
    """The canonical form, so "2001:DB8::1" and "2001:0db8:0:0:0:0:0:1" share a pseudonym."""
    try:
        return ipaddress.ip_address(value.split("%")[0]).compressed
    except ValueError:
        return value.lower()


DETECTORS = ((frozenset({"email"}), find_emails), (frozenset({"ip"}), find_ips))
