"""`kb ui`: the Streamlit app served by uvicorn in this process, with the watcher running.

One process: Streamlit's ASGI app (``st.App``) behind kb's gate (ui/gate.py) under uvicorn, the
knowledge base and its watcher. By default it listens on 127.0.0.1 over plain HTTP; with
``--host`` it serves the household's other devices over TLS (ui/endpoint.py has the rules,
ui/tls.py the certificate). The watched folders are opened and their start-up sync begins
before the server answers, so they are searchable without waiting for a browser. uvicorn stops on
SIGINT and SIGTERM (as systemd and Docker send); the watcher and the knowledge base close after.

Streamlit's options come from ui/.streamlit/config.toml, applied with the precedence of
command-line flags (they win over a user's ~/.streamlit/config.toml). ``STREAMLIT_*`` variables
would not do: under uvicorn, Streamlit reads them only for a few sensitive options.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import sys
import threading
import time
import tomllib
import webbrowser
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from kb.errors import ConfigError
from kb.settings import Settings, go_offline
from ui.address import AddressFile
from ui.endpoint import Endpoint, endpoint
from ui.gate import Gate, new_token
from ui.tls import Certificate, certificate

HERE = Path(__file__).resolve().parent
APP = HERE / "app.py"
CONFIG = HERE / ".streamlit" / "config.toml"
READY_TIMEOUT_S = 120.0


def streamlit_options(
    overrides: dict[str, Any] | None = None, config: Path = CONFIG
) -> dict[str, Any]:
    """Every "section.key" setting of ``config``, then ``overrides``."""
    options = {
        f"{section}.{key}": value
        for section, table in tomllib.loads(config.read_text()).items()
        for key, value in table.items()
    }
    return {**options, **(overrides or {})}


def apply_streamlit_options(options: dict[str, Any]) -> None:
    """What `streamlit run --section.key value` does with its flags (st.App has no flags)."""
    from streamlit import config as st_config

    st_config.get_config_options(force_reparse=True, options_from_flags=options)


def listening_socket(where: Endpoint, port: int) -> socket.socket:
    """ADDRESS:PORT bound here rather than by Streamlit: with IPPROTO_TCP named, asyncio turns
    on TCP_NODELAY for each connection (Streamlit's own binder leaves it off, and every
    keep-alive response then waits ~40 ms for a delayed ACK)."""
    try:
        sock = socket.socket(where.family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except OSError as e:  # an IPv6 address on a machine without IPv6
        raise ConfigError(f"Cannot listen on {where.bind}: {e.strerror}.") from e
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if where.family == socket.AF_INET6 and where.wildcard:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)  # "::" takes IPv4 too
        sock.bind((where.bind, port))
    except OSError as e:
        sock.close()
        raise ConfigError(
            f"Cannot listen on {where.bind}:{port}: {e.strerror} (try --port, or another --host)."
        ) from e
    sock.listen(128)
    return sock


def settings_for(settings: Settings, paths: Sequence[Path]) -> Settings:
    """PATHS, if given, replace KB_WATCH."""
    if not paths:
        return settings
    resolved = [Path(p).expanduser().resolve() for p in paths]
    missing = [str(p) for p in resolved if not p.is_dir()]
    if missing:
        raise ConfigError(f"Not a folder: {', '.join(missing)}")
    return settings.with_(watch=tuple(resolved))


def _open_browser_when_ready(url: str, probe: str, port: int, stop: threading.Event) -> None:
    """Open the user's browser once the server listens, if there is a screen to show it on."""
    screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not (screen or sys.platform == "darwin"):
        return
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not stop.is_set() and time.monotonic() < deadline:
        with socket.socket(socket.AF_INET6 if ":" in probe else socket.AF_INET) as s:
            if s.connect_ex((probe, port)) == 0:
                webbrowser.open(url)
                return
        stop.wait(0.5)


def _overrides(where: Endpoint, port: int, tls: Certificate | None) -> dict[str, Any]:
    """What differs from config.toml: the port, the names served (Streamlit's own Host check
    sits behind the gate's), and over TLS the certificate, so Streamlit's cookies are Secure."""
    options: dict[str, Any] = {"server.port": port, "server.allowedHosts": list(where.names)}
    if tls is not None:
        options |= {"server.sslCertFile": str(tls.cert), "server.sslKeyFile": str(tls.key)}
    return options


def _serving(context: ssl.SSLContext | None) -> Callable[..., ssl.SSLContext] | None:
    """uvicorn's hook for a TLS context: ours, loaded (and checked) before the socket is bound."""
    if context is None:
        return None
    return lambda config, default: context


def run(
    settings: Settings,
    paths: Sequence[Path] = (),
    *,
    port: int = 8501,
    browser: bool = True,
    token: bool = True,
    host: str | None = None,
    allow: Sequence[str] = (),
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> int:
    """Serve the app on http://127.0.0.1:PORT (or, with ``host``, https://HOST:PORT) until
    SIGINT/SIGTERM; returns the exit status."""
    go_offline()
    settings = settings_for(settings, paths)
    where = endpoint(host, allow, token=token, tls=tls_cert is not None or tls_key is not None)
    sock = listening_socket(where, port)
    tls = context = None
    if where.tls:
        try:
            tls = certificate(settings.home, where.names, where.required, tls_cert, tls_key)
            context = tls.context()
        except ConfigError:
            sock.close()
            raise
    port = sock.getsockname()[1]  # --port 0: any free port
    apply_streamlit_options(streamlit_options(_overrides(where, port, tls)))
    import streamlit as st
    import uvicorn
    from starlette.middleware import Middleware

    from ui import runtime

    secret = new_token() if token else None
    url = where.url(port, secret)
    address = AddressFile(settings.home)
    stop = threading.Event()

    @asynccontextmanager
    async def announce(app: Any) -> AsyncIterator[None]:
        """Once Streamlit's runtime is up: say where the app is, and keep that in KB_HOME."""
        address.write(url)
        print(f"kb: open {url}", flush=True)
        if browser:
            threading.Thread(
                target=_open_browser_when_ready, args=(url, where.probe(), port, stop), daemon=True
            ).start()
        try:
            yield
        finally:
            address.remove()

    runtime.launch(settings)  # the knowledge base and its watcher, before the first page view
    if tls is not None:
        for line in tls.notice(where.names[0]):
            print(f"kb: {line}", file=sys.stderr, flush=True)
    gate = Middleware(
        Gate, token=secret, hosts=where.names, cookie=f"kb_session_{port}", scheme=where.scheme
    )
    app = st.App(str(APP), middleware=[gate], lifespan=announce)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            server_header=False,
            proxy_headers=False,
            ws_per_message_deflate=False,
            timeout_graceful_shutdown=3,
            ssl_context_factory=_serving(context),
        )
    )
    # uvicorn handles SIGINT/SIGTERM while it serves, then restores the handlers it found and
    # raises the signal again: these make that a normal return, so the watcher stops cleanly
    previous = {s: signal.signal(s, lambda n, f: None) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run(sockets=[sock])  # returns after SIGINT or SIGTERM, once connections closed
    finally:
        stop.set()
        address.remove()
        runtime.shutdown()
        sock.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0 if server.started else 1
