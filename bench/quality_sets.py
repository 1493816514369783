"""The question sets bench/answer_quality.py asks, with their gold answers, and how it judges.

answerable   sample_corpus questions (tests/fixtures/sample_questions.json), PolicyQA answer
             spans, CUAD clause questions: right = the answer holds the gold answer's facts
             (or most of its words); cited = a citation's passage holds the gold text
near_miss    tests/fixtures/near_misses.json: the topic is there, the fact is not
withheld     sample questions asked of an index without the files that answer them
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora import clause_found, cuad, norm, policyqa
from bench.harness import BENCH_ROOT, REPO
from kb.answer.claims import Claim, claims_of, holds_in
from kb.answer.stems import stem
from kb.records import Answer, Filters
from kb.terms import query_terms

SAMPLE = REPO / "sample_corpus"
FIXTURES = REPO / "tests" / "fixtures"
# Files held out of the "withheld" index, and kept out of the answerable sample set so the
# same questions are not asked twice. Each answers questions no other sample file answers.
WITHHELD = (
    "journal/2025-04-12.md",
    "journal/2025-09-17.md",
    "journal/2025-01-26.md",
    "journal/2025-06-21.md",
    "journal/2025-11-15.md",
    # their facts are nowhere else in sample_corpus/ (grep: 21 June, $112.50). Not
    # journal/2025-03-14.md: the cavity it found is the "lower-left molar she found on the 14th"
    # of 2025-04-02.md and the filling of the dental confirmation mail, so kb quoting those is right
    "mail/eml/2025-06-14_library_hold_ready.eml",
    "mail/eml/2025-10-01_bike_service_ready.eml",
)


@dataclass(frozen=True)
class Question:
    set: str  # "sample" | "policyqa" | "cuad" | "near_miss" | "withheld"
    question: str
    gold: tuple[str, ...] = ()  # texts that answer it (empty: it should be refused)
    gold_file: str | None = None  # for sample questions: the file that answers it
    filters: Filters = field(default_factory=Filters)

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


def sample(n: int, seed: int = 7) -> list[Question]:
    data = json.loads((FIXTURES / "sample_questions.json").read_text())["questions"]
    qs = [
        Question("sample", q["question"], (q["expect_text"],), q["expect_file"])
        for q in data
        if q.get("expect_file") and q["expect_file"] not in WITHHELD
    ]
    return random.Random(seed).sample(qs, min(n, len(qs)))


def withheld() -> list[Question]:
    data = json.loads((FIXTURES / "sample_questions.json").read_text())["questions"]
    return [Question("withheld", q["question"]) for q in data if q.get("expect_file") in WITHHELD]


def withheld_folder() -> Path:
    """A copy of sample_corpus/ without the WITHHELD files (built once, kept in step with them)."""
    folder = BENCH_ROOT / "corpora" / "sample_withheld"
    if not folder.exists():
        shutil.copytree(SAMPLE, folder)
    for rel in WITHHELD:
        (folder / rel).unlink(missing_ok=True)
    return folder


def near_misses(n: int) -> list[Question]:
    data = json.loads((FIXTURES / "near_misses.json").read_text())["questions"]
    return [Question("near_miss", q["question"]) for q in data[:n]]


def policy(n: int, seed: int = 7) -> tuple[Path, list[Question]]:
    root, qs = policyqa()
    picked = random.Random(seed).sample(qs, n)
    by_id = {}
    with open(REPO.parent / "shared" / "corpora" / "qa_policyqa" / "qa.jsonl") as f:
        for rec in map(json.loads, f):
            by_id[rec["id"]] = tuple(a["text"] for a in rec["answers"])
    return root, [
        Question("policyqa", q.question, by_id[q.id], filters=Filters(folder=str(q.folder)))
        for q in picked
    ]


def clauses(n: int, seed: int = 7) -> tuple[Path, list[Question]]:
    root, qs = cuad()
    picked = random.Random(seed).sample([q for q in qs if len(q.answers[0]) < 400], n)
    return root, [
        Question("cuad", q.question, tuple(q.answers), filters=Filters(folder=str(q.folder)))
        for q in picked
    ]


def refused(a: Answer) -> bool:
    return a.verdict in ("not_in_documents", "nothing")


def right(a: Answer, q: Question) -> bool:
    """The text shown holds the gold answer's facts — its numbers and dates, else its codes
    ("22A"), else its names — or, when it has none, most of its words (60 % of them, compared as
    words: "new" is not in "renewal")."""
    shown = {stem(w) for w in norm(a.answer).split()}
    for gold in q.gold:
        facts = _facts(gold)
        if facts:
            if all(holds_in(c, a.answer) for c in facts):
                return True
            continue  # "$1,850" is not "$1,975", however many words they share
        words = [w for w in query_terms(gold) if w.isalpha()]
        if words and sum(stem(w) in shown for w in words) >= 0.6 * len(words):
            return True
    return False


def _facts(gold: str) -> list[Claim]:
    # numbers first: "either party may terminate this Lease with two (2) months' notice" is
    # answered by "two months" — "Lease" is a defined term, "Total" (of "Total USD 186.40") a
    # line's first word; a name is the fact only when the gold has nothing else
    claims = claims_of(gold)
    for kinds in (("number", "date"), ("code",), ("name",)):
        facts = [c for c in claims if c.kind in kinds]
        if facts:
            return facts
    return []


def cited(a: Answer, q: Question) -> bool:
    """A citation's passage holds (the start or end of) a gold text, in the gold file."""
    for c in a.citations:
        if q.gold_file and not c.hit.source.endswith(q.gold_file):
            continue
        if clause_found(c.hit.text, list(q.gold)):
            return True
    return False
