"""The tree says what the system is: import direction, one storage boundary, small modules.

ui -> ingest -> kb, ui -> kb; kb/cli.py (the composition root) alone may import ingest and ui,
and only inside its commands. SQL and Chroma live in kb/store/. Heavy libraries load lazily.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import kb
from tests.conftest import REPO

HEAVY = {"torch", "sentence_transformers", "llama_cpp", "chromadb", "transformers", "tantivy"}
PACKAGES = ("kb", "ingest", "ui")
TOOLING = ("tests", "bench", "tools")  # held to the same size as the product
COMPOSITION_ROOT = REPO / "kb" / "cli.py"
STORE = REPO / "kb" / "store"
MAX_LINES = 250
# kb writes SQL keywords in capitals; prose does not
SQL = re.compile(
    r"\b(?:SELECT\s+\S.*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|"
    r"UPDATE\s+\w+\s+SET|CREATE\s+(?:TABLE|INDEX|VIRTUAL|TRIGGER))\b",
    re.S,
)


def _sources(*packages: str) -> list[Path]:
    return [p for pkg in packages for p in sorted((REPO / pkg).rglob("*.py"))]


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


def test_kb_imports_ingest_and_ui_only_in_the_composition_root():
    for path in _sources("kb"):
        bad = _imports(path) & {"ingest", "ui", "streamlit", "watchdog"}
        if path == COMPOSITION_ROOT:
            assert bad == {"ingest", "ui"}, bad  # the root knows every layer ...
            assert not _imports(path, top_level_only=True) & bad  # ... but loads them lazily
        else:
            assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_ingest_never_imports_ui_or_streamlit():
    for path in _sources("ingest"):
        bad = _imports(path) & {"ui", "streamlit"}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


def test_no_sql_no_chroma_and_no_tantivy_outside_the_store_package():
    for path in _sources(*PACKAGES):
        if STORE in path.parents:
            continue
        strings = [
            n.value
            for n in ast.walk(ast.parse(path.read_text()))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        sql = [s for s in strings if SQL.search(s)]
        assert not sql, f"{path.relative_to(REPO)} holds SQL: {sql[0][:60]!r}"
        assert "chromadb" not in _imports(path), f"{path.relative_to(REPO)} imports chromadb"
        assert "sqlite3" not in _imports(path), f"{path.relative_to(REPO)} imports sqlite3"
        assert "tantivy" not in _imports(path), f"{path.relative_to(REPO)} imports tantivy"


def test_the_sql_detector_sees_sql():  # the check above must be able to fail
    assert SQL.search("SELECT id FROM chunks WHERE path = ?")
    assert SQL.search("INSERT OR REPLACE INTO files VALUES (?)")
    assert not SQL.search("Select the folder from the list")


def test_every_module_is_small():
    for path in _sources(*PACKAGES, *TOOLING):
        lines = len(path.read_text().splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines"


def test_no_plugin_indirection_is_left():
    out = subprocess.run(
        [
            "git",
            "grep",
            "-n",
            r"kb.extensions\|entry_points",
            "--",
            "*.py",
            "*.toml",
            ":!tests/test_architecture.py",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert out.stdout == "", out.stdout


def test_the_public_api_is_small_sorted_and_importable():
    assert kb.__all__ == sorted(kb.__all__)
    assert kb.__all__ == [
        "Answer",
        "Chunk",
        "Citation",
        "ConfigError",
        "Document",
        "Filters",
        "Hit",
        "IndexReport",
        "KBError",
        "KnowledgeBase",
        "ModelError",
        "Settings",
        "Status",
        "StoreError",
    ]
    for name in kb.__all__:
        assert getattr(kb, name) is not None


def test_heavy_libraries_are_only_imported_inside_functions():
    for path in _sources("kb", "ingest"):
        bad = _imports(path, top_level_only=True) & HEAVY
        assert not bad, f"{path.relative_to(REPO)} imports {bad} at module level"


def test_cli_help_does_not_load_heavy_libraries_ingest_or_ui():
    watched = sorted(HEAVY | {"ingest", "ui", "streamlit", "watchdog"})
    code = (
        "import sys, kb.cli\n"
        "try:\n    kb.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {watched!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
