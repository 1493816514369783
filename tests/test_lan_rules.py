"""`kb ui --host`'s rules without a server: who may connect from where (ui/endpoint.py), the
gate over TLS (ui/gate.py), the certificate kb makes once and keeps (ui/tls.py), and the
machine's own addresses (ui/interfaces.py). The real server: tests/test_lan_ui.py."""

from __future__ import annotations

import hashlib
import ipaddress
import ssl
import stat
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from kb.errors import ConfigError
from ui import interfaces, tls
from ui.endpoint import LOOPBACK_NAMES, endpoint
from ui.gate import Gate, new_token

LAN = [ipaddress.ip_address("192.168.1.5"), ipaddress.ip_address("fd00::5")]


def addresses(version: int | None) -> list[interfaces.IP]:
    return [ip for ip in LAN if version is None or ip.version == version]


def lan(host: str, *allow: str, **kw) -> object:
    return endpoint(host, allow, addresses=addresses, hostname=lambda: "study", **kw)


# --- who may connect from where ------------------------------------------------------------------
def test_the_default_is_loopback_over_plain_http_as_before():
    e = endpoint()
    assert (e.bind, e.names, e.tls, e.local) == ("127.0.0.1", LOOPBACK_NAMES, False, True)
    assert e.url(8501, "T") == "http://127.0.0.1:8501/?token=T"
    assert endpoint(token=False).url(8501, None) == "http://127.0.0.1:8501/"  # --no-token: fine
    assert endpoint("localhost").bind == "127.0.0.1"
    assert endpoint("::1").url(8501, None) == "http://[::1]:8501/"
    assert endpoint(tls=True).url(8501, None) == "https://127.0.0.1:8501/"  # a cert given: TLS


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "[fd00::5]"])
def test_other_devices_never_get_an_app_without_the_token(host):
    with pytest.raises(ConfigError, match="keeps its access token: --no-token"):
        lan(host, token=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5"])
def test_other_devices_always_get_tls(host):
    assert lan(host).tls and lan(host).url(8501, "T").startswith("https://")


def test_names_are_refused_where_an_address_is_wanted_and_the_other_way_round():
    with pytest.raises(ConfigError, match="--host takes an IP address"):
        lan("kb.home.lan")
    with pytest.raises(ConfigError, match="needs --host too"):
        lan("127.0.0.1", "kb.home.lan")
    for bad in ("https://kb.home.lan", "kb.home.lan:8501", "*.home.lan", "kb home", ""):
        with pytest.raises(ConfigError, match="--allow-host takes"):
            lan("0.0.0.0", bad)


def test_a_wildcard_serves_the_configured_names_the_machines_addresses_and_loopback():
    e = lan("0.0.0.0", "KB.Home.Lan.", "kb.home.lan")
    assert e.names == (
        "kb.home.lan",  # as a Host header carries it, once
        "192.168.1.5",  # 0.0.0.0 is IPv4 only
        "study",
        "study.local",  # the machine's own name, and its mDNS form
        *LOOPBACK_NAMES,
    )
    assert e.url(8501, "T") == "https://kb.home.lan:8501/?token=T"  # the first configured name
    assert e.required == ("kb.home.lan",) and e.probe() == "127.0.0.1"


def test_dual_stack_serves_both_families_and_prints_an_address_without_names():
    e = lan("::")
    assert e.names[:2] == ("192.168.1.5", "fd00::5") and e.probe() == "::1"
    assert e.url(8501, "T") == "https://192.168.1.5:8501/?token=T"
    assert endpoint("::", addresses=lambda v: [LAN[1]], hostname=str).url(1, None) == (
        "https://[fd00::5]:1/"
    )


def test_one_address_serves_that_address_and_the_names_but_not_loopback():
    e = lan("192.168.1.5", "kb.home.lan")
    assert e.names == ("kb.home.lan", "192.168.1.5") and e.probe() == "192.168.1.5"
    assert not set(e.names) & set(LOOPBACK_NAMES)
    assert e.required == ("kb.home.lan",)
    assert lan("192.168.1.5").required == ("192.168.1.5",)


# --- the gate over TLS ---------------------------------------------------------------------------
TOKEN = new_token()


def gate(hosts, base: str) -> TestClient:
    async def page(request):
        return PlainTextResponse("the app")

    app = Starlette(
        routes=[Route("/", page)],
        middleware=[Middleware(Gate, token=TOKEN, hosts=hosts, scheme="https")],
    )
    return TestClient(app, base_url=base, follow_redirects=False)


def test_over_tls_the_cookie_is_secure_and_the_origin_must_say_https():
    c = gate(lan("0.0.0.0", "kb.home.lan").names, "https://kb.home.lan:8501")
    r = c.get(f"/?token={TOKEN}")
    assert r.status_code == 303 and "; Secure" in r.headers["set-cookie"]
    assert c.get("/").text == "the app"
    assert c.get("/", headers={"origin": "https://kb.home.lan:8501"}).status_code == 200
    assert c.get("/", headers={"origin": "http://kb.home.lan:8501"}).status_code == 403
    for host in ("192.168.1.5:8501", "localhost:8501", "study.local:8501", "kb.home.lan.:8501"):
        assert c.get("/", headers={"host": host}).status_code == 200, host
    for host in ("evil.example.com:8501", "kb.home.lan.evil.example:8501", "192.168.1.6:8501"):
        assert c.get("/", headers={"host": host}).status_code == 403, host


def test_one_address_bound_loopback_names_are_foreign():
    c = gate(lan("192.168.1.5", "kb.home.lan").names, "https://192.168.1.5:8501")
    assert c.get(f"/?token={TOKEN}").status_code == 303
    assert c.get("/", headers={"host": "127.0.0.1:8501"}).status_code == 403
    assert c.get("/", headers={"host": "kb.home.lan:8501"}).status_code == 200


# --- the certificate -----------------------------------------------------------------------------
NAMES = ["kb.home.lan", "192.168.1.5", "localhost"]


def test_kb_makes_a_private_certificate_once_and_keeps_it(tmp_path: Path):
    made = tls.certificate(tmp_path, NAMES, ["kb.home.lan"])
    assert made.source == "made now: first start with --host" and made.names == tuple(NAMES)
    folder = tmp_path / "tls"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for f in (made.cert, made.key):
        assert f.parent == folder and stat.S_IMODE(f.stat().st_mode) == 0o600
    der = ssl.PEM_cert_to_DER_cert(made.cert.read_text())
    assert made.fingerprint.replace(":", "").lower() == hashlib.sha256(der).hexdigest()
    assert len(made.fingerprint) == 95  # 32 bytes as AB:CD:…
    made.context()  # the pair loads as a server context

    kept = tls.certificate(tmp_path, [*NAMES, "study"], ["kb.home.lan"])
    assert kept.source == "kept from an earlier start" and kept.fingerprint == made.fingerprint
    assert "fingerprint" in " ".join(kept.notice("kb.home.lan"))
    assert kept.self_signed


def test_a_kept_certificate_is_made_again_only_when_it_must_be(tmp_path: Path, monkeypatch):
    first = tls.certificate(tmp_path, NAMES, ["kb.home.lan"])
    other = tls.certificate(tmp_path, ["kb.lan"], ["kb.lan"])  # a name it does not carry
    assert other.source == "made now: the kept one did not name kb.lan"
    assert other.fingerprint != first.fingerprint

    monkeypatch.setattr(tls, "VALID_DAYS", tls.RENEW_DAYS - 1)
    short = tls.make(tmp_path / "tls", ["kb.lan"], "test")  # near the end of its validity
    monkeypatch.undo()
    renewed = tls.certificate(tmp_path, ["kb.lan"], ["kb.lan"])
    assert renewed.source.startswith("made now: the kept one expires on")
    assert renewed.fingerprint != short.fingerprint

    other.key.write_text("not a key")  # a broken pair is replaced, not fatal
    assert tls.certificate(tmp_path, ["kb.lan"]).source == "made now: the kept one did not load"


def test_the_users_own_pair_is_used_as_it_is_and_checked_first(tmp_path: Path):
    mine = tls.make(tmp_path / "mine", ["kb.home.lan"], "test")
    theirs = tls.make(tmp_path / "theirs", ["kb.home.lan"], "test")
    got = tls.certificate(tmp_path, NAMES, NAMES, mine.cert, mine.key)
    assert got.source == "yours" and got.fingerprint == mine.fingerprint and not got.self_signed
    assert not (tmp_path / "tls").exists()  # nothing made
    assert "does not name 192.168.1.5" in " ".join(got.notice("192.168.1.5"))
    with pytest.raises(ConfigError, match="go together"):
        tls.certificate(tmp_path, NAMES, cert=mine.cert)
    with pytest.raises(ConfigError, match="Cannot serve TLS"):
        tls.certificate(tmp_path, NAMES, cert=mine.cert, key=theirs.key)  # not its key
    with pytest.raises(ConfigError, match="not a PEM certificate"):
        tls.certificate(tmp_path, NAMES, cert=mine.key, key=mine.key)
    with pytest.raises(ConfigError, match="Cannot read the certificate"):
        tls.certificate(tmp_path, NAMES, cert=tmp_path / "none.pem", key=mine.key)


def test_a_client_that_trusts_the_certificate_verifies_every_name_it_carries(tmp_path: Path):
    import socket
    import threading

    made = tls.certificate(tmp_path, NAMES)
    server = made.context()
    client = ssl.create_default_context(cafile=str(made.cert))
    for name in (*NAMES, "elsewhere.lan"):
        a, b = socket.socketpair()
        with a, b:
            t = threading.Thread(target=_accept, args=(server, b), daemon=True)
            t.start()
            try:
                with client.wrap_socket(a, server_hostname=name) as s:
                    ok = s.recv(2) == b"ok"
            except ssl.SSLCertVerificationError:
                ok = False
            t.join(5)
        assert ok == (name in NAMES), name


def _accept(context: ssl.SSLContext, sock) -> None:
    try:
        with context.wrap_socket(sock, server_side=True) as s:
            s.sendall(b"ok")
    except (ssl.SSLError, OSError):
        pass  # the client refused the certificate


# --- the machine's addresses ---------------------------------------------------------------------
def test_the_machines_addresses_come_from_its_interfaces():
    found = interfaces.all_addresses()
    if not found:
        pytest.skip("getifaddrs is not available here")
    assert ipaddress.ip_address("127.0.0.1") in found  # loopback always exists
    reachable = interfaces.reachable()
    assert not any(ip.is_loopback or ip.is_link_local for ip in reachable)
    assert [ip.version for ip in reachable] == sorted(ip.version for ip in reachable)
    assert all(ip.version == 4 for ip in interfaces.reachable(4))
