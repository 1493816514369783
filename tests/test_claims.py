"""Every claim of a model's answer checked against the passage it cites (kb/answer/claims.py)."""

from __future__ import annotations

import pytest

from kb.answer.claims import check, claims_of, novel_words, sentences, verified
from kb.answer.extractive import Quotes, Sentence
from kb.answer.outcomes import unverified
from kb.records import Hit


def hit(text: str) -> Hit:
    return Hit("/x.md", "note", "x", None, None, None, None, 1.0, text, "c")


SOURCES = {
    1: hit(
        "The rent is one thousand nine hundred and twenty US dollars ($1,920.00) per month. "
        "Either party may end the lease with two (2) months' written notice."
    ),
    2: hit(
        "Invoice 25-00871: labour 2.5 hours, total due EUR 412,50 by 14 July 2025. "
        "Theo from unit 3B looked after Biscuit."
    ),
    3: hit("The vet said Biscuit has a mild ear infection and prescribed drops twice a day."),
}

# fmt: off
HOLDS = [
    ("The rent is $1,920 a month [1].", "How much is the rent?"),
    ("The rent is 1920 dollars. [1]", "How much is the rent?"),  # citation after the full stop
    ("The notice period is two months [1].", "How much notice?"),
    ("The notice period is 2 months [1].", "How much notice?"),  # "two (2)"
    ("The total is 412.50 euros, due on 2025-07-14 [2].", "What is the invoice total?"),
    ("It is due on 14 July [2].", "When is the invoice due?"),  # no year: the day matches
    ("It is due July 14, 2025 [2].", "When is the invoice due?"),
    ("Theo from unit 3B looked after him [2].", "Who looked after Biscuit?"),
    ("The invoice total is 412,50 [7].", "What is the total?"),  # [7] is not a source: attributed
    ("The vet said it was a mild ear infection treated with drops twice daily [3].",
     "What did the vet say?"),
]
FAILS = [
    ("The total is 2.5 [1].", "What is the total?", "2.5"),  # a number from another passage
    ("The notice period is three months [1].", "How much notice?", "three"),
    ("Marcus looked after Biscuit [2].", "Who looked after Biscuit?", "Marcus"),
    ("Theo from unit 4C looked after him [2].", "Who looked after Biscuit?", "4C"),
    ("Biscuit's blood type is A [3].", "What is Biscuit's blood type?", "A"),
    ("The invoice was due on 15 July 2025 [2].", "When was the invoice due?", "15 July 2025"),
    ("He has had blood transfusions since his first birthday [3].", "What did the vet say?",
     "transfusions"),
]
# fmt: on


@pytest.mark.parametrize("answer, question", HOLDS)
def test_claims_the_cited_passage_holds_are_verified(answer, question):
    checked = check(answer, SOURCES, question)
    assert verified(checked), [(s.cited, s.unsupported) for s in checked]


@pytest.mark.parametrize("answer, question, culprit", FAILS)
def test_a_claim_the_cited_passage_does_not_hold_is_named(answer, question, culprit):
    checked = check(answer, SOURCES, question)
    assert not verified(checked)
    assert any(culprit in u for s in checked for u in s.unsupported)


def test_a_sentence_without_its_own_citation_is_covered_by_the_next_one():
    [a, b] = check("The rent is $1,920. It is paid monthly [1].", SOURCES, "rent?")
    assert a.cited == b.cited == (1,) and a.verified and b.verified


def test_an_answer_that_cites_nothing_is_not_verified():
    assert not verified(check("Probably in July.", SOURCES, "when?"))
    assert not verified(check("", SOURCES, "when?"))


def test_citations_after_a_full_stop_stay_with_their_sentence():
    assert sentences("It is two months. [1] The total is 412.50. [2]") == [
        "It is two months [1].",
        "The total is 412.50 [2].",
    ]


def test_claims_are_numbers_dates_names_and_codes_not_citations_or_placeholders():
    kinds = {
        (c.kind, c.text)
        for c in claims_of(
            "Email [EMAIL_3f9a2c] about Theo's flight TP 1305 on 12 September [1], total $1,920."
        )
    }
    assert ("name", "Theo") in kinds and ("code", "TP") in kinds
    assert ("date", "12 September") in kinds and ("number", "1,920") in kinds
    assert not any("EMAIL" in text or text == "1" for _, text in kinds)


def test_novel_words_are_those_neither_the_question_nor_the_passage_uses():
    words = novel_words(
        "Biscuit had blood transfusions since birth.", "What about Biscuit?", [SOURCES[3].text]
    )
    assert words[:2] == ["blood", "transfusions"] and "biscuit" not in words


def test_the_question_s_own_premise_is_not_the_model_s_claim_if_a_passage_holds_it():
    # measured: Qwen2.5-1.5B wrote this, right, and it was refused for "Lisbon" not being in [2]
    sources = {1: hit("Home from Lisbon last night."), 2: hit("Theo kept Biscuit nine nights.")}
    asked = "Who looked after Biscuit while I was in Lisbon?"
    ok = check("Theo looked after Biscuit while I was in Lisbon [2].", sources, asked)
    assert verified(ok)
    wrong = check("Dana looked after Biscuit while I was in Lisbon [2].", sources, asked)
    assert wrong[0].unsupported == ("Dana",)  # the answer itself is still checked
    false_premise = "Who looked after Biscuit while I was in Paris?"
    paris = check("Theo looked after Biscuit while I was in Paris [2].", sources, false_premise)
    assert paris[0].unsupported == ("Paris",)  # a premise no passage holds is not waved through


