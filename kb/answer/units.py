"""What a number counts: "four and a half miles" is not the "four and a half" (hours) a journal
wrote, "eight rooms" not its "eight nights", and "14 knots" not "14 km". Pure text: the words
around a number."""

from __future__ import annotations

import re

from kb.terms import STOPWORDS

_UNITS = {
    "money": "$ € £ ¥ dollar dollars usd eur euro euros gbp chf bucks",
    "mile": "mile miles mi",
    "km": "km kms kilometre kilometres kilometer kilometers",
    "metre": "m metre metres meter meters",
    "foot": "ft foot feet",
    "minute": "min mins minute minutes",
    "hour": "h hr hrs hour hours",
    "day": "day days",
    "week": "week weeks",
    "month": "month months",
    "year": "year years yr yrs",
    "knot": "knot knots kn",
    "kg": "kg kgs kilo kilos kilogram kilograms",
    "pound": "lb lbs pound pounds",
    "gram": "g gram grams",
    "percent": "% percent per cent",
    "degree": "° degree degrees",
}
UNIT_OF = {w: unit for unit, words in _UNITS.items() for w in words.split()}
# what may stand between a number and its unit: "two (2) months", "four and a half miles"
_BETWEEN = {"and", "a", "an", "half", "quarter", "or", "so", "more", "about", "over", "(", ")"}
_RATE = {"a", "an", "per"}  # "$50 a day", "3 per week": how often, not what is counted
_TOKEN = re.compile(r"%|°|\(|\)|\d+|[^\W\d_]+|[^\s\w]")
_BEFORE = re.compile(r"([$€£¥]|\b(?:usd|eur|gbp|chf))\s?\(?$", re.IGNORECASE)


def _noun(word: str) -> str:
    """A counted thing, singular: "rooms" and "room" count the same."""
    if re.search(r"(?:ss|x|ch|sh)es$", word):
        return "~" + word[:-2]
    return "~" + (word[:-1] if word.endswith("s") and not word.endswith("ss") else word)


def unit_after(text: str, start: int, end: int) -> str | None:
    """What the number at ``text[start:end]`` counts: a unit ("mile", "money"), a thing
    ("~room"), or None when the words around it name neither ("at 7:35", "the 3 of us")."""
    if _BEFORE.search(text[max(0, start - 6) : start]):
        return "money"  # "$1,920 a month", "EUR 412,50": an amount, whatever follows
    previous = ""
    for n, m in enumerate(_TOKEN.finditer(text, end)):
        token = m.group(0).lower()
        if n == 0 and token == "-":  # "a two-hour loop"
            continue
        if token in UNIT_OF:
            return None if previous in _RATE else UNIT_OF[token]
        if token in _BETWEEN or token.isdigit():
            previous = token
            if n >= 4:
                return None
            continue
        if token.isalpha() and token not in STOPWORDS and previous not in _RATE:
            return _noun(token)
        return None
    return None
