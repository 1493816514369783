"""Where `kb ui` listens, by which names it may be reached, and the rules for other devices.

By default the app listens on 127.0.0.1 over plain HTTP and answers the loopback names, as it
always has. ``--host ADDRESS`` is the explicit opt-in for the household's other devices, and
then three rules hold:

1. **The access token stays on**: ``--no-token`` is refused, since every device on the network
   could otherwise read the knowledge base.
2. **TLS is on**: the user's certificate (``--tls-cert``/``--tls-key``) or the one kb makes
   once in KB_HOME (ui/tls.py) — the token and the session cookie never cross the air in clear.
3. **The Host allow-list** (ui/gate.py) is what a browser on another device can honestly send:
   the ``--allow-host`` names, and the address bound — or, bound to a wildcard (0.0.0.0, ::),
   the machine's own addresses (ui/interfaces.py), its host name and the loopback names. A page
   whose own name re-resolves to the machine (DNS rebinding) still sends its own name: refused.
   An IP literal cannot be rebound, so the machine's addresses are safe to list.

Everything here is pure except the default ``addresses`` and ``hostname`` readers.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kb.errors import ConfigError
from ui import interfaces

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
DEFAULT_HOST = "127.0.0.1"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")


@dataclass(frozen=True)
class Endpoint:
    bind: str  # the listening socket's address: 127.0.0.1, 0.0.0.0, ::, 192.168.1.5
    names: tuple[str, ...]  # the Host names served, lower case, no port; the first is printed
    tls: bool
    configured: tuple[str, ...] = ()  # the --allow-host names

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def local(self) -> bool:
        return ipaddress.ip_address(self.bind).is_loopback

    @property
    def wildcard(self) -> bool:
        return ipaddress.ip_address(self.bind).is_unspecified

    @property
    def family(self) -> socket.AddressFamily:
        return socket.AF_INET6 if ipaddress.ip_address(self.bind).version == 6 else socket.AF_INET

    @property
    def required(self) -> tuple[str, ...]:
        """The names a kept certificate must carry: the one printed and the configured ones."""
        return tuple(dict.fromkeys((self.names[0], *self.configured)))

    def url(self, port: int, token: str | None) -> str:
        name = f"[{self.names[0]}]" if ":" in self.names[0] else self.names[0]
        return f"{self.scheme}://{name}:{port}/" + (f"?token={token}" if token else "")

    def probe(self) -> str:
        """An address this machine can connect to, to see that the server listens."""
        if not self.wildcard:
            return self.bind
        return "::1" if self.family == socket.AF_INET6 else "127.0.0.1"


def endpoint(
    host: str | None = None,
    allow: Sequence[str] = (),
    *,
    token: bool = True,
    tls: bool = False,
    addresses: Callable[[int | None], Sequence[interfaces.IP]] = interfaces.reachable,
    hostname: Callable[[], str] = socket.gethostname,
) -> Endpoint:
    """The endpoint for ``kb ui --host HOST --allow-host NAME...``, or a ConfigError saying why
    not. ``tls``: the user gave a certificate (on loopback that is optional; elsewhere kb
    makes one when they did not)."""
    ip = _ip(host or DEFAULT_HOST)
    configured = tuple(dict.fromkeys(_name(n) for n in allow))
    if ip.is_loopback:
        if configured:
            raise ConfigError(
                "--allow-host names the address other devices use: it needs --host too "
                "(for example --host 0.0.0.0)."
            )
        return Endpoint(str(ip), tuple(dict.fromkeys((str(ip), *LOOPBACK_NAMES))), tls)
    if not token:
        raise ConfigError(
            f"kb ui --host {ip} serves other devices, so it keeps its access token: "
            "--no-token only works on this computer's own address (see README § Security)."
        )
    if ip.is_unspecified:  # 0.0.0.0: IPv4 only; :: is dual-stack here (IPV6_V6ONLY off)
        own = [str(a) for a in addresses(4 if ip.version == 4 else None)]
        names = [*configured, *own, *_own_names(hostname()), *LOOPBACK_NAMES]
    else:
        names = [*configured, str(ip)]
    return Endpoint(str(ip), tuple(dict.fromkeys(names)), True, configured)


def _ip(host: str) -> interfaces.IP:
    if host.lower() == "localhost":
        return ipaddress.IPv4Address(DEFAULT_HOST)
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ConfigError(
            f"--host takes an IP address (0.0.0.0, ::, or one of this machine's), not {host!r}; "
            "name the address other devices type with --allow-host."
        ) from None


def _name(raw: str) -> str:
    """A name as a Host header carries it: lower case, no trailing dot; an IP in its short form."""
    name = raw.strip().lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(name.strip("[]")))
    except ValueError:
        pass
    if not HOSTNAME.fullmatch(name):
        raise ConfigError(
            f"--allow-host takes a host name or an IP address (kb.home.lan, 192.168.1.5), "
            f"without scheme, port or wildcard: not {raw!r}."
        )
    return name


def _own_names(hostname: str) -> list[str]:
    """This machine's name, and its mDNS form (NAME.local) when it has no domain."""
    name = hostname.strip().lower().rstrip(".")
    if not name or not HOSTNAME.fullmatch(name) or name == "localhost":
        return []
    return [name] if "." in name else [name, f"{name}.local"]
