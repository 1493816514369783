"""The sanitization pass: no secret or personal identifier reaches the store or the model.

    text -> detectors -> findings -> overlaps resolved -> placeholders -> (repeat until stable)

Secrets and financial/government identifiers become typed masks (``[REDACTED:card]``); e-mail
addresses, phone numbers, IP addresses and the user's own terms become keyed pseudonyms
(``[EMAIL_3f9a0c]``) so a question that mentions the same value still finds the passage.
Detectors live in ``kb.sanitize.detectors``; keys, terms and placeholders in ``pseudonym``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kb.errors import ConfigError
from kb.records import Document
from kb.sanitize.detectors import DETECTORS, SECRET_FORMAT_CATEGORIES
from kb.sanitize.findings import PLACEHOLDER_RE, Finding, ascii_lower
from kb.sanitize.pseudonym import PSEUDONYM_PREFIX, load_or_create_key, mask, pseudonym, read_terms

# Every category, in priority order: when two findings overlap, the earlier category wins.
# fmt: off
CATEGORIES: tuple[str, ...] = (
    *SECRET_FORMAT_CATEGORIES,
    "password", "secret",
    "card", "iban", "ssn", "uk_nino", "ca_sin", "es_dni", "nl_bsn", "fr_nir", "it_cf",
    "passport", "driver_licence", "tax_id", "id_number", "bank_account",
    "email", "ip", "phone", "term",
)
# fmt: on
_PRIORITY = {c: i for i, c in enumerate(CATEGORIES)}


class Sanitizer:
    """Replaces secrets and identifiers in text and Documents. Pure: no I/O after construction."""

    def __init__(
        self, key: bytes, *, keep: frozenset[str] = frozenset(), terms: Sequence[str] = ()
    ):
        unknown = sorted(set(keep) - set(CATEGORIES))
        if unknown:
            raise ConfigError(
                f"KB_SANITIZE_KEEP names unknown categories: {', '.join(unknown)}. "
                f"Known categories: {', '.join(CATEGORIES)}."
            )
        self._key = key
        self._keep = frozenset(keep)
        self._detectors = tuple(d for cats, d in DETECTORS if cats - self._keep)
        self._terms_re = _terms_regex(terms) if "term" not in self._keep else None

    @classmethod
    def for_home(cls, home: Path, *, keep: frozenset[str] = frozenset()) -> Sanitizer:
        """Loads (or creates once, 0600) home/secret.key and reads home/sanitize_terms.txt."""
        return cls(load_or_create_key(home), keep=keep, terms=read_terms(home))

    def scan(self, s: str) -> list[Finding]:
        """Non-overlapping findings in ``s``, in text order (one pass, no replacement)."""
        protected = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(s)]
        found = [f for detect in self._detectors for f in detect(s)]
        ascii_lower.cache_clear()  # the cache holds raw text: drop it as soon as we are done
        if self._terms_re is not None:
            found += [Finding(m.start(), m.end(), "term") for m in self._terms_re.finditer(s)]
        found = [f for f in found if f.end > f.start and f.category not in self._keep]
        return _resolve(found, protected)

    def text(self, s: str) -> tuple[str, Counter[str]]:
        """Sanitized text and counts per category. Idempotent: text(text(s)[0])[0] == text(s)[0]."""
        counts: Counter[str] = Counter()
        # A replacement can bring a keyword next to a value, or free a number's edge: in
        # "+00000000+00000000" the second "+" follows a digit and starts no phone number until the
        # first is a placeholder. So passes repeat until nothing is found; placeholders are never
        # found again, so each pass replaces text no earlier one did and there are at most len(s).
        for _ in range(len(s) + 1):
            findings = self.scan(s)
            if not findings:
                break
            s = self._replace(s, findings)
            counts.update(f.category for f in findings)
        return s, counts

    def __call__(self, s: str) -> str:
        return self.text(s)[0]

    def document(self, doc: Document) -> tuple[Document, Counter[str]]:
        """Sanitizes every text segment (page offsets stay right) and every metadata field."""
        counts: Counter[str] = Counter()

        def clean(value: str) -> str:
            out, c = self.text(value)
            counts.update(c)
            return out

        texts = [clean(doc.text[start:end]) for start, end, _ in doc.segments()]
        return doc.with_segments(
            texts,
            title=clean(doc.title),
            subject=None if doc.subject is None else clean(doc.subject),
            sender=None if doc.sender is None else clean(doc.sender),
            recipients=tuple(clean(r) for r in doc.recipients),
            message_id=None if doc.message_id is None else clean(doc.message_id),
        ), counts

    def _replace(self, s: str, findings: list[Finding]) -> str:
        out, pos = [], 0
        for f in findings:
            out.append(s[pos : f.start])
            value = s[f.start : f.end]
            if f.category in PSEUDONYM_PREFIX:
                out.append(pseudonym(self._key, f.category, value))
            else:
                out.append(mask(f.category))
            pos = f.end
        out.append(s[pos:])
        return "".join(out)


def _resolve(found: list[Finding], protected: list[tuple[int, int]]) -> list[Finding]:
    """Drop findings that touch a placeholder; of overlapping ones keep the higher priority."""
    starts = [s for s, _ in protected]  # taken spans never overlap: sorted starts suffice
    ends = [e for _, e in protected]
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: (_PRIORITY[f.category], f.start - f.end, f.start)):
        i = bisect.bisect_left(starts, f.end)  # spans starting before f ends: only i-1 can clash
        if i and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return sorted(kept)


def _terms_regex(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One alternation, longest first; words may be split by any whitespace (line breaks)."""
    parts = []
    for term in sorted({" ".join(t.split()) for t in terms if t.strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in term.split())
        left = r"(?<!\w)" if term[0].isalnum() or term[0] == "_" else ""
        right = r"(?!\w)" if term[-1].isalnum() or term[-1] == "_" else ""
        parts.append(left + body + right)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None
