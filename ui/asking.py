"""Asking in a worker thread so the script thread can show the answer while it is written.

``kb.ask`` reports the draft (quoted sentences, at once, when a model will write) and the
model's tokens through callbacks; the worker puts them on a queue and the script thread, the
only one that may call ``st.*``, drains it. Without a model there is neither: the extractive
answer arrives whole when ``ask`` returns.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from kb.knowledge_base import KnowledgeBase
from kb.records import Answer, Filters

_DONE = object()


class AskJob:
    def __init__(
        self,
        kb: KnowledgeBase,
        question: str,
        filters: Filters | None,
        lock: threading.Lock,
        chat: str | None = None,
    ):
        self.kb = kb
        self.question = question
        self.filters = filters
        self.lock = lock
        self.chat = chat  # the turn is saved by kb.ask, on this job's thread: even if the page
        # that asked is gone by the time the answer is complete
        self.answer: Answer | None = None
        self.error: BaseException | None = None
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="kb-ask", daemon=True)

    def start(self) -> AskJob:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            with self.lock:
                self.answer = self.kb.ask(
                    self.question,
                    filters=self.filters,
                    on_token=self._queue.put,
                    chat=self.chat,
                    on_draft=self._queue.put,
                )
        except BaseException as e:  # handed to the script thread, which reports it
            self.error = e
        finally:
            self._queue.put(_DONE)

    def events(self) -> Iterator[str | Answer]:
        """The draft answer (quotes, at once, when a model is writing) and each token as it
        arrives; returns when the answer is complete."""
        while True:
            item = self._queue.get()
            if item is _DONE:
                return
            yield item if isinstance(item, Answer) else str(item)

    def tokens(self) -> Iterator[str]:
        """Each token as it arrives (the draft left out)."""
        for item in self.events():
            if isinstance(item, str):
                yield item

    def result(self) -> Answer:
        """The finished answer (after ``tokens`` is exhausted); re-raises the worker's error."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        assert self.answer is not None
        return self.answer
