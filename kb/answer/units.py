"""The unit a number is counted in: "four and a half miles" is not the "four and a half" (hours)
a journal wrote, and "14 knots" is not "14 km". Pure text: the word after a number."""

from __future__ import annotations

import re

_UNITS = {
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
_MONEY = set("$€£¥")
_TOKEN = re.compile(r"%|°|\(|\)|\d+|[^\W\d_]+|[^\s\w]")


def unit_after(text: str, end: int) -> str | None:
    """The unit of the number that ends at ``end`` in ``text``, if the words after it name one."""
    if text[:end].rstrip()[-12:].lstrip("(").rstrip("0123456789,. ")[-1:] in _MONEY:
        return None  # "$1,920 a month": an amount, counted in its currency
    previous = ""
    for n, m in enumerate(_TOKEN.finditer(text, end)):
        token = m.group(0).lower()
        if n == 0 and token == "-":  # "a two-hour loop"
            continue
        if token in UNIT_OF:
            return None if previous in ("a", "an", "per") else UNIT_OF[token]  # a rate: "a day"
        previous = token
        if n >= 4 or not (token in _BETWEEN or token.isdigit()):
            return None
    return None
