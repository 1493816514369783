"""Pure ranking helpers: reciprocal rank fusion and the FTS5 query built from a question."""

from __future__ import annotations

import re
from collections.abc import Sequence

RRF_K = 60

# Words that carry no topic; keeping them in an OR query lets BM25 match everything.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves tell say said says did does ever
""".split())

_PLACEHOLDER = re.compile(r"\[([A-Z]+)_([0-9a-f]{4,})\]")
_WORD = re.compile(r"[^\W_]+")


def rrf(rankings: Sequence[Sequence[str]], *, k: int = RRF_K,
        weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Reciprocal rank fusion, scores scaled so that first place in every list scores 1.0."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    best = sum(w / (k + 1) for w in weights) or 1.0
    return sorted(((i, s / best) for i, s in scores.items()), key=lambda t: -t[1])


def query_terms(text: str) -> list[str]:
    """Content words of a question, lowercased, stopwords dropped (placeholders kept whole)."""
    terms = [f"{m.group(1).lower()} {m.group(2)}" for m in _PLACEHOLDER.finditer(text)]
    rest = _PLACEHOLDER.sub(" ", text)
    terms += [w.lower() for w in _WORD.findall(rest)
              if w.lower() not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(terms))


def fts_match(text: str) -> str | None:
    """An FTS5 MATCH expression: every term quoted (no syntax injection), OR-ed for recall."""
    terms = query_terms(text)
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