WALK = {
    1: hit("Dana's boat is a 27-foot sloop called Marguerite."),
    2: hit("We sailed out past the breakwater; the wind was 14 knots by two o'clock."),
    3: hit(
        "Supposed to be a two-hour loop on the Wildwood Trail and turned into four and a half, "
        "because we missed the turn. We walked 3 km back in the dark."
    ),
}


@pytest.mark.parametrize(
    "answer, question, ok",
    [
        ("The loop took two hours [3].", "How long was the loop?", True),  # "two-hour"
        ("We walked 3 kilometres back [3].", "How far did we walk back?", True),
        ("The loop is four and a half miles [3].", "How long is the loop in miles?", False),
        ("We walked 3 miles back [3].", "How far did we walk back?", False),
        ("The wind was 14 km [2].", "How windy was it?", False),
        ("The sloop is 27 feet long [1].", "How long is Dana's boat?", True),  # "27-foot"
        ("We walked 3 km back with 2 dogs [3].", "How far did we walk?", False),  # no dogs
    ],
)
def test_a_number_holds_only_in_the_unit_the_passage_counts_it_in(answer, question, ok):
    assert verified(check(answer, WALK, question)) is ok


def test_a_wrong_citation_number_is_corrected_when_the_sentence_answers_the_asked_type():
    [s] = check("The wind was 14 knots [1].", WALK, "How windy was it when we sailed?")
    assert s.cited == (2,) and s.attributed and s.verified
    [s] = check("The boat is 14 [1].", WALK, "What is the boat called?")  # no type: no rescue
    assert s.cited == (1,) and not s.verified


@pytest.mark.parametrize(
    "answer, ok",
    [
        ("The rent is 1920 dollars a month [1].", True),  # "$1,920.00": money either way
        ("The total is 412.50 euros [2].", True),  # "EUR 412,50"
        ("The total is 412.50 hours [2].", False),
        ("The house has eight rooms [4].", False),  # the passage's eight are nights
        ("We stayed eight nights [4].", True),
    ],
)
def test_what_a_number_counts_must_be_what_the_passage_counts(answer, ok):
    sources = {**SOURCES, 4: hit("Eight nights at Casa Azulejo, 13 to 21 September.")}
    assert verified(check(answer, sources, "How much?")) is ok


def test_an_answer_that_only_restates_the_question_is_not_verified():
    question = "Highlight the parts related to Parties that should be reviewed by a lawyer."
    model = "The parties should be reviewed by a lawyer [1]."
    checked = check(model, SOURCES, question)
    assert checked[0].echoes and not verified(checked)
    quotes = Quotes((Sentence("Theo from unit 3B looked after Biscuit.", 2),), SOURCES, None)
    shown = unverified(question, model, checked, quotes)  # what kb says instead: its quotes
    assert shown.answer.startswith("The local model's answer only repeats the question")
    assert shown.to_json()["sentences"][0]["echoes"] is True
    yes = check("Yes, the rent is paid monthly [1].", SOURCES, "Is the rent paid monthly?")
    assert not yes[0].echoes and verified(yes)  # a yes says something


NOTE = hit(
    "Biscuit spent the week with Theo. Afterwards I did the maths: $70 a month more than now, "
    "$840 a year."
)


def test_an_asked_amount_from_a_sentence_about_something_else_is_not_verified():
    # a true number of the passage, copied from its rent sums, does not answer the question
    s = check(
        "I paid Theo $840 for looking after Biscuit [1].", {1: NOTE}, "How much did I pay Theo?"
    )
    assert s[0].unsupported == ("840",) and not verified(s)
    paid = hit("Biscuit spent the week with Theo. I paid Theo $840 for it.")
    s = check("I paid Theo $840 [1].", {1: paid}, "How much did I pay Theo?")
    assert verified(s)


def test_a_lone_amount_is_about_its_passage_s_title():
    invoice = Hit(
        "/v.pdf",
        "attachment",
        "invoice_25-00871.pdf",
        1,
        "Biscuit's visit today: invoice",
        None,
        None,
        1.0,
        "Patient: Biscuit.\nTotal USD 186.40",
        "c",
    )
    question = "How much did Biscuit's visit cost?"
    assert verified(check("Biscuit's visit cost USD 186.40 [1].", {1: invoice}, question))
    other = Hit(
        "/v.pdf",
        "attachment",
        "receipt.pdf",
        1,
        "Your order has shipped",
        None,
        None,
        1.0,
        "Patient: Biscuit.\nTotal USD 186.40",
        "c",
    )
    assert not verified(check("Biscuit's visit cost USD 186.40 [1].", {1: other}, question))


def test_a_fact_beside_only_the_word_every_passage_shares_is_not_about_the_question():
    sources = {
        1: hit("Biscuit had his ear drops today."),
        2: hit("For 2026: take Biscuit to the coast more."),
        3: hit("Biscuit came home from the shelter, a nervous beagle cross."),
    }
    question = "When is Biscuit's birthday?"
    assert not verified(check("Biscuit's birthday is in 2026 [2].", sources, question))
    sources[2] = hit("Biscuit's birthday is officially a guess: 15 November 2020.")
    assert verified(check("Biscuit's birthday is 15 November [2].", sources, question))
