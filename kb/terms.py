"""The content words of a question or passage: what keyword search and sentence scoring count.

Pseudonym placeholders (``[EMAIL_3f9a2c]``) are kept whole, as the two words keyword search sees.
"""

from __future__ import annotations

import re

# Words that carry no topic; keeping them in an OR query lets BM25 match everything.
_STOPWORDS = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves tell say said says did does ever
"""
STOPWORDS = frozenset(_STOPWORDS.split())

_PLACEHOLDER = re.compile(r"\[([A-Z]+)_([0-9a-f]{4,})\]")
_WORD = re.compile(r"[^\W_]+")


def query_terms(text: str) -> list[str]:
    """Content words of a question, lowercased, stopwords dropped (placeholders kept whole)."""
    terms = [f"{m.group(1).lower()} {m.group(2)}" for m in _PLACEHOLDER.finditer(text)]
    rest = _PLACEHOLDER.sub(" ", text)
    terms += [
        w.lower()
        for w in _WORD.findall(rest)
        if w.lower() not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]
    return list(dict.fromkeys(terms))
