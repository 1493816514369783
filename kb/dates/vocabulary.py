"""The words and numbers of dates, shared by every date reader in kb (questions and documents).

One vocabulary and one rule for ambiguous numeric dates, so a note's "03-04-2025" and a question's
"on 03-04-2025" mean the same day.
"""

from __future__ import annotations

# fmt: off
MONTHS = {name: i + 1 for i, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sept sep", "october oct", "november nov", "december dec",
)) for name in names.split()}
# fmt: on
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBERS = {w: i for i, w in enumerate(_WORDS.split(" "))}
NUMBERS |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
# fmt: off
PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
         "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
# fmt: on
# regex alternation of every month name, longest first ("sept" before "sep")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


def day_and_month(first: int, second: int) -> tuple[int, int]:
    """A numeric date written ``first-second-year``: day first (European order), unless the
    second number cannot be a month ("03-14-2025" is March 14)."""
    return (second, first) if second > 12 >= first else (first, second)
