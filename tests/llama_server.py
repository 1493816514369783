"""A real llama.cpp server for tests: ``python -m llama_cpp.server`` (llama-cpp-python's
``server`` extra) with the smallest real model, or ``llama-server`` when KB_TEST_LLAMA_SERVER
names its binary. Started as a subprocess on a free loopback port, stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

TEST_MODELS = Path(sys.prefix) / "share" / "kb" / "test-models"
START_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def smallest_model() -> Path:
    found = sorted(TEST_MODELS.glob("*.gguf")) if TEST_MODELS.is_dir() else []
    if not found:
        pytest.skip(f"no test model in {TEST_MODELS}: `make test-model` installs SmolLM2-135M")
    return found[0]


def command(model: Path, port: int, api_key: str | None, binary: str | None) -> list[str]:
    key = ["--api-key" if binary else "--api_key", api_key] if api_key else []
    if binary:  # llama.cpp's own server
        return [binary, "-m", str(model), "--host", "127.0.0.1", "--port", str(port),
                "-c", "2048", "-t", "1", *key]  # fmt: skip
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError as e:
        pytest.skip(f"llama-cpp-python's server extra is not installed ({e})")
    return [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048",
            "--n_threads", "1", *key]  # fmt: skip


@contextmanager
def llama_server(
    api_key: str | None = None, *, binary: str | None = None, log: Path | None = None
) -> Iterator[str]:
    """The server's base URL, once it answers; the process is killed on exit."""
    port = free_port()
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        command(smallest_model(), port, api_key, binary), stdout=out, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the llama.cpp server exited with {proc.returncode}")
            try:
                if httpx.get(f"{url}/v1/models", headers=headers, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the llama.cpp server did not start in time")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def llama_server_binary() -> str | None:
    """KB_TEST_LLAMA_SERVER: the path of a `llama-server` build to test against as well."""
    named = os.environ.get("KB_TEST_LLAMA_SERVER", "")
    return named if named and Path(named).is_file() else None
