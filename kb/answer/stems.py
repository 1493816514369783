"""Words compared on their stems, for sentence scoring and for checking a fact's context (pure)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+")
# question words that name no topic; they would otherwise look rare, hence important
# fmt: off
FILLER = frozenset({"much", "many", "long", "went", "go", "goes", "going", "get", "gets", "got",
    "kind", "think", "thing", "need", "time", "happen", "happens", "give", "keep", "take", "make",
    "made", "last", "first", "allowed", "use", "like", "find", "found", "say", "said", "tell",
    "told"})
# fmt: on


def stem(word: str) -> str:
    # crude but symmetric: "leaves"/"leaving"/"leave" all become "leav", "windy" "wind",
    # "parties"/"party" "part", "renewal"/"renewed" "renew", "expiration"/"expires" "expir"
    word = word.lower()
    for suffix in ("ation", "ies", "ing", "ate", "al", "ed", "es", "s", "e", "y"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text)}


def term_weights(question_terms: Sequence[str], texts: Sequence[str]) -> dict[str, float]:
    """Question words weighted by rarity among the candidates: the topic word every sentence
    shares ("Biscuit") counts for little; the one that singles out the answer ("birthday") a lot.
    """
    in_text = [stems(t) for t in texts]
    weights: dict[str, float] = {}
    for term in question_terms:
        s = stem(term)
        if term in FILLER:
            continue
        df = sum(s in words for words in in_text)
        weights[s] = math.log(1 + len(texts) / (1 + df))
    return weights


def overlap(weights: dict[str, float], sentence: str) -> float:
    """Weighted share of the question's content words that the sentence contains."""
    total = sum(weights.values())
    if not total:
        return 0.0
    words = stems(sentence)
    return sum(w for s, w in weights.items() if s in words) / total
