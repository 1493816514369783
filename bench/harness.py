"""Shared benchmark plumbing: an embedding cache, kb stores built from a folder, IR metrics.

Real embedding is the slow part (SciFact's ~5k abstracts take minutes on two shared cores), so
every vector a benchmark computes is kept in a SQLite cache under ``BENCH_ROOT`` keyed by the
embedder variant and the text's hash; a re-run embeds nothing it has seen before. kb stores are
built under ``BENCH_ROOT/homes`` through kb's own sync pipeline, so the chunks are the shipped ones.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.embedding.embedder import MINILM_FLOOR, Embedder  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.records import Document  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
BENCH_ROOT = Path(os.environ.get("KB_BENCH_ROOT", "/tmp/kb_bench"))


class PassThrough:
    """Benchmarks measure retrieval, not redaction: text goes in as the corpus wrote it."""

    def __call__(self, s: str) -> str:
        return s

    def document(self, doc: Document) -> tuple[Document, Counter[str]]:
        return doc, Counter()


def variant_factory(variant: str) -> Callable[[], Embedder]:
    """'torch' | 'onnx' | 'onnx-int8' | 'fake' -> a function that loads that embedder."""

    def load() -> Embedder:
        settings = Settings(home=BENCH_ROOT / "model_home")
        if variant == "fake":  # for checking the benchmark code itself in seconds
            from tests.fakes import FakeEmbedder

            return FakeEmbedder(384)
        if variant == "torch":
            from kb.embedding.embedder import SentenceTransformerEmbedder

            return SentenceTransformerEmbedder()
        from kb.embedding.onnx import OnnxEmbedder

        return OnnxEmbedder(cache_dir=settings.home / "onnx", quantize=variant == "onnx-int8")

    return load


def _fake_floor():  # tests/ is importable from bench runs (REPO is on sys.path)
    from tests.fakes import FakeEmbedder

    return FakeEmbedder.floor


FakeFloor = _fake_floor()


class CachedEmbedder:
    """An Embedder that remembers every vector it computed, across runs."""

    def __init__(
        self, variant: str, factory: Callable[[], Embedder] | None = None, path: Path | None = None
    ):
        self.variant = variant
        self.name = f"cached:{variant}"
        # the fake scores word overlap on its own scale; the real models are all MiniLM
        self.floor = FakeFloor if variant == "fake" else MINILM_FLOOR
        self._factory = factory or variant_factory(variant)
        self._inner: Embedder | None = None
        path = path or BENCH_ROOT / "embeddings.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB)")
        self.computed = 0
        self.seconds = 0.0

    @property
    def inner(self) -> Embedder:
        if self._inner is None:
            self._inner = self._factory()
        return self._inner

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _key(self, text: str) -> str:
        data = f"{self.variant}\x00{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha1(data).hexdigest()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [v.tolist() for v in self.embed_np(texts)]

    def embed_np(self, texts: Sequence[str], batch: int = 256) -> list[np.ndarray]:
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(part))})", part
            )
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        todo = list(dict.fromkeys(i for i, k in enumerate(keys) if k not in found))
        for start in range(0, len(todo), batch):
            idx = todo[start : start + batch]
            t = time.perf_counter()
            vecs = self.inner.embed([texts[i] for i in idx])
            self.seconds += time.perf_counter() - t
            self.computed += len(idx)
            rows = [
                (keys[i], np.asarray(v, dtype=np.float32).tobytes())
                for i, v in zip(idx, vecs, strict=True)
            ]
            self._db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)", rows)
            found.update((k, np.frombuffer(b, dtype=np.float32)) for k, b in rows)
            if len(todo) > batch:
                print(
                    f"  [{self.variant}] embedded {min(start + batch, len(todo))}/{len(todo)}",
                    file=sys.stderr,
                    flush=True,
                )
        return [found[k] for k in keys]


def open_kb(
    name: str, folder: Path, embedder: CachedEmbedder, fresh: bool = False, generator=None
) -> KnowledgeBase:
    """A kb store for one corpus and embedder variant, synced with kb's own pipeline."""
    from ingest.sync import Syncer

    go_offline()
    home = BENCH_ROOT / "homes" / f"{name}-{embedder.variant}"
    if fresh and home.exists():
        import shutil

        shutil.rmtree(home)
    # the settings name the embedder so chunking uses its tokenizer budget, as shipped
    name_in_settings = {"torch": "sentence-transformers"}.get(embedder.variant, embedder.variant)
    kb = KnowledgeBase(
        Settings(home=home, embedder=name_in_settings),
        sanitizer=PassThrough(),
        embedder=embedder,
        generator=generator,
    )
    t = time.perf_counter()
    report = Syncer(kb).sync([folder])
    print(
        f"  [{name}] synced in {time.perf_counter() - t:.1f} s: {report.added} added, "
        f"{report.unchanged} unchanged, {len(report.failed)} failed, {report.chunks} chunks",
        file=sys.stderr,
        flush=True,
    )
    return kb


# --- metrics -------------------------------------------------------------------------------
def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 10) -> float:
    gains = [relevant.get(d, 0) for d in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int] | set[str], k: int) -> float:
    rel = {d for d in relevant if (relevant[d] if isinstance(relevant, dict) else 1) > 0}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def dedupe(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). Not ``ru_maxrss``: Linux carries a parent's RSS at
    fork into its child's, so a child of a 7 GB parent reports 7 GB (bench/scale.py did)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024
