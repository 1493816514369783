"""Parsers run in a child process: a hang, a crash or a memory blow-up costs one file, not kb.

One long-lived worker (``python -m ingest.isolation``: a fresh interpreter, so it inherits
neither torch's threads nor the caller's main module) parses files on request over a pipe. If it
does not answer within the timeout it is killed and replaced, and the file is recorded as failed.
A scan it reads page by page says first how many pages OCR will read, then each page done: the
timeout grows by the per-page budget for each of them, and the caller hears of the progress.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from ingest.parsers import ReadOptions
from kb.errors import FileFailed, FileLocked, FileProblem, FileSkipped
from kb.records import Document

MEMORY_LIMIT = 4 << 30  # bytes of address space a parser may use
_HEADER = struct.Struct("!Q")
PROBLEMS: dict[str, type[FileProblem]] = {
    c.__name__: c for c in (FileFailed, FileLocked, FileSkipped)
}


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:  # an unbuffered pipe may take part of it at a time
        written = stream.write(view)
        view = view[written if written is not None else len(view) :]
    stream.flush()


def _read(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(stream: IO[bytes]) -> Any:
    size = _HEADER.unpack(_read(stream, _HEADER.size))[0]
    return pickle.loads(_read(stream, size))


def _parse(path: str, options: ReadOptions) -> tuple[Any, ...]:
    from ingest.parsers import parser_for

    try:
        parser = parser_for(Path(path))
        if parser is None:
            return ("problem", "FileSkipped", "unsupported file type")
        return ("ok", parser(Path(path), options))
    except FileProblem as e:
        kind = type(e).__name__
        if kind not in PROBLEMS:
            kind = "FileSkipped" if e.status == "skipped" else "FileFailed"
        return ("problem", kind, e.reason)
    except MemoryError:
        return ("problem", "FileFailed", "too large to parse in memory")
    except RecursionError:
        return ("problem", "FileFailed", "damaged file: structure nested too deeply")
    except Exception as e:  # a parser bug must not end the sync; keep the reason short
        last = traceback.extract_tb(e.__traceback__)[-1]
        return (
            "problem",
            "FileFailed",
            f"could not read file ({type(e).__name__} in {Path(last.filename).name})",
        )


def serve() -> None:
    """The worker's loop: read a path, answer with documents or a problem, until EOF."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings are noise to a user
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print in a library must not corrupt the pipe

    def progress(done: int, total: int) -> None:
        _send(out, ("pages", done, total))

    while True:
        try:
            path, options = _recv(inp)
        except EOFError:
            return
        _send(out, _parse(path, replace(options, on_page=progress)))


class ParseWorker:
    """Parses in the child process: ``timeout_s`` per file, plus twice the OCR budget per page
    for each page read by OCR (room for a second reading after orientation detection)."""

    def __init__(self, timeout_s: float = 60.0, options: ReadOptions | None = None):
        self.timeout_s = timeout_s
        self.options = options or ReadOptions()
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "ingest.isolation"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=os.environ.copy(),
                bufsize=0,  # select() sees the pipe: nothing may wait unseen in a read buffer
            )
        return self._proc

    def parse(
        self, path: Path, on_page: Callable[[int, int], None] | None = None
    ) -> list[Document]:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        start = time.monotonic()
        deadline = start + self.timeout_s
        try:
            _send(proc.stdin, (str(path), replace(self.options, on_page=None)))
            while True:
                wait = max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([proc.stdout], [], [], wait)
                if not ready:
                    self._kill()
                    spent = time.monotonic() - start
                    raise FileFailed(f"gave up after {spent:.0f} s (file too complex?)")
                reply = _recv(proc.stdout)
                if reply[0] != "pages":
                    break
                _, done, total = reply
                if done == 0:  # OCR is about to read ``total`` pages: give each its budget
                    deadline += total * (2 * self.options.ocr_page_s + 5)
                if on_page is not None:
                    try:
                        on_page(done, total)
                    except BaseException:  # the caller stops mid-file: this reply is lost
                        self._kill()
                        raise
        except (EOFError, OSError, pickle.UnpicklingError):
            self._kill()
            raise FileFailed("the parser crashed on this file") from None
        if reply[0] == "ok":
            return list(reply[1])
        _, kind, reason = reply
        raise PROBLEMS.get(kind, FileFailed)(reason)

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
        self._proc = None

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            try:
                self._proc.stdin.close()  # EOF: the worker's loop ends by itself
                self._proc.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    serve()
