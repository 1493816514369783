"""Answer quality with real models, side by side in one run (a benchmark, not a test).

    .venv/bin/python bench/answer_quality.py MODEL.gguf [MODEL.gguf ...] [--n 12] [--threads 2]
                                             [--no-baseline]

For each model: kb as shipped (few strong passages, the grammar, every claim checked, quotes as
the fallback) and a plain baseline on the same model (top-5 passages, a generic RAG prompt — kb's
previous one — no grammar, no checking); once: kb extractive. Sets (bench/quality_sets.py):
sample_corpus, PolicyQA and CUAD questions with gold answers, near misses, and sample questions
asked of an index without their answering files. Each model runs in a process of its own, so
its peak memory is its own. Prints, per system: right-and-cited, shown as verified but wrong,
answers with a claim no cited passage holds, refusal of near misses and of withheld evidence,
false refusal, time to first useful text and to the full answer, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import quality_sets as sets  # noqa: E402
from bench.harness import BENCH_ROOT, CachedEmbedder, open_kb, peak_rss_mb  # noqa: E402
from bench.plain_rag import plain_answer  # noqa: E402
from kb.answer.generator import LlamaGenerator  # noqa: E402

OUT = BENCH_ROOT / "quality"
HEADERS = (
    "right+cited",
    "verified wrong",
    "unsupported",
    "near-miss refused",
    "withheld refused",
    "false refusal",
    "first text s",
    "full answer s",
)


def ask_all(kb, questions, system: str, generator=None) -> list[dict]:
    rows = []
    for q in questions:
        started = time.perf_counter()
        first: list[float] = []
        if system == "plain":
            a, first_s = plain_answer(kb, generator, q.question, q.filters)
            first.append(first_s)
        else:

            def draft(d, first=first, started=started) -> None:
                first.append(time.perf_counter() - started)

            a = kb.ask(q.question, filters=q.filters, on_draft=draft)
        total = time.perf_counter() - started
        verified_but_wrong = (
            a.mode == "llm" and a.verdict == "answered" and q.answerable and not sets.right(a, q)
        )
        unsupported = any(s.unsupported for s in a.checked)
        rows.append(
            {
                "set": q.set,
                "answerable": q.answerable,
                "refused": sets.refused(a),
                "right": q.answerable and sets.right(a, q),
                "cited": q.answerable and sets.cited(a, q),
                "verified_but_wrong": verified_but_wrong,
                "unsupported": unsupported,
                "first_s": first[0] if first else total,
                "total_s": total,
                "verdict": a.verdict,
                "mode": a.mode,
                "q": q.question,
                "answer": a.answer[:300],
                "model_answer": (a.model_answer or "")[:300],
                "claims_unsupported": [c for s in a.checked for c in s.unsupported],
            }
        )
        print(
            f"  [{system}] {q.set:<9} {a.verdict:<16} {total:5.1f} s  {q.question[:60]}"
            + (f"\n      model: {a.model_answer[:160]!r}" if a.model_answer else ""),
            file=sys.stderr,
            flush=True,
        )
    return rows


def run_one(model: Path | None, n: int, threads: int, baseline: bool = True) -> dict:
    emb = CachedEmbedder("onnx")
    generator = LlamaGenerator(model, n_threads=threads) if model else None
    policy_root, policy_qs = sets.policy(n)
    cuad_root, cuad_qs = sets.clauses(n)
    plan = [
        ("sample", sets.SAMPLE, sets.sample(n) + sets.near_misses(n)),
        ("withheld", sets.withheld_folder(), sets.withheld()),
        ("policyqa", policy_root, policy_qs),
        ("cuad", cuad_root, cuad_qs),
    ]
    results: dict[str, list[dict]] = {}
    systems = (["kb", "plain"] if baseline else ["kb"]) if generator else ["extractive"]
    for name, folder, questions in plan:
        kb = open_kb(f"quality-{name}", folder, emb, generator=generator)
        for system in systems:
            results.setdefault(system, []).extend(ask_all(kb, questions, system, generator))
        kb.close()
    peak_mb = peak_rss_mb()
    label = model.name if model else "extractive"
    return {"model": label, "peak_mb": peak_mb, "results": results}


def summary(rows: list[dict]) -> dict[str, str]:
    ans = [r for r in rows if r["answerable"]]
    near = [r for r in rows if r["set"] == "near_miss"]
    held = [r for r in rows if r["set"] == "withheld"]

    def rate(xs, key):
        return f"{sum(r[key] for r in xs)}/{len(xs)}" if xs else "-"

    both = [dict(r, rc=r["right"] and r["cited"]) for r in ans]
    return {  # the keys are HEADERS
        "right+cited": rate(both, "rc"),
        "verified wrong": rate(ans, "verified_but_wrong"),
        "unsupported": rate(rows, "unsupported"),
        "near-miss refused": rate(near, "refused"),
        "withheld refused": rate(held, "refused"),
        "false refusal": rate(ans, "refused"),
        "first text s": f"{statistics.median(r['first_s'] for r in rows):.1f}",
        "full answer s": f"{statistics.median(r['total_s'] for r in rows):.1f}",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="*", type=Path)
    ap.add_argument("--n", type=int, default=12, help="questions per set")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-baseline", action="store_true", help="skip the plain baseline (faster)")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child run
    ap.add_argument("--extractive", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.one or args.extractive:
        report = run_one(args.one, args.n, args.threads, not args.no_baseline)
        (OUT / f"{report['model']}.json").write_text(json.dumps(report, indent=1))
        return
    runs = [["--extractive"]] + [["--one", str(m)] for m in args.models]
    for extra in runs:
        subprocess.run(
            [sys.executable, __file__, *extra, "--n", str(args.n), "--threads", str(args.threads)]
            + (["--no-baseline"] if args.no_baseline else []),
            check=True,
        )
    names = ["extractive"] + [m.name for m in args.models]
    widths = [max(len(h), 7) for h in HEADERS]
    print(
        f"{'system':<42} "
        + " ".join(f"{h:>{w}}" for h, w in zip(HEADERS, widths, strict=True))
        + "  peak MB"
    )
    for name in names:
        report = json.loads((OUT / f"{name}.json").read_text())
        for system, rows in report["results"].items():
            values = summary(rows)
            print(
                f"{(system + ' ' + name)[:42]:<42} "
                + " ".join(f"{values[h]:>{w}}" for h, w in zip(HEADERS, widths, strict=True))
                + f"  {report['peak_mb']:7.0f}"
            )


if __name__ == "__main__":
    main()
