"""Keyword search: BM25 over the chunks' words with tantivy, in ``KB_HOME/keywords/``.

Why tantivy and not SQLite FTS5 (which kb used until schema 4): FTS5 scored a search 11.5x a
bare Chroma query at 100k chunks (4.8x with common words pruned; bench/scale.py); with tantivy
the whole kb search costs 1.7x (tantivy, too, scores every match here: see POSTINGS_BUDGET). On
SciFact the hybrid's nDCG@10 is 0.7334 with it against 0.7320 with FTS5 — the title is indexed
in front of the text, as the embedder sees it (as a field of its own it scored 0.022 worse on
BM25 alone). A mail's sender is a field at half weight, so "mail from Lucia" finds her mail,
but a note that names her address in its text ranks above mail that merely comes from it.

The manifest stays the truth: this index is derived from its chunk rows. The writer changes it
between the manifest's two transactions (kb.store.writer), repair drops what an interrupted
writer left for dirty files, and an index that is missing, or was not built from this manifest
(an upgraded KB_HOME, a deleted folder), is rebuilt from the chunk rows. Query words are quoted
one by one (``kb.terms``), so no query syntax can be injected.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from kb.errors import StoreError
from kb.records import Chunk, Filters, day_number
from kb.store.manifest import Manifest
from kb.terms import query_terms

log = logging.getLogger("kb.store.keywords")

KEYWORDS = "keywords_build"  # manifest state: the build of the index made from its chunk rows
FORMAT = "2"  # of the fields below; another value means: rebuild from the manifest
BUILT = "kb-built"  # file in the folder: "FORMAT build-id", written once a build is committed
WRITER_HEAP = 50_000_000  # bytes; tantivy wants >= 15 MB per indexing thread
# Postings a search may score before its commonest words are left out (bench/scale.py). tantivy's
# Python search collects through a MultiCollector, which turns off block-max WAND: a search costs
# ~8 ns per posting of its words, ~5 ms for the longest SciFact claims at 1M chunks. Below this
# budget (every search over SciFact's 11k chunks) nothing is left out.
POSTINGS_BUDGET = 200_000


def _schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("path", tokenizer_name="raw")
    sb.add_text_field("folder", tokenizer_name="raw")  # every ancestor folder of the path
    sb.add_text_field("kind", tokenizer_name="raw")
    sb.add_integer_field("day", indexed=True, fast=True)  # 20250314; -1: undated
    sb.add_text_field("text", tokenizer_name="en_stem")  # the title, then the passage
    sb.add_text_field("sender", tokenizer_name="en_stem")
    return sb.build()


def _en_stem(t: Any) -> Any:
    """What tantivy's built-in "en_stem" tokenizer does, as an analyzer Python can call."""
    b = t.TextAnalyzerBuilder(t.Tokenizer.simple()).filter(t.Filter.remove_long(40))
    return b.filter(t.Filter.lowercase()).filter(t.Filter.stemmer("english")).build()


FIELDS, BOOSTS = ["text", "sender"], {"sender": 0.5}


