"""`kb ui`: the Streamlit app served by uvicorn in this process, with the watcher running.

One process: Streamlit's ASGI app (``st.App``) under uvicorn, the knowledge base and its watcher.
The watched folders are opened and their start-up sync begins before the server answers, so they
are searchable without waiting for a browser. uvicorn stops on SIGINT and SIGTERM (as systemd
and Docker send); the watcher and the knowledge base are closed after it.

Streamlit reads its config from the working directory's .streamlit/ and from ~/.streamlit/, so
ui/.streamlit/config.toml would not apply when kb runs from elsewhere. Every setting in it is
therefore set through Streamlit's ``STREAMLIT_*`` variables, which also win over a user's file.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
import tomllib
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb.errors import ConfigError
from kb.settings import Settings, go_offline
from ui.address import AddressFile
from ui.gate import Gate, new_token

HERE = Path(__file__).resolve().parent
APP = HERE / "app.py"
CONFIG = HERE / ".streamlit" / "config.toml"
HOST = "127.0.0.1"
READY_TIMEOUT_S = 120.0


def _env_name(section: str, key: str) -> str:
    snake = "".join(f"_{c}" if c.isupper() else c for c in key)
    return f"STREAMLIT_{section}_{snake}".upper()


def streamlit_env(overrides: dict[str, Any] | None = None, config: Path = CONFIG) -> dict[str, str]:
    """``STREAMLIT_SECTION_KEY`` for each setting of ``config``; ``overrides`` use "section.key"."""
    settings = {
        (section, key): value
        for section, table in tomllib.loads(config.read_text()).items()
        for key, value in table.items()
    }
    for name, value in (overrides or {}).items():
        section, _, key = name.partition(".")
        settings[(section, key)] = value
    return {
        _env_name(section, key): str(value).lower() if isinstance(value, bool) else str(value)
        for (section, key), value in settings.items()
    }


def settings_for(settings: Settings, paths: Sequence[Path]) -> Settings:
    """PATHS, if given, replace KB_WATCH."""
    if not paths:
        return settings
    resolved = [Path(p).expanduser().resolve() for p in paths]
    missing = [str(p) for p in resolved if not p.is_dir()]
    if missing:
        raise ConfigError(f"Not a folder: {', '.join(missing)}")
    return settings.with_(watch=tuple(resolved))


def _open_browser_when_ready(url: str, port: int, stop: threading.Event) -> None:
    """Open the user's browser once the server listens, if there is a screen to show it on."""
    screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not (screen or sys.platform == "darwin"):
        return
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not stop.is_set() and time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex((HOST, port)) == 0:
                webbrowser.open(url)
                return
        stop.wait(0.5)


def run(
    settings: Settings,
    paths: Sequence[Path] = (),
    *,
    port: int = 8501,
    browser: bool = True,
    token: bool = True,
) -> int:
    """Serve the app on http://127.0.0.1:PORT until SIGINT/SIGTERM; returns the exit status."""
    go_offline()
    settings = settings_for(settings, paths)
    os.environ.update(streamlit_env({"server.port": port}))
    import streamlit as st
    import uvicorn
    from starlette.middleware import Middleware

    from ui import runtime

    secret = new_token() if token else None
    runtime.launch(settings)  # the knowledge base and its watcher, before the first page view
    url = f"http://{HOST}:{port}/" + (f"?token={secret}" if secret else "")
    app = st.App(str(APP), middleware=[Middleware(Gate, token=secret)])
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    address = AddressFile(settings.home)
    address.write(url)
    print(f"kb: open {url}", flush=True)
    stop = threading.Event()
    if browser:
        threading.Thread(
            target=_open_browser_when_ready, args=(url, port, stop), daemon=True
        ).start()
    # uvicorn handles SIGINT/SIGTERM while it serves, then restores the handlers it found and
    # raises the signal again: these make that a normal return, so the watcher stops cleanly
    previous = {s: signal.signal(s, lambda n, f: None) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()  # returns after SIGINT or SIGTERM, once connections have closed
    finally:
        stop.set()
        address.remove()
        runtime.shutdown()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0 if server.started else 1
