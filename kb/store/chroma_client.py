"""Which Chroma kb talks to — the embedded store under KB_HOME or a ``chroma run`` server — and
what that server's failures mean for the person at the screen.

A server that is down, slow or behind a proxy that refuses kb's token becomes a ``StoreError``
naming the URL and what to do, never a raw httpx traceback and never the headers (they carry the
token). The server gets kb's vectors only: the collection is opened with kb's refusing embedding
function, and the ``path`` metadata is a keyed hash of the path (see ``PathTokens``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.errors import StoreError
from kb.servers import Server, bypass_proxies

log = logging.getLogger("kb.store.chroma")

EMBEDDED = "embedded"  # the identity of the store under KB_HOME (a server's is its URL)
REFUSED = {401: "Unauthorized", 403: "Forbidden", 407: "Proxy Authentication Required"}
UPSTREAM_DOWN = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


@dataclass(frozen=True)
class Location:
    """Where the vectors live: ``path`` (embedded) unless ``server`` is given."""

    path: Path
    server: Server | None = None

    @property
    def identity(self) -> str:
        """Recorded in the manifest next to the chunks whose vectors this store holds."""
        return self.server.url if self.server else EMBEDDED

    def describe(self) -> str:
        return describe(self.identity, self.path)


def describe(identity: str, path: Path) -> str:
    return (
        f"the embedded Chroma in {path}"
        if identity == EMBEDDED
        else f"the Chroma server at {identity}"
    )


class PathTokens:
    """A server sees a keyed hash of each source path, not the path (names live in paths);
    folder filters send the same tokens. The key stays in the manifest."""

    def __init__(self, key: bytes):
        self._key = key

    def collection(self) -> str:
        """This KB_HOME's own collection: two homes on one server never see each other's."""
        return "kb-" + hmac.new(self._key, b"collection", hashlib.sha256).hexdigest()[:32]

    def token(self, path: str) -> str:
        return hmac.new(self._key, path.encode("utf-8", "surrogatepass"), "sha256").hexdigest()

    def where(self, where: Any) -> Any:
        """A Chroma ``where`` with every ``path`` value turned into its token."""
        if isinstance(where, list):
            return [self.where(w) for w in where]
        if not isinstance(where, dict):
            return where
        out: dict[str, Any] = {}
        for key, value in where.items():
            if key != "path":
                out[key] = self.where(value)
            elif isinstance(value, str):
                out[key] = self.token(value)
            else:  # {"$in": [...]} / {"$eq": ...}
                out[key] = {
                    op: [self.token(v) for v in arg] if isinstance(arg, list) else self.token(arg)
                    for op, arg in value.items()
                }
        return out


def open_client(at: Location) -> Any:
    """A chromadb client for ``at``, telemetry off; a server is checked with a heartbeat first."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if at.server is None:
        try:
            return chromadb.PersistentClient(path=str(at.path), settings=settings)
        except Exception as e:
            raise StoreError(f"Cannot open the vector store at {at.path}: {e}") from e
    server = at.server
    bypass_proxies(server)  # before any request: chromadb's own ones at construction too
    with guard(at, "connect"):
        _heartbeat(server)
        # the full URL as host: chromadb keeps its path (a proxy's prefix) and an IPv6 address
        client = chromadb.HttpClient(
            host=server.url,
            port=server.port,
            ssl=server.https,
            headers=server.header_dict(),
            settings=settings,
        )
    session = _session(client)
    try:
        import httpx

        if isinstance(session, httpx.Client):
            # chromadb leaves its session without a timeout: a hung server would hang kb
            session.timeout = httpx.Timeout(server.timeout_s, connect=min(server.timeout_s, 10))
            session.event_hooks["response"].append(_refusals(server))
        else:  # pragma: no cover - a chromadb that builds its session differently
            log.warning("chromadb's HTTP session not found: no timeout on %s", server.url)
    except ImportError:  # pragma: no cover - httpx comes with chromadb
        pass
    return client


def close_client(client: Any) -> None:
    """Release the client and, for a server, its sockets: chromadb's close() leaves them open,
    in its own session and in the one of the admin client it made to check the tenant."""
    sessions = [_session(client), _session(getattr(client, "_admin_client", None))]
    try:
        client.close()
    finally:
        for session in sessions:
            if session is not None and hasattr(session, "close"):
                session.close()


def _session(client: Any) -> Any:
    return getattr(getattr(client, "_server", None), "_session", None)


@contextmanager
def guard(at: Location, doing: str) -> Iterator[None]:
    """Turn Chroma's and httpx's failures while ``doing`` into a ``StoreError`` for the user."""
    try:
        yield
    except StoreError:
        raise
    except Exception as e:
        problem = (
            _server_problem(at.server, e, doing)
            if at.server
            else _embedded_problem(at.path, e, doing)
        )
        if problem is None:
            raise
        raise StoreError(problem) from e


def _heartbeat(server: Server) -> None:
    import httpx

    with httpx.Client(headers=server.header_dict(), timeout=min(server.timeout_s, 10)) as http:
        response = http.get(server.url + "/api/v2/heartbeat")
    _refusals(server)(response)
    if response.status_code != 200:
        raise StoreError(
            f"{server.url} answered HTTP {response.status_code} where a Chroma server answers "
            "its heartbeat: is KB_CHROMA_URL the address of `chroma run` (or of the proxy in "
            "front of it)?"
        )


def _refusals(server: Server) -> Any:
    """An httpx response hook: a proxy's refusal or dead upstream, said plainly."""

    def hook(response: Any) -> None:
        code = response.status_code
        if code in REFUSED:
            raise StoreError(
                f"The Chroma server at {server.url} refused kb (HTTP {code} {REFUSED[code]}): "
                "the proxy in front of it wants a token kb did not send or does not accept. "
                "Check KB_CHROMA_HEADERS."
            )
        if code in UPSTREAM_DOWN:
            raise StoreError(
                f"The proxy at {server.url} answered HTTP {code} {UPSTREAM_DOWN[code]}: the "
                "Chroma server behind it is not running or not reachable from the proxy. Start "
                "it, then run kb again; nothing indexed is lost."
            )

    return hook


def _server_problem(server: Server, e: Exception, doing: str) -> str | None:
    import httpx
    from chromadb.errors import ChromaError

    where = f"The Chroma server at {server.url}"
    again = "then run kb again: what was indexed is kept, and an interrupted index resumes"
    if isinstance(e, httpx.TimeoutException):
        return (
            f"{where} did not answer within {server.timeout_s:g} seconds when kb tried to "
            f"{doing}. Check that it is running and not overloaded, {again}."
        )
    if isinstance(e, httpx.TransportError) or (
        isinstance(e, ValueError) and "Could not connect" in str(e)
    ):
        start = (
            f"`chroma run --path DIR --host {server.host} --port {server.port}`"
            if server.loopback and not server.https
            else "or the proxy in front of it"
        )
        return (
            f"{where} is not answering ({str(e) or type(e).__name__}) when kb tried to {doing}. "
            f"Start it ({start}) or unset KB_CHROMA_URL to use the embedded store, {again}."
        )
    if isinstance(e, ChromaError):
        return f"{where} could not {doing}: {str(e) or type(e).__name__}"
    if type(e) is Exception:  # chromadb's wording for an HTTP error whose body is not its JSON
        return f"{where} could not {doing}; it answered: {str(e)[:200]}"
    return None


def _embedded_problem(path: Path, e: Exception, doing: str) -> str | None:
    from chromadb.errors import ChromaError

    if isinstance(e, ChromaError):
        return f"The vector store in {path} could not {doing}: {str(e) or type(e).__name__}"
    return None
