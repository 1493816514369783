"""A generator on a llama.cpp server: the model on the household's GPU box, not in kb.

Two servers speak the same OpenAI-compatible chat API and differ in the rest:

    llama-server (llama.cpp)        POST /tokenize {"content"}   GET /props -> n_ctx
    python -m llama_cpp.server      POST /extras/tokenize {"input"}   (no context size)

kb asks the server itself how many tokens a text is, so the prompt budget is the model's own
count, and sends its GBNF grammar with each request (both servers accept a "grammar" field), so
the answer has the same shape as with a local GGUF and goes through the same checks.

A server that is down, refuses the API key, or stops sending tokens for ``timeout_s`` raises
``ModelUnavailable``; the answerer then gives the quotes and says why. Nothing here logs
headers: the API key lives only in the request.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from kb.answer.generator import TEMPERATURE, Message, merge_system
from kb.errors import ModelUnavailable
from kb.servers import Server

log = logging.getLogger("kb.answer.server")
CONNECT_S = 5.0  # a box that does not even answer the connection in this long is down
COUNT_CACHE = 4096  # token counts kept: the system message and passages come back each question


class ServerGenerator:
    def __init__(self, server: Server, *, transport: Any = None):
        import httpx

        logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request
        self.server = server
        self.name = f"llama.cpp server {server.url}"
        self.calls = 0
        self._client = httpx.Client(
            base_url=server.url,
            headers=server.header_dict(),
            timeout=httpx.Timeout(server.timeout_s, connect=min(CONNECT_S, server.timeout_s)),
            transport=transport,
            trust_env=False,  # never a proxy from the environment: the text goes to this box only
        )
        self._dialect: str | None = None  # "llama-server" | "llama-cpp-python", once known
        self._n_ctx: int | None = None
        self._counts: dict[str, int] = {}
        self._merge_system = False

    # --- what the server is -------------------------------------------------------------------
    def _probe(self) -> str:
        """Which server this is (and its context size), asked once it first answers."""
        if self._dialect is None:
            props = self._call("GET", "/props", allow_missing=True)
            if props is not None:
                settings = props.get("default_generation_settings") or {}
                n_ctx = settings.get("n_ctx") or props.get("n_ctx")
                self._n_ctx = int(n_ctx) if n_ctx else None
                self._dialect = "llama-server"
            else:
                self._call("GET", "/v1/models")  # up, and the key is right
                self._dialect = "llama-cpp-python"
            log.info("model server %s: %s, n_ctx %s", self.server.url, self._dialect, self._n_ctx)
        return self._dialect

    @property
    def n_ctx(self) -> int | None:
        self._probe()
        return self._n_ctx

    def count_tokens(self, text: str) -> int:
        if text not in self._counts:
            if self._probe() == "llama-server":
                body = {"content": text, "add_special": False}
                tokens = self._call("POST", "/tokenize", json=body)["tokens"]
            else:
                tokens = self._call("POST", "/extras/tokenize", json={"input": text})["tokens"]
            if len(self._counts) >= COUNT_CACHE:
                self._counts.clear()
            self._counts[text] = len(tokens)
        return self._counts[text]

    # --- writing ------------------------------------------------------------------------------
    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]:
        self.calls += 1
        self._probe()
        body: dict[str, Any] = {
            "messages": merge_system(messages) if self._merge_system else messages,
            "max_tokens": max_tokens,
            "temperature": TEMPERATURE,
            "stop": list(stop),
            "stream": True,
        }
        if grammar:
            body["grammar"] = grammar
        yield from self._events(body, retry_merged=not self._merge_system)

    def _events(self, body: dict[str, Any], *, retry_merged: bool) -> Iterator[str]:
        import httpx

        try:
            with self._client.stream("POST", "/v1/chat/completions", json=body) as response:
                if response.status_code >= 400:
                    detail = response.read().decode("utf-8", "replace")
                    if retry_merged and _refuses_system(response.status_code, detail):
                        # Gemma's and Mistral's templates refuse a system message
                        self._merge_system = True
                        merged = {**body, "messages": merge_system(body["messages"])}
                        yield from self._events(merged, retry_merged=False)
                        return
                    raise self._refused(response.status_code, detail)
                for line in response.iter_lines():
                    piece = _delta(line)
                    if piece is None:
                        break
                    if piece:
                        yield piece
        except httpx.HTTPError as e:
            raise self._down(e) from None

    def close(self) -> None:
        self._client.close()

    # --- talking to it ------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, allow_missing: bool = False, **kw: Any) -> Any:
        import httpx

        try:
            response = self._client.request(method, path, **kw)
        except httpx.HTTPError as e:
            raise self._down(e) from None
        if allow_missing and response.status_code in (404, 405, 501):
            return None
        if response.status_code >= 400:
            raise self._refused(response.status_code, response.text)
        try:
            return response.json()
        except ValueError:
            raise ModelUnavailable(
                f"The model server at {self.server.url} answered {path} with something that is "
                "not JSON: is KB_LLM_URL the address of a llama.cpp server?"
            ) from None

    def _down(self, e: Exception) -> ModelUnavailable:
        import httpx

        url = self.server.url
        if isinstance(e, httpx.ConnectTimeout):
            why = f"did not accept a connection within {CONNECT_S:.0f} s"
        elif isinstance(e, httpx.TimeoutException):
            why = f"stopped answering for {self.server.timeout_s:.0f} s (KB_LLM_TIMEOUT)"
        elif isinstance(e, httpx.ConnectError):
            why = "refused the connection (is it running?)"
        else:
            why = f"broke off the answer ({type(e).__name__})"
        return ModelUnavailable(f"The model server at {url} {why}.")

    def _refused(self, status: int, detail: str) -> ModelUnavailable:
        url = self.server.url
        if status in (401, 403):
            return ModelUnavailable(
                f"The model server at {url} refused kb's API key (HTTP {status}): check "
                "KB_LLM_API_KEY."
            )
        return ModelUnavailable(
            f"The model server at {url} answered HTTP {status}: {detail[:200].strip()}"
        )


def _delta(line: str) -> str | None:
    """The text in one server-sent event line; None at the end of the stream."""
    if not line.startswith("data:"):
        return ""  # blank separators, comments (": ping"), event names
    data = line[5:].strip()
    if data == "[DONE]":
        return None
    try:
        event = json.loads(data)
    except ValueError:
        return ""
    if "error" in event:
        raise ModelUnavailable(f"The model server stopped with an error: {event['error']}")
    choices = event.get("choices") or [{}]
    return (choices[0].get("delta") or {}).get("content") or ""


def _refuses_system(status: int, detail: str) -> bool:
    text = detail.lower()
    return status in (400, 500) and "system" in text and "role" in text
