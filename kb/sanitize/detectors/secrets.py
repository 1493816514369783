"""Secrets with a recognisable shape: private keys, provider tokens, JWTs, auth headers, URL creds.

Provider tokens are matched only inside long runs of token characters (>= 16), which prose rarely
contains, so the big table of patterns costs almost nothing on ordinary text.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Iterator

from kb.sanitize.detectors.provider_formats import TOKEN_RULES
from kb.sanitize.findings import Finding, ascii_lower, is_documentation_placeholder

# One shared guard first: inside a word every branch would fail anyway, so fail once.
_TOKEN_RE = re.compile(
    "(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(TOKEN_RULES)) + ")"
)
_TOKEN_CAT = {f"g{i}": cat for i, (cat, _) in enumerate(TOKEN_RULES)}
# Long runs of token characters: the only places a provider token can be.
_RUN_RE = re.compile(r"[\w\-.+/=:|$!~%](?<![\w\-.+/=:|$!~%]{2})[\w\-.+/=:|$!~%]{15,}")
_TOKENISH = re.compile(r"[0-9A-Z_]")  # a token mixes in digits, capitals or "_"; prose does not

_PEM_BEGIN_RE = re.compile(r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_PEM_END_RE = re.compile(r"-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_PEM_MAX = 65536  # a key block is a few KB; logs and source code may wrap every line
_B64_LINE_RE = re.compile(r"[A-Za-z0-9+/=]{16,}")
# Base64 DER private keys without PEM armour (PKCS#1 RSA, PKCS#8, SEC1 EC).
_DER_RE = re.compile(
    r"M(?<![A-Za-z0-9+/]M)(?:II[A-Za-z0-9+/]{3}IBA[AD]|HcCAQEE|IGHAgEA)"
    r"[A-Za-z0-9+/]++(?:={0,2}(?:\s*\n\s*[A-Za-z0-9+/]{16,}+)*)={0,2}"
)
_B64_RUN_RE = re.compile(r"[A-Za-z0-9+/](?<![A-Za-z0-9+/_-]{2})[A-Za-z0-9+/]{39,}={0,2}")
_JIRA_PAT = re.compile(rb"\d{12}:")
# A secret that pairs with a recognisable id: (id pattern, secret pattern, category).
_PAIRS = tuple(
    (re.compile(context), re.compile(secret), category)
    for context, secret, category in (
        (
            r"(?i)aws|amazon|secret.?access|AKIA|ASIA",
            r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])",
            "aws_key",
        ),
        (r"LTAI[A-Za-z0-9]{12,20}", r"(?<![A-Za-z0-9])[A-Za-z0-9]{30}(?![A-Za-z0-9])", "api_token"),
        (
            r"\.apps\.googleusercontent\.com",
            r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{24}(?![A-Za-z0-9_-])",
            "google_key",
        ),
    )
)
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_AUTH_RE = re.compile(
    r"(?i)\b(?:authorization|proxy-authorization)[\"']?\s*[:=]\s*[\"']?"
    r"(?:bearer|basic|token|digest|negotiate|ntlm)\s+([A-Za-z0-9._~+/=-]{8,})"
    r"|(?-i:\bBearer)\s+([A-Za-z0-9._~+/-]{16,}=*)"
    r"|(?i:--oauth2-bearer)\s+[\"']?([A-Za-z0-9._~+/-]{8,}=*)"
)
# scheme://user:pass@host  ->  mask "user:pass", keep scheme and host.
_URL_CRED_RE = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://([^\s/?#@:\"'<>]+:[^\s/?#\"'<>]+)@")
# curl -u user:pass / --user user:pass
_CLI_USER_RE = re.compile(r"(?:\s-u|--user)[ =][\"']?([^\s:\"'$]+:[^\s\"'$]{3,})")


def find_tokens(text: str) -> Iterator[Finding]:
    if "\x1b" in text:  # terminal colours glued to a token; blanking keeps offsets
        text = _ANSI_RE.sub(lambda m: " " * len(m.group(0)), text)
    for run in _RUN_RE.finditer(text):
        if not _TOKENISH.search(run.group(0), 1):
            continue
        base = run.start()
        for m in _TOKEN_RE.finditer(run.group(0)):
            if not is_documentation_placeholder(m.group(0)):
                yield Finding(base + m.start(), base + m.end(), _TOKEN_CAT[m.lastgroup or ""])


def find_private_keys(text: str) -> Iterator[Finding]:
    """BEGIN..END of a PEM/PGP private key, whatever wraps the lines (quotes, log prefixes)."""
    for m in _DER_RE.finditer(text):
        yield Finding(m.start(), m.end(), "private_key")
    if "-----BEGIN" not in text:
        return
    ends = [e.end() for e in _PEM_END_RE.finditer(text)]
    pos = 0
    while begin := _PEM_BEGIN_RE.search(text, pos):
        i = bisect.bisect_left(ends, begin.end())
        if i < len(ends) and ends[i] - begin.end() <= _PEM_MAX:
            stop = ends[i]
        else:
            stop = _truncated_key_end(text, begin.end())
        yield Finding(begin.start(), stop, "private_key")
        pos = stop


def _truncated_key_end(text: str, pos: int) -> int:
    """No END line: take the following lines while they carry base64 (or PEM headers)."""
    stop, limit = pos, min(len(text), pos + _PEM_MAX)
    while stop < limit:
        eol = text.find("\n", stop, limit)
        eol = limit if eol < 0 else eol
        head = text[stop : min(eol, stop + 200)]  # key lines are short; do not scan a huge line
        if not (
            _B64_LINE_RE.search(head) or ":" in head[:30] and "-" in head[:12] or not head.strip()
        ):
            break
        stop = eol + 1
    return min(stop, len(text))


def find_encoded_secrets(text: str) -> Iterator[Finding]:
    """Long base64 that decodes to a private key (PEM or JWK) or to an Atlassian token."""
    for m in _B64_RUN_RE.finditer(text):
        decoded = _b64(m.group(0))
        if b"PRIVATE KEY-----" in decoded or (b'"kty"' in decoded and b'"d"' in decoded):
            yield Finding(m.start(), m.end(), "private_key")
            continue
        pos = m.start()
        for part in m.group(0).split("/"):
            if len(part) == 44 and _JIRA_PAT.match(_b64(part)):
                yield Finding(pos, pos + 44, "api_token")
            pos += len(part) + 1


def _b64(blob: str) -> bytes:
    blob = blob.rstrip("=")
    blob = blob[: len(blob) // 4 * 4 + (len(blob) % 4 > 1) * 4]
    try:
        return base64.b64decode(blob + "=" * (-len(blob) % 4))
    except (binascii.Error, ValueError):
        return b""


def find_paired_secrets(text: str) -> Iterator[Finding]:
    """Secret keys with no format of their own, found within 200 characters after their id
    (AWS secret access key, Alibaba AccessKey secret, Google OAuth client secret)."""
    for context, secret, category in _PAIRS:
        if not context.search(text):
            continue
        for m in secret.finditer(text):
            value = m.group(0)
            if not (
                any(c.isdigit() for c in value)
                and any(c.isupper() for c in value)
                and any(c.islower() for c in value)
            ):
                continue
            if is_documentation_placeholder(value):
                continue
            if context.search(text, max(0, m.start() - 200), m.start()):
                yield Finding(m.start(), m.end(), category)


def find_auth_and_url_credentials(text: str) -> Iterator[Finding]:
    low = ascii_lower(text)
    if "authoriz" in low or "bearer" in low:
        for m in _AUTH_RE.finditer(text):
            group = next(i for i in (1, 2, 3) if m.group(i))
            yield Finding(m.start(group), m.end(group), "bearer")
    if "://" in text:
        for m in _URL_CRED_RE.finditer(text):
            yield Finding(m.start(1), m.end(1), "url_credentials")
    for m in _CLI_USER_RE.finditer(text) if "-u" in text else ():
        yield Finding(m.start(1), m.end(1), "url_credentials")


# fmt: off
SECRET_FORMAT_CATEGORIES = (
    "private_key", "aws_key", "github_token", "gitlab_token", "slack_token", "stripe_key",
    "google_key", "openai_key", "twilio_key", "sendgrid_key", "npm_token", "pypi_token",
    "api_token", "jwt", "bearer", "url_credentials",
)
# fmt: on

DETECTORS = (
    (
        frozenset(SECRET_FORMAT_CATEGORIES) - {"bearer", "url_credentials", "private_key"},
        find_tokens,
    ),
    (frozenset({"private_key"}), find_private_keys),
    (frozenset({"private_key", "api_token"}), find_encoded_secrets),
    (frozenset({"aws_key", "api_token", "google_key"}), find_paired_secrets),
    (frozenset({"bearer", "url_credentials"}), find_auth_and_url_credentials),
)
