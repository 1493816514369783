"""Follow-up questions over sample_corpus/: does the conversation find the right document, and
what does it cost per turn? With --rewrite, also a language model's rewrite of each follow-up
into a standalone question (KB_MODEL, else the default model), measured the same way.

    .venv/bin/python bench/followup.py [--rewrite]

Pairs: tests/fixtures/followups.json. "right" = the answer's first citation is a file that
answers the second question. Prints right-and-cited with the conversation, alone, and with the
model's rewrite, plus the median added latency of a conversation turn over a plain question.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.sync import Syncer  # noqa: E402
from kb.answer.generator import make_generator  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.settings import Settings  # noqa: E402

SAMPLE = REPO / "sample_corpus"
PAIRS = json.loads((REPO / "tests" / "fixtures" / "followups.json").read_text())["pairs"]
REWRITE = (
    "Rewrite the last question so it can be understood without the conversation. Keep its "
    "meaning; name what 'it', 'they' or 'there' refer to. Reply with the question only."
)


def top(answer) -> str | None:
    if not answer.citations:
        return None
    return str(Path(answer.citations[0].hit.source).relative_to(SAMPLE))


def rewritten(generator, first: str, second: str) -> tuple[str, float]:
    messages = [
        {"role": "system", "content": REWRITE},
        {"role": "user", "content": f"Earlier question: {first}\nLast question: {second}"},
    ]
    started = time.perf_counter()
    text = "".join(generator.stream(messages, max_tokens=48, stop=["\n"])).strip()
    return (text or second), time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rewrite", action="store_true", help="also measure a model's rewrite")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # no model: extractive answers, so what is measured is retrieval
        kb = KnowledgeBase(Settings(home=Path(tmp), history=False))
        Syncer(kb).sync([SAMPLE])
        generator = make_generator(Settings.from_env()) if args.rewrite else None
        right = {"with": 0, "alone": 0, "rewrite": 0}
        added, rewrite_s, n = [], [], 0
        for i, pair in enumerate(PAIRS):
            first, second = pair["turns"]
            kb.ask(first, chat=f"p{i}")
            t = time.perf_counter()
            together = kb.ask(second, chat=f"p{i}")
            t_with = time.perf_counter() - t
            t = time.perf_counter()
            alone = kb.ask(second)
            added.append(t_with - (time.perf_counter() - t))
            if pair["kind"] != "followup":
                continue
            n += 1
            right["with"] += top(together) in pair["accept"]
            right["alone"] += top(alone) in pair["accept"]
            if generator is not None:
                text, seconds = rewritten(generator, first, second)
                rewrite_s.append(seconds)
                right["rewrite"] += top(kb.ask(text)) in pair["accept"]
                print(f"  rewrite: {second!r} -> {text!r} ({seconds:.1f} s)", file=sys.stderr)
        kb.close()
    print(
        f"follow-ups (n={n}): right and cited with the conversation {right['with']}/{n}, "
        f"alone {right['alone']}/{n}"
    )
    print(f"added latency of a conversation turn: median {statistics.median(added) * 1000:.0f} ms")
    if rewrite_s:
        print(
            f"model rewrite ({generator.name}): right {right['rewrite']}/{n}, "
            f"median {statistics.median(rewrite_s):.1f} s per turn"
        )


if __name__ == "__main__":
    main()
