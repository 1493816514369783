"""kb makes no connection to any address but loopback: index + search with the network refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow

GUARD = r"""
import json, socket, sys
attempts = []
LOCAL = ("127.", "::1", "localhost", "0.0.0.0")

def _host(address):
    return str(address[0]) if isinstance(address, tuple) else str(address)

real_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _host(address).startswith(LOCAL):
        attempts.append(["connect", _host(address)])
        raise OSError("network disabled by test")
    return real_connect(self, address)
socket.socket.connect = connect
socket.socket.connect_ex = lambda self, a: connect(self, a) or 0

real_gai = socket.getaddrinfo
def getaddrinfo(host, *a, **k):
    if host and not str(host).startswith(LOCAL):
        attempts.append(["dns", str(host)])
        raise socket.gaierror("network disabled by test")
    return real_gai(host, *a, **k)
socket.getaddrinfo = getaddrinfo

import kb.cli
codes = [kb.cli.main(["index", "--json", sys.argv[1]]),
         kb.cli.main(["search", "--json", "what did the vet say about Biscuit?"])]
print("RESULT " + json.dumps({"codes": codes, "attempts": attempts}))
"""


def test_index_and_search_make_no_outbound_connection(tmp_path):
    env = {"KB_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", GUARD, str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, proc.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT ") :])
    assert result["codes"] == [0, 0], proc.stderr[-3000:]
    assert result["attempts"] == []
    search = json.loads([ln for ln in proc.stdout.splitlines() if ln.startswith('{"query"')][0])
    assert search["hits"], "the search found nothing, so the test proved little"
