from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.dates.questions import find_dates, strip_dates

TODAY = date(2025, 10, 2)  # a Thursday, in autumn


@pytest.mark.parametrize(
    "question, start, end",
    [
        # the examples
        ("what did I write about the boat last summer?", "2025-06-01", "2025-08-31"),
        ("emails from March 2025 about the lease", "2025-03-01", "2025-03-31"),
        ("what happened yesterday", "2025-10-01", "2025-10-01"),
        ("What did Pepys do in 1660?", "1660-01-01", "1660-12-31"),
        # absolute days, all spellings
        ("notes from 14 March 2025", "2025-03-14", "2025-03-14"),
        ("the 14th of March, 2025", "2025-03-14", "2025-03-14"),
        ("March 14, 2024", "2024-03-14", "2024-03-14"),
        ("on Friday, March 14th 2025", "2025-03-14", "2025-03-14"),
        ("2025-03-14", "2025-03-14", "2025-03-14"),
        ("14/03/2025", "2025-03-14", "2025-03-14"),
        ("03/14/2025", "2025-03-14", "2025-03-14"),  # month-first only when day-first is impossible
        ("14.03.2025", "2025-03-14", "2025-03-14"),
        ("on March 14th", "2025-03-14", "2025-03-14"),  # no year: the most recent one
        ("on December 24", "2024-12-24", "2024-12-24"),  # ... which can be last year's
        # months, parts of months, quarters, years, decades
        ("in March", "2025-03-01", "2025-03-31"),
        ("in November", "2024-11-01", "2024-11-30"),
        ("last October", "2024-10-01", "2024-10-31"),  # October is the current month
        ("Mar. 2025", "2025-03-01", "2025-03-31"),
        ("2025-03", "2025-03-01", "2025-03-31"),
        ("03/2025", "2025-03-01", "2025-03-31"),
        ("early March 2025", "2025-03-01", "2025-03-10"),
        ("mid-March", "2025-03-11", "2025-03-20"),
        ("the end of February 2024", "2024-02-21", "2024-02-29"),
        ("late 2024", "2024-09-01", "2024-12-31"),
        ("Q1 2025", "2025-01-01", "2025-03-31"),
        ("the third quarter of 2024", "2024-07-01", "2024-09-30"),
        ("in the year 1660", "1660-01-01", "1660-12-31"),
        ("during 2023", "2023-01-01", "2023-12-31"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("1659-60", "1659-01-01", "1660-12-31"),
        # seasons and holidays
        ("last winter", "2024-12-01", "2025-02-28"),
        ("winter 2024", "2024-12-01", "2025-02-28"),
        ("the summer of 2023", "2023-06-01", "2023-08-31"),
        ("in the summer", "2025-06-01", "2025-08-31"),
        ("this summer", "2025-06-01", "2025-08-31"),
        ("last fall", "2024-09-01", "2024-11-30"),  # this autumn has not ended yet
        ("in spring", "2025-03-01", "2025-05-31"),
        ("last christmas", "2024-12-24", "2024-12-26"),
        ("Christmas Eve 2023", "2023-12-24", "2023-12-24"),
        ("on new year's day", "2025-01-01", "2025-01-01"),
        # relative to today
        ("today", "2025-10-02", "2025-10-02"),
        ("the day before yesterday", "2025-09-30", "2025-09-30"),
        ("last night", "2025-10-01", "2025-10-02"),
        ("this week", "2025-09-29", "2025-10-02"),
        ("last week", "2025-09-22", "2025-09-28"),
        ("the past week", "2025-09-25", "2025-10-02"),
        ("this month", "2025-10-01", "2025-10-02"),
        ("last month", "2025-09-01", "2025-09-30"),
        ("last year", "2024-01-01", "2024-12-31"),
        ("the last year", "2024-10-02", "2025-10-02"),
        ("the past 3 days", "2025-09-29", "2025-10-02"),
        ("in the last two months", "2025-08-02", "2025-10-02"),
        ("two weeks ago", "2025-09-15", "2025-09-21"),
        ("3 days ago", "2025-09-29", "2025-09-29"),
        ("a month ago", "2025-09-01", "2025-09-30"),
        ("a few days ago", "2025-09-27", "2025-09-30"),
        ("last weekend", "2025-09-27", "2025-09-28"),
        ("on Monday", "2025-09-29", "2025-09-29"),
        ("last Thursday", "2025-09-25", "2025-09-25"),
        ("on Thursday", "2025-10-02", "2025-10-02"),
        # ranges, open and closed
        ("between March and May 2025", "2025-03-01", "2025-05-31"),
        ("March-May 2025", "2025-03-01", "2025-05-31"),
        ("from November to February 2025", "2024-11-01", "2025-02-28"),
        ("from 2019 to 2021", "2019-01-01", "2021-12-31"),
        ("since March 2025", "2025-03-01", "2025-10-02"),
        ("after Christmas 2024", "2024-12-27", "2025-10-02"),
        ("until June 2024", None, "2024-06-30"),
        ("before 2020", None, "2019-12-31"),
        (
            "in March 2025 and in June 2025",
            "2025-03-01",
            "2025-06-30",
        ),  # separate dates: cover both
    ],
)
def test_phrases_become_ranges(question, start, end):
    found = find_dates(question, TODAY)
    assert found is not None, question
    assert found.iso() == (start, end)


@pytest.mark.parametrize(
    "question",
    [
        "What is my notice period?",
        "May I bring a dog to the flat?",  # a modal verb, not a month
        "the march on Washington",
        "What did June say about the boat?",  # a name
        "email to April about the invoice",
        "the fall of Rome",
        "Monday meetings agenda",
        "room 1660 key code",
        "we counted 2000 people",
        "3% of 2000 pages",
        "1/2000 in UK have abnormal PrP positivity.",  # a ratio (SciFact claims)
        "The genome consists of 2140 base pairs.",
        "one of 2000 samples",
        "when does my flight leave next week?",  # future: mail about it was sent earlier
        "tomorrow's dentist appointment",
        "this winter",  # has not started on TODAY
        "2025-02-30",  # no such day
        "",
    ],
)
def test_no_date_no_range(question):
    assert find_dates(question, TODAY) is None


def test_stripping_leaves_the_topic():
    q = "what did I write about the boat last summer?"
    assert strip_dates(q, find_dates(q, TODAY)) == "what did I write about the boat?"
    q = "emails from March 2025 about the lease"
    assert strip_dates(q, find_dates(q, TODAY)) == "emails about the lease"
    q = "What did Mr. Calamy preach on in August 1660?"
    assert strip_dates(q, find_dates(q, TODAY)) == "What did Mr. Calamy preach on?"


def test_today_moves_relative_phrases():
    assert find_dates("last summer", date(2025, 7, 15)).iso() == ("2024-06-01", "2024-08-31")
    assert find_dates("in March", date(2025, 2, 1)).iso() == ("2024-03-01", "2024-03-31")
    assert find_dates("yesterday", date(2024, 3, 1)).iso() == ("2024-02-29", "2024-02-29")
    assert find_dates("a month ago", date(2025, 3, 31)).iso() == ("2025-02-01", "2025-02-28")


@given(st.text(max_size=80))
def test_never_raises_and_ranges_are_ordered(text):
    found = find_dates(text, TODAY)
    if found is not None:
        assert found.start is None or found.end is None or found.start <= found.end
        assert all(0 <= s < e <= len(text) for s, e in found.spans)


@given(
    st.sampled_from(["last summer", "in March 2025", "yesterday", "since 2020"]),
    st.sampled_from(["boat", "lease", "vet"]),
)
def test_stripping_removes_exactly_the_date(date_phrase, topic):
    q = f"notes about the {topic} {date_phrase}"
    found = find_dates(q, TODAY)
    assert found is not None
    assert strip_dates(q, found) == f"notes about the {topic}"


# --- one grammar for questions and documents ---------------------------------------------------
def test_month_names_are_defined_once():
    from tests.conftest import REPO

    defining = [
        p.relative_to(REPO).as_posix()
        for pkg in ("kb", "ingest")
        for p in (REPO / pkg).rglob("*.py")
        if '"september' in p.read_text().lower()
    ]
    assert defining == ["kb/dates/vocabulary.py"]


@pytest.mark.parametrize(
    "written, iso",
    [
        ("03-04-2025", "2025-04-03"),  # day first
        ("03-14-2025", "2025-03-14"),  # the second number cannot be a month
        ("14.03.2025", "2025-03-14"),
        ("2025-03-04", "2025-03-04"),
        ("14 March 2025", "2025-03-14"),
    ],
)
def test_a_note_and_a_question_read_a_date_the_same_way(written: str, iso: str):
    from kb.dates.documents import date_in_text

    assert date_in_text(written) == iso
    found = find_dates(f"what happened on {written}?", date(2026, 1, 1))
    assert found is not None and found.iso() == (iso, iso)


@pytest.mark.parametrize("year", [999, 2200, 2999])
def test_implausible_years_are_not_dates_anywhere(year: int):
    from kb.dates.documents import date_in_text

    assert date_in_text(f"{year}-03-14") is None
    assert find_dates(f"what happened on {year}-03-14?", date(2026, 1, 1)) is None
