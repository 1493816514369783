"""A model server that does not answer never fails an answer: kb gives its quotes (or the near
miss) and says why, first — even when the server broke off after a few tokens."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kb.errors import ModelUnavailable
from tests.fakes import FakeGenerator
from tests.test_answerer import GOOD, answerer

DOWN = "The model server at http://127.0.0.1:8080 refused the connection (is it running?)."


class BreaksOff(FakeGenerator):
    """Streams its script, then fails the way a server that goes away mid-answer does."""

    def stream(
        self, messages, *, max_tokens: int, stop: Sequence[str], grammar=None
    ) -> Iterator[str]:
        yield from super().stream(messages, max_tokens=max_tokens, stop=stop, grammar=grammar)
        raise ModelUnavailable(DOWN)


def test_the_quotes_and_the_reason_when_the_server_is_down() -> None:
    tokens: list[str] = []
    a = answerer(GOOD, BreaksOff([])).ask(
        "How much notice do I need to give?", on_token=tokens.append
    )
    assert not tokens
    assert (a.mode, a.verdict, a.grounded) == ("extractive", "answered", True)
    assert a.model_error == DOWN and a.answer.startswith(DOWN)
    assert "two months" in a.answer and a.citations
    assert a.to_json()["model_error"] == DOWN


def test_tokens_already_shown_are_replaced_by_the_quotes() -> None:
    tokens: list[str] = []
    a = answerer(GOOD, BreaksOff(["The notice", " period"])).ask(
        "How much notice do I need to give?", on_token=tokens.append
    )
    assert tokens == ["The notice", " period"]  # the UI showed them; the answer replaces them
    assert a.mode == "extractive" and a.model_error == DOWN and a.checked == ()


def test_a_near_miss_stays_a_near_miss_and_says_why() -> None:
    a = answerer(GOOD, BreaksOff([])).ask("How much did the vet visit cost?")
    assert (a.verdict, a.grounded) == ("not_in_documents", False)
    assert a.answer.startswith(DOWN) and "the amount" in a.answer


def test_an_answer_with_its_model_has_no_model_error() -> None:
    a = answerer(GOOD, FakeGenerator(["The notice period is two months [2]."])).ask(
        "How much notice do I need to give?"
    )
    assert a.mode == "llm" and a.model_error is None and "model_error" not in a.to_json()
