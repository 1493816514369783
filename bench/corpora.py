"""The public benchmark sets, laid out as folders kb can index, with their judgments.

Nothing is copied into the repository: files kb must read as files (SciFact abstracts as notes,
CUAD contracts one per folder, PolicyQA policies one per folder) are written under
``BENCH_ROOT/corpora`` once and reused.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.harness import BENCH_ROOT, CORPORA

SCIFACT = CORPORA / "beir_scifact"
CUAD = CORPORA / "contracts_cuad"
POLICYQA = CORPORA / "qa_policyqa"
PEPYS = CORPORA / "notes" / "pepys_diary_1660" / "daily"


def _require(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"corpus not found: {path}")
    return path


# --- SciFact -------------------------------------------------------------------------------
@dataclass
class SciFact:
    folder: Path
    queries: dict[str, str]
    qrels: dict[str, dict[str, dict[str, int]]]  # split -> query id -> doc id -> gain

    @staticmethod
    def doc_id(source: str) -> str:
        return Path(source).stem.removeprefix("doc_")


def scifact() -> SciFact:
    _require(SCIFACT)
    folder = BENCH_ROOT / "corpora" / "scifact"
    if not (folder / ".complete").exists():
        folder.mkdir(parents=True, exist_ok=True)
        with open(SCIFACT / "corpus.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                # one note per abstract: the title as its heading, as BEIR pairs title and text
                (folder / f"doc_{d['_id']}.md").write_text(
                    f"# {d['title'].strip()}\n\n{d['text'].strip()}\n", encoding="utf-8"
                )
        (folder / ".complete").write_text("")
    with open(SCIFACT / "queries.jsonl", encoding="utf-8") as f:
        queries = {q["_id"]: q["text"] for q in map(json.loads, f)}
    qrels: dict[str, dict[str, dict[str, int]]] = {}
    for split in ("train", "test"):
        with open(SCIFACT / "qrels" / f"{split}.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                qrels.setdefault(split, {}).setdefault(row["query-id"], {})[row["corpus-id"]] = int(
                    row["score"]
                )
    return SciFact(folder, queries, qrels)


# --- CUAD ----------------------------------------------------------------------------------
@dataclass
class ClauseQuestion:
    id: str
    folder: Path  # the one contract's folder: retrieval is within that contract
    question: str
    answers: list[str]


def cuad() -> tuple[Path, list[ClauseQuestion]]:
    _require(CUAD)
    root = BENCH_ROOT / "corpora" / "cuad"
    out: list[ClauseQuestion] = []
    with open(CUAD / "qa.jsonl", encoding="utf-8") as f:
        for rec in map(json.loads, f):
            pdf = CUAD / rec["pdf"]
            folder = root / rec["pdf"].replace("/", "__").removesuffix(".pdf")
            if not (folder / pdf.name).exists():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pdf, folder / pdf.name)
            if rec["is_impossible"]:
                continue  # nothing to find; recall is undefined
            out.append(ClauseQuestion(rec["id"], folder, rec["question"], rec["answers"]))
    return root, out


_NON_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    """Case, punctuation and whitespace out: PDF extraction and annotations differ in those."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def clause_found(chunk_text: str, answers: list[str], probe: int = 60) -> bool:
    """A chunk 'contains' a gold clause if it holds its start or its end (or all of it)."""
    chunk = norm(chunk_text)
    for answer in answers:
        a = norm(answer)
        if not a:
            continue
        if a[:probe] in chunk or a[-probe:] in chunk or (len(chunk) > 40 and chunk in a):
            return True
    return False


# --- PolicyQA ------------------------------------------------------------------------------
@dataclass
class PassageQuestion:
    id: str
    folder: Path
    question: str
    gold: tuple[int, int]  # the gold paragraph's span in the whitespace-normalised document
    doc_norm: str  # the whitespace-normalised document text


def _ws(text: str) -> str:
    return " ".join(text.split())


def policyqa() -> tuple[Path, list[PassageQuestion]]:
    _require(POLICYQA)
    root = BENCH_ROOT / "corpora" / "policyqa"
    docs: dict[str, tuple[Path, str, list[tuple[int, int]]]] = {}
    with open(POLICYQA / "documents.jsonl", encoding="utf-8") as f:
        for d in map(json.loads, f):
            folder = root / d["doc_id"].replace("/", "__")
            path = folder / "policy.txt"
            if not path.exists():
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(d["text"], encoding="utf-8")
            # paragraph spans re-expressed in whitespace-normalised coordinates
            spans = []
            for s, e in d["paragraph_spans"]:
                start = len(_ws(d["text"][:s]))
                start += 1 if start else 0
                spans.append((start, start + len(_ws(d["text"][s:e]))))
            docs[d["doc_id"]] = (folder, _ws(d["text"]), spans)
    out = []
    with open(POLICYQA / "qa.jsonl", encoding="utf-8") as f:
        for q in map(json.loads, f):
            folder, text, spans = docs[q["doc_id"]]
            out.append(
                PassageQuestion(q["id"], folder, q["question"], spans[q["gold_paragraph"]], text)
            )
    return root, out


def chunk_span(doc_norm: str, chunk_text: str) -> tuple[int, int] | None:
    """Where a chunk sits in the whitespace-normalised document (None if not found)."""
    c = _ws(chunk_text)
    at = doc_norm.find(c[:200])
    return (at, at + len(c)) if at >= 0 else None
