"""Search filters, rendered for both stores: a Chroma ``where`` and an SQL clause on ``chunks``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.manifest import day_number
from kb.types import KINDS, Chunk


@dataclass(frozen=True)
class Filters:
    """Narrow a search: kinds ("note", "pdf", "email", "attachment"), a folder, a date range.

    ``keep_undated`` lets chunks without a date through a date range: kb sets it when the range
    was read from the question ("last summer") rather than given explicitly, so an undated
    contract is not hidden because the question mentioned a month.
    """

    kinds: tuple[str, ...] = ()
    folder: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    keep_undated: bool = False

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def chroma_where(self, paths: list[str] | None = None) -> dict[str, Any] | None:
        """``paths``: the files under ``folder``, when few enough to list (else post-filter)."""
        clauses: list[dict[str, Any]] = []
        if self.kinds and set(self.kinds) != set(KINDS):
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if paths is not None:
            clauses.append({"path": {"$in": paths}} if len(paths) != 1 else {"path": paths[0]})
        days: list[dict[str, Any]] = []
        if (lo := day_number(self.date_from)) is not None:
            days.append({"day": {"$gte": lo}})
        if (hi := day_number(self.date_to)) is not None:
            days.append({"day": {"$lte": hi}})
        if days:
            in_range = days[0] if len(days) == 1 else {"$and": days}
            # undated chunks are stored with day -1 (see kb.index)
            clauses.append({"$or": [in_range, {"day": -1}]} if self.keep_undated else in_range)
        if not clauses:
            return None
        flat: list[dict[str, Any]] = []
        for c in clauses:  # Chroma wants one level of $and, not $and inside $and
            flat.extend(c["$and"] if set(c) == {"$and"} else [c])
        return flat[0] if len(flat) == 1 else {"$and": flat}

    def sql(self) -> tuple[str, list[Any]]:
        where, params = [], []  # type: list[str], list[Any]
        if self.kinds:
            where.append(f"c.kind IN ({','.join('?' * len(self.kinds))})")
            params += list(self.kinds)
        if self.folder:
            where.append("c.path LIKE ? ESCAPE '\\'")
            params.append(like_prefix(self.folder))
        days: list[str] = []
        if (lo := day_number(self.date_from)) is not None:
            days.append("c.day >= ?")
            params.append(lo)
        if (hi := day_number(self.date_to)) is not None:
            days.append("c.day <= ?")
            params.append(hi)
        if days:
            in_range = " AND ".join(days)
            where.append(f"(c.day IS NULL OR ({in_range}))" if self.keep_undated else in_range)
        return (" AND " + " AND ".join(where)) if where else "", params

    def admits(self, chunk: Chunk) -> bool:
        return not self.folder or chunk.source.startswith(self.folder.rstrip("/") + "/")


def like_prefix(folder: str) -> str:
    """An SQL LIKE pattern (escape character backslash) for every path under ``folder``."""
    escaped = folder.rstrip("/").replace("\\", "\\\\").replace("%", "\\%")
    return escaped.replace("_", "\\_") + "/%"
