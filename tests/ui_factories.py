"""KnowledgeBase factories for the app's tests, named by KB_UI_TEST_FACTORY="module:function".

The app calls the factory with the Settings it read from the environment (KB_HOME, KB_WATCH).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence

from kb.embedder import FakeEmbedder
from kb.generator import FakeGenerator, Message
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.fakes import PassThroughSanitizer

# what the scripted model says: a claim about the lease's notice period, citing source 1
NOTICE_SCRIPT = ["Either", " party", " may", " end", " the", " lease", " with", " two",
                 " months'", " written", " notice", " [1]."]


def extractive_kb(settings: Settings) -> KnowledgeBase:
    """Fake embedder; the generator the settings name (none configured: extractive answers)."""
    return KnowledgeBase(settings.with_(embedder="fake"), sanitize=PassThroughSanitizer(),
                         embedder=FakeEmbedder())


def scripted_kb(settings: Settings) -> KnowledgeBase:
    """Fake embedder and a scripted model that streams ``NOTICE_SCRIPT``."""
    return KnowledgeBase(settings.with_(embedder="fake"), sanitize=PassThroughSanitizer(),
                         embedder=FakeEmbedder(), generator=FakeGenerator(NOTICE_SCRIPT))


def uncited_kb(settings: Settings) -> KnowledgeBase:
    """A model that answers without citing anything: the answer is not grounded."""
    return KnowledgeBase(settings.with_(embedder="fake"), sanitize=PassThroughSanitizer(),
                         embedder=FakeEmbedder(),
                         generator=FakeGenerator(["Probably", " in", " July."]))


class EchoGenerator:
    """A slow stand-in for a model: repeats the first sentence of source [1], word by word.

    Real enough for the browser test: tokens arrive over a couple of seconds, the answer cites
    the best passage, and it repeats document text verbatim (hostile markup included).
    """

    name = "echo"

    def __init__(self, delay_s: float = 0.08):
        self.delay_s = delay_s

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(self, messages: list[Message], *, max_tokens: int,
               stop: Sequence[str]) -> Iterator[str]:
        user = messages[-1]["content"]
        found = re.search(r"^\[1\] [^\n]*\n(.*?)(?:\n\n\[2\] |\n\nQuestion:)", user, re.S | re.M)
        first = re.split(r"(?<=[.!?])\s", found.group(1).strip())[0] if found else "Nothing."
        for word in first.split()[:max_tokens - 1]:
            time.sleep(self.delay_s)
            yield word + " "
        yield "[1]"


def echo_kb(settings: Settings) -> KnowledgeBase:
    """Production wiring (real sanitizer and embedder) with the echoing stand-in model."""
    return KnowledgeBase.open(settings, generator=EchoGenerator())
