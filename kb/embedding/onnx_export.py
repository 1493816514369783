"""Exporting the packaged sentence-transformers model to ONNX, locally, once (nothing downloaded).

The file is cached under ``KB_HOME/onnx/<model>/`` next to a stamp of the model it came from. The
graph includes mean pooling and L2 normalisation, so it returns the final sentence vector.
``quantize=True`` adds onnxruntime's dynamic int8 quantization of the matrix multiplications (per
channel). Exporting needs torch, transformers and the ``onnx`` package. ``OnnxUnavailable`` says
when a model or an installation cannot take this path, so the caller can use
sentence-transformers instead.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb.errors import ModelError

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17


def say(message: str) -> None:
    print(f"kb: {message}", file=sys.stderr, flush=True)


def _fingerprint(model: Path) -> str:
    """Changes when the source model does: re-export then."""
    parts = []
    for name in ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json"):
        p = model / name
        if p.exists():
            st = p.stat()
            parts.append(f"{name}:{st.st_size}:{int(st.st_mtime)}")
    return "|".join(parts)


class OnnxUnavailable(ModelError):
    """This model or this installation cannot run through ONNX; sentence-transformers can."""


SUPPORTED_MODULES = {
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
}


def check_supported(model: Path) -> None:
    """Only what the exported graph reproduces: a transformer, mean pooling, normalisation."""
    modules = model / "modules.json"
    if modules.exists():
        kinds = {m.get("type") for m in json.loads(modules.read_text())}
        if not kinds <= SUPPORTED_MODULES:
            raise OnnxUnavailable(f"{model.name} has layers the ONNX export does not cover")
    cfg = model / "1_Pooling" / "config.json"
    if cfg.exists() and not json.loads(cfg.read_text()).get("pooling_mode_mean_tokens", False):
        raise OnnxUnavailable(f"{model.name} does not use mean pooling")
    if not (model / "tokenizer.json").exists():
        raise OnnxUnavailable(f"{model.name} has no tokenizer.json")


def export_onnx(
    model: Path, out: Path, *, quantize: bool, progress: Callable[[str], None] = say
) -> Path:
    """The cached ONNX file for ``model``; built (and quantized) on first use, atomically."""
    fingerprint = _fingerprint(model)
    fp32, int8 = out / "model.onnx", out / "model-int8.onnx"
    target = int8 if quantize else fp32
    if _fresh(target, fingerprint):
        return target
    check_supported(model)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    progress(
        f"building the {'int8 ' if quantize else ''}ONNX embedding model in {out} "
        "(once; about 10 s)"
    )
    if not _fresh(fp32, fingerprint):
        _export_fp32(model, fp32)
        _stamp(fp32).write_text(fingerprint)
    if quantize:
        _quantize(fp32, int8)
        _stamp(int8).write_text(fingerprint)
    progress(f"ONNX embedding model ready ({time.perf_counter() - t:.1f} s)")
    return target


def _stamp(file: Path) -> Path:
    return file.with_name(file.name + ".source")


def _fresh(file: Path, fingerprint: str) -> bool:
    stamp = _stamp(file)
    return file.exists() and stamp.exists() and stamp.read_text() == fingerprint


def _export_fp32(model: Path, dest: Path) -> None:
    try:
        import onnx  # noqa: F401  (torch's exporter needs it; fail early with a clear message)
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging
    except ImportError as e:
        raise OnnxUnavailable(
            f"building the ONNX embedding model needs the onnx package ({e})"
        ) from e

    class Sentence(torch.nn.Module):
        """The transformer plus mean pooling and L2 normalisation, as sentence-transformers does."""

        def __init__(self, inner: Any):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    hf_logging.disable_progress_bar()  # our own message says what is happening
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about python control flow: harmless
        net = Sentence(AutoModel.from_pretrained(str(model), local_files_only=True)).eval()
        ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
        sample = (ids, (ids > 0).long(), torch.zeros_like(ids))
        axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
        with torch.no_grad():
            torch.onnx.export(
                net,
                sample,
                str(tmp),
                input_names=list(INPUTS),
                output_names=["embedding"],
                dynamic_axes={**axes, "embedding": {0: "batch"}},
                opset_version=OPSET,
                dynamo=False,
            )
    os.replace(tmp, dest)


def _quantize(fp32: Path, dest: Path) -> None:
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as e:
        raise OnnxUnavailable(f"int8 quantization needs the onnx package ({e})") from e
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    logging.disable(logging.WARNING)  # "consider pre-processing" advice printed on every call
    try:
        quantize_dynamic(
            str(fp32),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
    finally:
        logging.disable(logging.NOTSET)
    os.replace(tmp, dest)
