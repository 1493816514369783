"""Imports point one way: ui -> ingest -> kb, ui -> kb. Heavy libraries load lazily."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

HEAVY = {"torch", "sentence_transformers", "llama_cpp", "chromadb", "transformers"}


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_kb_never_imports_ingest_ui_streamlit_or_watchdog():
    for path in (REPO / "kb").rglob("*.py"):
        bad = _imports(path) & {"ingest", "ui", "streamlit", "watchdog"}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_ingest_never_imports_ui_or_streamlit():
    for path in (REPO / "ingest").rglob("*.py"):
        bad = _imports(path) & {"ui", "streamlit"}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_heavy_libraries_are_only_imported_inside_functions():
    for pkg in ("kb", "ingest"):
        for path in (REPO / pkg).rglob("*.py"):
            bad = _imports(path, top_level_only=True) & HEAVY
            assert not bad, f"{path.relative_to(REPO)} imports {bad} at module level"


def test_cli_help_does_not_load_heavy_libraries():
    code = ("import sys, kb.cli\n"
            "try:\n    kb.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {sorted(HEAVY)!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
