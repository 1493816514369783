"""Answer benchmark: kb's LLM path against a bare llama-cpp-python call, and extractive latency.

    KB_MODEL=path/to/model.gguf .venv/bin/python bench/answer.py [-n 6] [--width 64 --layers 2]

Without KB_MODEL a random-weight llama GGUF is written (tests/tiny_gguf.py; --width/--layers
make it bigger so that compute, not Python, dominates as it does with a real model). sample_corpus
is indexed with the real embedder, then for each question, in the same process and interleaved:

* kb: ``Answerer.ask`` — retrieval, relevance floor, prompt within budget, streaming, citations.
  Time to first token is reported end to end and from the moment kb calls the model.
* bare: a second ``Llama`` on the same file, ``create_chat_completion(stream=True)`` with the
  very messages kb built, same sampling settings and stop sequences.

Goal: kb's generation-path overhead (time to first token, tokens/s) within 10 % of bare. Also:
prompt tokens per question (kb's count and the model's own count with the chat template), the
effect of llama.cpp's prompt-prefix reuse and of LlamaRAMCache, and extractive-answer latency.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.answer_timing import Timed, bare_call, gen_messages, med, rate, ttft  # noqa: E402
from ingest.sync import Syncer  # noqa: E402
from kb.answer.answerer import Answerer  # noqa: E402
from kb.answer.generator import LlamaGenerator  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402
from tests.tiny_gguf import write_tiny_gguf  # noqa: E402

QUESTIONS = [
    "What did the vet say about Biscuit?",
    "What is my notice period for the flat?",
    "When does my flight to Lisbon leave?",
    "How much was the bike service?",
    "How long does my non-compete last?",
    "Where do I meet Dana for the sailing trip?",
    "What time is check-in at Casa Azulejo?",
    "How much is the security deposit on my flat?",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=6, help=f"questions (max {len(QUESTIONS)})")
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    go_offline()
    from llama_cpp import Llama, LlamaRAMCache

    tmp = Path(tempfile.mkdtemp(prefix="kb_bench_answer_"))
    model = (
        Path(os.environ["KB_MODEL"])
        if os.environ.get("KB_MODEL")
        else write_tiny_gguf(
            tmp / f"random-{args.width}x{args.layers}.gguf",
            width=args.width,
            layers=args.layers,
            heads=4 if args.width < 256 else args.width // 64,
        )
    )
    threads = args.threads or os.cpu_count() or 1
    kb = KnowledgeBase(Settings(home=tmp / "home"))
    t = time.perf_counter()
    Syncer(kb).sync([REPO / "sample_corpus"])
    print(f"index sample_corpus  {time.perf_counter() - t:.1f} s (real embedder, not counted)")
    kb.retriever.today = lambda: date(2025, 12, 31)  # the corpus is set in 2025

    t = time.perf_counter()
    gen = Timed(LlamaGenerator(model, n_threads=threads))
    load = time.perf_counter() - t
    bare = Llama(model_path=str(model), n_ctx=gen.inner.n_ctx, n_threads=threads, verbose=False)
    answerer = Answerer(kb.retriever, lambda: kb.embedder, lambda: gen)
    extractive = Answerer(kb.retriever, lambda: kb.embedder, lambda: None)
    questions = QUESTIONS[: args.n]
    extractive.ask(questions[0])  # warm the embedder and Chroma once, as any session does

    rows = []
    for rnd in range(args.rounds):
        for i, q in enumerate(questions):
            kb_first = (i + rnd) % 2 == 0  # alternate who goes first: load bursts hit both
            if not kb_first:
                messages = gen_messages(answerer, q)
                b_ttft, b_gen, b_n = bare_call(bare, messages)
            t0 = time.perf_counter()
            a = answerer.ask(q)
            if a.mode != "llm":
                print(f"  (no model call for {q!r}: mode {a.mode})")
                continue
            if kb_first:
                b_ttft, b_gen, b_n = bare_call(bare, gen.messages)
            real = bare.create_chat_completion(messages=gen.messages, max_tokens=1)
            rows.append(
                dict(
                    q=q,
                    e2e=gen.first - t0,
                    ttft=gen.first - gen.called,
                    gen=gen.last - gen.first,
                    n=gen.pieces,
                    b_ttft=b_ttft,
                    b_gen=b_gen,
                    b_n=b_n,
                    ours=answerer.last_prompt_tokens,
                    real=real["usage"]["prompt_tokens"],
                    pre=gen.called - t0,
                )
            )

    # Prompt-prefix reuse, three Llama objects side by side on the same prompts: reset() before
    # every call (nothing reused); the default (the object keeps the last prompt's KV cache, so
    # the shared system message is not read again); and LlamaRAMCache (whole states stored by
    # token prefix, restored when a stored prefix is longer than the live one).
    msgs = [gen_messages(answerer, q) for q in questions]
    cold_llm, warm_llm, ram_llm = (
        Llama(model_path=str(model), n_ctx=gen.inner.n_ctx, n_threads=threads, verbose=False)
        for _ in range(3)
    )
    ram_llm.set_cache(LlamaRAMCache(capacity_bytes=1 << 30))
    cold, warm, ram = [], [], []
    for m in msgs * 2:  # the second pass repeats questions: what a RAM cache is for
        cold_llm.reset()
        cold.append(ttft(cold_llm, m))
        warm.append(ttft(warm_llm, m))
        ram.append(ttft(ram_llm, m))
    half = len(msgs)

    ext = []
    for q in questions:
        t0 = time.perf_counter()
        extractive.ask(q)
        ext.append(time.perf_counter() - t0)

    print(
        f"model                {model.name} ({model.stat().st_size / 1e6:.1f} MB, "
        f"loaded in {load:.2f} s, n_ctx {gen.inner.n_ctx}, {threads} threads)"
    )
    print(
        f"{'question':44} {'prompt tok':>10} {'kb ttft':>8} {'gen ttft':>8} {'bare':>8} "
        f"{'kb tok/s':>8} {'bare':>8}"
    )
    for r in rows:
        print(
            f"{r['q'][:44]:44} {r['ours']:>4}/{r['real']:<5} {r['e2e']:8.3f} {r['ttft']:8.3f} "
            f"{r['b_ttft']:8.3f} {rate(r['n'], r['gen']):8.1f} {rate(r['b_n'], r['b_gen']):8.1f}"
        )
    g, b = med([r["ttft"] for r in rows]), med([r["b_ttft"] for r in rows])
    kr = rate(sum(r["n"] for r in rows) - len(rows) + 1, sum(r["gen"] for r in rows))
    br = rate(sum(r["b_n"] for r in rows) - len(rows) + 1, sum(r["b_gen"] for r in rows))
    print(
        f"time to first token, median of {len(rows)}: kb {med([r['e2e'] for r in rows]):.3f} s "
        f"end to end (retrieval + prompt building "
        f"{med([r['pre'] for r in rows]) * 1000:.0f} ms), {g:.3f} s from the model call; "
        f"bare {b:.3f} s -> overhead {100 * (g / b - 1):+.1f} %"
    )
    best: dict[str, list[float]] = {}
    for r in rows:  # best of the rounds per question: what the code costs when the CPU is free
        k, b_ = best.setdefault(r["q"], [float("inf"), float("inf")]), r
        best[r["q"]] = [min(k[0], b_["ttft"]), min(k[1], b_["b_ttft"])]
    kb_best, bare_best = sum(v[0] for v in best.values()), sum(v[1] for v in best.values())
    print(
        f"time to first token, best of {args.rounds} rounds summed over {len(best)} questions: "
        f"kb {kb_best:.3f} s, bare {bare_best:.3f} s -> overhead "
        f"{100 * (kb_best / bare_best - 1):+.1f} %"
    )
    print(
        f"tokens/s over all answers: kb {kr:.1f}, bare {br:.1f} -> {100 * (kr / br - 1):+.1f} %"
        f" ({sum(r['n'] for r in rows)} and {sum(r['b_n'] for r in rows)} pieces)"
    )
    print(
        f"prompt tokens (kb's count incl. template estimate / the model's): median "
        f"{med([r['ours'] for r in rows]):.0f} / {med([r['real'] for r in rows]):.0f}, "
        f"max {max(r['real'] for r in rows)} (budget {answerer.prompt_budget})"
    )
    print(
        f"prompt reading + 1 token, median: nothing reused {med(cold):.3f} s, same object "
        f"(default) {med(warm[:half]):.3f} s, +LlamaRAMCache {med(ram[:half]):.3f} s; "
        f"repeated questions: {med(cold[half:]):.3f} / {med(warm[half:]):.3f} / "
        f"{med(ram[half:]):.3f} s"
    )
    print(
        f"extractive answer latency: median {med(ext) * 1000:.0f} ms, max "
        f"{max(ext) * 1000:.0f} ms over {len(ext)} questions"
    )
    kb.close()


if __name__ == "__main__":
    main()
