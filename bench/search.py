"""HNSW recall at scale: Chroma's recall@10/@50 against exact search, per ef_search.

    .venv/bin/python bench/search.py [--sizes 10000,100000] [--queries 300]

Stores of n chunks are built once under the bench root from real material: the all-MiniLM-L6-v2
vectors and texts of SciFact's chunks (run bench/retrieval.py first; it caches them). Beyond the
~11k real chunks, each further chunk is a copy of a real one with its vector jittered (cosine ~0.9
to the original) and its words shuffled, so the vector and term statistics stay realistic.
Queries are SciFact's real claims with their real query vectors.

Prints recall@10 and @50 against exact cosine search and the bare query's latency for several
``ef_search`` values (goal: recall@10 >= 0.98 at the shipped one). kb search's own latency
against bare Chroma, up to a million chunks: bench/scale.py, which builds on these stores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpora import scifact  # noqa: E402
from bench.harness import BENCH_ROOT, CachedEmbedder  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.records import Chunk  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402
from kb.store.manifest import Manifest  # noqa: E402
from kb.store.vectors import VectorStore  # noqa: E402
from kb.store.writer import FileUpdate  # noqa: E402

DIM, JITTER, PER_FILE, BATCH = 384, 0.0247, 20, 1000


class Lookup:
    """An embedder that returns the query vector the benchmark prepared (no model, no cost)."""

    name, dim = "lookup", DIM

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def embed(self, texts):
        return [self.table[t] for t in texts]


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def real_material() -> tuple[np.ndarray, list[str], list[tuple[str, np.ndarray]]]:
    """SciFact chunk vectors and texts from the torch store, and the claims with their vectors."""
    home = BENCH_ROOT / "homes" / "scifact-torch"
    if not (home / "manifest.sqlite3").exists():
        raise SystemExit("run bench/retrieval.py first: it builds the SciFact store used here")
    rows = sorted((c.id, c.text) for c in Manifest(home / "manifest.sqlite3").all_chunks())
    stored = VectorStore(home / "chroma").vectors([r[0] for r in rows])
    vectors = np.array([stored[r[0]] for r in rows], dtype=np.float32)
    sf = scifact()
    claims = list(sf.queries.values())
    qv = CachedEmbedder("torch").embed_np(claims)
    return vectors, [r[1] for r in rows], list(zip(claims, qv, strict=True))


def build(
    n: int,
    real: np.ndarray,
    texts: list[str],
    lookup: Lookup,
    seed: int = 7,
    upto: int | None = None,
    vectors_too: bool = True,
) -> tuple[KnowledgeBase, np.ndarray | None]:
    """The n-chunk store, built once; ``upto``: only its first chunks so far (a later call
    goes on from there, as bench/scale.py does to time the last ones). ``vectors_too=False``:
    of a complete store, return no vectors (1.5 GB at 1M: not part of kb's memory)."""
    go_offline()
    upto = n if upto is None else upto
    if not vectors_too:
        home = BENCH_ROOT / "homes" / f"scale-{n}-s{seed}"
        kb = KnowledgeBase(Settings(home=home, embedder="fake"), embedder=lookup)
        if kb.store.chunk_count() >= upto:
            return kb, None
        kb.close()
    rng = np.random.default_rng(seed)
    src = np.arange(n) % len(real)
    vectors = real[src].copy()
    extra = np.arange(n) >= len(real)
    vectors[extra] = _unit(vectors[extra] + JITTER * rng.standard_normal((int(extra.sum()), DIM)))
    home = BENCH_ROOT / "homes" / f"scale-{n}-s{seed}"
    settings = Settings(home=home, embedder="fake")  # chunks are written directly: no budget
    # kb's own sanitizer: it is part of a search
    kb = KnowledgeBase(settings, embedder=lookup)
    have = kb.store.chunk_count()
    if have < upto:
        t = time.perf_counter()
        for f in range(have - have % BATCH, upto, BATCH):  # batches are whole files: rewritable
            ups = []
            for start in range(f, min(upto, f + BATCH), PER_FILE):
                path = f"/scale/{start // PER_FILE:06d}.md"
                chunks = []
                for i in range(start, min(n, start + PER_FILE)):
                    words = texts[src[i]].split()
                    if extra[i]:
                        rng.shuffle(words)
                    text = " ".join(words)
                    chunks.append(
                        Chunk(
                            id=f"c{i:07d}",
                            source=path,
                            part="",
                            index=i - start,
                            text=text,
                            start=0,
                            end=len(text),
                            page=None,
                            kind="note",
                            title=f"note {start // PER_FILE}",
                            date=f"{2020 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        )
                    )
                ups.append(
                    FileUpdate(
                        path,
                        1,
                        1,
                        f"h{start}",
                        "note",
                        chunks,
                        vectors[start : start + len(chunks)].tolist(),
                    )
                )
            with kb.store.writing() as w:
                w.replace_files(ups)
            print(f"  built {min(upto, f + BATCH)}/{n}", file=sys.stderr, end="\r")
        took = time.perf_counter() - t
        print(f"  built {upto - have} chunks of a {n}-chunk store in {took:.0f} s", file=sys.stderr)
    return kb, vectors


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


def probe(n: int, ef: int, count: int) -> dict[str, float]:
    """Recall and bare latency with one ef_search, in a fresh process: Chroma fixes ef_search
    when a process first loads the index, so a later change would not be seen."""
    real, texts, claims = real_material()
    qs = claims[:count]
    kb, vectors = build(n, real, texts, Lookup({}))
    col = kb.store.vectors._col
    col.modify(configuration={"hnsw": {"ef_search": ef}})
    found10, found50, times = [], [], []
    for _, v in qs:
        s = vectors @ v
        # a returned chunk at least as close as the exact k-th counts: SciFact has duplicates
        k10, k50 = np.sort(s)[-10] - 1e-6, np.sort(s)[-50] - 1e-6
        t = time.perf_counter()
        got = col.query(query_embeddings=[v.tolist()], n_results=10, include=[])
        times.append(time.perf_counter() - t)
        found10.append(sum(s[int(i[1:])] >= k10 for i in got["ids"][0]) / 10)
        # the retriever asks for 50 candidates: their recall matters for fusion
        got = col.query(query_embeddings=[v.tolist()], n_results=50, include=[])
        found50.append(sum(s[int(i[1:])] >= k50 for i in got["ids"][0]) / 50)
    return {
        "r10": float(np.mean(found10)),
        "r50": float(np.mean(found50)),
        "p50": pct(times, 50),
        "p95": pct(times, 95),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--ef", default="10,50,100,200,400")
    ap.add_argument("--probe", nargs=2, type=int, help=argparse.SUPPRESS)  # n ef: internal
    ap.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe:
        print(json.dumps(probe(*args.probe, args.queries)))
        return
    if args.build:
        build(args.build, *real_material()[:2], Lookup({}))
        return
    for n in (int(s) for s in args.sizes.split(",")):
        # built in a process of its own: the probes must be the first to load the index
        subprocess.run([sys.executable, __file__, "--build", str(n)], check=True)
        print(f"\n== {n} chunks, {args.queries} queries ==", flush=True)
        for ef in [int(e) for e in args.ef.split(",")]:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--probe",
                    str(n),
                    str(ef),
                    "--queries",
                    str(args.queries),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(
                f"  ef_search {ef:4}: recall@10 {r['r10']:.4f}  recall@50 {r['r50']:.4f}   "
                f"bare query (10) p50 {r['p50']:.2f} ms p95 {r['p95']:.2f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
