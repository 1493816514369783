"""Generators turn a chat (system + user message) into streamed text. Pick one from ``GENERATORS``.

The real one is llama-cpp-python over a local GGUF file, loaded once and reused: llama.cpp keeps
the previous prompt in its KV cache and re-reads only what changed, so the fixed system message
costs nothing after the first question.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from kb.errors import ModelError
from kb.settings import Settings

GGUF_MAGIC = b"GGUF"
TEMPERATURE = 0.1  # near-greedy: answers should follow the sources, not wander
DEFAULT_CTX = 2048  # ~1,200 prompt tokens + the answer + the chat template, with room to spare
Message = dict[str, str]


class Generator(Protocol):
    name: str

    @property
    def n_ctx(self) -> int | None:
        """The context window in tokens, if the generator has one (prompt + answer must fit)."""

    def count_tokens(self, text: str) -> int: ...

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]: ...


def check_gguf(path: Path) -> Path:
    """The path if it names a readable GGUF file, else a ModelError that names the file."""
    if not path.exists():
        raise ModelError(f"Model file not found: {path} (check KB_MODEL or KB_HOME/models/).")
    if not path.is_file():
        raise ModelError(f"Model path is not a file: {path}.")
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as e:
        raise ModelError(f"Cannot read model file {path}: {e.strerror}.") from e
    if magic != GGUF_MAGIC:
        raise ModelError(
            f"{path} is not a GGUF model file (it does not start with 'GGUF'); kb needs a "
            "quantized model in GGUF format, e.g. a *Q4_K_M.gguf file."
        )
    return path


def default_threads() -> int:
    """Half the logical CPUs (about the physical cores), at least one. llama.cpp's threads spin
    while they wait: on this 2-core machine, with the embedder or a browser busy beside it, two
    threads wrote 5-10x slower than one (one was ~1.4x slower only when the machine was idle)."""
    return max(1, (os.cpu_count() or 2) // 2)


def merge_system(messages: list[Message]) -> list[Message]:
    """The system message put in front of the first user message, for templates without one."""
    if not messages or messages[0]["role"] != "system":
        return messages
    system, rest = messages[0]["content"], messages[1:]
    if rest and rest[0]["role"] == "user":
        return [{"role": "user", "content": f"{system}\n\n{rest[0]['content']}"}, *rest[1:]]
    return [{"role": "user", "content": system}, *rest]


class LlamaGenerator:
    """A GGUF model through llama-cpp-python, with the chat template stored in the file."""

    def __init__(self, model_path: Path, *, n_threads: int | None = None, n_ctx: int | None = None):
        path = check_gguf(Path(model_path))
        try:
            from llama_cpp import Llama
        except ImportError as e:
            raise ModelError(f"llama-cpp-python is not installed ({e}); run `make venv`.") from e
        try:
            # verbose=False: llama.cpp's load log would otherwise flood the terminal's stderr
            self._llm: Any = Llama(
                model_path=str(path),
                n_ctx=n_ctx or DEFAULT_CTX,
                n_threads=n_threads or default_threads(),
                verbose=False,
            )
        except Exception as e:  # llama.cpp says only "Failed to load model from file"
            raise ModelError(
                f"Cannot load the model {path}: the file looks damaged, truncated, or made for a "
                f"newer llama.cpp ({e})."
            ) from e
        if not self._llm.metadata.get("tokenizer.chat_template"):
            # llama-cpp-python would fall back to the llama-2 format; ChatML is far more common
            self._llm.chat_format = "chatml"
        self.name = f"llama.cpp:{path.name}"
        self.path = path
        self.calls = 0
        self._merge_system = False
        self._grammars: dict[str, Any] = {}

    def _start(
        self, messages: list[Message], max_tokens: int, stop: Sequence[str], grammar: str | None
    ) -> Any:
        return self._llm.create_chat_completion(
            messages=messages,
            max_tokens=max_tokens,
            temperature=TEMPERATURE,
            stop=list(stop),
            stream=True,
            grammar=self._grammar(grammar) if grammar else None,
        )

    def _grammar(self, text: str) -> Any:
        """A GBNF grammar, parsed once: the model can then only write what it allows."""
        if text not in self._grammars:
            from llama_cpp import LlamaGrammar

            self._grammars[text] = LlamaGrammar.from_string(text, verbose=False)
        return self._grammars[text]

    @property
    def n_ctx(self) -> int:
        return int(self._llm.n_ctx())

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        stop: Sequence[str],
        grammar: str | None = None,
    ) -> Iterator[str]:
        self.calls += 1
        if self._merge_system:
            messages = merge_system(messages)
        try:
            chunks = self._start(messages, max_tokens, stop, grammar)
        except ValueError as e:  # the template renders eagerly, before any token is made
            if "role" not in str(e).lower() or messages[0]["role"] != "system":
                raise
            # Gemma's and Mistral's templates refuse a system message: fold it into the user's
            self._merge_system = True
            chunks = self._start(merge_system(messages), max_tokens, stop, grammar)
        for chunk in chunks:
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                yield piece


def _llama(settings: Settings) -> Generator | None:
    if settings.servers.llm is not None:  # KB_LLM_URL wins over any local GGUF
        from kb.answer.server import ServerGenerator

        return ServerGenerator(settings.servers.llm)
    path = settings.resolve_model()
    return LlamaGenerator(path, n_threads=settings.threads) if path is not None else None


# Tests register their scripted generators here.
GENERATORS: dict[str, Callable[[Settings], Generator | None]] = {"llama.cpp": _llama}


def make_generator(settings: Settings) -> Generator | None:
    """The configured generator, or None when no model is configured (extractive mode)."""
    try:
        factory = GENERATORS[settings.generator]
    except KeyError:
        raise ModelError(
            f"Unknown generator {settings.generator!r}; choose one of {', '.join(GENERATORS)}."
        ) from None
    return factory(settings)
