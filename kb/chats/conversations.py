"""The conversations of one knowledge base: ask a turn, list, export, rename, delete.

Names and questions are sanitized before anything is stored or compared (a conversation called
after someone's e-mail address is stored under its pseudonym), and a turn is saved when its
answer is complete — on the thread that computed it, so an answer still being written when the
app's page is left is saved all the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from kb.answer.answerer import Answerer
from kb.chats.conversation import ChatSummary, ChatTurn
from kb.chats.followup import Context
from kb.chats.markdown import to_markdown
from kb.chats.resolver import Resolver
from kb.errors import ConfigError
from kb.records import Answer, Filters
from kb.store.history import History

MAX_NAME = 100


class Conversations:
    def __init__(
        self, history: Callable[[], History], answerer: Answerer, sanitize: Callable[[str], str]
    ):
        self._history_factory = history
        self._history: History | None = None
        self.answerer = answerer
        self.resolver = Resolver(answerer.retriever)
        self.sanitize = sanitize

    @property
    def history(self) -> History:
        if self._history is None:
            self._history = self._history_factory()
        return self._history

    def name(self, raw: str) -> str:
        """The stored form of a conversation's name; a ConfigError for an unusable one."""
        name = " ".join(raw.split())
        if not name:
            raise ConfigError("A conversation needs a name, e.g. --chat lease.")
        if len(name) > MAX_NAME:
            raise ConfigError(f"A conversation's name has at most {MAX_NAME} characters.")
        return self.sanitize(name)

    def context(self, name: str) -> Context:
        turns = self.history.turns(name)
        if not turns:
            return Context()
        return Context(tuple(t.standalone for t in turns), turns[-1].sources)

    def ask(
        self,
        chat: str,
        question: str,
        *,
        filters: Filters | None = None,
        on_token: Callable[[str], None] | None = None,
        on_draft: Callable[[Answer], None] | None = None,
    ) -> Answer:
        """Answer ``question`` as the next turn of ``chat`` (created if new), and save the turn."""
        name = self.name(chat)
        clean = self.sanitize(question)
        resolved = self.resolver.rank(clean, self.context(name), self.answerer.k, filters)
        answer = self.answerer.respond(clean, resolved.ranked, on_token, on_draft)
        self.history.append(name, ChatTurn.of(answer, resolved.standalone, time.time()))
        return replace(answer, chat=name, standalone=resolved.standalone)

    def all(self) -> list[ChatSummary]:
        return self.history.chats()

    def turns(self, chat: str) -> list[ChatTurn]:
        return self.history.turns(self._existing(chat))

    def export(self, chat: str) -> str:
        name = self._existing(chat)
        return to_markdown(name, self.history.turns(name))

    def rename(self, chat: str, new: str) -> str:
        name, target = self._existing(chat), self.name(new)
        if target != name:
            self.history.rename(name, target)
        return target

    def delete(self, chat: str) -> None:
        self.history.delete(self._existing(chat))

    def _existing(self, chat: str) -> str:
        name = self.name(chat)
        if not self.history.exists(name):
            raise ConfigError(f"There is no conversation called {name!r} (see `kb chats`).")
        return name

    def close(self) -> None:
        if self._history is not None:
            self._history.close()
