"""Retrieval quality on public benchmarks: kb's hybrid against its own two halves, same chunks.

    .venv/bin/python bench/retrieval.py [--embedder torch|onnx|onnx-int8]
                                        [--sets scifact,cuad,policyqa] [--policyqa-max N]

SciFact (BEIR): nDCG@10 and Recall@100 on the test judgments for BM25 (tantivy) alone, dense alone,
kb's hybrid as shipped (``Retriever.rank``), plus the fusion grid scored on the *train* judgments
(that is where ``kb.search.fusion.FUSION`` comes from) and each family's train-best setting on test.
CUAD: clause Recall@5 within each contract; PolicyQA: gold-paragraph Recall@5 within each policy.
Documents are ranked by their best chunk. Vectors are cached (bench/harness.py), so only the
first run embeds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpora import chunk_span, clause_found, cuad, policyqa, scifact  # noqa: E402
from bench.harness import CachedEmbedder, dedupe, ndcg_at, open_kb, recall_at  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.records import Filters  # noqa: E402
from kb.search.fusion import FUSION, Fusion, fuse  # noqa: E402
from kb.search.retrieval import CANDIDATES  # noqa: E402

DEEP = 300  # chunks fetched when 100 distinct documents are needed (abstracts are ~2.5 chunks)
GRID = [Fusion("convex", alpha=a / 20, norm=n) for n in ("tmm", "minmax") for a in range(21)] + [
    Fusion("rrf", k=k, dense_weight=w)
    for k in (1, 5, 10, 20, 40, 60, 100)
    for w in (0.5, 0.75, 1.0, 1.5, 2.0)
]


def describe(f: Fusion) -> str:
    if f.method == "rrf":
        return f"rrf k={f.k} dense_weight={f.dense_weight}"
    return f"convex alpha={f.alpha:.2f} norm={f.norm}"


def _docs(ids: Sequence[str], doc_of: dict[str, str]) -> list[str]:
    return dedupe(doc_of[i] for i in ids if i in doc_of)


def scifact_section(kb: KnowledgeBase) -> dict[str, float]:
    sf = scifact()
    doc_of = {c.id: sf.doc_id(c.source) for c in kb.store.all_chunks()}
    r = kb.retriever
    # the two candidate lists rank() fuses, per query, for the offline grid (train and test)
    cands: dict[str, tuple[list, list]] = {}
    plans = {qid: r.plan(q) for qid, q in sf.queries.items()}  # as rank() sees the question
    for split in ("train", "test"):
        for qid in sf.qrels[split]:
            p = plans[qid]
            cands[qid] = (
                r.dense(p.text, CANDIDATES, p.filters),
                r.lexical_scored(p.text, CANDIDATES, p.filters),
            )

    def score(split: str, fusion: Fusion) -> float:
        return statistics.fmean(
            ndcg_at(_docs([i for i, _ in fuse(*cands[q], fusion)], doc_of), rel, 10)
            for q, rel in sf.qrels[split].items()
        )

    print("\n== SciFact: fusion grid on TRAIN (809 queries), nDCG@10 ==")
    train = {describe(f): (score("train", f), f) for f in GRID}
    best: dict[str, tuple[float, Fusion]] = {}
    for s, f in train.values():
        fam = f.method + ("" if f.method == "rrf" else "-" + f.norm)
        if fam not in best or s > best[fam][0]:
            best[fam] = (s, f)
    for f in (Fusion("rrf", k=60), FUSION):
        print(
            f"  {describe(f):55} train {score('train', f):.4f}"
            f"{'   <- shipped' if f == FUSION else '   <- previous default'}"
        )
    for fam, (s, f) in sorted(best.items()):
        print(f"  best {fam + ':':15} {describe(f):34} train {s:.4f}  test {score('test', f):.4f}")

    print("\n== SciFact TEST (300 queries) ==")
    rows: dict[str, Callable[[str], list[str]]] = {
        "BM25 alone": lambda qid: [
            i for i, _ in r.lexical_scored(plans[qid].text, DEEP, plans[qid].filters)
        ],
        "dense alone": lambda qid: [
            i for i, _ in r.dense(plans[qid].text, DEEP, plans[qid].filters)
        ],
    }
    out: dict[str, float] = {}
    for name, run in rows.items():
        nd, rc = [], []
        for qid, rel in sf.qrels["test"].items():
            docs = _docs(run(qid), doc_of)
            nd.append(ndcg_at(docs, rel, 10))
            rc.append(recall_at(docs, rel, 100))
        out[name] = statistics.fmean(nd)
        print(f"  {name:28} nDCG@10 {out[name]:.4f}   Recall@100 {statistics.fmean(rc):.4f}")
    nd, rc = [], []
    t = time.perf_counter()
    for qid, rel in sf.qrels["test"].items():
        q = sf.queries[qid]
        nd.append(ndcg_at(_docs([h.hit.chunk_id for h in r.rank(q, 30)], doc_of), rel, 10))
        rc.append(recall_at(_docs([h.hit.chunk_id for h in r.rank(q, DEEP)], doc_of), rel, 100))
    out["hybrid"] = statistics.fmean(nd)
    print(
        f"  {'kb hybrid (rank, shipped)':28} nDCG@10 {out['hybrid']:.4f}   "
        f"Recall@100 {statistics.fmean(rc):.4f}   ({describe(FUSION)}; "
        f"{(time.perf_counter() - t) / len(nd) / 2 * 1000:.0f} ms/query)"
    )
    print(f"  previous default rrf k=60 on test: nDCG@10 {score('test', Fusion('rrf', k=60)):.4f}")
    bm25, dense = out["BM25 alone"], out["dense alone"]
    print(
        f"  goals: hybrid >= 1.05 x BM25 = {1.05 * bm25:.4f}: "
        f"{'met' if out['hybrid'] >= 1.05 * bm25 else 'MISSED'};  hybrid >= dense + 0.03 = "
        f"{dense + 0.03:.4f}: {'met' if out['hybrid'] >= dense + 0.03 else 'MISSED'}"
    )
    return out


def _recall5(
    title: str,
    questions: list,
    hit: Callable[[object, list[str]], bool],
    kb: KnowledgeBase,
    filters: Callable[[object], Filters],
) -> None:
    r = kb.retriever
    systems: dict[str, Callable[[str, Filters], list[str]]] = {
        "BM25 alone": lambda q, f: r.lexical(q, 5, f),
        "dense alone": lambda q, f: [i for i, _ in r.dense(q, 5, f)],
        "kb hybrid (rank, shipped)": lambda q, f: [x.hit.chunk_id for x in r.rank(q, 5, f)],
    }
    print(f"\n== {title} ({len(questions)} questions) ==")
    scores = {}
    for name, run in systems.items():
        found = [hit(q, run(q.question, filters(q))) for q in questions]
        scores[name] = sum(found) / len(found)
        print(f"  {name:28} Recall@5 {scores[name]:.4f}")
    better = max(scores["BM25 alone"], scores["dense alone"])
    gap = scores["kb hybrid (rank, shipped)"] - better
    print(
        f"  hybrid - better component = {gap:+.4f} (goal >= -0.01: "
        f"{'met' if gap >= -0.01 else 'MISSED'})"
    )


def cuad_section(emb: CachedEmbedder, fresh: bool) -> None:
    root, questions = cuad()
    kb = open_kb("cuad", root, emb, fresh)
    text = {c.id: c.text for c in kb.store.all_chunks()}
    by_folder: dict[str, list[str]] = {}
    for cid, path in ((c.id, c.source) for c in kb.store.all_chunks()):
        by_folder.setdefault(str(Path(path).parent), []).append(cid)
    reachable = sum(
        any(clause_found(text[i], q.answers) for i in by_folder.get(str(q.folder), []))
        for q in questions
    )
    print(
        f"\n  (CUAD: a gold clause is in some chunk of its contract for {reachable} of "
        f"{len(questions)} questions: the ceiling for Recall@5)"
    )
    _recall5(
        "CUAD clause retrieval within each contract",
        questions,
        lambda q, ids: any(clause_found(text[i], q.answers) for i in ids),
        kb,
        lambda q: Filters(folder=str(q.folder)),
    )


def policyqa_section(emb: CachedEmbedder, fresh: bool, limit: int | None) -> None:
    root, questions = policyqa()
    docs = {str(q.folder): q.doc_norm for q in questions}
    questions = questions[:limit] if limit else questions
    kb = open_kb("policyqa", root, emb, fresh)
    spans: dict[str, tuple[int, int] | None] = {}
    for cid, path, text in ((c.id, c.source, c.text) for c in kb.store.all_chunks()):
        spans[cid] = chunk_span(docs.get(str(Path(path).parent), ""), text)

    def overlaps(q: object, ids: list[str]) -> bool:
        lo, hi = q.gold  # type: ignore[attr-defined]
        return any((s := spans.get(i)) is not None and s[0] < hi and lo < s[1] for i in ids)

    missing = sum(1 for s in spans.values() if s is None)
    print(f"\n  (PolicyQA: {missing} of {len(spans)} chunks could not be placed in their policy)")
    _recall5(
        "PolicyQA gold paragraph within each policy",
        questions,
        overlaps,
        kb,
        lambda q: Filters(folder=str(q.folder)),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedder", default="torch", choices=["torch", "onnx", "onnx-int8", "fake"])
    ap.add_argument("--sets", default="scifact,cuad,policyqa")
    ap.add_argument("--policyqa-max", type=int, default=None, help="first N questions only")
    ap.add_argument("--fresh", action="store_true", help="rebuild the kb stores (not the vectors)")
    args = ap.parse_args()
    emb = CachedEmbedder(args.embedder)
    sets = args.sets.split(",")
    print(f"embedder {args.embedder}; shipped fusion: {describe(FUSION)}")
    if "scifact" in sets:
        scifact_section(open_kb("scifact", scifact().folder, emb, args.fresh))
    if "cuad" in sets:
        cuad_section(emb, args.fresh)
    if "policyqa" in sets:
        policyqa_section(emb, args.fresh, args.policyqa_max)
    print(f"\nvectors computed this run: {emb.computed} ({emb.seconds:.0f} s of embedding)")


if __name__ == "__main__":
    main()
