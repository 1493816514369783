"""Scale: kb search over up to a million chunks against bare Chroma, embedded and on a server.

    .venv/bin/python bench/scale.py [--sizes 100000,1000000] [--queries 300] [--no-server]

The stores are bench/search.py's (run bench/retrieval.py once first): SciFact's ~11k real chunks
with their real MiniLM vectors, then copies with jittered vectors and shuffled words. Per size:

  build     the store once; then its last 10,000 chunks removed and added again, timed, through
            kb's own writer (manifest, keyword index, Chroma, the write protocol included)
  disk      the manifest's live pages, the keyword index, the Chroma folder
  embedded  p50/p95 of ``Retriever.search(q, 10)`` (sanitize, dates, dense 50 + BM25 50,
            fusion, chunk rows) against a bare ``collection.query(n_results=10)``, interleaved
            so load hits both alike; the process's peak RSS
  quality   SciFact nDCG@10 on its 300 test claims at this size (a copy counts as the abstract
            it copies): how much the distractors cost, not a tuning target
  server    the same Chroma folder served by ``chroma run --path``: kb search with its vectors
            over HTTP against a bare HttpClient query; the server's RSS

Query vectors are looked up, not computed (embedding costs the same whichever way the store is
searched). Goal (issue 15): kb p95 <= 1.5x bare Chroma at 1M chunks. Before schema 4 the keyword
half was SQLite FTS5: at 100k chunks kb p95 was 11.5x bare (4.8x with common words pruned);
kb.store.keywords says why tantivy replaced it.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpora import scifact  # noqa: E402
from bench.harness import BENCH_ROOT, dedupe, ndcg_at, peak_rss_mb  # noqa: E402
from bench.search import PER_FILE, Lookup, build, pct, real_material  # noqa: E402
from kb.servers import Server  # noqa: E402
from kb.store.chroma_client import PathTokens  # noqa: E402
from kb.store.manifest import Manifest  # noqa: E402
from kb.store.vectors import VectorStore  # noqa: E402

TAIL = 10_000  # the chunks whose adding is timed
ENGINE = "tantivy"  # recorded with the timing: one made with the FTS5 writer is measured again


def du(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def live_mb(db: Path) -> float:
    """The manifest's used pages (an upgraded one keeps the dropped FTS5 pages as free ones)."""
    with sqlite3.connect(db) as c:
        pages = c.execute("PRAGMA page_count").fetchone()[0]
        free = c.execute("PRAGMA freelist_count").fetchone()[0]
        return (pages - free) * c.execute("PRAGMA page_size").fetchone()[0] / 2**20


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def grow(n: int) -> None:
    """Build the n-chunk store, then time re-adding its last TAIL chunks (recorded once)."""
    real, texts, _ = real_material()
    record = BENCH_ROOT / "homes" / f"scale-{n}-tail.json"
    kb, _ = build(n, real, texts, Lookup({}))
    t = time.perf_counter()
    with kb.store.writing():  # a store from before schema 4 gets its keyword index here
        pass
    opened = time.perf_counter() - t
    if opened > 1:
        print(f"  build    opened for writing in {opened:.0f} s (keyword index built)")
    if json.loads(record.read_text() if record.exists() else "{}").get("engine") != ENGINE:
        tail = [f"/scale/{s // PER_FILE:06d}.md" for s in range(n - TAIL, n, PER_FILE)]
        with kb.store.writing() as w:
            w.remove_files(tail)
        kb.close()
        t = time.perf_counter()
        kb, _ = build(n, real, texts, Lookup({}))
        record.write_text(json.dumps({"seconds": time.perf_counter() - t, "engine": ENGINE}))
    kb.close()


def doc_of_real() -> list[str]:
    """The SciFact abstract of each real chunk, in real_material()'s order."""
    home = BENCH_ROOT / "homes" / "scifact-torch"
    rows = sorted((c.id, c.source) for c in Manifest(home / "manifest.sqlite3").all_chunks())
    sf = scifact()
    return [sf.doc_id(src) for _, src in rows]


def timings(kb, queries, bare_query) -> dict[str, list[float]]:
    r = kb.retriever
    out: dict[str, list[float]] = {"bare": [], "kb": []}
    for q, v in queries[:20]:  # warm caches on both paths
        bare_query(v)
        r.search(q, 10)
    for q, v in queries:
        t = time.perf_counter()
        bare_query(v)
        out["bare"].append(time.perf_counter() - t)
        t = time.perf_counter()
        r.search(q, 10)
        out["kb"].append(time.perf_counter() - t)
    return out


