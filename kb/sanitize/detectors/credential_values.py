"""What a credential value looks like, as opposed to a word, a variable or a placeholder.

Used by the keyword detectors: after "password:" a value must not be "incorrect", "$DB_PASS",
"getenv(" or "********"; after "token:" it must look random.
"""

from __future__ import annotations

import re

from kb.sanitize.findings import char_classes, entropy

# Words that follow "password is" / "token:" in ordinary writing, and placeholder values.
# fmt: off
STOP_WORDS = frozenset((
    "a", "an", "the", "is", "was", "are", "be", "been", "not", "no", "none", "null", "nil", "n/a",
    "na", "undefined", "true", "false", "yes", "empty", "blank", "my", "your", "our", "their",
    "his", "her", "its", "this", "that", "it", "same", "different", "correct", "incorrect", "wrong",
    "invalid", "valid", "required", "optional", "needed", "missing", "expired", "changed", "reset",
    "set", "stored", "saved", "protected", "hidden", "encrypted", "hashed", "secure", "strong",
    "weak", "long", "short", "too", "very", "still", "now", "below", "above", "attached",
    "enclosed", "here", "there", "in", "on", "at", "for", "to", "of", "and", "or", "but", "with",
    "without", "by", "from", "as", "if", "when", "then", "so", "also", "sent", "shown", "displayed",
    "keep", "unknown", "default", "see", "same_as_before", "manager", "policy",
    "field", "prompt", "change", "string", "str", "int", "integer", "number", "text", "value",
    "password", "passwd", "pwd", "secret", "token", "key", "credentials", "again", "only", "just",
    "please", "first", "new", "old", "temporary", "ok", "okay", "fine", "stolen", "lost",
    "forgotten", "compromised", "leaked", "simple", "easy", "hard", "complex", "case-sensitive",
    "emailed", "written", "printed", "updated", "locked", "right", "good", "bad", "insecure",
    "safe", "unsafe", "taken", "following", "inside", "being", "usually", "always", "never", "what",
    "which", "where", "how", "something", "nothing", "anything", "everything", "them", "him", "me",
    "us", "you", "we", "they", "she", "he", "i", "and/or"
))
# fmt: on
_WORDISH = re.compile(r"[A-Za-z]?[a-z]+(?:[-'./][A-Za-z]?[a-z]+)*[.:]?")
_PROSE_SUFFIXES = ("ed", "ing", "ly", "ble", "ful", "ous", "ive")
# fmt: off
_REF_PREFIXES = ("$", "%", "{", "<", "os.", "getenv", "env(", "env.", "process.env", "@", "&",
                 "sys.", "ENV[", "config.", "settings.", "self.", "this.", "<%")
# fmt: on


def clean_value(value: str) -> str:
    """Without trailing sentence punctuation or an unbalanced closing bracket: "(pw:x)" -> "x"."""
    value = value.rstrip(".,:;?")
    while (
        value
        and value[-1] in ")]}"
        and value.count(value[-1]) > value.count({")": "(", "]": "[", "}": "{"}[value[-1]])
    ):
        value = value[:-1].rstrip(".,:;?")
    return value


_NOT_A_VALUE = re.compile(r"0[xX][0-9a-fA-F]+|[a-z_][a-z_.-]*=.*|[a-z_][\w.]*\(.*")


def is_reference(value: str) -> bool:
    """Variables, calls, attributes, hex literals and masks: "$PW", "getenv(", "name=", "****"."""
    v = value.lower()
    return (
        v.startswith(_REF_PREFIXES)
        or len(set(v)) == 1
        or set(v) <= set("*x.•-_#")
        or _NOT_A_VALUE.fullmatch(value) is not None
    )


def credential_like(value: str) -> bool:
    """Mixes letters with digits or symbols: how people write passwords and tokens. Words
    joined by hyphens, dots or slashes ("third-party", "mail.example.de", "and/or") are not."""
    if _WORDISH.fullmatch(value):
        return False
    return char_classes(value) >= 2 and not value.isalpha() or char_classes(value) >= 3


def prose_word(value: str) -> bool:
    return value.isalpha() and value.islower() and value.endswith(_PROSE_SUFFIXES)


def random_like(value: str) -> bool:
    if len(value) < 8:
        return False
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    if has_digit and has_alpha:
        return True
    return len(value) >= 16 and entropy(value) >= 3.5 and char_classes(value) >= 2
