"""Settings from the environment: which model answers, and the switches other code relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.errors import ConfigError
from kb.settings import Settings, installed_models


def test_kb_model_none_means_extractive_answers(tmp_path: Path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.gguf").write_bytes(b"GGUF")
    assert Settings.from_env({"KB_HOME": str(tmp_path), "KB_MODEL": "none"}).model is None
    assert Settings.from_env({"KB_HOME": str(tmp_path), "KB_MODEL": "None "}).model is None


def test_kb_model_names_a_file_and_otherwise_kb_home_models_come_first(tmp_path: Path):
    named = Settings.from_env({"KB_HOME": str(tmp_path), "KB_MODEL": "~/m.gguf"})
    assert named.model == Path("~/m.gguf").expanduser()
    (tmp_path / "models").mkdir()
    for name in ("b.gguf", "a.gguf", "notes.txt"):
        (tmp_path / "models" / name).write_bytes(b"GGUF")
    assert Settings.from_env({"KB_HOME": str(tmp_path)}).model == tmp_path / "models" / "a.gguf"


def test_without_any_model_the_installed_default_or_none(tmp_path: Path):
    found = sorted(installed_models().glob("*.gguf")) if installed_models().is_dir() else []
    expected = found[0] if found else None
    assert Settings.from_env({"KB_HOME": str(tmp_path)}).model == expected


def test_code_built_settings_never_discover_a_model(tmp_path: Path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.gguf").write_bytes(b"GGUF")
    assert Settings(home=tmp_path).model is None


@pytest.mark.parametrize(
    "value, history", [("off", False), ("OFF", False), ("0", False), ("on", True), ("", True)]
)
def test_kb_history(value: str, history: bool, tmp_path: Path):
    assert Settings.from_env({"KB_HOME": str(tmp_path), "KB_HISTORY": value}).history is history


def test_a_bad_size_limit_is_a_readable_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="KB_MAX_FILE_MB"):
        Settings.from_env({"KB_HOME": str(tmp_path), "KB_MAX_FILE_MB": "lots"})
