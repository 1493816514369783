"""Words, not facts: what a model's sentence says beyond the question and its sources (pure).

``novel_words``: content words neither the question nor the cited passages use — what a model
made up. ``echoes``: a sentence with nothing but the question's own words, which answers nothing.
Words are compared on their first five letters ("infection", "infected").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.terms import STOPWORDS

CITE = re.compile(r"\[[^\[\]\n]{1,40}\]")
_CONTENT = re.compile(r"[a-zà-ÿ]{4,}")
# words an answer may add to what the sources say without saying anything new
_GLUE_WORDS = """
answer according source sources document documents mention mentions mentioned state states
stated says said written writes note notes email emails letter also which there their about
within from with should would could have must needs given gives
"""
_GLUE = {w[:5] for w in _GLUE_WORDS.split()}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _CONTENT.findall(text.lower())}


def novel_words(sentence: str, question: str, passages: Sequence[str]) -> list[str]:
    """Content words of ``sentence`` that neither the question nor the passages use: what a
    model made up ("He has had blood transfusions since his first birthday")."""
    known = _stems(question) | {s for p in passages for s in _stems(p)} | _GLUE
    words = _CONTENT.findall(CITE.sub(" ", sentence).lower())
    return list(dict.fromkeys(w for w in words if w[:5] not in known and w not in STOPWORDS))


def echoes(sentence: str, question: str) -> bool:
    """Does the sentence only restate the question ("The parties should be reviewed by a
    lawyer" for CUAD's "... parties ... reviewed by a lawyer")? A yes or a no says something."""
    words = [w for w in _CONTENT.findall(CITE.sub(" ", sentence).lower()) if w not in STOPWORDS]
    if not words or re.match(r"\W*(yes|no)\b", sentence, re.I):
        return False
    known = _stems(question) | _GLUE
    return all(w[:5] in known for w in words)
