"""Follow-up questions, without a model: pure functions over the question and the conversation.

A follow-up leaves things implicit — "And how much notice do I need to give?" after a question
about the flat's rent means the lease's notice. Two readings of it are searched: the question
alone, and the question with the content words the earlier questions carried ("rent flat"),
preferring the documents the last answer cited. ``elliptical`` says whether the question leans
on what came before (it opens with "and", points back with "it", "there", "they", or has
hardly a topic of its own); if it does not, the conversation only wins when the question alone
already lands on the last answer's documents — so a new topic is answered as if asked alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.terms import query_terms

# words that point back at something said before
_POINTERS = """
it its it's itself they them their theirs there that those this these he him his she her hers
one ones same then former latter such
"""
POINTERS = frozenset(_POINTERS.split())
OPENERS = ("and", "also", "or", "but", "so", "plus")  # "And the deposit?"
_ABOUT = re.compile(r"^\W*(?:what|how)\s+about\b", re.I)
_WORD = re.compile(r"[\w']+")
# words so common in follow-ups that they give a question no topic of its own
_GENERIC = """
much many long often when where who what which how need needs give get got back else more
another other others again still too also mean means say says said does do anything
"""
GENERIC = frozenset(_GENERIC.split())
CARRY_QUESTIONS = 2  # how many earlier questions lend their words
CARRY_WORDS = 8


@dataclass(frozen=True)
class Context:
    """What a new turn may draw on: earlier standalone questions (newest last) and the sources
    the last answer cited."""

    questions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.questions)


def topic_words(question: str) -> list[str]:
    return [t for t in query_terms(question) if t not in GENERIC]


def elliptical(question: str) -> bool:
    """Does ``question`` lean on the conversation to say what it is about?"""
    words = [w.lower() for w in _WORD.findall(question)]
    if not words:
        return False
    if words[0] in OPENERS or _ABOUT.match(question):
        return True
    if any(w in POINTERS for w in words):
        return True
    return len(topic_words(question)) <= 1


def carried(question: str, context: Context) -> list[str]:
    """Topic words of the last few questions that this one does not already have, newest first."""
    have = set(query_terms(question))
    out: list[str] = []
    for earlier in reversed(context.questions[-CARRY_QUESTIONS:]):
        for word in topic_words(earlier):
            if word not in have and word not in out and " " not in word:
                out.append(word)
    return out[:CARRY_WORDS]


def combined(question: str, context: Context) -> str:
    """The question with what the conversation carries: what retrieval runs for a follow-up."""
    words = carried(question, context)
    return f"{question} {' '.join(words)}" if words else question


def prefers_conversation(question: str, alone_sources: Sequence[str], context: Context) -> bool:
    """Take the conversation's reading? Yes for an elliptical question; else only when the
    question alone already finds the last answer's documents (then it is the same topic)."""
    if not context:
        return False
    if elliptical(question):
        return True
    return bool(alone_sources) and alone_sources[0] in context.sources
