"""Is a fact the model copied about what was asked? A pure check over one passage.

A small model copies a true amount from the wrong sentence: "$840 a year" for "How much did I
pay Theo?", out of a note's rent sums. The amount is in the passage, so finding it there is not
enough: a sentence that holds it — with the passage's title or subject, for a lone line such as
"Total USD 186.40" under "Biscuit's visit: invoice" — must hold enough of the question's topic,
its words weighted by rarity among the prompt's sentences: "For 2026: take Biscuit to the coast
more" shares only the word every passage has with "When is Biscuit's birthday?". The extractive
answer asks less of the quotes it picks (any one word of the question, kb.answer.extractive).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kb.answer.stems import overlap
from kb.records import Hit

# The weighted share of the question held by the sentence of a verified fact, over the 46 bench
# questions (bench/answer_quality.py --n 10, Qwen2.5-Coder-1.5B's answers): right answers 0.34
# (Lucia's train) to 1.0; "2026" for Biscuit's birthday 0.28, "$840 a year" for Theo 0. Over the
# 44 sample questions the bench does not ask, 0.3 refused 2 more near misses ("$1,148", a flight's
# price, for the Pena Palace ticket and the airport taxi) and changed no answerable one; 0.35
# made a right one unverified ("When does my flight to Lisbon leave?").
ABOUT = 0.3


def about_question(
    weights: dict[str, float], passage: Hit, parts: Sequence[str], holds: Callable[[str], bool]
) -> bool:
    """Does a sentence of ``passage`` (split into ``parts``) that ``holds`` the fact hold enough
    of the question?"""
    where = [s for s in parts if holds(s)]
    if not weights or not where:
        return True  # nothing to compare, or the fact spans sentences (a table): not judged
    heading = " ".join(t for t in (passage.title, passage.subject) if t)
    return any(overlap(weights, f"{heading} {s}") >= ABOUT for s in where)
