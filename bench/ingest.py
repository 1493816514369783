"""Ingest benchmark: kb's end-to-end indexing speed against the raw embedder on the same chunks.

    .venv/bin/python bench/ingest.py FOLDER [--embedder fake]

Prints files, pages, chunks, wall time, chunks/s, the ratio of kb's chunks/s to the embedder's
own chunks/s on exactly the chunk texts kb produced (goal >= 0.8), and the time of a second,
no-change sync as a percentage of the first (goal <= 2 %). Both baselines run in the same process
right after the measured run, so machine load affects them alike.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.sync import Syncer  # noqa: E402
from kb.chunker import embedding_text  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.settings import Settings, go_offline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--embedder", default=Settings().embedder, help="default: what kb ships")
    args = ap.parse_args()
    go_offline()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), embedder=args.embedder)
        kb = KnowledgeBase(settings)
        t = time.perf_counter()
        embedder = kb.embedder  # model load is not part of either rate
        load_s = time.perf_counter() - t
        kb.store.vectors.count()  # open Chroma up front too

        t = time.perf_counter()
        report = Syncer(kb).sync([args.folder.resolve()])
        first = time.perf_counter() - t

        t = time.perf_counter()
        again = Syncer(kb).sync([args.folder.resolve()])
        second = time.perf_counter() - t
        assert again.embedded == 0, "the no-change sync embedded something"

        chunks = list(kb.store.all_chunks())
        texts = [embedding_text(c) for c in chunks]
        t = time.perf_counter()
        embedder.embed(texts)
        raw = time.perf_counter() - t

        files = kb.store.files()
        pages = len({(c.source, c.part, c.page or 0) for c in chunks})
        n = len(texts)
        kb_rate, raw_rate = n / first, n / raw
        print(f"folder            {args.folder}")
        print(f"embedder          {embedder.name} (loaded in {load_s:.1f} s, not counted)")
        print(
            f"files             {len(files)} ({report.added} indexed, {len(report.failed)} "
            f"failed, {len(report.skipped)} skipped)"
        )
        print(f"pages/parts       {pages}")
        print(f"chunks            {n}")
        print(f"first sync        {first:.2f} s  -> {kb_rate:.1f} chunks/s")
        print(f"raw embedder      {raw:.2f} s  -> {raw_rate:.1f} chunks/s")
        print(f"kb / raw          {kb_rate / raw_rate:.2f}   (goal >= 0.80)")
        print(
            f"no-change sync    {second:.3f} s = {100 * second / first:.2f} % of the first "
            "(goal <= 2 %)"
        )
        kb.close()


if __name__ == "__main__":
    main()
