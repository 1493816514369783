"""Pure ranking helpers: fusing dense and keyword rankings into one.

Two fusion functions, both measured on BEIR SciFact (``bench/retrieval.py``):

* ``rrf`` — reciprocal rank fusion: ranks only, scores ignored.
* ``convex`` — a weighted sum of normalised scores (Bruch et al., "An Analysis of Fusion
  Functions for Hybrid Retrieval", 2023, found it more robust than RRF once its one weight is
  tuned). Each list's scores are scaled to [0, 1] — min-max over its candidates, or from the
  theoretical minimum (cosine -1, BM25 0) to its best; a document one retriever did not return
  scores 0 there.

``FUSION`` is the shipped default, tuned on SciFact's *train* judgments only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RRF_K = 60


@dataclass(frozen=True)
class Fusion:
    method: str = "convex"  # "convex" | "rrf"
    alpha: float = 0.5  # convex: weight of the dense score (1 - alpha: keyword score)
    norm: str = "tmm"  # convex: "tmm" (theoretical min, observed max) | "minmax"
    k: int = RRF_K  # rrf: rank offset
    dense_weight: float = 1.0  # rrf: weight of the dense ranking (keyword ranking: 1.0)


# Tuned on SciFact train (809 queries; bench/retrieval.py): the best of 42 convex settings and
# 35 RRF ones. Min-max scaling over each list's candidates beat the theoretical-minimum scaling.
FUSION = Fusion("convex", alpha=0.45, norm="minmax")

Scored = Sequence[tuple[str, float]]


def rrf(
    rankings: Sequence[Sequence[str]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion, scores scaled so that first place in every list scores 1.0."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    best = sum(w / (k + 1) for w in weights) or 1.0
    return sorted(((i, s / best) for i, s in scores.items()), key=lambda t: -t[1])


def normalise(scored: Scored, *, floor: float | None) -> dict[str, float]:
    """Scores to [0, 1]: ``floor`` (a theoretical minimum) or the observed minimum maps to 0."""
    if not scored:
        return {}
    top = max(s for _, s in scored)
    low = min(s for _, s in scored) if floor is None else floor
    span = top - low
    return {i: (s - low) / span if span > 0 else 1.0 for i, s in scored}


def convex(
    dense: Scored, lexical: Scored, *, alpha: float = 0.5, norm: str = "tmm"
) -> list[tuple[str, float]]:
    """alpha * dense + (1 - alpha) * keyword, on normalised scores, best first."""
    d = normalise(dense, floor=-1.0 if norm == "tmm" else None)
    lx = normalise(lexical, floor=0.0 if norm == "tmm" else None)
    fused = {i: alpha * d.get(i, 0.0) + (1 - alpha) * lx.get(i, 0.0) for i in {*d, *lx}}
    return sorted(fused.items(), key=lambda t: (-t[1], t[0]))


def fuse(dense: Scored, lexical: Scored, fusion: Fusion = FUSION) -> list[tuple[str, float]]:
    """Dense (id, cosine) and keyword (id, BM25 >= 0) results -> one ranking, best first."""
    if fusion.method == "rrf":
        return rrf(
            [[i for i, _ in dense], [i for i, _ in lexical]],
            k=fusion.k,
            weights=[fusion.dense_weight, 1.0],
        )
    return convex(dense, lexical, alpha=fusion.alpha, norm=fusion.norm)
