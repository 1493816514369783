"""The shipped `kb ui`, from outside: it answers only its owner's browser on its own address.

Raw HTTP and raw WebSocket handshakes against a real `kb ui` subprocess, so nothing a client
library does (or refuses to do) hides what the server answers: a foreign Host as a DNS-rebinding
page would send it, a foreign Origin, no token, a wrong token, the token, then the cookie alone.
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
from pathlib import Path

import pytest

from tests.ui_process import RunningUI, listening, running_ui

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("access")
    (base / "notes").mkdir()
    (base / "notes" / "a.md").write_text("# A\n\nA private note.\n")
    with running_ui(base / "home", str(base / "notes")) as running:
        yield running


def get(ui: RunningUI, path: str, **headers: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", ui.port, timeout=30)
    conn.putrequest("GET", path, skip_host=True)
    for name, value in {"Host": f"127.0.0.1:{ui.port}", **headers}.items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def handshake(ui: RunningUI, **headers: str) -> str:
    """The status line the server answers a WebSocket upgrade of /_stcore/stream with."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = {
        "Host": f"127.0.0.1:{ui.port}",
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": key,
        "Sec-WebSocket-Version": "13",
        **headers,
    }
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in lines.items() if v)
        + "\r\n"
    )
    with socket.create_connection(("127.0.0.1", ui.port), timeout=30) as s:
        s.sendall(request.encode())
        return s.recv(4096).split(b"\r\n", 1)[0].decode()


def session(ui: RunningUI) -> str:
    r = get(ui, f"/?token={ui.token}")
    assert r.status == 303, r.status
    cookie = r.getheader("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    return cookie.split(";", 1)[0]


def test_the_printed_address_carries_a_long_token(ui):
    assert len(ui.token) >= 22  # >= 128 bits


def test_without_the_token_nothing_is_served(ui):
    assert get(ui, "/").status == 403
    assert get(ui, "/_stcore/health").status == 403
    assert get(ui, f"/?token={'A' * len(ui.token)}").status == 403  # right length, wrong value
    assert handshake(ui, Origin=f"http://127.0.0.1:{ui.port}").endswith(" 403 Forbidden")


def test_the_token_then_the_cookie_alone_opens_the_app(ui):
    cookie = session(ui)
    assert get(ui, "/", Cookie=cookie).status == 200
    assert get(ui, "/_stcore/health", Cookie=cookie).status == 200
    origin = f"http://127.0.0.1:{ui.port}"
    assert handshake(ui, Origin=origin, Cookie=cookie).endswith(" 101 Switching Protocols")


def test_a_foreign_host_is_refused_on_the_page_and_the_websocket(ui):
    cookie = session(ui)  # even a browser that has the cookie: DNS rebinding sends its own Host
    rebound = f"evil.example.com:{ui.port}"
    assert get(ui, "/", Host=rebound, Cookie=cookie).status == 403
    assert get(ui, f"/?token={ui.token}", Host=rebound).status == 403
    assert handshake(ui, Host=rebound, Origin=f"http://{rebound}", Cookie=cookie).endswith(
        " 403 Forbidden"
    )


def test_a_foreign_origin_with_a_loopback_host_cannot_open_the_websocket(ui):
    cookie = session(ui)
    for origin in ("http://evil.example.com", "http://localhost:9999", "null", ""):
        assert handshake(ui, Origin=origin, Cookie=cookie).endswith(" 403 Forbidden"), origin


def test_stopping_closes_the_port(tmp_path: Path):
    (tmp_path / "notes").mkdir()
    with running_ui(tmp_path / "home", str(tmp_path / "notes")) as running:
        assert listening(running.port)
    assert running.proc.returncode == 0
    assert not listening(running.port)
    assert not (tmp_path / "home" / "ui.url").exists()  # no stale address left behind
