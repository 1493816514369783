from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.answer.citations import cited_sources, number, parse_citations
from kb.records import Hit


def hit(i: int) -> Hit:
    return Hit(
        source=f"/docs/{i}.md",
        kind="note",
        title=f"t{i}",
        page=None,
        subject=None,
        sender=None,
        date=None,
        score=1.0 / i,
        text=f"text {i}",
        chunk_id=f"c{i}",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biscuit has an ear infection [1].", [1]),
        ("It ends in July [2, 3].", [2, 3]),
        ("See [1-3].", [1, 2, 3]),
        ("See [2–4] (en dash).", [2, 3, 4]),
        ("Both [1][4] agree.", [1, 4]),
        ("Mixed [1, 3-5] and again [3].", [1, 3, 4, 5]),
        ("Semicolons [2; 1].", [2, 1]),
        ("Spelled out [Source 2] and [sources 1 and 3].", [2, 1, 3]),
        ("No citation here, 2025 [the year].", []),
        ("Reversed range [5-2] keeps its start.", [5]),
        ("Absurd range [1-500] keeps its start.", [1]),
        ("Unclosed [1 and text.", []),
    ],
)
def test_parse(text: str, expected: list[int]) -> None:
    assert parse_citations(text) == expected


def test_only_sources_in_the_prompt_count_and_numbers_are_not_renumbered() -> None:
    sources = number(hit(i) for i in range(1, 4))  # the prompt showed [1], [2], [3]
    cited = cited_sources("A [3]. B [7]. C [0]. D [3, 1].", sources)
    assert [c.n for c in cited] == [3, 1]
    assert [c.hit.chunk_id for c in cited] == ["c3", "c1"]
    assert cited_sources("Nothing valid [4] [9-11].", sources) == ()


@given(st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=8))
def test_every_written_citation_is_parsed(numbers: list[int]) -> None:
    text = " ".join(f"claim {i} [{n}]." for i, n in enumerate(numbers))
    assert parse_citations(text) == list(dict.fromkeys(numbers))
