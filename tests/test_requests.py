"""Requests for parts of the documents ("Highlight the parts of this contract related to ...")
are answered with quotes on their topic, and an asked-for fact must sit in a sentence about it."""

from __future__ import annotations

import pytest

from kb.answer.extractive import Quotes, Sentence
from kb.answer.outcomes import REQUESTED
from kb.answer.requests import requested_topic
from tests.fakes import FakeGenerator
from tests.test_answerer import answerer, ranked

CUAD = (
    'Highlight the parts (if any) of this contract related to "Parties" that should be reviewed '
    "by a lawyer. Details: The two or more parties who signed the contract"
)
LEASE = (
    "This Lease is made between Gary Holm, the Landlord, and the Tenant. The Landlord holds a "
    "security deposit of $1,920. Either party may end this Lease with two months' notice."
)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (CUAD, "Parties"),
        ("show me the clauses about termination in my lease", "termination in my lease"),
        ("Please list all the sections regarding “late rent”.", "late rent"),
        ("Find the paragraphs that mention Biscuit", "Biscuit"),
        ("What parts of Lisbon did I walk through?", None),  # a question, not a request
        ("Show me the terms of my lease", None),  # no topic named: asked like any question
        ("How much is the security deposit?", None),
    ],
)
def test_a_request_names_its_topic_and_a_question_does_not(question, topic) -> None:
    assert requested_topic(question) == topic


def test_a_request_is_quoted_without_the_model_and_its_own_words_are_not_missing() -> None:
    gen = FakeGenerator(["The parties should be reviewed by a lawyer [1]."])
    a = answerer([ranked(LEASE, 0.5, 2, 1)], gen).ask(CUAD)
    # "highlight", "lawyer", "reviewed" are in no passage: that is the request's wording, not
    # an unmentioned topic, so this is not a near miss
    assert (a.mode, a.verdict, a.grounded) == ("extractive", "answered", True)
    assert a.answer.startswith(REQUESTED.format(topic="Parties")) and "party" in a.answer
    assert gen.calls == 0 and [c.n for c in a.citations] == [1]


def test_a_request_for_a_topic_no_passage_mentions_is_a_near_miss() -> None:
    q = 'Highlight the parts of this contract related to "Non-Compete" that a lawyer should read'
    a = answerer([ranked(LEASE, 0.5, 1, 1)], None).ask(q)
    assert (a.verdict, a.grounded) == ("not_in_documents", False)


def test_an_amount_in_a_sentence_that_shares_no_word_of_the_question_is_no_answer() -> None:
    receipt = (
        "Dropped the bike off at the shop for its yearly service. "
        "Total charged for the tent: $83.99."
    )
    a = answerer([ranked(receipt, 0.5, 2, 1)], None).ask("How much was the bike service?")
    assert (a.verdict, a.grounded) == ("not_in_documents", False)
    paid = "Paid $95 for the bike service, chain included."
    a = answerer([ranked(paid, 0.5, 2, 1)], None).ask("How much was the bike service?")
    assert a.verdict == "answered" and "$95" in a.answer


@pytest.mark.parametrize(
    ("topic", "share", "answers"),
    [
        ("Expiration Date", 0.35, True),  # "terminate on ...": the category name is not used
        (None, 0.35, False),  # a question whose word no passage uses asks for something else
        ("Expiration Date", 0.2, False),  # hardly about the topic: none of it is there
    ],
)
def test_a_request_may_share_fewer_of_its_words_than_a_question(topic, share, answers) -> None:
    quote = Sentence("This Agreement will terminate on the earlier of (a) ...", 1)
    quotes = Quotes((quote,), {}, None, ("expiration",), share, True, topic)
    assert quotes.answers is answers
