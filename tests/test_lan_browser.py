"""`kb ui --host` in headless Chromium: a browser that trusts the app's own certificate (as a
device does once its owner compared the fingerprint) and resolves its name to this machine's
LAN address renders the app, its chat WebSocket over wss. The raw-HTTP checks of the same
server: test_lan_ui.py. Skipped without selenium, Chromium or a non-loopback IPv4 address.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lan_process import NAME, LanUI, lan_notes, serving_the_lan

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanUI]:
    with serving_the_lan(lan_notes(tmp_path_factory.mktemp("lan"))) as running:
        yield running


def test_a_browser_that_trusts_the_certificate_renders_the_app_over_wss(ui, tmp_path):
    pytest.importorskip("selenium", reason="selenium is a dev dependency")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from tests.browser_harness import CHROMIUM_FLAGS, find_or_install_chromium

    browser, driver_path = find_or_install_chromium()
    os.environ["SE_OFFLINE"] = "true"
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in (
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-proxy-server",
        f"--host-resolver-rules=MAP {NAME} {ui.connect}",  # as the household's DNS would
        # trust this one certificate, as a device does once its owner compared the fingerprint
        f"--ignore-certificate-errors-spki-list={_spki_pin(ui.home / 'tls' / 'cert.pem')}",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=driver_path, log_output=str(tmp_path / "driver.log"))
    driver = webdriver.Chrome(options=opts, service=service)
    try:
        driver.get(ui.url)
        deadline = time.monotonic() + 60
        while not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stChatInputTextArea"]'):
            assert time.monotonic() < deadline, "the app did not render over wss"
            time.sleep(0.2)
        assert driver.current_url == f"https://{NAME}:{ui.port}/"  # the token left the bar
        sockets = [
            _event(e) for e in driver.get_log("performance") if '"Network.webSocket' in e["message"]
        ]
        assert f"wss://{NAME}:{ui.port}/_stcore/stream" in sockets and 101 in sockets
    finally:
        driver.quit()


def _spki_pin(cert: Path) -> str:
    """base64(SHA-256(SubjectPublicKeyInfo)): how Chromium names a certificate to trust."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = x509.load_pem_x509_certificate(cert.read_bytes()).public_key()
    spki = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def _event(entry: dict) -> object:
    import json

    msg = json.loads(entry["message"])["message"]
    if msg["method"] == "Network.webSocketCreated":
        return msg["params"]["url"]
    if msg["method"] == "Network.webSocketHandshakeResponseReceived":
        return msg["params"]["response"]["status"]
    return None
