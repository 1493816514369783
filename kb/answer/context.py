"""Is a fact the model copied about what was asked? A pure check over one passage.

A small model copies a true amount from the wrong sentence: "$840 a year" for "How much did I
pay Theo?", out of a note's rent sums. The amount is in the passage, so finding it there is not
enough: a sentence that holds it — or the passage's title or subject, for a lone line such as
"Total USD 186.40" under "Biscuit's visit: invoice" — must share a word of the question's
topic. It is the rule the extractive answer applies to the sentences it quotes.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.answer.sentences import sentences
from kb.answer.stems import stems, topic_stems
from kb.records import Hit


def about_question(question: str, passage: Hit, holds: Callable[[str], bool]) -> bool:
    """Does a sentence of ``passage`` that ``holds`` the fact sit among words of ``question``?"""
    topic = topic_stems(question)
    parts = sentences(passage.text)
    where = [i for i, s in enumerate(parts) if holds(s)]
    if not topic or not where:
        return True  # nothing to compare, or the fact spans sentences (a table): not judged
    heading = stems(" ".join(t for t in (passage.title, passage.subject) if t))
    return bool(heading & topic) or any(stems(parts[i]) & topic for i in where)
