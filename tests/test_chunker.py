from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.chunker import MAX_PIECES, chunk_document, estimate_pieces
from kb.records import Document

LEASE = """1. Parties

This lease is made between the landlord and the tenant.

2. Rent

2.1 The rent is 1,450 dollars per month, payable on the first day of each month.
2.2 Late payment incurs a fee of 50 dollars.

4. Termination

4.1 The term is twelve months.
4.2 Either party may terminate with two (2) months' written notice.
"""


def _doc(text: str, pages=()) -> Document:
    return Document(source="/x/doc.md", kind="note", title="Doc", text=text, pages=pages)


def test_every_chunk_is_an_exact_slice_and_ids_are_stable():
    doc = _doc(LEASE * 5)
    chunks = chunk_document(doc)
    assert len(chunks) > 1
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert estimate_pieces(c.text) <= MAX_PIECES
    assert [c.id for c in chunks] == [c.id for c in chunk_document(doc)]
    assert len({c.id for c in chunks}) == len(chunks)


def test_headings_start_chunks_and_clauses_are_never_cut():
    filler = "The tenant shall keep the premises clean and in good repair at all times. " * 8
    clauses = "\n".join(
        f"4.{i} Either party may give notice number {i} in writing to the other."
        for i in range(1, 30)
    )
    text = f"# Intro\n\n{filler}\n\n4. TERMINATION\n{clauses}\n\n# Pets\n\n{filler}"
    chunks = chunk_document(_doc(text))
    starts = [c.text.split("\n")[0] for c in chunks]
    assert "# Pets" in starts and "4. TERMINATION" in starts
    clause_starts = {f"4.{i} " for i in range(1, 30)}
    for c in chunks:
        for line in c.text.split("\n"):
            if line[:4].rstrip() + " " in clause_starts:
                assert line.endswith("to the other."), line  # a clause is whole in its chunk
    # a heading never ends a chunk
    assert not any(c.text.endswith(("# Pets", "4. TERMINATION")) for c in chunks)


def test_pdf_chunks_never_straddle_pages_and_carry_their_page():
    p1, p2 = "First page text about rent. " * 3, "Second page text about notice. " * 3
    text = p1.strip() + "\n\n" + p2.strip()
    doc = _doc(text, pages=((0, 1), (len(p1.strip()) + 2, 2)))
    chunks = chunk_document(doc)
    assert {c.page for c in chunks} == {1, 2}
    for c in chunks:
        assert ("rent" in c.text) == (c.page == 1)


def test_a_huge_unbroken_paragraph_is_split_into_fitting_windows():
    doc = _doc("word " * 5000 + "x" * 3000)
    chunks = chunk_document(doc)
    assert all(estimate_pieces(c.text) <= MAX_PIECES for c in chunks)
    assert chunks[-1].text.endswith("x")


def test_empty_and_whitespace_documents_give_no_chunks():
    assert chunk_document(_doc("")) == []
    assert chunk_document(_doc(" \n\n \t")) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab .\n#4.2") + ["word ", "\n\n", "é", "x" * 900]), max_size=600
    ).map("".join)
)
def test_offsets_invariant_holds_for_any_text(text):
    doc = _doc(text)
    chunks = chunk_document(doc)
    covered = set()
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.text.strip() == c.text and c.text
        covered.update(range(c.start, c.end))
    # nothing but whitespace is left out
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
