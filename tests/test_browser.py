"""End to end in headless Chromium: `kb ui` over sample_corpus/, a streamed answer, an opened
citation card, a hostile document that must neither run code nor fetch anything remote, and a
page from another loopback origin that gets nothing from the app.

`kb ui` runs in a subprocess with the real sanitizer and embedder; only the model is a stand-in
(tests/fakes.py EchoGenerator: it streams the first sentence of the best source, slowly enough to
watch it arrive). Chromium and chromedriver come from Debian's
packages, installed by tests/browser_harness.py when missing and we are root; else the tests
are skipped. The recording proxy's own test: test_recording_proxy.py; the `kb ui` process
without a browser (loopback only, shutdown): test_ui_launch.py.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, SAMPLE
from tests.index_state import fake_kb_command, stop
from tests.ui_process import listening

pytestmark = pytest.mark.slow
pytest.importorskip("selenium", reason="selenium is a dev dependency")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from tests.browser_harness import (  # noqa: E402
    CHROMIUM_SERVICES,
    Browser,
    Server,
    ask,
    card,
    click,
    find_or_install_chromium,
    free_port,
    open_browser,
    proxied_host,
    shot,
    watch_answer,
)

READY_S = 90  # the server answers /_stcore/health
INDEXED_S = 300  # real embedder over sample_corpus on a loaded 2-core machine
HOSTILE = (
    "# Zebra party <img src=x onerror=\"window.__kbPwned='title'\">\n\n"
    "The zebra party starts at noon <script>window.__kbPwned='script'</script> "
    '<img src="http://tracker.example.net/pixel.png" onerror="window.__kbPwned=\'img\'"> '
    "![tracker](http://tracker.example.net/md.png) "
    '<iframe src="http://tracker.example.net/frame"></iframe> '
    '<link rel="stylesheet" href="http://tracker.example.net/s.css"> '
    "and the [map](http://tracker.example.net/map) shows the zebra enclosure.\n\n"
    "<style>body { background: url(http://tracker.example.net/bg.png) }</style>\n"
    "Bring lemonade for the zebra party.\n"
)


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    return find_or_install_chromium()


@pytest.fixture(scope="module")
def browser(
    chromium: tuple[str, str], server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    with open_browser(chromium, tmp_path_factory.mktemp("profile"), server.shots) as b:
        b.driver.get(server.login_url())  # the printed address: its token buys the cookie
        yield b


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("ui")
    hostile = base / "hostile"
    hostile.mkdir()
    (hostile / "zebra_party.md").write_text(HOSTILE)
    port = free_port()
    # production wiring (real sanitizer and embedder) with a slow echoing stand-in model
    env = {
        **os.environ,
        "KB_HOME": str(base / "home"),
        "HOME": str(base),
        "KB_GENERATOR": "echo",
        "PYTHONPATH": str(REPO),
    }
    env["KB_MODEL"] = "none"  # the echoing stand-in is the model
    env.pop("KB_EMBEDDER", None)
    log = base / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            fake_kb_command("ui", str(SAMPLE), str(hostile), "--port", str(port), "--no-browser"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=base,
        )
    srv = Server(f"http://127.0.0.1:{port}", port, base / "home", proc, log, base)
    deadline = time.monotonic() + READY_S
    while not (srv.login_url() and listening(port)):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the app did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    # every test may run alone: none may depend on another having waited for the first sync
    deadline = time.monotonic() + INDEXED_S
    while not (srv.watcher().get("state") == "idle" and srv.watcher().get("last_sync")):
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the first sync did not finish:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    yield srv
    stop(proc)  # a test failed before the shutdown test: stop it the same way


def test_library_shows_the_first_sync_finish(browser: Browser, server: Server) -> None:
    browser.driver.get(f"{server.url}/library")
    browser.wait("[data-testid='stMarkdownContainer']", 60, "Idle: the index is up to date")
    assert server.watcher()["state"] == "idle"
    browser.wait("[data-testid='stDataFrame']", 30)
    shot(browser, server, "library.png")


def test_ask_streams_an_answer_and_cites_the_right_file(browser: Browser, server: Server) -> None:
    browser.driver.get(server.url)
    ask(browser, "What did the vet say about Biscuit?")
    seen = watch_answer(browser, 1)
    final = seen[-1]
    partial = [t for t in seen[:-1] if t.strip() and "Searching" not in t]
    assert len(partial) >= 2, f"the answer did not arrive in pieces: {seen}"
    assert all(final.startswith(t.replace("▍", "").strip()) for t in partial)
    assert final.endswith("[1]")
    browser.wait('[data-testid="stMarkdownContainer"]', 10, "LLM answer")
    c = card(browser, "journal/2025-02-08.md")
    passage = c.find_element(By.CSS_SELECTOR, ".kb-passage").text
    assert " ".join(passage.split())[:40] in " ".join(final.split())  # it echoed source [1]
    click(browser, c.find_element(By.CSS_SELECTOR, "summary"))
    whole = " ".join(browser.wait(".kb-whole", 30).text.split())
    # the whole note, not just the passage: the vet's advice is further down
    assert " ".join(passage.split()) in whole and "drops twice a day for ten days" in whole
    browser.wait('[data-testid="stDownloadButton"]', 10)
    shot(
        browser,
        server,
        "answer.png",
        browser.driver.find_elements(By.CSS_SELECTOR, ".kb-answer")[0],
    )
    shot(browser, server, "card_open.png", c)


def test_hostile_document_runs_nothing_and_fetches_nothing(
    browser: Browser, server: Server
) -> None:
    browser.driver.get(server.url)  # a fresh session: this answer is the page's only one
    ask(browser, "When does the zebra party start?")
    watch_answer(browser, 1)
    c = card(browser, "hostile/zebra_party.md")
    click(browser, c.find_element(By.CSS_SELECTOR, "summary"))
    browser.wait(".kb-whole", 30, "tracker.example.net")
    time.sleep(1.0)  # give any (wrongly) created image or frame time to start loading
    shot(browser, server, "hostile.png", c)
    d = browser.driver
    # the markup arrived as text: visible in the page, not turned into elements
    text = c.text
    assert "<script>" in text and "tracker.example.net" in text
    assert d.execute_script("return window.__kbPwned") is None
    assert d.execute_script("return window.__kbAlerts") == []
    with pytest.raises(NoAlertPresentException):
        d.switch_to.alert.text  # noqa: B018
    remote = d.execute_script(
        "return [...document.querySelectorAll('img, iframe, link, script, a[href]')]"
        ".map(e => e.src || e.href || '').filter(u => u && !u.startsWith(location.origin)"
        " && !u.startsWith('data:') && !u.startsWith('blob:'))"
    )
    assert remote == []
    browser.drain_log()
    assert browser.requests, "the performance log recorded nothing, so it proved nothing"
    # chrome:// pages are the browser's own start page, loaded before the app
    local = ("data", "blob", "about", "chrome", "chrome-untrusted")
    outside = sorted(
        {
            u
            for u in browser.requests
            if urlsplit(u).scheme not in local and urlsplit(u).hostname != "127.0.0.1"
        }
    )
    assert outside == []
    # the browser's own fetches for the page (a favicon, say) only show up at the proxy
    assert [r for r in browser.proxy.seen if not CHROMIUM_SERVICES.match(proxied_host(r))] == []


PROBE = """<!doctype html><title>another page</title><script>
window.__probe = {ws: "pending", fetch: "pending"};
const ws = new WebSocket("ws://127.0.0.1:APP_PORT/_stcore/stream");
ws.onopen = () => { window.__probe.ws = "open"; };
ws.onerror = () => { window.__probe.ws = "refused"; };
fetch("http://127.0.0.1:APP_PORT/", {credentials: "include"})
  .then(r => r.text()).then(t => { window.__probe.fetch = "read " + t.length; })
  .catch(() => { window.__probe.fetch = "refused"; });
</script>"""


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])  # another site; another port
def test_a_page_from_another_loopback_origin_gets_nothing(
    browser: Browser, server: Server, host: str
) -> None:
    import http.server
    import threading

    page = PROBE.replace("APP_PORT", str(server.port)).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        browser.driver.get(server.url)  # this browser holds the app's session cookie ...
        browser.wait(".stApp", 30)
        browser.driver.get(f"http://{host}:{other.server_address[1]}/")  # ... and now this
        deadline = time.monotonic() + 20
        probe = browser.driver.execute_script("return window.__probe")
        while "pending" in probe.values() and time.monotonic() < deadline:
            time.sleep(0.2)
            probe = browser.driver.execute_script("return window.__probe")
    finally:
        other.shutdown()
        other.server_close()
    assert probe == {"ws": "refused", "fetch": "refused"}
