"""KB_LLM_URL / KB_CHROMA_URL and their keys: parsed once, refused when plain http would leave
the machine, and the credentials never in a repr or an error message."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kb.errors import ConfigError
from kb.servers import Server, Servers, is_loopback
from kb.settings import Settings

TOKEN = "tok-3f9c2a7e1b"


def test_no_urls_means_no_servers():
    assert Servers.from_env({}) == Servers(None, None)
    assert Settings.from_env({"KB_HOME": "/tmp/x"}).servers == Servers()


def test_a_loopback_chroma_url_with_headers():
    env = {
        "KB_CHROMA_URL": " http://127.0.0.1:8000/ ",
        "KB_CHROMA_HEADERS": f'{{"X-Chroma-Token": "{TOKEN}"}}',
    }
    chroma = Servers.from_env(env).chroma
    assert chroma is not None
    assert (chroma.url, chroma.host, chroma.port, chroma.https) == (
        "http://127.0.0.1:8000",
        "127.0.0.1",
        8000,
        False,
    )
    assert chroma.loopback and chroma.header_dict() == {"X-Chroma-Token": TOKEN}
    assert TOKEN not in repr(chroma) and TOKEN not in repr(Settings.from_env(env))


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("https://box.lan", "box.lan", 443),
        ("http://localhost", "localhost", 80),
        ("https://box.lan:8443/chroma", "box.lan", 8443),
        ("http://[::1]:9000", "::1", 9000),
    ],
)
def test_host_and_port_from_the_url(url, host, port):
    chroma = Servers.from_env({"KB_CHROMA_URL": url}).chroma
    assert chroma is not None and (chroma.host, chroma.port) == (host, port)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST"]
)
def test_loopback_names(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["box.lan", "192.168.1.20", "10.0.0.1", "0.0.0.0", "example.com"])
def test_not_loopback(host):
    assert not is_loopback(host)


@pytest.mark.parametrize("name", ["KB_CHROMA_URL", "KB_LLM_URL"])
def test_plain_http_to_another_machine_is_refused_unless_meant(name):
    with pytest.raises(ConfigError, match=r"plain http:// to another machine \(192\.168\.1\.20\)"):
        Servers.from_env({name: "http://192.168.1.20:8000"})
    for yes in ("yes", "1", "true", "ON"):
        assert Servers.from_env({name: "http://192.168.1.20:8000", "KB_ALLOW_PLAIN_HTTP": yes})
    with pytest.raises(ConfigError):
        Servers.from_env({name: "http://192.168.1.20:8000", "KB_ALLOW_PLAIN_HTTP": "no"})
    assert Servers.from_env({name: "https://192.168.1.20:8443"})  # TLS: fine without


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("127.0.0.1:8000", "http:// or https://"),
        ("ftp://127.0.0.1", "http:// or https://"),
        ("http://", "with a host"),
        ("http://127.0.0.1:eighty", "bad port"),
        (f"https://kb:{TOKEN}@box.lan", "must not hold a user name or password"),
    ],
)
def test_malformed_urls_are_config_errors(url, words):
    with pytest.raises(ConfigError, match=words):
        Servers.from_env({"KB_CHROMA_URL": url})


@pytest.mark.parametrize(
    "url", [f"https://kb:{TOKEN}@box.lan", f"ftp://kb:{TOKEN}@box.lan", f"kb:{TOKEN}@box.lan:x"]
)
def test_a_password_in_the_url_is_refused_without_repeating_it(url):
    with pytest.raises(ConfigError, match="must not hold a user name or password") as e:
        Servers.from_env({"KB_CHROMA_URL": url})
    assert TOKEN not in str(e.value)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (f'{{"X-Chroma-Token": "{TOKEN}"', "not valid JSON"),
        (f'["X-Chroma-Token", "{TOKEN}"]', "JSON object of header names"),
        ('{"X-Chroma-Token": 12345}', "JSON object of header names"),
    ],
)
def test_bad_headers_are_refused_without_showing_them(raw, words):
    env = {"KB_CHROMA_URL": "http://127.0.0.1:8000", "KB_CHROMA_HEADERS": raw}
    with pytest.raises(ConfigError, match=words) as e:
        Servers.from_env(env)
    assert TOKEN not in str(e.value) and "12345" not in str(e.value)


def test_headers_without_a_url_mean_nothing():
    assert Servers.from_env({"KB_CHROMA_HEADERS": f'{{"X": "{TOKEN}"}}'}).chroma is None


def test_the_llm_key_becomes_a_bearer_header_and_a_timeout_is_checked():
    llm = Servers.from_env(
        {"KB_LLM_URL": "http://127.0.0.1:8080", "KB_LLM_API_KEY": TOKEN, "KB_LLM_TIMEOUT": "5"}
    ).llm
    assert llm is not None and llm.header_dict() == {"Authorization": f"Bearer {TOKEN}"}
    assert llm.timeout_s == 5 and TOKEN not in repr(llm)
    for bad in ("0", "-1", "soon"):
        with pytest.raises(ConfigError, match="KB_LLM_TIMEOUT"):
            Servers.from_env({"KB_LLM_URL": "http://127.0.0.1:8080", "KB_LLM_TIMEOUT": bad})


def test_a_server_is_a_frozen_value():
    s = Server("https://box.lan:8443", (("X-Chroma-Token", TOKEN),))
    with pytest.raises(AttributeError):
        s.url = "http://elsewhere"  # type: ignore[misc]
    assert s.https and not s.loopback


def test_a_chroma_server_sees_path_tokens_and_a_collection_per_home():
    from kb.records import Filters
    from kb.store.chroma_client import PathTokens
    from kb.store.where import chroma_where

    a, b = PathTokens(b"a" * 32), PathTokens(b"b" * 32)
    assert a.collection() != b.collection() and re.fullmatch(r"kb-[0-9a-f]{32}", a.collection())
    assert a.token("/home/me/Dr Smith.md") != b.token("/home/me/Dr Smith.md")
    where = chroma_where(Filters(kinds=("note",), date_from="2025-03-01"), ["/x/1.md", "/x/2.md"])
    seen = a.where(where)
    assert json.dumps(seen).count("/x/") == 0
    assert {"path": {"$in": [a.token("/x/1.md"), a.token("/x/2.md")]}} in seen["$and"]
    assert {"kind": {"$in": ["note"]}} in seen["$and"]  # everything else as it was
    assert a.where({"path": "/x/1.md"}) == {"path": a.token("/x/1.md")}
    assert a.where({"path": {"$eq": "/x/1.md"}}) == {"path": {"$eq": a.token("/x/1.md")}}


def test_which_store_is_in_use_reads_plainly():
    from kb.store.chroma_client import Location

    embedded = Location(Path("/h/chroma"))
    served = Location(Path("/h/chroma"), Server("https://box.lan:8443", (("X", TOKEN),)))
    assert embedded.describe() == "the embedded Chroma in /h/chroma"
    assert served.describe() == "the Chroma server at https://box.lan:8443"
    assert served.identity == "https://box.lan:8443" and TOKEN not in repr(served)


def test_a_proxy_from_the_environment_is_kept_off_the_way_to_a_server(monkeypatch):
    from kb.servers import bypass_proxies

    monkeypatch.setenv("NO_PROXY", "intranet.example")
    monkeypatch.delenv("no_proxy", raising=False)
    server = Server("https://box.lan:8443")
    bypass_proxies(server)
    bypass_proxies(server)  # once is enough
    assert os.environ["NO_PROXY"] == "intranet.example,box.lan"
    assert os.environ["no_proxy"] == "box.lan"
