"""What a detector reports (a Finding: a span and a category) and small helpers detectors share.

Detectors are pure functions ``text -> Iterator[Finding]``. They never see placeholders as
values: the sanitizer drops any finding that overlaps a placeholder it wrote earlier.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple


class Finding(NamedTuple):
    start: int
    end: int
    category: str


Detector = Callable[[str], Iterable[Finding]]

# A placeholder the sanitizer writes: a typed mask or a keyed pseudonym. No spaces inside, so the
# chunker never splits one; the keyword index reads "[EMAIL_3f9a0c]" as the words "email" "3f9a0c".
PLACEHOLDER_RE = re.compile(r"\[(?:REDACTED:[a-z0-9_]+|(?:EMAIL|PHONE|IP|NAME)_[0-9a-f]{6})\]")

# Characters that may separate digit groups of one number: spaces, a dash, and the line
# breaks PDF extraction inserts ("4539 1488\n0343 6467").
DIGIT_SEP = r"(?:[ \t\u00a0]{1,2}|[ \t]*\r?\n[ \t]*|[ \t]?[-\u2010\u2011\u2012\u2013][ \t]?)"


_PLACEHOLDER_VALUE_RE = re.compile(
    r"(?i)example|fake|dummy|x{6}|123456|654321|abcdef|your[_-]?(?:api|key|token|secret)"
)


def is_documentation_placeholder(value: str) -> bool:
    """ "sk_live_EXAMPLE...", "ghp_xxxxxx...": the fake tokens documentation is full of. A random
    token contains none of these runs (odds below 1e-5). Not applied to passwords."""
    return _PLACEHOLDER_VALUE_RE.search(value) is not None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=4)
def ascii_lower(text: str) -> str:
    """Lower-cased A-Z only, so offsets stay valid (str.lower can change the length)."""
    return text.translate(_ASCII_LOWER)


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    if not s:
        return 0.0
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def char_classes(s: str) -> int:
    """How many of lower / upper / digit / other a string mixes."""
    return (
        any(c.islower() for c in s)
        + any(c.isupper() for c in s)
        + any(c.isdigit() for c in s)
        + any(not c.isalnum() for c in s)
    )


def digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def window_before(text: str, start: int, size: int) -> str:
    """Up to ``size`` characters before ``start``, cut at the previous blank line."""
    chunk = text[max(0, start - size) : start]
    cut = chunk.rfind("\n\n")
    return chunk[cut + 2 :] if cut >= 0 else chunk
