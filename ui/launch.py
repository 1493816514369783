"""`kb ui`: run the Streamlit app on 127.0.0.1 with kb's own settings, until Ctrl-C.

Streamlit reads its config from the working directory's .streamlit/ and from ~/.streamlit/, so
ui/.streamlit/config.toml would not apply when kb runs from elsewhere. Every setting in it is
therefore turned into a command-line flag, which also wins over a user's own config.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb.errors import ConfigError
from kb.settings import OFFLINE_ENV

HERE = Path(__file__).resolve().parent
APP = HERE / "app.py"
CONFIG = HERE / ".streamlit" / "config.toml"
READY_TIMEOUT_S = 120.0
PR_SET_PDEATHSIG = 1  # prctl option: the signal a child gets when its parent dies


def _flag_value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def config_flags(overrides: dict[str, Any] | None = None, config: Path = CONFIG) -> list[str]:
    """``--section.key value`` for every setting of ``config``; ``overrides`` use "section.key"."""
    settings = {f"{section}.{key}": value
                for section, table in tomllib.loads(config.read_text()).items()
                for key, value in table.items()}
    settings.update(overrides or {})
    flags: list[str] = []
    for name, value in settings.items():
        flags += [f"--{name}", _flag_value(value)]
    return flags


def command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            *config_flags({"server.port": port})]


def environment(paths: Sequence[Path]) -> dict[str, str]:
    """The app's environment: offline switches on; PATHS, if given, replace KB_WATCH."""
    env = {**os.environ, **OFFLINE_ENV}
    if paths:
        resolved = [Path(p).expanduser().resolve() for p in paths]
        missing = [str(p) for p in resolved if not p.is_dir()]
        if missing:
            raise ConfigError(f"Not a folder: {', '.join(missing)}")
        env["KB_WATCH"] = os.pathsep.join(map(str, resolved))
    return env


def _open_browser_when_ready(url: str, proc: subprocess.Popen[bytes]) -> None:
    """Open the user's browser once the server answers, if there is a screen to show it on."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or sys.platform == "darwin") or os.environ.get("KB_UI_NO_BROWSER"):
        return
    deadline = time.monotonic() + READY_TIMEOUT_S
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.5)


def _die_with_parent() -> None:
    """In the child: get SIGTERM when `kb ui` dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: Ctrl-C and SIGTERM are still forwarded


def first_sync(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    """Index the watched folders now, in a `kb index` of its own: the app starts its watcher
    only when a page is first opened, and the folders should be searchable by then. That
    watcher's start-up sync waits for this one (one writer at a time) and finds it done."""
    if not env.get("KB_WATCH"):
        return None
    return subprocess.Popen([sys.executable, "-m", "kb.cli", "index"], env=env,
                            stdout=sys.stderr,
                            preexec_fn=_die_with_parent if sys.platform == "linux" else None)


def run(paths: Sequence[Path], *, port: int = 8501) -> int:
    """Serve the app on http://127.0.0.1:PORT until interrupted; returns the exit status."""
    env = environment(paths)
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(command(port), env=env,
                            preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    print(f"kb ui: {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    indexer = first_sync(env)
    threading.Thread(target=_open_browser_when_ready, args=(url, proc), daemon=True).start()

    def forward(signum: int, frame: Any) -> None:
        # Streamlit shuts down cleanly on SIGTERM/SIGINT: its atexit hook stops the watcher
        if proc.poll() is None:
            proc.send_signal(signum)

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, forward) if main else None
    interrupts = 0
    try:
        while True:
            try:
                code = proc.wait()
                break
            except KeyboardInterrupt:  # the terminal sent SIGINT to both: let the app finish
                interrupts += 1
                if interrupts > 1:  # a second Ctrl-C: stop waiting for it
                    proc.kill()
    finally:
        if indexer is not None and indexer.poll() is None:
            indexer.terminate()  # crash-safe: the next start completes it
            indexer.wait(10)
        if main:
            signal.signal(signal.SIGTERM, previous)
    return 0 if code in (0, -signal.SIGINT, -signal.SIGTERM) else code
