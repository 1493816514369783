"""A real `kb ui` in a subprocess (with the test fakes registered), for tests that talk to it."""

from __future__ import annotations

import select
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser_harness import free_port
from tests.index_state import run_kb, stop


@dataclass
class RunningUI:
    proc: subprocess.Popen
    port: int
    url: str  # as printed: http://127.0.0.1:PORT/?token=TOKEN

    @property
    def token(self) -> str:
        return urlsplit(self.url).query.removeprefix("token=")


def _first_line(proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            return proc.stdout.readline().strip()
        if proc.poll() is not None:
            break
    raise AssertionError(f"kb ui printed no address: {proc.stderr.read() if proc.stderr else ''}")


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wait_listening(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not listening(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"kb ui does not listen on {port}")
        time.sleep(0.2)


@contextmanager
def running_ui(home: Path, *args: str, timeout: float = 120) -> Iterator[RunningUI]:
    """`kb ui ARGS` until the block ends, then SIGTERM; yields once it printed its address."""
    port = free_port()
    proc = run_kb(home, "ui", *args, "--port", str(port), "--no-browser")
    try:
        line = _first_line(proc, timeout)
        assert line.startswith("kb: open http://127.0.0.1:"), line
        _wait_listening(port, proc, timeout)
        yield RunningUI(proc, port, line.removeprefix("kb: open "))
    finally:
        stop(proc)
