"""TLS for `kb ui --host`: the user's own certificate, or one kb makes once and keeps in KB_HOME.

A made certificate is self-signed, so a phone's browser warns the first time it sees it; the
user compares the SHA-256 fingerprint the browser shows with the one `kb ui` prints at start,
and from then on the browser remembers it. That is why the certificate is kept
(``KB_HOME/tls/cert.pem`` and ``key.pem``, both 0600) and reused on every start: a new one
would mean a new warning on every device. It is made again only when it no longer names the
address kb prints or a configured ``--allow-host`` name, when it nears the end of its validity,
or when the pair no longer loads.

An ECDSA P-256 key and a leaf certificate as browsers require it: names in subjectAltName,
serverAuth, SHA-256, valid 825 days (Apple's limit for TLS server certificates). The
``cryptography`` package is imported only when a certificate is read or made.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import ConfigError

if TYPE_CHECKING:
    from cryptography import x509

FOLDER = "tls"
VALID_DAYS = 825
RENEW_DAYS = 30


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path
    fingerprint: str  # SHA-256 of the DER form, colon-separated hex, as browsers show it
    names: tuple[str, ...]  # its subjectAltNames
    source: str = "yours"  # or "kept from an earlier start", "made now: why"

    @property
    def self_signed(self) -> bool:
        return self.source != "yours"

    def notice(self, name: str) -> list[str]:
        """What the person at the screen needs to know about it, once, at start."""
        lines = [f"serving over TLS with {self.cert} ({self.source})"]
        if name not in self.names:
            lines.append(f"the certificate does not name {name}: browsers will say so")
        lines.append(f"certificate SHA-256 fingerprint: {self.fingerprint}")
        if self.self_signed:
            lines.append(
                "other devices warn about it the first time: go on only if the certificate "
                "their browser shows has this fingerprint"
            )
        return lines

    def context(self) -> ssl.SSLContext:
        """A server context with this pair; a ConfigError if the files do not make one."""
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        try:
            ctx.load_cert_chain(self.cert, self.key)
        except (ssl.SSLError, OSError) as e:
            raise ConfigError(
                f"Cannot serve TLS with {self.cert} and {self.key}: {e} "
                "(a PEM certificate and its unencrypted PEM key)."
            ) from e
        return ctx


def certificate(
    home: Path,
    names: Sequence[str],
    required: Sequence[str] = (),
    cert: Path | None = None,
    key: Path | None = None,
) -> Certificate:
    """The user's pair (``cert`` and ``key``), else the one kept in KB_HOME/tls — made now if
    it is missing, does not carry every ``required`` name, or expires within RENEW_DAYS."""
    if (cert is None) != (key is None):
        raise ConfigError("--tls-cert and --tls-key go together: the certificate and its key.")
    if cert is not None and key is not None:
        own = read(cert.expanduser().resolve(), key.expanduser().resolve())
        own.context()  # refuse a pair that does not load before anything starts
        return own
    folder = home / FOLDER
    kept, why = _kept(folder / "cert.pem", folder / "key.pem", required)
    return kept if kept is not None else make(folder, names, why)


def read(cert: Path, key: Path) -> Certificate:
    from cryptography import x509

    try:
        pem = cert.read_bytes()
        loaded = x509.load_pem_x509_certificate(pem)
    except OSError as e:
        raise ConfigError(f"Cannot read the certificate {cert}: {e.strerror}") from e
    except ValueError as e:
        raise ConfigError(f"{cert} is not a PEM certificate: {e}") from e
    return Certificate(cert, key, fingerprint(pem), _names(loaded))


def fingerprint(pem: bytes) -> str:
    """SHA-256 of the certificate's DER bytes: AB:CD:…, what a browser's certificate viewer
    shows (and `openssl x509 -noout -fingerprint -sha256`)."""
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode("ascii"))).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2)).upper()


def _kept(cert: Path, key: Path, required: Sequence[str]) -> tuple[Certificate | None, str]:
    if not (cert.exists() and key.exists()):
        return None, "first start with --host"
    from cryptography import x509

    try:
        found = read(cert, key)
        found.context()
        until = x509.load_pem_x509_certificate(cert.read_bytes()).not_valid_after_utc
    except ConfigError:
        return None, "the kept one did not load"
    missing = [n for n in required if n not in found.names]
    if missing:
        return None, f"the kept one did not name {', '.join(missing)}"
    if until - datetime.now(UTC) < timedelta(days=RENEW_DAYS):
        return None, f"the kept one expires on {until:%Y-%m-%d}"
    return replace(found, source="kept from an earlier start"), ""


def make(folder: Path, names: Sequence[str], why: str) -> Certificate:
    """A new self-signed pair for ``names`` in ``folder`` (0700; both files 0600)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"kb on {names[0]}")])
    now = datetime.now(UTC)
    usage = dict.fromkeys(
        ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement"), False
    )
    usage |= dict.fromkeys(("key_cert_sign", "crl_sign", "encipher_only", "decipher_only"), False)
    built = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))  # a device whose clock is a little behind
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_general(n) for n in names]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, **usage), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    pem = built.public_bytes(serialization.Encoding.PEM)
    _write_private(cert_path, pem)
    return Certificate(cert_path, key_path, fingerprint(pem), tuple(names), f"made now: {why}")


def _general(name: str) -> x509.GeneralName:
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def _names(cert: x509.Certificate) -> tuple[str, ...]:
    from cryptography import x509

    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    dns = sans.get_values_for_type(x509.DNSName)
    ips = [str(ip) for ip in sans.get_values_for_type(x509.IPAddress)]
    return tuple(n.lower() for n in (*dns, *ips))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a 0600 file beside ``path``, then move it into place (never half a key)."""
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by an interrupted start: O_CREAT would keep its mode
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
