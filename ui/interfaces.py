"""This machine's own IP addresses, read from its network interfaces without asking the network.

`kb ui --host 0.0.0.0` answers on every interface, and a browser on another device then names
one of these addresses in its Host header. They come from the C library's ``getifaddrs`` (Linux,
macOS, the BSDs): no DNS lookup and no connect(), so kb stays within its offline invariant.
Where ``getifaddrs`` is missing the list is empty and only the configured names are served.
"""

from __future__ import annotations

import ctypes
import ipaddress
import socket
import sys

IP = ipaddress.IPv4Address | ipaddress.IPv6Address

if sys.platform.startswith("linux"):
    _FAMILY = [("sa_family", ctypes.c_uint16)]
else:  # BSD layout: a length byte, then the family
    _FAMILY = [("sa_len", ctypes.c_uint8), ("sa_family", ctypes.c_uint8)]


class _SockaddrIn(ctypes.Structure):
    _fields_ = [*_FAMILY, ("port", ctypes.c_uint16), ("addr", ctypes.c_uint8 * 4)]


class _SockaddrIn6(ctypes.Structure):
    _fields_ = [
        *_FAMILY,
        ("port", ctypes.c_uint16),
        ("flowinfo", ctypes.c_uint32),
        ("addr", ctypes.c_uint8 * 16),
        ("scope_id", ctypes.c_uint32),
    ]


class _Sockaddr(ctypes.Structure):
    _fields_ = [*_FAMILY]


class _Ifaddrs(ctypes.Structure):
    pass


_Ifaddrs._fields_ = [
    ("ifa_next", ctypes.POINTER(_Ifaddrs)),
    ("ifa_name", ctypes.c_char_p),
    ("ifa_flags", ctypes.c_uint),
    ("ifa_addr", ctypes.POINTER(_Sockaddr)),
    ("ifa_netmask", ctypes.POINTER(_Sockaddr)),
    ("ifa_ifu", ctypes.POINTER(_Sockaddr)),
    ("ifa_data", ctypes.c_void_p),
]


def all_addresses() -> list[IP]:
    """Every address of every interface (loopback included), in the order the system lists."""
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols, the C library's among them
        getifaddrs, freeifaddrs = libc.getifaddrs, libc.freeifaddrs
    except (OSError, AttributeError):
        return []
    head = ctypes.POINTER(_Ifaddrs)()
    if getifaddrs(ctypes.byref(head)) != 0:
        return []
    found: list[IP] = []
    try:
        node = head
        while node:
            found += _address(node.contents.ifa_addr)
            node = node.contents.ifa_next
    finally:
        freeifaddrs(head)
    return found


def _address(sa: ctypes._Pointer[_Sockaddr]) -> list[IP]:
    if not sa:  # an interface without an address
        return []
    family = sa.contents.sa_family
    if family == socket.AF_INET:
        raw = bytes(ctypes.cast(sa, ctypes.POINTER(_SockaddrIn)).contents.addr)
        return [ipaddress.IPv4Address(raw)]
    if family == socket.AF_INET6:
        raw = bytes(ctypes.cast(sa, ctypes.POINTER(_SockaddrIn6)).contents.addr)
        return [ipaddress.IPv6Address(raw)]
    return []  # link-layer and other families


def reachable(version: int | None = None) -> list[IP]:
    """The addresses another device can type: not loopback, not link-local (a browser cannot
    name an fe80:: address without its interface), without repeats; IPv4 first."""
    seen: dict[IP, None] = {}
    for ip in all_addresses():
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
            continue
        if version is None or ip.version == version:
            seen.setdefault(ip)
    return sorted(seen, key=lambda ip: ip.version)
