"""Fakes registered like the real parts, for fast deterministic tests.

``register()`` (called by conftest, and by ``tests.fake_kb`` in subprocesses) adds them to kb's
registries under names production never uses: ``KB_EMBEDDER=fake``, ``KB_GENERATOR=notice`` ...
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence

from kb.answer.generator import GENERATORS, Message
from kb.chunker import Budget
from kb.embedding.embedder import RelevanceFloor
from kb.embedding.registry import EMBEDDERS, EmbedderKind
from kb.records import Document
from kb.terms import STOPWORDS

_WORDS = re.compile(r"\w+")


class PassThroughSanitizer:
    """Leaves text alone; for tests about indexing mechanics, not about redaction."""

    def __call__(self, s: str) -> str:
        return s

    def document(self, doc: Document) -> tuple[Document, Counter[str]]:
        return doc, Counter()


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for fast tests (not semantic, but lexical).

    Content words only, plurals folded, 256 signed buckets: texts that share no content word
    score near 0 (noise ~0.06), so the answerer's relevance floor behaves as with a real model.
    """

    # word overlap with a long passage scores lower than meaning does with a real model
    floor = RelevanceFloor(
        answer=0.30, answer_with_terms=0.15, support=0.15, support_with_terms=0.10
    )

    def __init__(self, dim: int = 256):
        self.name = f"fake:{dim}"
        self.dim = dim
        self.calls = 0
        self.texts_embedded = 0

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        for word in _WORDS.findall(text.lower()):
            if word in STOPWORDS or len(word) < 2:
                continue
            word = word.removesuffix("'s").removesuffix("s") if len(word) > 3 else word
            h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v] if any(v) else [1.0 / math.sqrt(self.dim)] * self.dim

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        self.texts_embedded += len(texts)
        return [self._vector(t) for t in texts]


class FakeGenerator:
    """Replays scripted token strings, one script per call (the last one repeats)."""

    n_ctx: int | None = None

    def __init__(self, *scripts: Sequence[str], name: str = "fake"):
        self.scripts = [list(s) for s in scripts] or [["I", " don't", " know."]]
        self.name = name
        self.calls = 0
        self.messages: list[list[Message]] = []  # what each call was asked, for assertions

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]:
        script = self.scripts[min(self.calls, len(self.scripts) - 1)]
        self.calls += 1
        self.messages.append(messages)
        yield from script[:max_tokens]


class EchoGenerator:
    """A slow stand-in for a model: repeats the first sentence of source [1], word by word.

    Real enough for the browser test: tokens arrive over a couple of seconds, the answer cites
    the best passage, and it repeats document text verbatim (hostile markup included).
    """

    name = "echo"
    n_ctx: int | None = None

    def __init__(self, delay_s: float = 0.08):
        self.delay_s = delay_s

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]:
        user = messages[-1]["content"]
        found = re.search(r"^\[1\] [^\n]*\n(.*?)(?:\n\n\[2\] |\n\nQuestion:)", user, re.S | re.M)
        first = re.split(r"(?<=[.!?])\s", found.group(1).strip())[0] if found else "Nothing."
        for word in first.split()[: max_tokens - 1]:
            time.sleep(self.delay_s)
            yield word + " "
        yield "[1]"


# what the scripted model says: a claim about the lease's notice period, citing source 1
# fmt: off
NOTICE_SCRIPT = ["Either", " party", " may", " end", " the", " lease", " with", " two",
                 " months'", " written", " notice", " [1]."]
# fmt: on


def register() -> None:
    """Make the fakes selectable by name (idempotent)."""
    EMBEDDERS["fake"] = EmbedderKind(lambda s: FakeEmbedder(), lambda s: Budget())
    GENERATORS["notice"] = lambda s: FakeGenerator(NOTICE_SCRIPT, name="notice")
    GENERATORS["uncited"] = lambda s: FakeGenerator(["Probably", " in", " July."], name="uncited")
    GENERATORS["echo"] = lambda s: EchoGenerator()
