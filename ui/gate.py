"""The app's front door: it answers only its owner's browser, on the address it listens on.

An ASGI middleware in front of Streamlit, for plain HTTP and for the WebSocket that carries the
chat. Each request must pass, in order:

1. **Host** names an allowed address: by default 127.0.0.1, localhost, [::1]; with
   `kb ui --host` the names ui/endpoint.py lists. Any port: the name is what a DNS-rebinding
   page cannot fake — its own name re-resolves to the machine, but it still sends that name.
2. **Origin / Sec-Fetch-Site**: a WebSocket needs an Origin equal to ``SCHEME://Host`` (browsers
   always send one; https when kb serves TLS); an HTTP request that carries an Origin must match
   too, and one the browser marks as coming from another site is refused. A second loopback
   page (another port) is another origin: it gets nothing.
3. **The launch token** (unless turned off): the first request brings ``?token=…``; it is
   answered with a redirect that drops the token from the address bar and sets an HttpOnly,
   SameSite=Strict session cookie (Secure too over TLS), which is then enough. Comparisons are
   constant-time.

A refusal is a 403 with a short page saying how to get in; a refused WebSocket is closed before
it is accepted, which uvicorn turns into a 403 handshake answer.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "kb_session"
TOKEN_BYTES = 32  # 256 bits
DENIED = """<!doctype html><meta charset="utf-8"><title>kb</title>
<body style="font-family: sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5">
<h1>kb: not for this address</h1>
<p>{why}</p>
<p>Open kb with the link <code>kb ui</code> printed when it started (it carries a one-time
token), or run <code>kb ui --print-url</code> in a terminal on the computer that runs
kb.</p></body>"""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _hostname(netloc: str) -> str | None:
    """'127.0.0.1:8501' -> '127.0.0.1', '[::1]:8501' -> '::1', 'kb.lan.' -> 'kb.lan';
    None when it cannot be parsed."""
    try:
        name = urlsplit(f"//{netloc}").hostname
    except ValueError:
        return None
    return name.rstrip(".") if name else name


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class Gate:
    def __init__(
        self,
        app: Any,
        *,
        token: str | None,
        hosts: Iterable[str] = LOOPBACK,
        cookie: str = COOKIE,
        scheme: str = "http",
    ):
        self.app = app
        self.scheme = scheme  # what the browser's address bar says: Origin must say it too
        self.token = token
        self.cookie = cookie  # named after the port: cookies ignore ports, two apps would clash
        self.session = secrets.token_urlsafe(TOKEN_BYTES)  # the cookie: not the token itself
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        why = self._refusal(scope["type"], headers)
        if why is None and self.token is not None and not self._has_session(headers):
            if self._has_token(scope) and scope["type"] == "http":
                await self._let_in(scope, send)
                return
            why = "This browser has not shown kb's access token."
        if why is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
        else:
            await _reply(send, 403, DENIED.format(why=why).encode(), [])

    def _refusal(self, kind: str, headers: Headers) -> str | None:
        host = headers.get("host", "")
        if (_hostname(host) or "").lower() not in self.hosts:
            return "The address in the browser is not one kb answers on."
        origin = headers.get("origin")
        if kind == "websocket" and not origin:
            return "A connection without an origin."
        if origin is not None and origin.lower() != f"{self.scheme}://{host.lower()}":
            return "A page from another address tried to reach kb."  # scheme, name and port
        if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return "A page from another address tried to reach kb."
        return None

    def _has_session(self, headers: Headers) -> bool:
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is no session
            return False
        morsel = cookies.get(self.cookie)
        return morsel is not None and _same(morsel.value, self.session)

    def _has_token(self, scope: dict[str, Any]) -> bool:
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        return self.token is not None and _same(query.get("token", ""), self.token)

    async def _let_in(self, scope: dict[str, Any], send: Any) -> None:
        """Set the session cookie and send the browser to the same page without the token."""
        rest = [
            (k, v)
            for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
            if k != "token"
        ]
        location = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{self.cookie}={self.session}; Path=/; HttpOnly; SameSite=Strict"
        if self.scheme == "https":
            cookie += "; Secure"  # never sent back over plain HTTP
        await _reply(
            send, 303, b"", [(b"location", location.encode()), (b"set-cookie", cookie.encode())]
        )


async def _reply(send: Any, status: int, body: bytes, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"referrer-policy", b"no-referrer"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
