"""Search at scale: kb's full search against a bare Chroma query, and HNSW recall vs exact search.

    .venv/bin/python bench/search.py [--sizes 10000,100000] [--queries 300]

Stores of n chunks are built once under the bench root from real material: the all-MiniLM-L6-v2
vectors and texts of SciFact's chunks (run bench/retrieval.py first; it caches them). Beyond the
~11k real chunks, each further chunk is a copy of a real one with its vector jittered (cosine ~0.9
to the original) and its words shuffled, so the vector and term statistics stay realistic.
Queries are SciFact's real claims with their real query vectors. The query vector is looked up,
not computed, on both sides: embedding costs the same whichever way the store is searched.

Prints p50/p95 latency of ``Retriever.search(q, 10)`` (sanitize, dense 50 + FTS5 50, fusion,
chunk rows) and of a bare ``collection.query(n_results=10)``, their ratio (goal <= 1.5), and
Chroma's recall@10 against exact cosine search for several ``ef_search`` values (goal >= 0.98).
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
from kb.search.retrieval import CANDIDATES  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402
from kb.store.manifest import Manifest  # noqa: E402
from kb.store.vectors import EF_SEARCH, VectorStore  # noqa: E402
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
    n: int, real: np.ndarray, texts: list[str], lookup: Lookup, seed: int = 7
) -> tuple[KnowledgeBase, np.ndarray]:
    go_offline()
    rng = np.random.default_rng(seed)
    src = np.arange(n) % len(real)
    vectors = real[src].copy()
    extra = np.arange(n) >= len(real)
    vectors[extra] = _unit(vectors[extra] + JITTER * rng.standard_normal((int(extra.sum()), DIM)))
    home = BENCH_ROOT / "homes" / f"scale-{n}-s{seed}"
    settings = Settings(home=home, embedder="fake")  # chunks are written directly: no budget
    # kb's own sanitizer: it is part of a search
    kb = KnowledgeBase(settings, embedder=lookup)
    if kb.store.chunk_count() != n:
        t = time.perf_counter()
        for f in range(0, n, BATCH):
            ups = []
            for start in range(f, min(n, f + BATCH), PER_FILE):
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
            print(f"  built {min(n, f + BATCH)}/{n}", file=sys.stderr, end="\r")
        print(f"  built a {n}-chunk store in {time.perf_counter() - t:.0f} s", file=sys.stderr)
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


def latency(n: int, count: int) -> None:
    real, texts, claims = real_material()
    qs = claims[:count]
    lookup = Lookup({})
    kb, _ = build(n, real, texts, lookup)
    for q, v in qs:  # keyed by what the retriever will embed: sanitized, dates taken out
        lookup.table[kb.retriever.plan(q).text] = v.tolist()
    col = kb.store.vectors._col  # the raw Chroma collection: the bare baseline
    for q, _ in qs[:20]:  # warm caches on both paths
        kb.retriever.search(q, 10)
    r = kb.retriever
    bare, full, dense, lexical, count_ms = [], [], [], [], []
    for q, v in qs:  # interleaved, so machine load hits every path alike
        t = time.perf_counter()
        col.query(query_embeddings=[v.tolist()], n_results=10, include=["distances"])
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        r.search(q, 10)
        full.append(time.perf_counter() - t)
        plan = r.plan(q)  # the parts of one search, timed alone
        t = time.perf_counter()
        r.dense(plan.text, CANDIDATES, plan.filters)
        dense.append(time.perf_counter() - t)
        t = time.perf_counter()
        r.lexical_scored(plan.text, CANDIDATES, plan.filters)
        lexical.append(time.perf_counter() - t)
        t = time.perf_counter()
        kb.store.vectors.count()
        count_ms.append(time.perf_counter() - t)
    print(
        f"  shipped ef_search {EF_SEARCH}: bare Chroma p50 {pct(bare, 50):.2f} ms p95 "
        f"{pct(bare, 95):.2f} ms | kb search p50 {pct(full, 50):.2f} ms p95 "
        f"{pct(full, 95):.2f} ms | ratio p50 {pct(full, 50) / pct(bare, 50):.2f}x "
        f"p95 {pct(full, 95) / pct(bare, 95):.2f}x (goal <= 1.5x)"
    )
    print(
        f"  parts, p50: dense (Chroma, 50) {pct(dense, 50):.2f} ms, of which VectorStore.query's"
        f" count() call {pct(count_ms, 50):.2f} ms; keyword (FTS5 BM25, 50) "
        f"{pct(lexical, 50):.2f} ms"
    )
    kb.close()


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
        latency(n, args.queries)


if __name__ == "__main__":
    main()
