"""Every claim a model writes is checked against the passage it cites: pure functions over text.

A claim is a thing the reader would copy down — a number or an amount, a date, a name. In each
sentence of the answer, each claim must occur in a passage that sentence cites (a sentence with
no citation of its own is covered by the next one that has one: "X. Y [1]."). Numbers are read
whatever way they are written ("412.50", "412,50", "$1,920.00" and "1920", "two (2)" and "2",
"4th"), dates too ("14 July", "July 14, 2025", "2025-07-14"); names are compared ignoring case.
A sentence whose citation is missing, names no passage in the prompt, or names passages that do
not hold its claims, is attributed to the first passage that holds all of them, when one does
(for a wrong citation: when the sentence is of the type the question asks, as "14 knots" for
"how windy"; small models cite "[2]" for what [1] says), and marked as attributed by kb.
An amount or a date of the asked type must also sit in a sentence about the question (context).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kb.answer.answer_types import expected, has_answer_type
from kb.answer.citations import parse_citations
from kb.answer.context import about_question
from kb.answer.sentences import sentences as split_sentences
from kb.answer.stems import term_weights
from kb.answer.units import unit_after
from kb.answer.wording import CITE, echoes, novel_words
from kb.dates.vocabulary import MONTH_NAMES, MONTHS, NUMBERS, SEASONS, WEEKDAYS
from kb.records import CheckedSentence, Hit
from kb.terms import STOPWORDS, query_terms

_PLACEHOLDER = re.compile(r"\[(?:[A-Z]+_[0-9a-f]{4,}|REDACTED:[a-z_]+)\]")
_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\])+)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9\[])|\n+")
_DATES = [  # (pattern, groups) -> (month, day, year or None)
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_NAMES})\.?,?(?:\s+(\d{{4}}))?\b",
            re.I,
        ),
        "dmy",
    ),
    (
        re.compile(
            rf"\b({MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
        ),
        "mdy",
    ),
]
_NUMBER = re.compile(r"(?<![\w.])\d(?:[\d,.]*\d)?(?:st|nd|rd|th)?(?![\w])|\b\d+(?:st|nd|rd|th)\b")
_NUMBER_WORD = re.compile(
    r"\b("
    + "|".join(w for w in NUMBERS if " " not in w and len(w) > 2)
    + r"|twenty|thirty|forty|fifty|sixty|hundred|thousand)\b",
    re.I,
)
_WORD_VALUES = {
    **{w: float(n) for w, n in NUMBERS.items()},
    "twenty": 20.0,
    "thirty": 30.0,
    "forty": 40.0,
    "fifty": 50.0,
    "sixty": 60.0,
    "hundred": 100.0,
    "thousand": 1000.0,
}
_CODE = re.compile(r"(?<=\s)(?:[A-Z]{1,3}|[A-Z]+\d+[A-Z\d]*|\d+[A-Z]+)(?=[\s.,;:!?)]|$)")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’]+(?:[ -][A-Z][a-zà-ÿ'’]+)*\b")
NOVEL_WORDS = 3  # this many words the sources never use: the sentence says something they do not
_NOT_NAMES = (
    STOPWORDS
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(SEASONS)
    | {"source", "sources", "note", "email", "pdf", "page", "yes", "no", "not", "found"}
)


@dataclass(frozen=True)
class Claim:
    text: str  # as written in the answer
    kind: str  # "number" | "date" | "name" | "code" | "words"
    key: float | tuple[int, int, int] | str  # a value, (month, day, year or 0), a lowered name
    unit: str | None = None  # a number's unit ("mile"): the passage must count it in that unit


def _number(text: str) -> float | None:
    t = re.sub(r"(st|nd|rd|th)$", "", text.strip(".,"))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", t):  # 412,50: a decimal comma
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _dates(text: str) -> tuple[list[Claim], str]:
    """Date claims, and the text with them blanked (their digits are not numbers as well)."""
    found: list[Claim] = []
    for pattern, order in _DATES:
        for m in pattern.finditer(text):
            g = m.groups()
            if order == "ymd":
                year, month, day = int(g[0]), int(g[1]), int(g[2])
            else:
                day_s, mon = (g[0], g[1]) if order == "dmy" else (g[1], g[0])
                year, month, day = int(g[2]) if g[2] else 0, MONTHS[mon.lower()], int(day_s)
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(Claim(m.group(0), "date", (month, day, year)))
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return found, text


def claims_of(text: str) -> list[Claim]:
    """The numbers, dates and names in one sentence (its citations and placeholders aside)."""
    text = _PLACEHOLDER.sub(" ", CITE.sub(lambda m: " " * len(m.group(0)), text))
    found, rest = _dates(text)
    for value, unit, m in _numbers(rest):
        found.append(Claim(m.group(0), "number", value, unit))
    for m in _CODE.finditer(rest):  # "blood type A", "unit 3B", "flight TP 1305"
        if m.group(0) != "I":
            found.append(Claim(m.group(0), "code", m.group(0)))
    for m in _NAME.finditer(rest):
        name = re.sub(r"['’]s$", "", m.group(0))  # "Biscuit's" is Biscuit
        words = [w for w in re.split(r"[ -]", name) if w.lower() not in _NOT_NAMES]
        if words:
            found.append(Claim(" ".join(words), "name", " ".join(words).lower()))
    return found


def _numbers(text: str) -> list[tuple[float, str | None, re.Match[str]]]:
    """Each number in ``text`` (digits or a word), with the unit written after it, if any."""
    digits = ((_number(m.group(0)), m) for m in _NUMBER.finditer(text))
    out = [(v, unit_after(text, m.start(), m.end()), m) for v, m in digits if v is not None]
    words = _NUMBER_WORD.finditer(text)
    return out + [
        (_WORD_VALUES[m.group(0).lower()], unit_after(text, m.start(), m.end()), m) for m in words
    ]


# numbers with their units, dates, the text lowered and as is
Facts = tuple[set[tuple[float, str | None]], list[tuple[int, int, int]], str, str]


def _facts(text: str) -> Facts:
    dates, rest = _dates(text)
    numbers = {(v, u) for v, u, _ in _numbers(rest)}
    return numbers, [d.key for d in dates if isinstance(d.key, tuple)], text.lower(), text


def _holds(claim: Claim, facts: Facts) -> bool:
    numbers, dates, lowered, original = facts
    if claim.kind == "number":  # in its unit, when the answer gives one
        return any(v == claim.key and (claim.unit is None or u == claim.unit) for v, u in numbers)
    if claim.kind == "words":
        return False  # judged by _novel_words against the cited passages, never held alone
    if isinstance(claim.key, tuple):
        month, day, year = claim.key
        return any(
            m == month and d == day and (not year or not y or y == year) for m, d, y in dates
        )
    where = original if claim.kind == "code" else lowered  # a code keeps its case: "A" vs "a"
    return re.search(rf"(?<!\w){re.escape(str(claim.key))}(?!\w)", where) is not None


def sentences(answer: str) -> list[str]:
    """The sentences of ``answer``; "... a month. [1]" is one sentence, its citation with it."""
    moved = _AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)}", answer)
    return [s.strip() for s in _SENTENCE.split(moved) if s.strip()]


def check(answer: str, sources: Mapping[int, Hit], question: str = "") -> list[CheckedSentence]:
    """Each sentence of ``answer`` with its claims and which of them its sources do not hold."""
    parts = sentences(answer)
    own = [[n for n in parse_citations(s) if n in sources] for s in parts]
    facts = {n: _facts(hit.text) for n, hit in sources.items()}
    asked = _facts(question)
    wanted = expected(question)
    # for facts of the asked type: the question's words by rarity among the prompt's sentences
    split = {n: split_sentences(h.text) for n, h in sources.items()} if wanted is not None else {}
    weights = term_weights(query_terms(question), [s for p in split.values() for s in p])
    out: list[CheckedSentence] = []
    for i, text in enumerate(parts):
        cited = own[i] or next((c for c in own[i + 1 :] if c), [])
        claims = claims_of(text)
        attributed = False
        held = [c for c in claims if not _premise(c, asked, facts)]
        typed = has_answer_type(wanted, text)
        if held and (not cited or typed) and not any(_all(held, facts[n]) for n in cited):
            # no citation, or a wrong number ("[2]" for the wind speed [1] gives) in a sentence
            # of the asked type (a speed): the passage that holds every claim is the source. A
            # sentence of no known type keeps its citation: "the total is 2.5 [1]" may be the
            # labour hours of [2], a true number for another question.
            holder = next((n for n in sources if _all(held, facts[n])), None)
            if holder is not None:
                cited, attributed = [holder], True
        unsupported = tuple(
            c.text
            for c in claims
            if not _premise(c, asked, facts)
            and not any(
                _holds(c, facts[n]) and (not typed or _about(c, weights, sources[n], split[n]))
                for n in cited
            )
        )
        against = [sources[n].text for n in (cited or sources)]  # uncited: against all of them
        made_up = novel_words(text, question, against)
        if len(made_up) >= NOVEL_WORDS:
            unsupported += tuple(made_up)
            claims.append(Claim(" ".join(made_up), "words", " ".join(made_up)))
        echo = not claims and echoes(text, question)
        out.append(CheckedSentence(text, tuple(cited), unsupported, attributed, bool(claims), echo))
    return out


def holds_in(claim: Claim, text: str) -> bool:
    """``text`` holds ``claim``, however it writes it ("two (2) months" holds "2 months")."""
    return _holds(claim, _facts(text))


def _all(claims: Sequence[Claim], facts: Facts) -> bool:
    return all(_holds(c, facts) for c in claims)


def _about(claim: Claim, weights: dict[str, float], passage: Hit, parts: Sequence[str]) -> bool:
    """An amount or date of the asked type sits in a sentence about the question."""
    if claim.kind not in ("number", "date"):
        return True
    return about_question(weights, passage, parts, lambda text: holds_in(claim, text))


def _premise(claim: Claim, asked: Facts, facts: Mapping[int, Facts]) -> bool:
    """The question's own words repeated ("... while I was in Lisbon"), which some passage in
    the prompt does hold: context the reader gave, not a claim of the model's. A premise no
    passage holds ("... in Paris") is still unsupported."""
    return _holds(claim, asked) and any(_holds(claim, f) for f in facts.values())


def verified(checked: Sequence[CheckedSentence]) -> bool:
    """Every sentence holds, the answer cites at least one passage, and it says something
    besides the question's own words."""
    return (
        bool(checked)
        and all(s.verified for s in checked)
        and any(s.cited for s in checked)
        and not all(s.echoes for s in checked)
    )
