"""A reverse proxy that wants one header, in front of a test's Chroma server — the part a
household's nginx or Caddy plays — recording every request that reaches it.
"""

from __future__ import annotations

import http.client
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    status: int


class TokenProxy:
    """Forwards to ``upstream`` what carries ``header: token``; anything else gets 401, and
    502 if the upstream is down."""

    def __init__(self, upstream: str, header: str, token: str):
        self.seen: list[Seen] = []
        self.upserts_to_drop: list[int] = []  # these upserts (1 = the first) reach the server,
        self.upserts = 0  # but their reply is dropped: a server that dies right after a write
        parts = urlsplit(upstream)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if headers.get(header.lower()) != token:
                    status, out, extra = 401, b"<html>401 Authorization Required</html>", {}
                else:
                    status, out, extra = self._forward(headers, body)
                proxy.seen.append(Seen(self.command, self.path, headers, body, status))
                if self.path.endswith("/upsert"):
                    proxy.upserts += 1
                    if proxy.upserts in proxy.upserts_to_drop:
                        self.close_connection = True
                        return
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def _forward(self, headers: dict[str, str], body: bytes) -> tuple:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                forward = {k: v for k, v in headers.items() if k not in HOP_BY_HOP}
                try:
                    conn.request(self.command, self.path, body=body or None, headers=forward)
                    answer = conn.getresponse()
                    out = answer.read()
                except OSError:  # what nginx answers when its upstream is down
                    return 502, b"<html>502 Bad Gateway</html>", {}
                finally:
                    conn.close()
                extra = {k: v for k, v in answer.getheaders() if k.lower() not in HOP_BY_HOP}
                return answer.status, out, extra

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
