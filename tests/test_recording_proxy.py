"""The recording proxy that stands between headless Chromium and the network in the browser
tests (tests/recording_proxy.py): what it counts as a request is what
test_browser.py's hostile-document test relies on when it asserts that none left 127.0.0.1.
"""

from __future__ import annotations

import time

import pytest

from tests.recording_proxy import RecordingProxy, proxied_host

pytestmark = pytest.mark.slow


def test_the_proxy_counts_every_byte_sent_as_a_request() -> None:
    """What the hostile-document assertion relies on: an unused connection is not a request,
    anything else is, even a request line the client never finished."""
    import socket

    proxy = RecordingProxy()
    try:
        for payload in (
            b"",
            b"GET http://tracker.example.net/x HTTP/1.1\r\n\r\n",
            b"CONNECT tracker.example.net:443",
        ):
            with socket.create_connection(("127.0.0.1", proxy.port)) as c:
                c.sendall(payload)
                c.shutdown(socket.SHUT_WR)
                c.recv(100)
        deadline = time.monotonic() + 10
        while len(proxy.seen) + proxy.unused < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proxy.close()
    assert proxy.unused == 1
    assert [proxied_host(r) for r in proxy.seen] == ["tracker.example.net"] * 2
