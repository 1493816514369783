from __future__ import annotations

from dataclasses import replace

from kb.answer.prompt import SYSTEM, build_prompt, label, merge_overlapping
from kb.records import Hit
from tests.fakes import FakeGenerator

count = FakeGenerator().count_tokens  # whitespace words: deterministic budgets


def hit(
    text: str,
    *,
    source: str = "/docs/a.md",
    page: int | None = None,
    kind: str = "note",
    title: str = "A note",
    score: float = 1.0,
    cid: str = "c",
    **kw: str,
) -> Hit:
    return Hit(
        source=source,
        kind=kind,
        title=title,
        page=page,
        subject=kw.get("subject"),
        sender=kw.get("sender"),
        date=kw.get("date"),
        score=score,
        text=text,
        chunk_id=cid,
    )


def sentences(tag: str, n: int, words: int = 10) -> str:
    return " ".join(f"{tag}{i} " + " ".join(["word"] * (words - 2)) + " end." for i in range(n))


def test_labels_name_title_date_page_and_subject() -> None:
    assert label(hit("x", date="2025-03-14T09:30:00+00:00")) == 'Note "A note", 2025-03-14'
    assert label(hit("x", kind="pdf", title="Lease", page=3)) == 'PDF "Lease", page 3'
    mail = hit(
        "x",
        kind="email",
        title="Flight",
        subject="Your flight",
        sender="[EMAIL_1a2b]",
        date="2025-05-01",
    )
    assert label(mail) == 'Email "Your flight" from [EMAIL_1a2b], 2025-05-01'
    att = hit("x", kind="attachment", title="ticket.pdf", subject="Your flight", page=1)
    assert label(att) == 'Attachment "ticket.pdf" (attached to email "Your flight"), page 1'


def test_sources_are_numbered_best_first_and_the_system_message_is_fixed() -> None:
    hits = [
        hit("Vet said ear infection.", cid="1", source="/a"),
        hit("Lease ends in July.", cid="2", source="/b"),
    ]
    p1 = build_prompt("what did the vet say?", hits, count)
    p2 = build_prompt("when does the lease end?", hits[::-1], count)
    assert p1.messages[0] == p2.messages[0] == {"role": "system", "content": SYSTEM}
    user = p1.messages[1]["content"]
    assert user.index("[1] Note") < user.index("Vet said") < user.index("[2] Note")
    assert user.rstrip().endswith("or write NOT FOUND.") and "what did the vet say?" in user
    assert [h.chunk_id for h in p1.sources.values()] == ["1", "2"]
    assert [h.chunk_id for h in p2.sources.values()] == ["2", "1"]


def test_budget_drops_lowest_ranked_sources_and_cuts_the_last_at_a_sentence() -> None:
    hits = [hit(sentences(f"s{i}x", 8), source=f"/d{i}", cid=str(i)) for i in range(6)]
    full = build_prompt("q?", hits, count, budget=10_000)
    assert len(full.sources) == 6
    for budget in (150, 200, 260, 333, 420):
        p = build_prompt("q?", hits, count, budget=budget)
        assert p.tokens <= budget
        kept = list(p.sources.values())
        assert [h.chunk_id for h in kept] == [str(i) for i in range(len(kept))]  # a prefix
        for h in kept[:-1]:
            assert h.text == hits[int(h.chunk_id)].text
        last = kept[-1]
        assert hits[int(last.chunk_id)].text.startswith(last.text) and last.text.endswith(".")
        # one more sentence (10 words), with a new source's label (4) and blank line (1), would
        # have broken the budget: trimming keeps as much as fits
        assert p.tokens + 15 > budget


def test_a_single_long_sentence_is_cut_at_a_word_when_it_is_the_only_source() -> None:
    long = hit(" ".join(["w"] * 2000) + ".")
    p = build_prompt("q?", [long], count, budget=300)
    assert p.tokens <= 300 and p.sources[1].text.endswith("…")
    # but a later source is dropped rather than cut mid-sentence
    p = build_prompt("q?", [hit("Short one.", source="/x"), long], count, budget=300)
    assert list(p.sources) == [1]


def test_overlapping_passages_of_one_document_are_merged_at_the_best_rank() -> None:
    a = hit(
        "Biscuit saw the vet on Monday. The vet said it was an ear infection.", cid="a", score=0.5
    )
    b = hit(
        "The vet said it was an ear infection. Drops twice a day for a week.", cid="b", score=0.9
    )
    other = hit("Unrelated passage in another file.", source="/docs/b.md", cid="o", score=0.7)
    merged = merge_overlapping([b, other, a])
    assert [h.chunk_id for h in merged] == ["b", "o"]
    assert merged[0].text == (
        "Biscuit saw the vet on Monday. The vet said it was an ear "
        "infection. Drops twice a day for a week."
    )
    assert merged[0].score == 0.9
    # same text on another page, or no shared edge: kept apart
    assert len(merge_overlapping([a, replace(b, page=2)])) == 2
    assert len(merge_overlapping([a, hit("Drops twice a day for a week.", cid="c")])) == 2
    # contained passages disappear into the larger one; chains merge transitively
    c = hit("Drops twice a day for a week. Recheck in ten days.", cid="c")
    assert [h.chunk_id for h in merge_overlapping([c, a, b])] == ["c"]
    assert merge_overlapping([c, a, b])[0].text.endswith("Recheck in ten days.")
