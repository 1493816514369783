"""The proxy Chromium is given for every non-loopback address in the browser tests: it records
each request and refuses it (tests/browser_harness.py starts it with the browser).
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from urllib.parse import urlsplit

# Chromium's own service hosts (time, updates, accounts, search); anything else the proxy sees
# came from the page. Font and static hosts (fonts.googleapis.com, *.gstatic.com) are not here.
CHROMIUM_SERVICES = re.compile(
    r"^(?:[\w-]+\.)*(?:google\.com|gvt1\.com|duckduckgo\.com)$"
    r"|^(?:update|content-autofill|optimizationguide-pa|safebrowsing)\.googleapis\.com$"
)


class RecordingProxy:
    """Chromium's proxy for every non-loopback address: records each request and refuses it.

    The DevTools log shows what a page fetches; this also sees what the browser fetches for it
    (a favicon, for one, never reaches the page's network log). A request is whatever a client
    sends: its first line, or every byte it sent if there is no line. Chromium also opens
    speculative connections to its proxy and closes them unused; those carry no byte, so nothing
    left through them. They are counted in ``unused``, not in ``seen``.
    """

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.unused = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed
                return
            with conn:
                conn.settimeout(10)
                data = b""
                try:
                    while b"\r\n" not in data and len(data) < 8192:
                        block = conn.recv(4096)
                        if not block:
                            break
                        data += block
                except OSError:
                    pass  # a timeout: judge what arrived
                if not data:
                    self.unused += 1
                    continue
                self.seen.append(data.split(b"\r\n", 1)[0].decode("latin-1"))
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")

    def close(self) -> None:
        self.sock.close()


def proxied_host(request_line: str) -> str:
    """'CONNECT h:443 HTTP/1.1' or 'GET http://h/p HTTP/1.1' -> 'h'."""
    target = request_line.split(" ")[1] if " " in request_line else ""
    return (urlsplit(target).hostname if "://" in target else target.rsplit(":", 1)[0]) or ""
