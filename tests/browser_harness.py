"""Driving the app in headless Chromium for tests: install or find the browser, start it with a
recording proxy and the DevTools network log, and a few helpers that wait out Streamlit's
repaints. Used by tests/test_browser.py and tests/test_lan_browser.py.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

# the proxy lives in its own module; test_browser.py imports it from here with the rest
from tests.recording_proxy import CHROMIUM_SERVICES, RecordingProxy, proxied_host  # noqa: F401

# fmt: off
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1500",
                  # quieten Chromium's own services, which the recording proxy would see
                  "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,"
                  "MediaRouter,NetworkTimeServiceQuerying", "--no-pings",
                  "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                  "--no-default-browser-check", "--disable-default-apps"]
# fmt: on
ANSWER_S = 120
ALERT_TRAP = (
    "window.__kbAlerts = [];"
    "for (const f of ['alert', 'confirm', 'prompt'])"
    "  window[f] = (m) => { window.__kbAlerts.push(String(m)); };"
)


def _installed() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def find_or_install_chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver, installing Debian's packages if needed (else skip)."""
    found = _installed()
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("needs Chromium and chromedriver: apt-get install chromium chromium-driver")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    lock = ["-o", "DPkg::Lock::Timeout=300"]
    for cmd in (
        ["apt-get", *lock, "update"],
        [
            "apt-get",
            *lock,
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
    ):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            pytest.skip(f"could not install Chromium ({' '.join(cmd)}): {proc.stderr[-500:]}")
    found = _installed()
    if not found:
        pytest.skip("Chromium was installed but chromium/chromedriver are not on PATH")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    home: Path
    proc: subprocess.Popen[bytes]
    log: Path
    shots: Path

    def login_url(self) -> str:
        """The one line `kb ui` prints: http://127.0.0.1:PORT/?token=TOKEN ("" until it has)."""
        lines = [
            ln
            for ln in self.log.read_text(errors="replace").splitlines()
            if ln.startswith("kb: open ")
        ]
        return lines[0].removeprefix("kb: open ") if lines else ""

    def watcher(self) -> dict[str, Any]:
        path = self.home / "manifest.sqlite3"
        if not path.exists():
            return {}
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = db.execute("SELECT value FROM state WHERE key = 'watcher'").fetchall()
        except sqlite3.OperationalError:  # the schema is being created
            return {}
        finally:
            db.close()
        return json.loads(rows[0][0]) if rows else {}


@dataclass
class Browser:
    driver: Any
    proxy: RecordingProxy
    requests: list[str] = field(default_factory=list)

    def drain_log(self) -> None:
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg["method"] == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
            elif msg["method"] == "Network.webSocketCreated":
                self.requests.append(msg["params"]["url"])

    def wait(self, css: str, timeout: float, text: str | None = None) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for el in self.driver.find_elements(By.CSS_SELECTOR, css):
                try:
                    if text is None or text in el.text:
                        return el
                except StaleElementReferenceException:  # Streamlit repainted it
                    continue
            time.sleep(0.2)
        raise AssertionError(f"nothing matched {css!r} {text or ''} within {timeout} s")


@contextmanager
def open_browser(chromium: tuple[str, str], profile: Path, log_dir: Path) -> Iterator[Browser]:
    """Headless Chromium behind a recording proxy, with the DevTools network log on."""
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never try to download anything
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium[0]
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # loopback goes direct (Chromium never proxies it); everything else reaches the recorder
    proxy = RecordingProxy()
    opts.add_argument(f"--proxy-server=http://127.0.0.1:{proxy.port}")
    service = Service(executable_path=chromium[1], log_output=str(log_dir / "driver.log"))
    driver = webdriver.Chrome(options=opts, service=service)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_TRAP})
    b = Browser(driver, proxy)
    try:
        yield b
    finally:
        driver.quit()
        proxy.close()


def ask(b: Browser, question: str) -> None:
    box = b.wait('[data-testid="stChatInputTextArea"]', 60)
    box.send_keys(question)
    box.send_keys(Keys.ENTER)


def watch_answer(b: Browser, n_answers: int) -> list[str]:
    """Texts of the newest answer as it grows, until its citation cards appear."""
    seen: list[str] = []
    deadline = time.monotonic() + ANSWER_S
    while time.monotonic() < deadline:
        answers = b.driver.find_elements(By.CSS_SELECTOR, ".kb-answer")
        if len(answers) >= n_answers:
            try:
                text = answers[n_answers - 1].text
            except StaleElementReferenceException:  # repainted between find and read
                continue
            if not seen or seen[-1] != text:
                seen.append(text)
        if (
            len(b.driver.find_elements(By.CSS_SELECTOR, ".kb-card-head"))
            and seen
            and "▍" not in seen[-1]
        ):
            return seen
        time.sleep(0.03)
    raise AssertionError(f"no finished answer within {ANSWER_S} s; saw {seen[-3:]}")


def click(b: Browser, el: Any) -> None:
    """Click ``el`` after scrolling it to the middle (the chat input covers the bottom)."""
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    time.sleep(0.2)
    el.click()


def card(b: Browser, path_end: str) -> Any:
    for el in b.driver.find_elements(By.CSS_SELECTOR, '[data-testid="stVerticalBlock"]'):
        heads = el.find_elements(By.CSS_SELECTOR, ".kb-path")
        if len(heads) == 1 and heads[0].text.endswith(path_end):
            return el
    raise AssertionError(f"no citation card for {path_end}")


def shot(b: Browser, srv: Server, name: str, el: Any = None) -> Path:
    if el is not None:
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", el)
        time.sleep(0.3)
    path = srv.shots / name
    assert b.driver.save_screenshot(str(path))
    return path
