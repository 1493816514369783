"""`kb ui --host` in a subprocess, as the household's other devices reach it: started on this
machine's first non-loopback IPv4 address with an allowed name, and the certificate it serves.
For tests/test_lan_ui.py (raw HTTP and handshakes) and tests/test_lan_browser.py (Chromium).
"""

from __future__ import annotations

import os
import select
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO
from tests.index_state import fake_kb_command, stop
from ui import interfaces

NAME = "kb.home.lan"
START_S = 120


@dataclass
class LanUI:
    proc: subprocess.Popen
    url: str  # as printed: https://NAME:PORT/?token=TOKEN
    notice: list[str]  # what it said on stderr before the address
    connect: str  # where a client on this machine reaches it
    home: Path

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def token(self) -> str:
        return urlsplit(self.url).query.removeprefix("token=")

    @property
    def fingerprint(self) -> str:
        line = next(ln for ln in self.notice if "fingerprint" in ln)
        return line.rsplit(" ", 1)[1]

    def trusting(self) -> ssl.SSLContext:
        """A client context that trusts exactly the certificate kb serves."""
        return ssl.create_default_context(cafile=str(self.home / "tls" / "cert.pem"))


@contextmanager
def lan_ui(home: Path, notes: Path, connect: str, *args: str) -> Iterator[LanUI]:
    """`kb ui NOTES ARGS --port 0` until the block ends, then SIGTERM. Its stderr goes to a
    file: the certificate's notice is written there before the address is printed."""
    home.mkdir(parents=True, exist_ok=True)
    log = home.parent / f"{home.name}-stderr.log"
    env = {**os.environ, "KB_HOME": str(home), "KB_EMBEDDER": "fake"}
    command = fake_kb_command("ui", str(notes), *args, "--port", "0", "--no-browser")
    with log.open("w") as err:
        proc = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True
        )
    try:
        deadline = time.monotonic() + START_S
        while not select.select([proc.stdout], [], [], 0.5)[0]:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"kb ui did not start: {log.read_text()}")
        url = proc.stdout.readline().strip().removeprefix("kb: open ")
        assert url.startswith("https://"), (url, log.read_text())
        yield LanUI(proc, url, log.read_text().splitlines(), connect, home)
    finally:
        stop(proc)


def lan_ip() -> str:
    found = interfaces.reachable(4)
    if not found:
        pytest.skip("this machine has no non-loopback IPv4 address")
    return str(found[0])


def lan_notes(base: Path) -> Path:
    """BASE/notes with the one note the app serves."""
    root = base / "notes"
    root.mkdir()
    (root / "vet.md").write_text("# Vet\n\nThe vet said Biscuit needs a new collar.\n")
    return root


@contextmanager
def serving_the_lan(notes: Path) -> Iterator[LanUI]:
    """`kb ui NOTES` on this machine's LAN address, answering to NAME, its home next to NOTES."""
    ip = lan_ip()
    with lan_ui(notes.parent / "home", notes, ip, "--host", ip, "--allow-host", NAME) as running:
        yield running