def report(where: str, t: dict[str, list[float]]) -> dict[str, float]:
    # the slowest query too: one filter Chroma handles badly hides below p95 (8.4 s, once)
    marks = (("p50", 50), ("p95", 95), ("max", 100))
    row = {f"{k}_{p}": pct(v, q) for k, v in t.items() for p, q in marks}
    print(
        f"  {where:8} bare Chroma p50 {row['bare_p50']:6.2f} ms p95 {row['bare_p95']:6.2f} | "
        f"kb search p50 {row['kb_p50']:6.2f} ms p95 {row['kb_p95']:6.2f} | ratio p50 "
        f"{row['kb_p50'] / row['bare_p50']:.2f}x p95 {row['kb_p95'] / row['bare_p95']:.2f}x "
        f"(goal <= 1.5x) | slowest: bare {row['bare_max']:.1f} ms, kb {row['kb_max']:.1f} ms",
        flush=True,
    )
    return row


def quality(kb, n: int) -> float:
    sf, docs = scifact(), doc_of_real()
    scores = []
    for qid, rel in sf.qrels["test"].items():
        ids = [h.hit.chunk_id for h in kb.retriever.rank(sf.queries[qid], 30)]
        scores.append(ndcg_at(dedupe(docs[int(i[1:]) % len(docs)] for i in ids), rel, 10))
    print(f"  quality  SciFact nDCG@10 at {n} chunks: {statistics.fmean(scores):.4f}", flush=True)
    return statistics.fmean(scores)


class SameCollection(PathTokens):
    """The bench serves the very folder it built embedded, whose collection is "chunks"."""

    def collection(self) -> str:
        return "chunks"


def measure(n: int, count: int, server: bool) -> dict[str, object]:
    from tests.servers import ChromaServer, free_port

    real, texts, claims = real_material()
    lookup = Lookup({})
    kb, _ = build(n, real, texts, lookup, vectors_too=False)
    del real, texts  # what remains in memory is kb's: the peak RSS below is about kb
    sf = scifact()
    test_claims = {sf.queries[q] for q in sf.qrels["test"]}
    queries = [c for c in claims if c[0] in test_claims][:count]
    for q, v in claims:  # keyed by what the retriever embeds: dates taken out, or as asked
        lookup.table[kb.retriever.plan(q).text] = v.tolist()  # (when no dated passage fits)
        lookup.table[kb.retriever.sanitize(q)] = v.tolist()
    home = kb.settings.home
    row: dict[str, object] = {"chunks": n, "queries": len(queries)}
    tail = json.loads((BENCH_ROOT / "homes" / f"scale-{n}-tail.json").read_text())
    row["last_10k_s"] = tail["seconds"]
    print(f"  build    the last {TAIL} chunks added in {tail['seconds']:.1f} s")
    row |= {
        "manifest_mb": live_mb(home / "manifest.sqlite3"),
        "keywords_mb": du(home / "keywords"),
        "chroma_mb": du(home / "chroma"),
    }
    print(
        f"  disk     manifest {row['manifest_mb']:.0f} MB (live pages), keyword index "
        f"{row['keywords_mb']:.0f} MB, Chroma {row['chroma_mb']:.0f} MB"
    )
    col = kb.store.vectors._col

    def bare(v):
        col.query(query_embeddings=[v.tolist()], n_results=10, include=["distances"])

    row["embedded"] = report("embedded", timings(kb, queries, bare))
    row["rss_mb"] = peak_rss_mb()
    print(f"  memory   peak RSS {row['rss_mb']:.0f} MB (kb, embedded Chroma, the query table)")
    row["ndcg"] = quality(kb, n)
    if server:
        kb.store.vectors.close()  # the folder is the server's now
        kb.store._vectors = None
        srv = ChromaServer(home / "chroma", free_port()).start()
        try:
            key = SameCollection(b"bench")
            kb.store._vectors = VectorStore(home / "chroma", server=Server(srv.url), tokens=key)
            remote = kb.store.vectors._col

            def bare_http(v):
                remote.query(query_embeddings=[v.tolist()], n_results=10, include=["distances"])

            row["server"] = report("server", timings(kb, queries, bare_http))
            row["server_rss_mb"] = rss_mb(srv.proc.pid)
            print(f"  memory   `chroma run` RSS {row['server_rss_mb']:.0f} MB after the queries")
        finally:
            kb.close()
            srv.stop()
    else:
        kb.close()
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--no-server", action="store_true")
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # n: internal
    args = ap.parse_args()
    if args.measure:
        row = measure(args.measure, args.queries, not args.no_server)
        (BENCH_ROOT / f"scale-{args.measure}.json").write_text(json.dumps(row, indent=1))
        return
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"\n== {n} chunks ==", flush=True)
        grow(n)
        # measured in a fresh process: nothing of the build is in its caches or its RSS
        subprocess.run(
            [sys.executable, __file__, "--measure", str(n), "--queries", str(args.queries)]
            + (["--no-server"] if args.no_server else []),
            check=True,
        )
        rows.append(json.loads((BENCH_ROOT / f"scale-{n}.json").read_text()))
    (BENCH_ROOT / "scale.json").write_text(json.dumps(rows, indent=1))
    print(f"\nwritten to {BENCH_ROOT / 'scale.json'}")


if __name__ == "__main__":
    main()
