"""The sync pipeline: make the index match the disk for a set of folders (or changed paths).

file -> parser (isolated) -> Documents -> sanitizer -> chunker -> embedder -> index

Unchanged files (same size and mtime, or same content hash) cost one ``stat``. Chunks whose exact
text is already stored reuse that vector, so a moved or renamed file is re-keyed without being
embedded again. Files are embedded in batches across files, because the embedder is several
times faster on a full batch than on one note at a time.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.filters import wanted
from ingest.isolation import ParseWorker
from ingest.scan import OnDisk, scan, stat_entry, under
from kb.chunker import Budget, chunk_document, embedding_text
from kb.errors import FileFailed, FileProblem, FileSkipped
from kb.index import FileUpdate, text_hash
from kb.knowledge_base import KnowledgeBase
from kb.lock import WriterLock
from kb.tokens import budget_for
from kb.types import Document, IndexReport

log = logging.getLogger("kb.sync")

EMBED_BATCH = 256  # chunks gathered across files before one embedder call and one store write:
# the embedder sorts a call by length, so a larger call wastes less on padding
FLUSH_FILES = 100  # ... or this many files, so a long first sync becomes searchable as it goes
REMOVE_BATCH = 200
Progress = Callable[[int, int, str], None]  # (done, total, current path)


class DocumentSanitizer(Protocol):
    def document(self, doc: Document) -> tuple[Document, Counter[str]]: ...


@dataclass
class _Prepared:
    disk: OnDisk
    hash: str
    kind: str | None
    update: FileUpdate
    texts: list[str] = field(default_factory=list)


def file_hash(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


class Syncer:
    def __init__(self, kb: KnowledgeBase, sanitizer: DocumentSanitizer,
                 progress: Progress | None = None):
        self.kb = kb
        self.sanitizer = sanitizer
        self.progress = progress
        self.max_bytes = kb.settings.max_file_mb << 20
        self._pending: list[_Prepared] = []
        self._budget: Budget | None = None  # loaded when the first file needs chunking

    # --- entry points ------------------------------------------------------------------------
    def sync(self, roots: Sequence[Path]) -> IndexReport:
        """Full reconciliation of the roots: add new, re-index changed, remove deleted."""
        roots = [Path(os.path.abspath(r)) for r in roots]
        with WriterLock(self.kb.settings.home):
            self._start()
            on_disk = scan(roots, self.kb.settings.ignore)
            known = [p for p in self.kb.manifest.paths() if under(p, roots)]
            return self._run(on_disk, [p for p in known if p not in on_disk])

    def update(self, paths: Iterable[str], roots: Sequence[Path]) -> IndexReport:
        """Bring just these paths (files or folders, present or gone) in step; for the watcher."""
        with WriterLock(self.kb.settings.home):
            self._start()
            on_disk: dict[str, OnDisk] = {}
            gone: list[str] = []
            known = self.kb.manifest.paths()
            for p in paths:
                path = Path(p)
                if path.is_dir():
                    on_disk.update(scan([path], self.kb.settings.ignore))
                    gone += [k for k in known if under(k, [path]) and not os.path.exists(k)]
                elif path.exists() or path.is_symlink():
                    if wanted(path, roots, self.kb.settings.ignore):
                        on_disk[str(path)] = stat_entry(path)
                else:
                    gone += [k for k in known if k == p or under(k, [path])]
            return self._run(on_disk, sorted(set(gone)))

    # --- the work ----------------------------------------------------------------------------
    def _start(self) -> None:
        if self.kb.index.begin_writes():
            removed = self.kb.index.repair()
            log.info("repaired an interrupted index: %d orphan vectors removed", removed)

    def _run(self, on_disk: dict[str, OnDisk], gone: list[str]) -> IndexReport:
        report = IndexReport()
        total = len(on_disk) + len(gone)
        with ParseWorker(self.kb.settings.parse_timeout_s) as worker:
            for done, (path, disk) in enumerate(sorted(on_disk.items()), start=1):
                self._one(path, disk, worker, report)
                if self.progress:
                    self.progress(done, total, path)
            self._flush(report)
        # removals last: a moved file's new copy has already reused the old vectors
        for i in range(0, len(gone), REMOVE_BATCH):
            batch = gone[i:i + REMOVE_BATCH]
            self.kb.index.remove_files(batch)
            report.removed += len(batch)
            if self.progress:
                self.progress(len(on_disk) + i + len(batch), total, batch[-1])
        self.kb.index.end_writes()
        report.chunks = self.kb.manifest.query("SELECT count(*) FROM chunks")[0][0]
        return report

    def _one(self, path: str, disk: OnDisk, worker: ParseWorker, report: IndexReport) -> None:
        rec = self.kb.manifest.file(path)
        if rec and rec.status != "dirty" and (rec.size, rec.mtime_ns) == (disk.size,
                                                                           disk.mtime_ns):
            report.unchanged += 1
            return
        is_new = rec is None
        try:
            if disk.problem:
                raise FileFailed(disk.problem)
            if disk.size > self.max_bytes and not path.endswith(".mbox"):
                raise FileFailed(f"too large ({disk.size >> 20} MB; the limit is "
                                 f"{self.max_bytes >> 20} MB, set KB_MAX_FILE_MB to raise it)")
            digest = file_hash(path)
            if rec and rec.hash == digest and rec.status != "dirty":
                self.kb.manifest.touch_file(path, disk.size, disk.mtime_ns)
                report.unchanged += 1
                return
            docs = worker.parse(Path(path))
            if not docs:
                raise FileSkipped("nothing to index")
            self._prepare(path, disk, digest, docs)
        except FileProblem as e:
            self._problem(path, disk, e, report)
            return
        except OSError as e:
            self._problem(path, disk, FileFailed(f"cannot read file: {e.strerror or e}"), report)
            return
        if is_new:
            report.added += 1
        else:
            report.updated += 1
        if len(self._pending) >= FLUSH_FILES or \
                sum(len(p.texts) for p in self._pending) >= EMBED_BATCH:
            self._flush(report)

    def _problem(self, path: str, disk: OnDisk, e: FileProblem, report: IndexReport) -> None:
        self.kb.index.record_problem(path, disk.size, disk.mtime_ns, None, e.status, e.reason)
        log.info("%s: %s (%s)", e.status, path, e.reason)
        (report.failed if e.status == "failed" else report.skipped).append(
            {"path": path, "error": e.reason})

    def _prepare(self, path: str, disk: OnDisk, digest: str, docs: list[Document]) -> None:
        chunks, counts = [], Counter[str]()
        for doc in docs:
            clean, found = self.sanitizer.document(doc)
            counts.update(found)
            if self._budget is None:
                self._budget = budget_for(self.kb.settings)
            chunks.extend(chunk_document(clean, self._budget))
        kind = docs[0].kind
        update = FileUpdate(path, disk.size, disk.mtime_ns, digest, kind, chunks, [],
                            dict(counts))
        self._pending.append(
            _Prepared(disk, digest, kind, update, [embedding_text(c) for c in chunks]))

    def _flush(self, report: IndexReport) -> None:
        if not self._pending:
            return
        hashes = {text_hash(t): t for p in self._pending for t in p.texts}
        vectors = self.kb.index.reusable_vectors(list(hashes))
        missing = [h for h in hashes if h not in vectors]
        if missing:
            fresh = self.kb.embedder.embed([hashes[h] for h in missing])
            vectors.update(zip(missing, fresh, strict=True))
            report.embedded += len(missing)
        for p in self._pending:
            p.update.vectors = [vectors[text_hash(t)] for t in p.texts]
            log.info("indexed %s (%d chunks)", p.update.path, len(p.texts))
        self.kb.index.replace_files([p.update for p in self._pending])
        self._pending.clear()
