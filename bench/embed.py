"""Embedding speed and what it costs: torch vs ONNX vs ONNX-int8 on the same chunks.

    .venv/bin/python bench/embed.py [--sample 512] [--rounds 2]

Speed: the same SciFact chunk texts (what kb's sync hands the embedder: title in front), batch 32,
all cores, each variant timed ``--rounds`` times in turns (torch, onnx, int8, torch, ...) so
machine load hits all alike; the best round counts. Start-up (import + model load) is printed
apart: it is what a one-shot `kb search` pays. Quality: nDCG@10 on the SciFact test queries for
dense alone and for kb's hybrid, with each variant's vectors for the whole corpus (cached across
runs: the first run embeds SciFact once per variant).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpora import scifact  # noqa: E402
from bench.harness import CachedEmbedder, dedupe, ndcg_at, open_kb, variant_factory  # noqa: E402
from kb.chunker import embedding_text  # noqa: E402

VARIANTS = ("torch", "onnx", "onnx-int8")


def quality(variant: str) -> tuple[float, float]:
    """(dense nDCG@10, hybrid nDCG@10) on SciFact test with this variant's vectors."""
    sf = scifact()
    emb = CachedEmbedder(variant)
    kb = open_kb("scifact", sf.folder, emb)
    doc_of = {c.id: sf.doc_id(c.source) for c in kb.store.all_chunks()}
    dense, hybrid = [], []
    for qid, rel in sf.qrels["test"].items():
        q = sf.queries[qid]
        plan = kb.retriever.plan(q)  # the question as rank() searches it
        ids = [i for i, _ in kb.retriever.dense(plan.text, 50, plan.filters)]
        dense.append(ndcg_at(dedupe(doc_of[i] for i in ids), rel, 10))
        ids = [r.hit.chunk_id for r in kb.retriever.rank(q, 30)]
        hybrid.append(ndcg_at(dedupe(doc_of[i] for i in ids), rel, 10))
    kb.close()
    return statistics.fmean(dense), statistics.fmean(hybrid)


def sample_texts(n: int) -> list[str]:
    """Every k-th chunk of the torch SciFact store: the texts kb's sync embeds."""
    sf = scifact()
    kb = open_kb("scifact", sf.folder, CachedEmbedder("torch"))
    chunks = sorted(kb.store.all_chunks(), key=lambda c: c.id)
    kb.close()
    step = max(1, len(chunks) // n)
    return [embedding_text(c) for c in chunks[::step][:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=512)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    texts = sample_texts(args.sample)
    loaded, rates = {}, {v: [] for v in VARIANTS}
    for v in VARIANTS:
        t = time.perf_counter()
        loaded[v] = variant_factory(v)()
        print(f"  {v:10} start-up (import + load) {time.perf_counter() - t:5.1f} s")
        loaded[v].embed(texts[:32])  # warm-up
    for _ in range(args.rounds):
        for v in VARIANTS:
            t = time.perf_counter()
            loaded[v].embed(texts)
            rates[v].append(len(texts) / (time.perf_counter() - t))
    scores = {v: quality(v) for v in VARIANTS}
    base = scores["torch"]
    print(
        f"\nSciFact, {len(texts)} chunks, best of {args.rounds} rounds; nDCG@10 on 300 test queries"
    )
    print(
        f"  {'variant':10} {'chunks/s':>9} {'speed-up':>9} {'dense':>8} {'change':>8} "
        f"{'hybrid':>8} {'change':>8}"
    )
    for v in VARIANTS:
        d, h = scores[v]
        print(
            f"  {v:10} {max(rates[v]):9.1f} {max(rates[v]) / max(rates['torch']):8.2f}x "
            f"{d:8.4f} {d - base[0]:+8.4f} {h:8.4f} {h - base[1]:+8.4f}"
        )
    # "costs": a drop; a variant that happens to score higher costs nothing
    ok = [
        v for v in VARIANTS if base[0] - scores[v][0] <= 0.005 and base[1] - scores[v][1] <= 0.005
    ]
    fastest = max(ok, key=lambda v: max(rates[v]))
    print(f"\n  fastest variant within 0.005 nDCG@10 of torch: {fastest}")


if __name__ == "__main__":
    main()