class KeywordIndex:
    def __init__(self, folder: Path):
        try:
            import tantivy
        except ImportError as e:
            raise StoreError(f"tantivy is not installed ({e}); run `make venv`.") from e
        self._t = tantivy
        self.folder = folder
        self._schema = _schema()
        self._analyzer = _en_stem(tantivy)  # the text fields' own tokenizer, to count postings
        self._writer: Any = None
        self._index: Any = None  # None until built: searches find nothing, a writer rebuilds
        self._open()

    def _open(self) -> None:
        if self._built() is not None:
            try:
                self._index = self._t.Index(self._schema, path=str(self.folder))
            except Exception:  # damaged: the next writer builds it again
                self._index = None

    def _open_fresh(self) -> None:
        """An empty index of this format (a writer's, under the writer lock)."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(mode=0o700)
        try:
            self._index = self._t.Index(self._schema, path=str(self.folder))
        except Exception as e:
            raise StoreError(f"Cannot create the keyword index at {self.folder}: {e}") from e

    # --- the manifest's view of it -----------------------------------------------------------
    def _built(self) -> str | None:
        try:
            fmt, build = (self.folder / BUILT).read_text().split()
        except (OSError, ValueError):
            return None
        return build if fmt == FORMAT else None

    def built_from(self, build: str | None) -> bool:
        """Is this the index the manifest recorded (``build``) as built from its chunks?"""
        return build is not None and self._built() == build

    def count(self) -> int:
        if self._index is None:
            return 0
        self._index.reload()
        return int(self._index.searcher().num_docs)

    # --- search ------------------------------------------------------------------------------
    def search(self, query: str, n: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, BM25 score >= 0) best first."""
        terms = query_terms(query)
        if self._index is None:  # built by another process since this one looked?
            self._open()
        if not terms or self._index is None:
            return []
        t = self._t
        # another process may have written; when none has, 17 µs (1 segment) to ~0.2 ms (7 at 1M)
        self._index.reload()
        searcher = self._index.searcher()
        quoted = " OR ".join(f'"{w}"' for w in self._rarest(terms, searcher))
        words = self._index.parse_query(quoted, FIELDS, field_boosts=BOOSTS)
        # filters narrow, they do not score: a matched filter clause would add its own 1.0
        must = [words, *(t.Query.const_score_query(f, 0.0) for f in self._filters(filters))]
        q = must[0] if len(must) == 1 else t.Query.boolean_query([(t.Occur.Must, m) for m in must])
        hits = searcher.search(q, n, count=False).hits
        return [(searcher.doc(addr)["id"][0], float(score)) for score, addr in hits]

    def _rarest(self, terms: list[str], searcher: Any) -> list[str]:
        """The query's words, rarest first, while their postings fit POSTINGS_BUDGET (always the
        rarest one). A word left out is in so many chunks that its weight (idf) is small; the
        rare words of the question decide the ranking anyway."""
        if len(terms) < 2:
            return terms
        counted = sorted((self._postings(w, searcher), i, w) for i, w in enumerate(terms))
        kept: list[str] = []
        total = 0
        for postings, _, w in counted:
            if kept and total + postings > POSTINGS_BUDGET:
                break
            kept.append(w)
            total += postings
        return kept

    def _postings(self, word: str, searcher: Any) -> int:
        tokens = self._analyzer.analyze(word)
        if len(tokens) != 1:  # a placeholder ("email 3f9a2c") is searched as a phrase: rare
            return 0
        return sum(int(searcher.doc_freq(f, tokens[0])) for f in FIELDS)

    def _filters(self, f: Filters) -> list[Any]:
        t, schema, out = self._t, self._schema, []
        if f.kinds:
            out.append(t.Query.term_set_query(schema, "kind", list(f.kinds)))
        if f.folder:
            out.append(t.Query.term_query(schema, "folder", f.folder.rstrip("/") or "/"))
        lo, hi = day_number(f.date_from), day_number(f.date_to)
        if lo is not None or hi is not None:
            days = t.Query.range_query(schema, "day", t.FieldType.Integer, lo, hi)
            if f.keep_undated:
                undated = t.Query.term_query(schema, "day", -1)
                days = t.Query.boolean_query([(t.Occur.Should, days), (t.Occur.Should, undated)])
            out.append(days)
        return out

    # --- writing: only inside Store.writing() --------------------------------------------------
    def _w(self) -> Any:
        if self._writer is None:
            self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
        return self._writer

    def replace(self, paths: Iterable[str], chunks: Sequence[Chunk]) -> None:
        """The chunks of ``paths`` become ``chunks`` (none: the files are gone), committed."""
        w = self._w()
        for p in paths:
            w.delete_documents_by_term("path", p)
        for c in chunks:
            w.add_document(self._doc(c))
        w.commit()

    def rebuild(self, chunks: Iterable[Chunk]) -> str:
        """Every chunk of the manifest, from scratch; returns the new build id to record."""
        self.finish()
        (self.folder / BUILT).unlink(missing_ok=True)  # a build cut short is not a build
        self._open_fresh()
        w = self._w()
        for c in chunks:
            w.add_document(self._doc(c))
        w.commit()
        build = secrets.token_hex(8)
        (self.folder / BUILT).write_text(f"{FORMAT} {build}\n")
        return build

    def finish(self) -> None:
        """End of a write session: let merges finish and release tantivy's writer lock."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()

    def _doc(self, c: Chunk) -> Any:
        day = day_number(c.date)
        parents = [str(p) for p in PurePosixPath(c.source).parents]
        return self._t.Document(
            id=c.id,
            path=c.source,
            folder=parents,
            kind=c.kind,
            day=day if day is not None else -1,
            text=f"{c.title}\n{c.text}",
            sender=c.sender or "",
        )


def ensure_built(index: KeywordIndex, manifest: Manifest) -> None:
    """Under the writer lock: build the index from the chunk rows if it was not built from them
    (a KB_HOME from before schema 4, a deleted or damaged folder)."""
    if index.built_from(manifest.get_state(KEYWORDS)):
        return
    n = manifest.chunk_count()
    t = time.perf_counter()
    if n:
        print(f"kb: building the keyword index of {n} passages (once)", file=sys.stderr)
    manifest.set_state(KEYWORDS, index.rebuild(manifest.all_chunks()))
    log.info("keyword index built: %d passages in %.1f s", n, time.perf_counter() - t)
