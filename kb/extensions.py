"""How the core reaches the ingest package without importing it.

Imports point one way (ui -> ingest -> kb). The CLI still needs the sync pipeline, the watcher
and the sanitizer, so ingest registers them as entry points in the ``kb.extensions`` group
(see pyproject.toml) and the core looks them up by name at the moment it needs them.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from kb.errors import ExtensionError

GROUP = "kb.extensions"


def load(name: str) -> Any:
    found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if not found:
        raise ExtensionError(
            f"kb's {name!r} component is not installed. Reinstall kb with `make venv` "
            "(or `pip install -e .`) so the ingest package registers itself."
        )
    return found[0].load()
