"""Date-aware questions on Pepys' 1660 diary: does reading the date in a question help retrieval?

    .venv/bin/python bench/dates.py [--embedder torch|onnx|onnx-int8]

The diary is 367 dated daily notes whose topics recur all year (dinners, sermons, the lute, the
office), so a question's date is often what singles out the right entry. The questions below were
written from the text; each names the entries that answer it (file names are the notes' dates,
Gregorian as the corpus gives them). "today" is fixed at 1661-01-11, the day after the last
entry, so relative phrases ("yesterday", "last summer") resolve into the diary.

Prints Recall@5 (a gold entry among the top five) and the share of top-five hits dated inside the
range the question means, with kb's date reading on and off, and whether each phrase parsed to
the expected range.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpora import PEPYS  # noqa: E402
from bench.harness import CachedEmbedder, open_kb  # noqa: E402
from kb.dates.questions import find_dates  # noqa: E402
from kb.search.retrieval import Retriever  # noqa: E402

TODAY = date(1661, 1, 11)

# (question, gold entries, the range the question means)
# fmt: off
QUESTIONS: list[tuple[str, set[str], tuple[str, str]]] = [
    ("Who came to string my theorbo in mid-March 1660?", {"1660-03-15"},
     ("1660-03-11", "1660-03-20")),
    ("What dishes did my wife serve at the dinner in early February 1660?", {"1660-02-05"},
     ("1660-02-01", "1660-02-10")),
    ("Who did my Lord want as captain of the Worcester in April 1660?", {"1660-04-25"},
     ("1660-04-01", "1660-04-30")),
    ("What did I hear about the Duke of York going on board at Scheveling in late May 1660?",
     {"1660-05-28"}, ("1660-05-21", "1660-05-31")),
    ("Who did I play ninepins with in mid-June 1660?", {"1660-06-11", "1660-06-15"},
     ("1660-06-11", "1660-06-20")),
    ("When did my new silk suit come home last summer?", {"1660-07-11", "1660-07-20"},
     ("1660-06-01", "1660-08-31")),
    ("What text did Mr. Calamy preach on in August 1660?", {"1660-08-22"},
     ("1660-08-01", "1660-08-31")),
    ("What papers did I take away from my closet in late September 1660?", {"1660-09-30"},
     ("1660-09-21", "1660-09-30")),
    ("Whose execution did I see at Charing Cross last October?", {"1660-10-23"},
     ("1660-10-01", "1660-10-31")),
    ("How were bonfires and fireworks kept in the City last autumn?", {"1660-11-15"},
     ("1660-09-01", "1660-11-30")),
    ("Who did I hear had the small pox in late December 1660?", {"1660-12-30"},
     ("1660-12-21", "1660-12-31")),
    ("What play did I see at the new Theatre yesterday?", {"1661-01-10"},
     ("1661-01-10", "1661-01-10")),
    ("Who promised to prick me some lessons for my theorbo last week?", {"1661-01-09"},
     ("1661-01-03", "1661-01-09")),
    ("Who made a very good sermon at church in the past two weeks?", {"1661-01-04"},
     ("1660-12-28", "1661-01-11")),
    ("When did I note a very hard frost last November?", {"1660-11-30"},
     ("1660-11-01", "1660-11-30")),
    ("When did I play my violin in the new house last month?", {"1660-12-01"},
     ("1660-12-01", "1660-12-31")),
    ("What did Captain Cuttance send me in May 1660?", {"1660-05-17"},
     ("1660-05-01", "1660-05-31")),
    ("What did my Lord tell me about the place of Clerk of the Acts in late June 1660?",
     {"1660-06-28"}, ("1660-06-21", "1660-06-30")),
    ("Who came by my house in Axe Yard in September 1660?", {"1660-09-14"},
     ("1660-09-01", "1660-09-30")),
    ("Was there snow in January 1660?", {"1660-01-14", "1660-01-25"},
     ("1660-01-01", "1660-01-31")),
    ("Who had had the small pox, as I heard in February 1660?", {"1660-02-27"},
     ("1660-02-01", "1660-02-29")),
    ("What did I write about a dog last summer?",
     {"1660-06-04", "1660-06-29", "1660-07-01", "1660-07-29", "1660-08-29"},
     ("1660-06-01", "1660-08-31")),
    ("Which houses did I view in Seething Lane in July 1660?", {"1660-07-14"},
     ("1660-07-01", "1660-07-31")),
    ("What was the news about Portsmouth between July 1 and July 10, 1660?",
     {"1660-07-06", "1660-07-09"}, ("1660-07-01", "1660-07-10")),
    ("When did we go to Deptford to pay off ships since November 1660?",
     {"1660-11-15", "1660-11-18", "1660-11-21", "1660-11-22"}, ("1660-11-01", "1661-01-11")),
    ("What did I do at the Hague in the spring of 1660?",
     {"1660-05-13", "1660-05-24", "1660-05-26", "1660-05-27", "1660-05-28", "1660-05-29"},
     ("1660-03-01", "1660-05-31")),
    ("What did Mr. Hills the instrument maker and I consult about in 1660?", {"1660-02-27"},
     ("1660-01-01", "1660-12-31")),
]
# fmt: on


def evaluate(r: Retriever, label: str) -> None:
    found, inside = [], []
    for question, gold, (lo, hi) in QUESTIONS:
        hits = r.search(question, 5)
        found.append(any(Path(h.source).stem in gold for h in hits))
        inside.append(
            statistics.fmean(lo <= (h.date or "")[:10] <= hi for h in hits) if hits else 0.0
        )
    print(
        f"  {label:34} Recall@5 {statistics.fmean(found):.3f} ({sum(found)}/{len(found)})"
        f"   top-5 hits inside the asked range {statistics.fmean(inside):.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedder", default="torch", choices=["torch", "onnx", "onnx-int8", "fake"])
    args = ap.parse_args()
    if not PEPYS.exists():
        raise SystemExit(f"corpus not found: {PEPYS}")
    parsed = 0
    for question, _, expected in QUESTIONS:
        got = find_dates(question, TODAY)
        ok = got is not None and got.iso() == expected
        parsed += ok
        if not ok:
            print(
                f"  parse mismatch: {question!r} -> {got.iso() if got else None}, "
                f"expected {expected}"
            )
    print(f"Pepys 1660, {len(QUESTIONS)} date questions, today = {TODAY}")
    print(f"  date phrases parsed to the intended range: {parsed}/{len(QUESTIONS)}")
    kb = open_kb("pepys", PEPYS, CachedEmbedder(args.embedder))
    r = kb.retriever
    r.today = lambda: TODAY
    evaluate(r, "kb hybrid, dates read (shipped)")
    r.infer_dates = False
    evaluate(r, "kb hybrid, dates ignored")


if __name__ == "__main__":
    main()
