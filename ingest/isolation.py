"""Parsers run in a child process: a hang, a crash or a memory blow-up costs one file, not kb.

One long-lived worker (``python -m ingest.isolation``: a fresh interpreter, so it inherits
neither torch's threads nor the caller's main module) parses files on request over a pipe. If it
does not answer within the timeout it is killed and replaced, and the file is recorded as failed.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import traceback
from pathlib import Path
from typing import IO, Any

from kb.errors import FileFailed, FileProblem, FileSkipped
from kb.records import Document

MEMORY_LIMIT = 4 << 30  # bytes of address space a parser may use
_HEADER = struct.Struct("!Q")


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _recv(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    return pickle.loads(stream.read(size))


def _parse(path: str) -> tuple[Any, ...]:
    from ingest.parsers import parser_for

    try:
        parser = parser_for(Path(path))
        if parser is None:
            return ("problem", "skipped", "unsupported file type")
        return ("ok", parser(Path(path)))
    except FileProblem as e:
        return ("problem", e.status, e.reason)
    except MemoryError:
        return ("problem", "failed", "too large to parse in memory")
    except RecursionError:
        return ("problem", "failed", "damaged file: structure nested too deeply")
    except Exception as e:  # a parser bug must not end the sync; keep the reason short
        last = traceback.extract_tb(e.__traceback__)[-1]
        return (
            "problem",
            "failed",
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
    while True:
        try:
            path = _recv(inp)
        except EOFError:
            return
        _send(out, _parse(path))


class ParseWorker:
    def __init__(self, timeout_s: float = 60.0):
        self.timeout_s = timeout_s
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "ingest.isolation"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=os.environ.copy(),
            )
        return self._proc

    def parse(self, path: Path) -> list[Document]:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _send(proc.stdin, str(path))
            ready, _, _ = select.select([proc.stdout], [], [], self.timeout_s)
            if not ready:
                self._kill()
                raise FileFailed(f"gave up after {self.timeout_s:.0f} s (file too complex?)")
            reply = _recv(proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._kill()
            raise FileFailed("the parser crashed on this file") from None
        if reply[0] == "ok":
            return list(reply[1])
        _, status, reason = reply
        raise (FileSkipped if status == "skipped" else FileFailed)(reason)

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
