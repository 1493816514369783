"""Search filters rendered for Chroma (a ``where``) and for folder lookups in the manifest."""

from __future__ import annotations

from typing import Any

from kb.records import KINDS, Filters, day_number


def chroma_where(f: Filters, paths: list[str] | None = None) -> dict[str, Any] | None:
    """``paths``: the files under ``f.folder``, when few enough to list (else post-filter)."""
    clauses: list[dict[str, Any]] = []
    if f.kinds and set(f.kinds) != set(KINDS):
        clauses.append({"kind": {"$in": list(f.kinds)}})
    if paths is not None:
        clauses.append({"path": {"$in": paths}} if len(paths) != 1 else {"path": paths[0]})
    days: list[dict[str, Any]] = []
    if (lo := day_number(f.date_from)) is not None:
        days.append({"day": {"$gte": lo}})
    if (hi := day_number(f.date_to)) is not None:
        days.append({"day": {"$lte": hi}})
    if days:
        in_range = days[0] if len(days) == 1 else {"$and": days}
        # undated chunks are stored with day -1 (see kb.store.writer)
        clauses.append({"$or": [in_range, {"day": -1}]} if f.keep_undated else in_range)
    if not clauses:
        return None
    flat: list[dict[str, Any]] = []
    for c in clauses:  # Chroma wants one level of $and, not $and inside $and
        flat.extend(c["$and"] if set(c) == {"$and"} else [c])
    return flat[0] if len(flat) == 1 else {"$and": flat}


def like_prefix(folder: str) -> str:
    """An SQL LIKE pattern (escape character backslash) for every path under ``folder``."""
    escaped = folder.rstrip("/").replace("\\", "\\\\").replace("%", "\\%")
    return escaped.replace("_", "\\_") + "/%"
