"""A conversation's records: one turn as stored (sanitized, as kb saw it) and one as listed."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from kb.records import Answer, Citation, Hit


@dataclass(frozen=True)
class ChatTurn:
    question: str  # after the sanitizer
    standalone: str  # the question as retrieval finally ran it
    answer: str
    mode: str
    grounded: bool
    citations: tuple[dict[str, Any], ...] = ()  # the answer's citation JSON: n, source, ...
    created: float = field(default=0.0)
    verdict: str = "answered"

    @classmethod
    def of(cls, answer: Answer, standalone: str, created: float) -> ChatTurn:
        return cls(
            answer.question,
            standalone,
            answer.answer,
            answer.mode,
            answer.grounded,
            tuple(c.to_json() for c in answer.citations),
            created,
            answer.verdict,
        )

    def as_answer(self) -> Answer:
        """The stored turn as the Answer it was (for showing it again)."""
        names = {f.name for f in fields(Hit)}
        citations = tuple(
            Citation(int(c["n"]), Hit(**{k: v for k, v in c.items() if k in names}))
            for c in self.citations
        )
        return Answer(
            self.question,
            self.answer,
            self.mode,
            citations,
            self.grounded,
            standalone=self.standalone,
            verdict=self.verdict,
        )

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(c["source"]) for c in self.citations))

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone": self.standalone,
            "answer": self.answer,
            "mode": self.mode,
            "grounded": self.grounded,
            "citations": list(self.citations),
            "created": self.created,
            "verdict": self.verdict,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatTurn:
        return cls(
            data["question"],
            data.get("standalone", data["question"]),
            data["answer"],
            data["mode"],
            bool(data["grounded"]),
            tuple(data.get("citations", ())),
            float(data.get("created", 0.0)),
            str(data.get("verdict", "answered")),
        )


@dataclass(frozen=True)
class ChatSummary:
    name: str
    turns: int
    updated: float

    def to_json(self) -> dict[str, Any]:
        """The `kb chats --json` shape: {"name", "turns", "updated"}."""
        when = datetime.fromtimestamp(self.updated).astimezone().isoformat(timespec="seconds")
        return {"name": self.name, "turns": self.turns, "updated": when}
