"""The servers a household moves kb's heavy parts to: a llama.cpp server and a Chroma server.

Both are existing, well-kept servers (``llama-server`` or ``python -m llama_cpp.server``, and
``chroma run``); kb only talks to them. Sanitized text crosses the wire — passages in prompts,
chunk metadata in the store — so a server that is not on this machine must be reached over
https (a TLS reverse proxy in front of it), unless the user says they mean plain http on their
own network with KB_ALLOW_PLAIN_HTTP=yes.

    KB_LLM_URL=http://127.0.0.1:8080      KB_LLM_API_KEY=...   KB_LLM_TIMEOUT=60
    KB_CHROMA_URL=https://box.lan:8443    KB_CHROMA_HEADERS='{"X-Chroma-Token": "..."}'
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kb.errors import ConfigError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
DEFAULT_TIMEOUT_S = 60.0  # a model server this slow to start answering is treated as down
YES = ("1", "yes", "true", "on")


@dataclass(frozen=True)
class Server:
    """One server kb talks to. Headers hold credentials: they never appear in repr or logs."""

    url: str  # scheme://host[:port][/path], no trailing slash
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    timeout_s: float = DEFAULT_TIMEOUT_S

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        parts = urlsplit(self.url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    @property
    def https(self) -> bool:
        return self.url.startswith("https://")

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def header_dict(self) -> dict[str, str]:
        return dict(self.headers)


@dataclass(frozen=True)
class Servers:
    llm: Server | None = None  # None: the GGUF in this process (or extractive answers)
    chroma: Server | None = None  # None: the embedded Chroma store under KB_HOME

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Servers:
        plain_ok = env.get("KB_ALLOW_PLAIN_HTTP", "").strip().lower() in YES
        llm = chroma = None
        if env.get("KB_LLM_URL", "").strip():
            key = env.get("KB_LLM_API_KEY", "").strip()
            llm = Server(
                _url("KB_LLM_URL", env["KB_LLM_URL"], plain_ok),
                (("Authorization", f"Bearer {key}"),) if key else (),
                _seconds("KB_LLM_TIMEOUT", env.get("KB_LLM_TIMEOUT", "")),
            )
        if env.get("KB_CHROMA_URL", "").strip():
            chroma = Server(
                _url("KB_CHROMA_URL", env["KB_CHROMA_URL"], plain_ok),
                _headers(env.get("KB_CHROMA_HEADERS", "")),
            )
        return cls(llm, chroma)


def bypass_proxies(server: Server) -> None:
    """Keep an HTTP(S)_PROXY from the environment off the way to ``server``: private text goes
    to the box the user named and nowhere else. Clients kb cannot configure (chromadb's) read
    NO_PROXY, so the host is added to it for this process."""
    for name in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in os.environ.get(name, "").split(",") if h.strip()]
        if server.host not in hosts:
            os.environ[name] = ",".join([*hosts, server.host])


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url(name: str, raw: str, plain_ok: bool) -> str:
    url = raw.strip().rstrip("/")
    if "@" in url:  # checked first: the messages below repeat the address
        raise ConfigError(f"{name} must not hold a user name or password; use the key settings.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name} must be an http:// or https:// address with a host: {raw!r}.")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as e:
        raise ConfigError(f"{name} has a bad port: {raw!r} ({e}).") from e
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not plain_ok:
        raise ConfigError(
            f"{name} is plain http:// to another machine ({parts.hostname}): your passages would "
            "cross the network unencrypted and the server would answer anyone who asks. Put it "
            "behind a TLS reverse proxy and use https://, keep it on 127.0.0.1, or set "
            "KB_ALLOW_PLAIN_HTTP=yes if this network is yours alone."
        )
    return url


def _seconds(name: str, raw: str) -> float:
    if not raw.strip():
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ConfigError(f"{name} must be a number of seconds above 0: {raw!r}.")
    return value


def _headers(raw: str) -> tuple[tuple[str, str], ...]:
    """KB_CHROMA_HEADERS: a JSON object of header names and values (a proxy's token)."""
    if not raw.strip():
        return ()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        # the value is a credential: the message names the setting, never its content
        raise ConfigError(
            'KB_CHROMA_HEADERS must be a JSON object such as {"Authorization": "Bearer ..."} '
            f"(it is not valid JSON: {e.msg} at character {e.pos})."
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ConfigError("KB_CHROMA_HEADERS must be a JSON object of header names to strings.")
    return tuple(data.items())
