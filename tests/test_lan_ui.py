"""`kb ui --host`, the app for the household's other devices, from outside: a real subprocess.

Without the token it refuses to start on a non-loopback address; with no certificate given it
makes one once in KB_HOME, prints its fingerprint and keeps it; over TLS a client that trusts
that certificate gets the app with the token and then the cookie, a foreign Host is still
refused, and the chat's WebSocket (wss) needs the app's own https Origin. Raw HTTP and raw
handshakes, as in test_app_access.py; the headless Chromium run over wss: test_lan_browser.py.

The server binds this machine's first non-loopback IPv4 address (skipped when there is none);
the reuse test binds 0.0.0.0 and connects through 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import socket
import ssl
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.index_state import run_kb
from tests.lan_process import NAME, LanUI, lan_notes, lan_ui, serving_the_lan

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lan_notes(tmp_path_factory.mktemp("lan"))


@pytest.fixture(scope="module")
def ui(notes: Path) -> Iterator[LanUI]:
    with serving_the_lan(notes) as running:
        yield running


def get(ui: LanUI, path: str, **headers: str) -> http.client.HTTPResponse:
    """GET over TLS to the bound address, verified against its certificate's IP name."""
    conn = http.client.HTTPSConnection(ui.connect, ui.port, timeout=30, context=ui.trusting())
    conn.putrequest("GET", path, skip_host=True)
    for name, value in {"Host": f"{NAME}:{ui.port}", **headers}.items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def handshake(ui: LanUI, **headers: str) -> str:
    """The status line of a wss:// upgrade of /_stcore/stream, the certificate checked for NAME."""
    lines = {
        "Host": f"{NAME}:{ui.port}",
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
        **headers,
    }
    request = "GET /_stcore/stream HTTP/1.1\r\n"
    request += "".join(f"{k}: {v}\r\n" for k, v in lines.items() if v) + "\r\n"
    with (
        socket.create_connection((ui.connect, ui.port), timeout=30) as raw,
        ui.trusting().wrap_socket(raw, server_hostname=NAME) as s,
    ):
        s.sendall(request.encode())
        return s.recv(4096).split(b"\r\n", 1)[0].decode()


def session(ui: LanUI) -> str:
    r = get(ui, f"/?token={ui.token}")
    assert r.status == 303, r.status
    cookie = r.getheader("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie
    return cookie.split(";", 1)[0]


# --- refusals --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, says",
    [
        (["--host", "0.0.0.0", "--no-token"], "keeps its access token: --no-token"),
        (["--host", "0.0.0.0", "--tls-cert", "cert.pem"], "--tls-cert and --tls-key go together"),
        (["--allow-host", NAME], "needs --host too"),
        (["--host", NAME], "--host takes an IP address"),
    ],
)
def test_it_refuses_to_start_for_other_devices_without_token_or_tls(tmp_path, notes, args, says):
    proc = run_kb(tmp_path / "home", "ui", str(notes), *args, "--port", "0", "--no-browser")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err.startswith("kb: ") and says in err, err
    assert not (tmp_path / "home" / "tls").exists() and not (tmp_path / "home" / "ui.url").exists()


# --- the certificate -------------------------------------------------------------------------
def test_it_prints_the_fingerprint_of_the_private_certificate_it_made(ui):
    assert ui.url.startswith(f"https://{NAME}:{ui.port}/?token=") and len(ui.token) >= 22
    cert, key = ui.home / "tls" / "cert.pem", ui.home / "tls" / "key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(cert.stat().st_mode) == 0o600
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(cert.read_text())).hexdigest()
    assert ui.fingerprint.replace(":", "").lower() == digest
    assert any("made now: first start with --host" in ln for ln in ui.notice), ui.notice
    assert (ui.home / "ui.url").read_text().split()[0] == ui.url  # --print-url, as on loopback


def test_a_second_start_keeps_the_certificate(tmp_path, notes):
    home = tmp_path / "home"
    prints = []
    for _ in range(2):  # 0.0.0.0: loopback names are served too, over TLS
        with lan_ui(home, notes, "127.0.0.1", "--host", "0.0.0.0", "--allow-host", NAME) as ui:
            prints.append(ui.fingerprint)
            conn = http.client.HTTPSConnection("localhost", ui.port, context=ui.trusting())
            conn.request("GET", "/")  # verified for "localhost", a name the certificate carries
            assert conn.getresponse().status == 403  # no token yet: the gate answered
            conn.close()
            notice = " ".join(ui.notice)
    assert prints[0] == prints[1] and "kept from an earlier start" in notice


# --- over TLS: token, cookie, Host, Origin ---------------------------------------------------
def test_with_tls_and_the_token_a_client_reaches_the_app(ui):
    assert get(ui, "/").status == 403
    assert get(ui, f"/?token={'A' * len(ui.token)}").status == 403
    cookie = session(ui)
    assert get(ui, "/", Cookie=cookie).status == 200
    assert get(ui, "/_stcore/health", Cookie=cookie).status == 200
    assert get(ui, "/", Cookie=cookie, Host=f"{ui.connect}:{ui.port}").status == 200  # its IP


def test_a_foreign_host_is_still_refused(ui):
    cookie = session(ui)  # even with the cookie: DNS rebinding sends the attacker's name
    for host in (f"evil.example.com:{ui.port}", f"127.0.0.1:{ui.port}", f"{NAME}.evil:{ui.port}"):
        assert get(ui, "/", Host=host, Cookie=cookie).status == 403, host
        assert get(ui, f"/?token={ui.token}", Host=host).status == 403, host
    rebound = f"evil.example.com:{ui.port}"
    status = handshake(ui, Host=rebound, Origin=f"https://{rebound}", Cookie=cookie)
    assert status.endswith(" 403 Forbidden")


def test_the_websocket_over_wss_needs_the_apps_own_https_origin(ui):
    cookie = session(ui)
    own = f"https://{NAME}:{ui.port}"
    assert handshake(ui, Origin=own, Cookie=cookie).endswith(" 101 Switching Protocols")
    for origin in (f"http://{NAME}:{ui.port}", "https://evil.example.com", "null", ""):
        assert handshake(ui, Origin=origin, Cookie=cookie).endswith(" 403 Forbidden"), origin
    assert handshake(ui, Origin=own).endswith(" 403 Forbidden")  # no cookie


def test_plain_http_gets_no_page(ui):
    conn = http.client.HTTPConnection(ui.connect, ui.port, timeout=30)
    try:
        conn.request("GET", f"/?token={ui.token}", headers={"Host": f"{NAME}:{ui.port}"})
        status = conn.getresponse().status
    except (http.client.HTTPException, OSError):
        status = None  # the TLS server drops a request that is not a TLS handshake
    finally:
        conn.close()
    assert status in (None, 400), status
