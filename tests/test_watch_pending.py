"""The watcher's coalescing rules (ingest.watch.pending), without a file system."""

from __future__ import annotations

from ingest.watch.pending import Pending


def _pending(sizes: dict[str, tuple[int, int]]) -> Pending:
    return Pending(stat=lambda p: sizes.get(p))


def test_pending_cancels_only_what_cannot_be_indexed_yet():
    p = _pending({})
    p.changed("/r/new.md", 0.0, created=True)
    p.gone("/r/new.md", 0.1)
    assert len(p) == 0
    p.busy = True  # the callback may be reading the disk: a new file may get indexed
    p.changed("/r/seen.md", 0.2, created=True)
    p.done_reading(0.3, grace_s=1.0)
    p.changed("/r/late.md", 0.5, created=True)  # delivered just after: still not trusted
    p.gone("/r/seen.md", 0.6)
    p.gone("/r/late.md", 0.7)
    p.moved(None, "/r/target.md", 0.8, is_dir=False)  # may replace an indexed file
    p.gone("/r/target.md", 0.9)
    assert p.take(5.0, 1.0, 30.0, 10.0)[0] == ["/r/late.md", "/r/seen.md", "/r/target.md"]


def test_pending_holds_growing_and_open_files_and_folders_above_them():
    sizes = {"/r/d/big.pdf": (10, 1)}
    p = _pending(sizes)
    p.changed("/r/d", 0.0, is_dir=True, created=True)
    p.changed("/r/d/big.pdf", 0.0, writing=True)
    p.changed("/r/other.md", 0.0)
    assert p.take(0.5, 1.0, 30.0, 10.0) == ([], 0.5)  # not quiet yet
    ready, _ = p.take(2.0, 1.0, 30.0, 10.0)
    assert ready == ["/r/other.md"]  # big.pdf still open for writing, so /r/d waits too
    sizes["/r/d/big.pdf"] = (20, 2)
    p.closed("/r/d/big.pdf", 3.0)
    sizes["/r/d/big.pdf"] = (30, 3)  # grew after its last event: more is on the way
    assert p.take(4.5, 1.0, 30.0, 10.0)[0] == []
    assert p.take(6.0, 1.0, 30.0, 10.0)[0] == ["/r/d"]  # the folder covers its file
