"""The app's front door (ui/gate.py) in front of a tiny ASGI app, through Starlette's TestClient:
Host allow-list, Origin and Sec-Fetch-Site checks, the launch token and its session cookie, for
plain HTTP and WebSockets. The real `kb ui` is checked the same way in test_app_access.py."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from ui.gate import COOKIE, Gate, new_token

APP = "http://127.0.0.1:8501"
TOKEN = new_token()


async def page(request):
    return PlainTextResponse("the app")


async def stream(ws: WebSocket):
    await ws.accept()
    await ws.send_text("hello")
    await ws.close()


def client(token: str | None = TOKEN, base: str = APP) -> TestClient:
    app = Starlette(
        routes=[Route("/", page), WebSocketRoute("/_stcore/stream", stream)],
        middleware=[Middleware(Gate, token=token)],
    )
    return TestClient(app, base_url=base, follow_redirects=False)


def logged_in(c: TestClient) -> TestClient:
    r = c.get(f"/?token={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == "/"
    return c


def test_the_token_buys_a_strict_httponly_cookie_and_the_cookie_alone_is_enough():
    c = client()
    r = c.get(f"/?token={TOKEN}&page=library")
    assert r.status_code == 303 and r.headers["location"] == "/?page=library"  # token dropped
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert TOKEN not in cookie  # the cookie is a session of its own, not the token
    assert c.get("/").text == "the app"


@pytest.mark.parametrize(
    "query",
    ["", "?token=", f"?token={'x' * len(TOKEN)}", f"?token={TOKEN[:-1]}", f"?token={TOKEN}x"],
)
def test_no_token_or_a_wrong_one_is_refused_with_a_way_in(query):
    r = client().get(f"/{query}")
    assert r.status_code == 403 and "kb ui --print-url" in r.text
    assert "set-cookie" not in r.headers


def test_a_forged_cookie_is_refused():
    c = client()
    c.cookies.set(COOKIE, "x" * 43)
    assert c.get("/").status_code == 403


@pytest.mark.parametrize(
    "host",
    [
        "evil.example.com",
        "evil.example.com:8501",
        "127.0.0.2:8501",
        "localhost.evil.example.com",
        "",
        "[::2]:8501",
    ],
)
def test_a_foreign_host_is_refused_even_with_a_session(host):
    c = logged_in(client())
    assert c.get("/", headers={"host": host}).status_code == 403


@pytest.mark.parametrize(
    "base", ["http://localhost:8501", "http://[::1]:8501", "http://127.0.0.1:1234"]
)
def test_every_loopback_name_and_port_is_served(base):
    assert logged_in(client(base=base)).get("/").status_code == 200


def test_requests_from_another_site_or_origin_are_refused():
    c = logged_in(client())
    assert c.get("/", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert c.get("/", headers={"sec-fetch-site": "same-site"}).status_code == 403  # other port
    assert c.get("/", headers={"origin": "http://127.0.0.1:9999"}).status_code == 403
    assert c.get("/", headers={"sec-fetch-site": "same-origin"}).status_code == 200
    assert c.get("/", headers={"origin": APP}).status_code == 200


def _ws_headers(c: TestClient, **extra: str) -> dict[str, str]:
    """TestClient's WebSockets send neither the base URL's host nor the cookie jar: add them."""
    cookie = f"{COOKIE}={c.cookies[COOKIE]}" if COOKIE in c.cookies else ""
    return {"host": "127.0.0.1:8501", "cookie": cookie, **extra}


def _refused(c: TestClient, url: str, headers: dict[str, str]) -> bool:
    try:
        with c.websocket_connect(url, headers=headers) as ws:
            ws.receive_text()
    except WebSocketDisconnect:
        return True
    return False


def test_the_websocket_needs_the_cookie_and_its_own_origin():
    c = logged_in(client())
    with c.websocket_connect("/_stcore/stream", headers=_ws_headers(c, origin=APP)) as ws:
        assert ws.receive_text() == "hello"
    url = "/_stcore/stream"
    assert _refused(c, url, _ws_headers(c))  # no Origin at all
    assert _refused(c, url, _ws_headers(c, origin="http://127.0.0.1:9999"))  # another page
    assert _refused(c, url, _ws_headers(c, origin="http://evil.example"))
    assert _refused(c, url, _ws_headers(c, origin="https://127.0.0.1:8501"))  # another scheme
    assert _refused(
        c, url, _ws_headers(c, origin="http://evil.example.com:8501", host="evil.example.com:8501")
    )  # DNS rebinding
    # no cookie: a token in the WebSocket's URL does not count
    assert _refused(client(), f"{url}?token={TOKEN}", _ws_headers(client(), origin=APP))


def test_without_a_token_host_and_origin_checks_still_hold():
    c = client(token=None)
    assert c.get("/").status_code == 200
    assert c.get("/", headers={"host": "evil.example.com"}).status_code == 403
    assert _refused(c, "/_stcore/stream", _ws_headers(c, origin="http://evil.example"))
    with c.websocket_connect("/_stcore/stream", headers=_ws_headers(c, origin=APP)) as ws:
        assert ws.receive_text() == "hello"


def test_tokens_are_long_and_new_each_time():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 22 for t in tokens)  # >= 128 bits in base64
