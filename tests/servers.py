"""The real servers a household runs, started as subprocesses on a loopback port for a test.

chroma_server(path)    `chroma run --path DIR --host 127.0.0.1 --port FREE`, once its
                       heartbeat answers; ``kill()`` (SIGKILL) and ``start()`` again on the
                       same folder and port, as a crash and a restart would
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import VENV_BIN

START_S = 60  # `chroma run` answers in ~1 s here; a loaded machine can be much slower


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout_s: float = START_S) -> None:
    """Until GET ``url`` answers 200; the server's log in the error if it dies or never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s:\n{log.read_text()[-3000:]}")


class ChromaServer:
    """A `chroma run` on 127.0.0.1 that a test can kill -9 and start again."""

    def __init__(self, path: Path, port: int | None = None):
        self.path = path
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = path.parent / f"{path.name}.chroma.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> ChromaServer:
        command = [str(VENV_BIN / "chroma"), "run", "--path", str(self.path)]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
        env.pop("PYTHONTRACEMALLOC", None)  # a test's own debugging would slow the server down
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_for(self.url + "/api/v2/heartbeat", self.proc, self.log)
        except BaseException:
            self.kill()
            raise
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, as a crash or a power cut would leave it."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def collection(self, name: str) -> dict:
        """The collection's record as the server keeps it (its id, its configuration)."""
        url = f"{self.url}/api/v2/tenants/default_tenant/databases/default_database/collections"
        with urllib.request.urlopen(f"{url}/{name}", timeout=10) as r:
            return json.loads(r.read())


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[ChromaServer]:
    server = ChromaServer(path, port).start()
    try:
        yield server
    finally:
        server.stop()
