"""`kb ui` at launch: the Streamlit options it pins, the folders it is given, and the process
itself — it listens on loopback only, indexes its folders before any browser asks, and a
signal stops the watcher and closes the port.

The process tests run the real `kb ui` in a subprocess with the test fakes registered.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kb.errors import ConfigError
from kb.settings import Settings
from ui import launch


def test_launch_settings_pin_loopback_no_stats_and_no_remote_fonts() -> None:
    options = launch.streamlit_options({"server.port": 9123})
    assert options["server.address"] == "127.0.0.1"
    assert options["server.port"] == 9123
    assert options["server.headless"] is True
    assert options["browser.gatherUsageStats"] is False
    assert options["client.toolbarMode"] == "minimal"
    assert options["global.developmentMode"] is False
    assert options["server.enableAgentApi"] is False
    assert not any("fontFaces" in k for k in options)


def test_launch_settings_reach_streamlit_as_flags_would() -> None:
    from streamlit import config

    try:
        launch.apply_streamlit_options(launch.streamlit_options({"server.port": 9123}))
        assert config.get_option("browser.gatherUsageStats") is False
        assert config.get_option("client.toolbarMode") == "minimal"
        assert config.get_option("server.port") == 9123
    finally:
        config.get_config_options(force_reparse=True)  # as this process had them


def test_launch_paths_replace_kb_watch(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, watch=(Path("/elsewhere"),))
    assert launch.settings_for(settings, [tmp_path]).watch == (tmp_path,)
    assert launch.settings_for(settings, []).watch == (Path("/elsewhere"),)
    with pytest.raises(ConfigError, match="Not a folder"):
        launch.settings_for(settings, [tmp_path / "missing"])


def test_no_module_of_the_app_shadows_the_standard_library() -> None:
    # Streamlit puts ui/ itself on sys.path: ui/html.py would replace the stdlib's html
    import sys

    names = {p.stem for p in (Path(launch.__file__).parent).glob("*.py")}
    assert "app" in names and not names & set(sys.stdlib_module_names), names


# --- the process -------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_kb_ui_indexes_at_launch_and_a_signal_closes_the_port(tmp_path, notes, stop):
    from tests.browser_harness import free_port
    from tests.index_state import indexed_paths, run_kb
    from tests.test_watcher import wait_for

    port = free_port()
    ui = run_kb(tmp_path / "home", "ui", str(notes), "--port", str(port), "--no-browser")
    try:  # no browser ever asks: the launch itself indexes the folders
        wait_for(
            lambda: len(indexed_paths(tmp_path / "home")) == 3, what="the launch sync", timeout=60
        )
        assert _answers(port)
    finally:
        ui.send_signal(stop)
        out, err = ui.communicate(timeout=60)
    assert ui.returncode == 0, err
    assert out.startswith(f"kb: open http://127.0.0.1:{port}/?token=")
    assert not _answers(port)  # nothing is left serving the app


def _answers(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port`` (from /proc/net/tcp*)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.append(addr)
    return found


@pytest.mark.slow
def test_listens_on_loopback_only_and_stops_the_watcher_on_shutdown(tmp_path: Path) -> None:
    from tests.index_state import manifest_rows
    from tests.ui_process import running_ui

    (tmp_path / "notes").mkdir()
    with running_ui(tmp_path / "home", str(tmp_path / "notes")) as ui:  # its own: it stops it
        assert _listening(ui.port) == ["0100007F"]  # 127.0.0.1, and no IPv6 socket
    assert ui.proc.returncode == 0
    [(state,)] = manifest_rows(tmp_path / "home", "SELECT value FROM state WHERE key = 'watcher'")
    assert '"state": "stopped"' in state
    assert _listening(ui.port) == []
