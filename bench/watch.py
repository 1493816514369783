"""Watcher benchmark: how fast a change becomes searchable, what idling costs, what start-up costs.

    .venv/bin/python bench/watch.py [--files 2000] [--notes 50] [--idle 60] [--embedder fake]

Prints, on a folder of small notes (BEIR SciFact abstracts, cut to one passage each, in 20
subfolders; generated text when the shared corpora are absent):

1. the time of a full index of the folder, and of the start-up reconciliation of the same,
   unchanged folder by the watch service, as a ratio of it (goal <= 2 %);
2. latency from a note's last write to its passage being in the index (p50 / p95 over --notes
   notes written one at a time while the service runs), checked afterwards with a search;
3. CPU seconds a `kb watch` process uses while the folder stays idle for --idle seconds
   (inotify, then --poll), read from /proc.

The default embedder is the one kb ships (all-MiniLM-L6-v2 through ONNX); its load is timed on
its own.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.sync import Syncer  # noqa: E402
from ingest.watch.service import WatchService  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402

SCIFACT = REPO.parent / "shared" / "corpora" / "beir_scifact" / "corpus.jsonl"
WORDS = 80  # keeps each note to one passage, like a short journal entry


def make_notes(folder: Path, n: int) -> str:
    docs: list[tuple[str, str]] = []
    if SCIFACT.exists():
        with open(SCIFACT, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["text"].strip():
                    docs.append((d["title"], " ".join(d["text"].split()[:WORDS])))
                if len(docs) == n:
                    break
    source = "BEIR SciFact abstracts" if len(docs) == n else "generated text"
    while len(docs) < n:
        i = len(docs)
        docs.append((f"Note {i}", f"Day {i}: the garden, the boat and topic{i}. " * 8))
    for i, (title, text) in enumerate(docs):
        sub = folder / f"folder-{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note-{i:05d}.md").write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    return source


def wait(condition, timeout: float = 600.0, step: float = 0.005) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the benchmark waited too long")
        time.sleep(step)


def pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def start_up_and_latency(kb: KnowledgeBase, folder: Path, notes: int) -> dict:
    """The watch service's start-up sync on the indexed folder, then write-to-indexed latency."""
    t = time.perf_counter()
    service = WatchService(kb, [folder], err=io.StringIO())
    service.start()
    wait(lambda: service.state["last_sync"] is not None)
    reconcile = time.perf_counter() - t
    latencies, found = [], 0
    live = folder / "live"
    live.mkdir()
    for i in range(notes):
        path = live / f"live-{i:03d}.md"
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# Live {i}\n\nThe heron by the canal counted {i} zeppelin{i} lanterns.\n")
        written = time.perf_counter()
        wait(
            lambda p=str(path): getattr(kb.store.file(p), "status", None) == "indexed", timeout=120
        )
        latencies.append(time.perf_counter() - written)
    for i in range(notes):  # afterwards, so searching does not slow the measured indexing
        hits = kb.search(f"heron canal zeppelin{i} lanterns", k=3)
        found += any(h.source.endswith(f"live-{i:03d}.md") for h in hits)
    service.stop()
    return {"reconcile": reconcile, "latencies": latencies, "found": found}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def idle_cpu(home: Path, folder: Path, embedder: str, seconds: float, poll: bool) -> float:
    env = {**os.environ, "KB_HOME": str(home), "KB_EMBEDDER": embedder}
    entry = "tests.fake_kb" if embedder == "fake" else "kb.cli"  # the fake lives in tests/
    args = [sys.executable, "-m", entry, "watch", str(folder)] + (["--poll"] if poll else [])
    proc = subprocess.Popen(
        args, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def idle() -> bool:
        with sqlite3.connect(home / "manifest.sqlite3", timeout=5) as db:
            row = db.execute("SELECT value FROM state WHERE key = 'watcher'").fetchone()
        s = json.loads(row[0]) if row else {}
        return s.get("pid") == proc.pid and s.get("state") == "idle"

    try:
        wait(idle, timeout=300, step=0.2)
        time.sleep(2)  # let start-up settle (threads, caches)
        before = cpu_seconds(proc.pid)
        time.sleep(seconds)
        return cpu_seconds(proc.pid) - before
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--notes", type=int, default=50)
    ap.add_argument("--idle", type=float, default=60.0)
    ap.add_argument("--embedder", default=Settings().embedder, help="default: what kb ships")
    args = ap.parse_args()
    go_offline()
    with tempfile.TemporaryDirectory() as tmp:
        folder, home = Path(tmp) / "notes", Path(tmp) / "home"
        source = make_notes(folder, args.files)
        kb = KnowledgeBase(Settings(home=home, embedder=args.embedder))
        t = time.perf_counter()
        name = kb.embedder.name
        load = time.perf_counter() - t
        kb.store.vectors.count()  # open Chroma before timing too
        t = time.perf_counter()
        report = Syncer(kb).sync([folder])
        full = time.perf_counter() - t
        t = time.perf_counter()
        again = Syncer(kb).sync([folder])
        plain = time.perf_counter() - t
        assert again.embedded == 0
        run = start_up_and_latency(kb, folder, args.notes)
        kb.close()
        cpu = {
            poll: idle_cpu(home, folder, args.embedder, args.idle, poll) for poll in (False, True)
        }

    lat = run["latencies"]
    print(f"embedder        {name} (model load {load:.1f} s, not counted)")
    print(f"folder          {args.files} notes from {source}, {report.chunks} passages")
    print(
        f"full index      {full:.1f} s ({report.embedded} passages embedded, "
        f"{report.embedded / full:.1f}/s)"
    )
    print(
        f"start-up sync   {run['reconcile']:.2f} s by the watch service = "
        f"{100 * run['reconcile'] / full:.2f} % of the full index (goal <= 2 %); "
        f"a bare unchanged sync: {plain:.2f} s = {100 * plain / full:.2f} %"
    )
    print(
        f"latency         write -> indexed over {len(lat)} notes: p50 {pct(lat, 50):.2f} s, "
        f"p95 {pct(lat, 95):.2f} s, max {max(lat):.2f} s "
        f"(quiet period 1 s included); found by search afterwards: {run['found']}/{len(lat)}"
    )
    print(
        f"idle CPU        {cpu[False]:.2f} s of CPU in {args.idle:.0f} s with inotify "
        f"({100 * cpu[False] / args.idle:.2f} %); {cpu[True]:.2f} s polling "
        f"{args.files + args.notes} files ({100 * cpu[True] / args.idle:.2f} %)"
    )


if __name__ == "__main__":
    main()
