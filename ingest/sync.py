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

from ingest.ignore import wanted
from ingest.isolation import ParseWorker
from ingest.parsers import ReadOptions
from ingest.scan import OnDisk, scan, stat_entry, under
from kb import passwords
from kb.chunker import chunk_document, embedding_text
from kb.errors import FileFailed, FileLocked, FileProblem, FileSkipped
from kb.knowledge_base import KnowledgeBase
from kb.records import Document
from kb.reports import IndexReport, Problem
from kb.store import FileUpdate, Writer, text_hash

log = logging.getLogger("kb.sync")

EMBED_BATCH = 256  # chunks gathered across files before one embedder call and one store write:
# the embedder sorts a call by length, so a larger call wastes less on padding
FLUSH_FILES = 100  # ... or this many files, so a long first sync becomes searchable as it goes
REMOVE_BATCH = 200
Progress = Callable[[int, int, str], None]  # (done, total, current path)


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
    def __init__(self, kb: KnowledgeBase, progress: Progress | None = None):
        self.kb = kb
        self.progress = progress
        self.max_bytes = kb.settings.max_file_mb << 20
        self._pending: list[_Prepared] = []
        self._at = (0, 0)  # (files done, total) while one is parsed: its pages' progress
        self._seen = kb.store.passwords_seen()  # the passwords file when locked files last ran
        self._passwords = passwords.fingerprint(kb.settings.passwords_path)

    def _options(self) -> ReadOptions:
        s = self.kb.settings
        found = passwords.read_passwords(s.passwords_path)
        if found:
            log.info("%d PDF passwords in %s", len(found), s.passwords_path)
        return ReadOptions(ocr_lang=s.ocr_lang, ocr_page_s=s.ocr_page_s, passwords=found)

    # --- entry points ------------------------------------------------------------------------
    def sync(self, roots: Sequence[Path]) -> IndexReport:
        """Full reconciliation of the roots: add new, re-index changed, remove deleted."""
        roots = [Path(os.path.abspath(r)) for r in roots]
        with self.kb.store.writing() as writer:
            on_disk = scan(roots, self.kb.settings.ignore)
            known = [p for p in self.kb.store.paths() if under(p, roots)]
            report = self._run(writer, on_disk, [p for p in known if p not in on_disk])
            if self._passwords != self._seen:  # every locked file under these roots was tried
                self.kb.store.set_passwords_seen(self._passwords)
            return report

    def update(self, paths: Iterable[str], roots: Sequence[Path]) -> IndexReport:
        """Bring just these paths (files or folders, present or gone) in step; for the watcher."""
        with self.kb.store.writing() as writer:
            on_disk: dict[str, OnDisk] = {}
            gone: list[str] = []
            known = self.kb.store.paths()
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
            return self._run(writer, on_disk, sorted(set(gone)))

    # --- the work ----------------------------------------------------------------------------
    def _run(self, writer: Writer, on_disk: dict[str, OnDisk], gone: list[str]) -> IndexReport:
        report = IndexReport()
        total = len(on_disk) + len(gone)
        with ParseWorker(self.kb.settings.parse_timeout_s, self._options()) as worker:
            for done, (path, disk) in enumerate(sorted(on_disk.items()), start=1):
                self._at = (done - 1, total)
                self._one(writer, path, disk, worker, report)
                if self.progress:
                    self.progress(done, total, path)
            self._flush(writer, report)
        # removals last: a moved file's new copy has already reused the old vectors
        for i in range(0, len(gone), REMOVE_BATCH):
            batch = gone[i : i + REMOVE_BATCH]
            writer.remove_files(batch)
            report.removed += len(batch)
            if self.progress:
                self.progress(len(on_disk) + i + len(batch), total, batch[-1])
        report.chunks = self.kb.store.chunk_count()
        return report

    def _one(
        self, writer: Writer, path: str, disk: OnDisk, worker: ParseWorker, report: IndexReport
    ) -> None:
        rec = self.kb.store.file(path)
        retry = rec is not None and rec.locked and self._passwords != self._seen
        same = rec is not None and (rec.size, rec.mtime_ns) == (disk.size, disk.mtime_ns)
        if rec and rec.status != "dirty" and same and not retry:
            report.unchanged += 1
            return
        is_new = rec is None
        try:
            if disk.problem:
                raise FileFailed(disk.problem)
            if disk.size > self.max_bytes and not path.endswith(".mbox"):
                raise FileFailed(
                    f"too large ({disk.size >> 20} MB; the limit is "
                    f"{self.max_bytes >> 20} MB, set KB_MAX_FILE_MB to raise it)"
                )
            digest = file_hash(path)
            if rec and rec.hash == digest and rec.status != "dirty":
                writer.touch_file(path, disk.size, disk.mtime_ns)
                report.unchanged += 1
                return
            docs = worker.parse(Path(path), lambda done, n: self._page(path, done, n))
            if not docs:
                raise FileSkipped("nothing to index")
            self._prepare(path, disk, digest, docs)
        except FileProblem as e:
            self._problem(writer, path, disk, e, report)
            return
        except OSError as e:
            self._problem(
                writer, path, disk, FileFailed(f"cannot read file: {e.strerror or e}"), report
            )
            return
        if is_new:
            report.added += 1
        else:
            report.updated += 1
        if (
            len(self._pending) >= FLUSH_FILES
            or sum(len(p.texts) for p in self._pending) >= EMBED_BATCH
        ):
            self._flush(writer, report)

    def _page(self, path: str, done: int, total: int) -> None:
        """A long scan's pages, as they are read: in the log, and on the file's progress."""
        if done == 0:
            log.info("%s: reading %d pages by OCR", path, total)
        if self.progress and done < total:
            self.progress(*self._at, f"{path} (OCR: page {done + 1} of {total})")

    def _problem(
        self, writer: Writer, path: str, disk: OnDisk, e: FileProblem, report: IndexReport
    ) -> None:
        locked = isinstance(e, FileLocked)
        writer.record_problem(path, disk.size, disk.mtime_ns, e.status, e.reason, locked=locked)
        log.info("%s: %s (%s)", e.status, path, e.reason)
        (report.failed if e.status == "failed" else report.skipped).append(
            Problem(path, e.reason, e.status)
        )

    def _prepare(self, path: str, disk: OnDisk, digest: str, docs: list[Document]) -> None:
        chunks, counts = [], Counter[str]()
        for doc in docs:
            clean, found = self.kb.sanitizer.document(doc)
            counts.update(found)
            chunks.extend(chunk_document(clean, self.kb.chunk_budget))
        kind = docs[0].kind
        update = FileUpdate(path, disk.size, disk.mtime_ns, digest, kind, chunks, [], dict(counts))
        update.ocr = next((d.ocr for d in docs if d.ocr is not None), None)
        self._pending.append(
            _Prepared(disk, digest, kind, update, [embedding_text(c) for c in chunks])
        )

    def _flush(self, writer: Writer, report: IndexReport) -> None:
        if not self._pending:
            return
        hashes = {text_hash(t): t for p in self._pending for t in p.texts}
        vectors = writer.reusable_vectors(list(hashes))
        missing = [h for h in hashes if h not in vectors]
        if missing:
            fresh = self.kb.embedder.embed([hashes[h] for h in missing])
            vectors.update(zip(missing, fresh, strict=True))
            report.embedded += len(missing)
        for p in self._pending:
            p.update.vectors = [vectors[text_hash(t)] for t in p.texts]
            ocr = f"; {p.update.ocr.summary()}" if p.update.ocr else ""
            log.info("indexed %s (%d chunks%s)", p.update.path, len(p.texts), ocr)
        writer.replace_files([p.update for p in self._pending])
        self._pending.clear()
