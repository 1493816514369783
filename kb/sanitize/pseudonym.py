"""Keyed pseudonyms and typed masks, the per-home secret key and the user's own term list.

A pseudonym is the first hex digits of HMAC-SHA256(key, category + normalised value): the same
person always gets the same placeholder, the original value is never stored, and without the key
(KB_HOME/secret.key, mode 0600) nobody can test a guess against the index.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from kb.errors import ConfigError
from kb.sanitize.detectors.contact import ip_key
from kb.sanitize.detectors.phone import phone_key

KEY_FILE = "secret.key"
TERMS_FILE = "sanitize_terms.txt"
KEY_BYTES = 32
HEX_DIGITS = 6  # 16.7 M values: a collision is unlikely below a few thousand distinct values

PSEUDONYM_PREFIX = {"email": "EMAIL", "phone": "PHONE", "ip": "IP", "term": "NAME"}


def mask(category: str) -> str:
    return f"[REDACTED:{category}]"


def normalise(category: str, value: str) -> str:
    """One spelling per identity: lower-case e-mail, E.164-ish phone digits, canonical IP."""
    if category == "email":
        return value.strip().lower()
    if category == "phone":
        return phone_key(value)
    if category == "ip":
        return ip_key(value.strip())
    return " ".join(value.casefold().split())


def pseudonym(key: bytes, category: str, value: str) -> str:
    digest = hmac.new(key, f"{category}\x00{normalise(category, value)}".encode(), hashlib.sha256)
    return f"[{PSEUDONYM_PREFIX[category]}_{digest.hexdigest()[:HEX_DIGITS]}]"


def load_or_create_key(home: Path) -> bytes:
    """The 32-byte key in home/secret.key, created once (0600, atomically) if missing."""
    path = home / KEY_FILE
    if not path.exists():
        _create_key(home, path)
    return _read_key(path)


def _create_key(home: Path, path: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".secret.key.")  # mkstemp: mode 0600
        try:
            os.write(fd, secrets.token_bytes(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            # link() never replaces an existing file: of two racing processes, one key wins.
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError as e:
        raise ConfigError(f"Cannot create the pseudonym key {path}: {e.strerror}") from e


def _read_key(path: Path) -> bytes:
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it; the key must stay private
        key = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"Cannot read the pseudonym key {path}: {e.strerror}") from e
    if len(key) != KEY_BYTES:
        raise ConfigError(
            f"The pseudonym key {path} is damaged ({len(key)} bytes instead of {KEY_BYTES}). "
            "Restore it from a backup; deleting it gives every e-mail, phone and name a new "
            "placeholder, so the whole index must then be rebuilt."
        )
    return key


def read_terms(home: Path) -> tuple[str, ...]:
    """Names and phrases from home/sanitize_terms.txt: one per line, '#' starts a comment."""
    path = home / TERMS_FILE
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ()
    except OSError as e:
        raise ConfigError(f"Cannot read {path}: {e.strerror}") from e
    terms = (" ".join(line.split("#", 1)[0].split()) for line in raw.splitlines())
    return tuple(dict.fromkeys(t for t in terms if t))
