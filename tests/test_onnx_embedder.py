"""The ONNX embedder gives sentence-transformers' vectors (fp32) or close to them (int8), and
kb falls back to sentence-transformers when a model or installation cannot take the ONNX path.

The slow tests load the real model; the export is cached in one temporary folder for the
session. Exporting needs the ``onnx`` package; without it those tests skip and say so.
"""

from __future__ import annotations

import json
import math

import pytest

from kb.errors import ModelError
from kb.settings import Settings

TEXTS = [
    "The vet said Biscuit has a mild ear infection and needs drops twice a day.",
    "Either party may terminate this Agreement on ninety (90) days' written notice.",
    "x",
    "Flight TP 1305 leaves Lisbon at 07:45; check-in closes 40 minutes before. " * 30,  # > 256
    "Über die Brücke, naïve café, 東京",
]


@pytest.fixture(scope="session")
def onnx_dir(tmp_path_factory):
    pytest.importorskip("onnx", reason="exporting the ONNX embedder needs the onnx package")
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="session")
def torch_vectors():
    from kb.embedding.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    return embedder.embed(TEXTS), embedder.count_tokens(TEXTS[3])


def _cos(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


@pytest.mark.slow
def test_fp32_matches_torch(onnx_dir, torch_vectors):
    from kb.embedding.onnx import OnnxEmbedder

    messages: list[str] = []
    embedder = OnnxEmbedder(cache_dir=onnx_dir, progress=messages.append)
    reference, tokens = torch_vectors
    got = embedder.embed(TEXTS)
    assert embedder.dim == len(reference[0]) == 384
    for a, b in zip(got, reference, strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-4
        assert math.isclose(sum(x * x for x in a), 1.0, abs_tol=1e-4)
    assert embedder.count_tokens(TEXTS[3]) == tokens > embedder.max_tokens  # not truncated
    assert messages and "building" in messages[0]  # first use says what it is doing
    again: list[str] = []
    OnnxEmbedder(cache_dir=onnx_dir, progress=again.append)
    assert again == []  # the export is reused


@pytest.mark.slow
def test_int8_is_close_to_torch(onnx_dir, torch_vectors):
    from kb.embedding.onnx import OnnxEmbedder

    embedder = OnnxEmbedder(cache_dir=onnx_dir, quantize=True, progress=lambda m: None)
    reference, _ = torch_vectors
    sims = [_cos(a, b) for a, b in zip(embedder.embed(TEXTS), reference, strict=True)]
    assert min(sims) > 0.97, sims
    assert embedder.name.startswith("onnx-int8:")


@pytest.mark.slow
def test_batch_order_and_empty_input(onnx_dir):
    from kb.embedding.onnx import OnnxEmbedder

    embedder = OnnxEmbedder(cache_dir=onnx_dir, progress=lambda m: None)
    assert embedder.embed([]) == []
    one_by_one = [embedder.embed([t])[0] for t in TEXTS]
    together = embedder.embed(TEXTS)  # sorted by length inside, returned in input order
    for a, b in zip(one_by_one, together, strict=True):
        assert _cos(a, b) > 0.9999


def test_fp32_falls_back_to_sentence_transformers(monkeypatch, tmp_path, capsys):
    import kb.embedding.onnx as onnx_emb
    import kb.embedding.registry as emb

    def refuse(*args, **kwargs):
        raise onnx_emb.OnnxUnavailable("building the ONNX embedding model needs the onnx package")

    monkeypatch.setattr(onnx_emb, "OnnxEmbedder", refuse)
    monkeypatch.setattr(emb, "SentenceTransformerEmbedder", lambda path: "torch embedder")
    assert emb.make_embedder(Settings(home=tmp_path, embedder="onnx")) == "torch embedder"
    assert "same vectors" in capsys.readouterr().err
    with pytest.raises(ModelError, match="int8"):  # different vectors: never substituted
        emb.make_embedder(Settings(home=tmp_path, embedder="onnx-int8"))


@pytest.mark.parametrize(
    "modules, pooling, tokenizer",
    [
        (["Transformer", "Pooling", "Dense", "Normalize"], True, True),  # a projection layer
        (["Transformer", "Pooling"], False, True),  # CLS pooling
        (["Transformer", "Pooling"], True, False),  # no fast tokenizer file
    ],
)
def test_models_the_export_cannot_reproduce_are_refused(tmp_path, modules, pooling, tokenizer):
    from kb.embedding.onnx import OnnxUnavailable, check_supported

    (tmp_path / "modules.json").write_text(
        json.dumps([{"type": f"sentence_transformers.models.{m}"} for m in modules])
    )
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(
        json.dumps({"pooling_mode_mean_tokens": pooling, "pooling_mode_cls_token": not pooling})
    )
    if tokenizer:
        (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(OnnxUnavailable):
        check_supported(tmp_path)


def test_the_packaged_model_is_supported():
    from kb.embedding.embedder import packaged_model_path
    from kb.embedding.onnx import check_supported

    check_supported(packaged_model_path())  # does not raise


def test_settings_default_to_onnx():
    assert Settings().embedder == Settings.from_env({}).embedder == "onnx"
