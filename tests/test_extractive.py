"""Sentence units and answer-type cues of extractive answers: pure functions, no model."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb.answer.answer_types import AMOUNT, DATE_TIME, SPEED, TIME_SPAN, expected, has_answer_type
from kb.answer.extractive import overlap, term_weights
from kb.answer.sentences import sentences

PASSAGE = """Spring Paws 5K

Our charity run is on Sunday 11 May 2025 at Laurelhurst Park, with Dr. Mehta at the start.

The things I checked, for my own future reference:

- Notice period: clause 4.2, two months' written notice from either of us.
- Deposit $1,920, fine.

4.2 Notice period. After the first six (6) months of the Term, either party may terminate
this Lease with two (2) months' written notice to the other party. Total: $112.50 (parts)."""


def _norm(s: str) -> str:
    return " ".join(s.split())


def test_units_join_wrapped_lines_keep_list_items_and_glue_headings() -> None:
    assert sentences(PASSAGE) == [
        "Spring Paws 5K Our charity run is on Sunday 11 May 2025 at Laurelhurst Park, with "
        "Dr. Mehta at the start.",
        "The things I checked, for my own future reference:",
        "Notice period: clause 4.2, two months' written notice from either of us.",
        "Deposit $1,920, fine.",
        "4.2 Notice period. After the first six (6) months of the Term, either party may "
        "terminate this Lease with two (2) months' written notice to the other party.",
        "Total: $112.50 (parts).",
    ]


def test_an_itinerary_table_is_split_by_line_not_quoted_whole() -> None:
    rows = "\n".join(
        f"Flight TP {i} Newark (EWR) departs 19:{i:02d} Lisbon (LIS) arrives 07:35 "
        f"(+1 day) seat {i}A"
        for i in range(10)
    )
    units = sentences(rows)
    assert len(units) == 10 and all(u.startswith("Flight TP") for u in units)


_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["\n", "\n\n", "- ", "1. ", "# ", ". ", ": ", "Dr. ", " "]),
        st.text(alphabet="abcXYZ019 .,:$", min_size=1, max_size=30),
    ),
    max_size=30,
).map("".join)


@given(_TEXT)
def test_every_unit_is_verbatim_text_of_the_passage(text: str) -> None:
    for unit in sentences(text):
        assert _norm(unit) in _norm(text)


def test_question_types_expect_the_matching_kind_of_answer() -> None:
    assert expected("When is my filling appointment?") is DATE_TIME
    assert expected("How much was the bike service?") is AMOUNT
    assert expected("How long does the NDA last?") is TIME_SPAN
    assert expected("How windy was it?") is SPEED
    assert expected("What did I think of the book?") is None
    assert has_answer_type(AMOUNT, "Total: $112.50 (parts $67.50).")
    assert has_answer_type(AMOUNT, "Total USD 186.40")  # the currency code before the amount
    assert not has_answer_type(AMOUNT, "Employment Agreement, page 1 of 4")
    assert has_answer_type(TIME_SPAN, "for three (3) years from the date")
    assert has_answer_type(SPEED, "about 14 knots by two o'clock")
    assert not has_answer_type(SPEED, "her 27-foot sloop")


def test_rare_question_words_weigh_more_than_the_shared_topic() -> None:
    pool = ["Biscuit slept.", "Biscuit ate.", "Biscuit's birthday is 15 November.", "Biscuit ran."]
    weights = term_weights(["biscuit", "birthday"], pool)  # keyed by crude stems
    assert max(weights, key=weights.__getitem__).startswith("birth")
    assert overlap(weights, pool[2]) > 0.5 > overlap(weights, pool[0])
