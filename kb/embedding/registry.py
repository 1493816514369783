"""Embedders by name (``KB_EMBEDDER``): how to make each, and how each counts a chunk's size.

Chunk boundaries must depend only on the text and the configured embedder — never on whether a
model happens to be loaded — or a moved file would chunk differently and lose its stored vectors.
So every entry says how to budget chunks from the settings alone. Tests register their fake here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from kb.chunker import Budget
from kb.embedding.budget import tokenizer_budget
from kb.embedding.embedder import Embedder, SentenceTransformerEmbedder, model_folder
from kb.errors import ModelError
from kb.settings import Settings


@dataclass(frozen=True)
class EmbedderKind:
    make: Callable[[Settings], Embedder]
    budget: Callable[[Settings], Budget]


def _onnx(settings: Settings, quantize: bool) -> Embedder:
    from kb.embedding.onnx import OnnxEmbedder, OnnxUnavailable

    try:
        return OnnxEmbedder(
            settings.embed_model, cache_dir=settings.home / "onnx", quantize=quantize
        )
    except OnnxUnavailable as e:
        if quantize:  # int8 vectors differ from torch's: never substitute them silently
            raise ModelError(f"The int8 ONNX embedder is unavailable: {e}.") from e
        # fp32 ONNX and sentence-transformers give the same vectors (bench/embed.py), so the
        # index stays consistent; only speed differs
        print(
            f"kb: {e}; embedding with sentence-transformers instead (same vectors, slower)",
            file=sys.stderr,
        )
        return SentenceTransformerEmbedder(settings.embed_model)


def _model_budget(settings: Settings) -> Budget:
    return tokenizer_budget(model_folder(settings.embed_model))


EMBEDDERS: dict[str, EmbedderKind] = {
    "sentence-transformers": EmbedderKind(
        lambda s: SentenceTransformerEmbedder(s.embed_model), _model_budget
    ),
    "onnx": EmbedderKind(lambda s: _onnx(s, quantize=False), _model_budget),
    "onnx-int8": EmbedderKind(lambda s: _onnx(s, quantize=True), _model_budget),
}


def _kind(settings: Settings) -> EmbedderKind:
    try:
        return EMBEDDERS[settings.embedder]
    except KeyError:
        raise ModelError(
            f"Unknown embedder {settings.embedder!r} (KB_EMBEDDER); choose one of "
            f"{', '.join(EMBEDDERS)}."
        ) from None


def make_embedder(settings: Settings) -> Embedder:
    return _kind(settings).make(settings)


def budget_for(settings: Settings) -> Budget:
    return _kind(settings).budget(settings)
