"""The real llama-cpp-python path with a tiny random-weight GGUF written at test time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.answer.answerer import Answerer
from kb.answer.generator import LlamaGenerator, make_generator
from kb.answer.prompt import build_prompt
from kb.errors import ModelError
from kb.settings import Settings
from tests.fakes import FakeEmbedder
from tests.test_answerer import GOOD, ScriptedRetriever
from tests.tiny_gguf import write_tiny_gguf

pytest.importorskip("llama_cpp")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("model") / "tiny.gguf")


@pytest.fixture(scope="module")
def generator(tiny: Path) -> LlamaGenerator:
    return LlamaGenerator(tiny, n_threads=1, n_ctx=1024)  # 1 thread: the test machine is shared


def test_loads_and_streams_with_the_gguf_chat_template(generator: LlamaGenerator) -> None:
    assert generator.name == "llama.cpp:tiny.gguf"
    assert generator._llm.chat_format == "chat_template.default"  # read from the GGUF
    assert generator.count_tokens("the vet said") > 0
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "What did the vet say?"},
    ]
    pieces = list(generator.stream(messages, max_tokens=24, stop=["<|im_end|>"]))
    assert all(isinstance(p, str) for p in pieces)
    assert generator.count_tokens("".join(pieces)) <= 24 * 4  # byte tokens may re-tokenize apart


SHAPE = re.compile(r"^(?:NOT FOUND|[A-Z0-9\"'$€£(][^\n]+ \[[1-9]\]\.?)$")


def test_noise_keeps_the_grammars_shape_and_is_never_shown_as_verified(
    generator: LlamaGenerator,
) -> None:
    answerer = Answerer(ScriptedRetriever(GOOD), FakeEmbedder, lambda: generator)
    answerer.max_answer_tokens = 40
    streamed: list[str] = []
    for question in ("what did the vet say?", "when does the lease end?", "flight time?"):
        a = answerer.ask(question, on_token=streamed.append)
        written = "".join(streamed).strip()
        streamed.clear()
        if a.mode == "llm" and a.verdict == "answered":  # random weights *can* be right ...
            assert all(s.verified for s in a.checked) and a.answer == written
        else:  # ... but a claim its source does not hold is never shown as verified
            assert a.verdict in ("unverified", "not_in_documents")
            assert a.model_answer == written
        # the grammar held even for noise: words, then [n] (or NOT FOUND), nothing else
        assert SHAPE.match(written) or len(written) >= answerer.max_answer_tokens // 4, written
    assert generator.calls >= 3


def test_invalid_utf8_noise_does_not_crash(tmp_path: Path) -> None:
    path = write_tiny_gguf(tmp_path / "bytes.gguf", byte_noise=True, seed=3)
    answerer = Answerer(
        ScriptedRetriever(GOOD), FakeEmbedder, lambda: LlamaGenerator(path, n_threads=1, n_ctx=1024)
    )
    answerer.max_answer_tokens = 48  # held-back bytes make llama-cpp-python quadratic
    a = answerer.ask("what did the vet say?")
    assert isinstance(a.answer, str) and a.verdict != "nothing"
    a.answer.encode("utf-8")  # whatever came out is valid text
    (a.model_answer or a.answer).encode("utf-8")


def test_prompt_budget_counts_the_models_own_tokens(generator: LlamaGenerator) -> None:
    hits = [r.hit for r in GOOD]
    # this byte-level vocabulary spends ~1 token per letter: the fixed part alone is ~350
    p = build_prompt("what did the vet say?", hits, generator.count_tokens, budget=500)
    assert p.tokens <= 500 and 1 <= len(p.sources) < 3
    templated = generator._llm.tokenize(
        "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in p.messages).encode()
        + b"<|im_start|>assistant\n",
        add_bos=False,
        special=True,
    )
    assert len(templated) <= 500  # the estimate of the template's cost is not too low


def test_prompt_is_cut_to_leave_room_for_the_answer_in_a_small_context(tiny: Path) -> None:
    small = LlamaGenerator(tiny, n_threads=1, n_ctx=800)
    answerer = Answerer(ScriptedRetriever(GOOD), FakeEmbedder, lambda: small)
    answerer.max_answer_tokens = 32
    answerer.ask("what did the vet say?")  # would overflow 800 tokens with budget 1200
    assert small.calls == 1 and answerer.last_prompt_tokens <= 800 - 32


def test_chatml_fallback_when_the_gguf_has_no_template(tmp_path: Path) -> None:
    path = write_tiny_gguf(tmp_path / "plain.gguf", chat_template=None)
    g = LlamaGenerator(path, n_threads=1, n_ctx=256)
    assert g._llm.chat_format == "chatml"
    list(g.stream([{"role": "user", "content": "hi"}], max_tokens=4, stop=[]))


GEMMA_LIKE = (
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>\\n' }}{% endfor %}{{ '<|im_start|>assistant\\n' }}"
)


def test_a_template_without_a_system_role_gets_it_folded_into_the_user_message(
    tmp_path: Path,
) -> None:
    path = write_tiny_gguf(tmp_path / "gemma-like.gguf", chat_template=GEMMA_LIKE)
    g = LlamaGenerator(path, n_threads=1, n_ctx=1024)
    answerer = Answerer(ScriptedRetriever(GOOD), FakeEmbedder, lambda: g)
    answerer.max_answer_tokens = 8
    for q in ("what did the vet say?", "and the lease?"):
        assert answerer.ask(q).verdict != "nothing"
    assert g._merge_system and g.calls == 2


def test_make_generator_finds_the_first_gguf_in_kb_home_models(tiny: Path, home: Path) -> None:
    assert make_generator(Settings(home=home)) is None  # nothing configured: extractive
    models = home / "models"
    models.mkdir()
    (models / "b.gguf").write_bytes(tiny.read_bytes())
    gen = make_generator(Settings.from_env({"KB_HOME": str(home)}))
    assert gen is not None and gen.name == "llama.cpp:b.gguf"
    assert make_generator(Settings.from_env({"KB_HOME": str(home), "KB_MODEL": "none"})) is None


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (None, "not found"),
        (b"", "not a GGUF"),
        (b"PK\x03\x04 this is a zip file, not a model", "not a GGUF"),
        ("truncated", "Cannot load"),
        ("garbage-after-magic", "Cannot load"),
    ],
)
def test_bad_model_files_raise_model_error_naming_the_file(
    tmp_path: Path, tiny: Path, content, phrase: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken model.gguf"
    if content == "truncated":
        path.write_bytes(tiny.read_bytes()[: tiny.stat().st_size // 3])
    elif content == "garbage-after-magic":
        path.write_bytes(b"GGUF" + bytes(range(256)) * 64)
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError) as err:
        LlamaGenerator(path, n_threads=1)
    assert str(path) in str(err.value) and phrase in str(err.value)
    assert "Traceback" not in capfd.readouterr().err


def test_a_directory_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a file"):
        LlamaGenerator(tmp_path)
