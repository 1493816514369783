"""Everything kb keeps about the indexed files, behind one boundary: ``Store``.

    store.py     the Store: named reads, search, and ``writing()`` for every write
    manifest.py  SQLite: files, chunks (the sanitized passages), shared state
    schema.py    the manifest's tables and in-place migrations
    keywords.py  tantivy BM25 keyword search, derived from the chunk rows
    vectors.py   Chroma: chunk vectors and the metadata its filters need
    chroma_client.py  which Chroma (embedded, or a server at KB_CHROMA_URL) and its failures
    where.py     search Filters rendered as an SQL clause and a Chroma ``where``
    writer.py    the crash-safe write protocol (dirty mark -> Chroma, keywords -> commit; repair)
    lock.py      one writer per KB_HOME

Nothing outside this package writes SQL or talks to Chroma or tantivy (a test reads the sources).
"""

from kb.store.store import Store
from kb.store.writer import FileUpdate, Writer, text_hash

__all__ = ["FileUpdate", "Store", "Writer", "text_hash"]
