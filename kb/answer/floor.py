"""The relevance floor: is there evidence enough to answer, and which passages may support it.

The floor matters more than it looks: a model handed six unrelated passages will still write
something, and that is exactly the invented answer people distrust these tools for.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.embedding.embedder import MINILM_FLOOR, RelevanceFloor
from kb.search.retrieval import Ranked

# Relevance floor, cosine similarity with all-MiniLM-L6-v2, calibrated on sample_corpus: for its
# 46 answerable questions the best passage scores 0.35-0.83, always with a BM25 match; for 20
# unrelated ones 0.08-0.34 (in-domain near misses such as "recipe for lasagne" next to a pasta
# recipe reach 0.48: those go to the model, which is told to say the sources do not answer).
# A question is answered only when some passage is close in meaning on its own, or fairly close
# and also among BM25's best matches: neither signal alone is trusted when it is weak.
# The similarities live in RelevanceFloor (kb/embedding/embedder.py): another embedder brings
# its own.
# Once a question passes, weaker passages may join it as supporting sources.
LEXICAL_TOP = 10
LEXICAL_ONLY_TOP = 3  # a passage BM25 ranks this high but the embedder missed (an exact code)


def _lexical(r: Ranked, top: int) -> bool:
    return r.lexical_rank is not None and r.lexical_rank <= top


def answerable(ranked: Sequence[Ranked], floor: RelevanceFloor = MINILM_FLOOR) -> bool:
    """Is there evidence enough to answer at all? (Else: "I couldn't find anything ...")"""
    return any(
        r.similarity is not None
        and (
            r.similarity >= floor.answer
            or r.similarity >= floor.answer_with_terms
            and _lexical(r, LEXICAL_TOP)
        )
        for r in ranked
    )


def supporting(r: Ranked, floor: RelevanceFloor = MINILM_FLOOR) -> bool:
    """May this passage go into the prompt of a question that passed the floor?"""
    if r.similarity is None:
        return _lexical(r, LEXICAL_ONLY_TOP)
    return r.similarity >= floor.support or (
        r.similarity >= floor.support_with_terms and _lexical(r, LEXICAL_TOP)
    )
