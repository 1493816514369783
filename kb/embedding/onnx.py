"""The embedding model run by onnxruntime: same vectors as sentence-transformers, less overhead.

The ONNX file is exported once, locally (``kb.embedding.onnx_export``), and later starts load it
in well under a second and import neither torch nor sentence-transformers. Running needs only
onnxruntime and tokenizers (both are chromadb dependencies).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from kb.embedding.onnx_export import OnnxUnavailable, check_supported, export_onnx, say
from kb.errors import ModelError
from kb.settings import go_offline

Vector = list[float]

__all__ = ["OnnxEmbedder", "OnnxUnavailable", "check_supported"]


class OnnxEmbedder:
    """``embed(texts) -> unit vectors`` through onnxruntime on the CPU."""

    batch_size = 32

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        cache_dir: Path,
        quantize: bool = False,
        threads: int | None = None,
        progress: Callable[[str], None] = say,
    ):
        go_offline()  # ORT_DISABLE_TELEMETRY before onnxruntime is imported
        from kb.embedding.embedder import MINILM_FLOOR, model_folder

        path = model_folder(model_path)
        check_supported(path)
        # the packaged model lives in a folder called "model": name the cache after its package
        name = path.parent.name if path.name == "model" else path.name
        onnx_file = export_onnx(path, cache_dir / name, quantize=quantize, progress=progress)
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ModelError(f"onnxruntime is not installed ({e}); run `make venv`.") from e
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or max(1, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.max_tokens = _max_seq_length(path)
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._counter = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._counter.no_truncation()  # count_tokens must see what truncation would cut
        self._counter.no_padding()
        self.name = f"onnx{'-int8' if quantize else ''}:{name}"
        self.floor = MINILM_FLOOR
        self.dim = int(self._session.get_outputs()[0].shape[-1] or len(self.embed(["x"])[0]))
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        if not texts:
            return []
        import numpy as np

        self.calls += 1
        # similar lengths in one batch: padding is wasted work
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[Vector] = [[] for _ in texts]
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            enc = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            feeds = {
                "input_ids": ids,
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                "token_type_ids": np.zeros_like(ids),
            }
            for i, vec in zip(idx, self._session.run(None, feeds)[0], strict=True):
                out[i] = vec.tolist()
        return out

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text).ids)


def _max_seq_length(model: Path) -> int:
    cfg = model / "sentence_bert_config.json"
    if cfg.exists():
        return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
    return 256
