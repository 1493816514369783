"""Answer types: what kind of text would answer a question, and does a sentence contain it?

Embedding similarity finds sentences *about* the question's topic; "When is my appointment?" is
answered by the one that also holds a date or a time. These rules are deliberately generic
(dates, amounts, durations, names, places), not tuned to any corpus.
"""

from __future__ import annotations

import re

from kb.dates.vocabulary import MONTH_NAMES

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow"
_NUM = (
    r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|half|a few|several)"
    r"(?:\s*\(\d+\))?[\s-]*"
)  # "two (2) months", "27-foot"


def _measure(units: str) -> re.Pattern[str]:
    return re.compile(rf"\b{_NUM}(?:{units})\b", re.IGNORECASE)


DATE_TIME = re.compile(
    rf"\b(?:\d{{1,2}}[:.]\d{{2}}|\d{{1,2}}\s?(?:a\.m\.|p\.m\.|am|pm)|(?:{MONTH_NAMES})\b|(?:{_DAYS})"
    rf"|(?:19|20)\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)|\d{{1,4}}[-/]\d{{1,2}}[-/]\d{{1,4}})",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    r"[$€£¥]\s?\d|\b(?:usd|eur|gbp|chf)\s?\d|\d[\d,.]*\s?(?:€|usd|eur|gbp|%)|"
    r"\b\d[\d,.]*\s*(?:tablespoons?|teaspoons?|tbsp|tsp|cups?|ml|litres?|liters?|grams?|g|kg)\b|"
    r"\b(?:hundred|thousand|million)\s+(?:us\s+)?(?:dollars?|euros?|pounds?)\b",
    re.IGNORECASE,
)
COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozen|hundred|thousand)\b",
    re.IGNORECASE,
)
TIME_SPAN = _measure(r"seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?")
DISTANCE = _measure(r"km|kilometres?|kilometers?|miles?|metres?|meters?|m|blocks?|minutes?")
SPEED = _measure(r"knots?|kts|mph|km/h|kph|beaufort|force \d")
AGE = _measure(r"years? old|years?|months? old")
WEIGHT = _measure(r"kg|kilos?|kilograms?|g|grams?|lbs?|pounds?")
SIZE = _measure(r"feet|foot|ft|metres?|meters?|m|cm|inch(?:es)?|square")
FREQUENCY = re.compile(
    r"\b(?:every|daily|weekly|monthly|yearly|annual(?:ly)?|once|twice|"
    r"times a|a (?:day|week|month|year))\b",
    re.IGNORECASE,
)
NAME = re.compile(r"\s[A-Z][a-z]+")  # a capitalised word that does not open the sentence
PLACE = re.compile(r"\b(?:at|in|on|near|from|to)\s+(?:the\s+)?[A-Z0-9]")

# question pattern -> what its answer contains; the first match wins
_RULES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asks, re.IGNORECASE), answer)
    for asks, answer in (
        (r"\bhow long\b|\bhow much (?:notice|time|longer)\b|\bnotice period\b", TIME_SPAN),
        (r"\bhow far\b", DISTANCE),
        (r"\bhow (?:windy|fast)\b|\bwind speed\b", SPEED),
        (r"\bhow old\b|\bage\b", AGE),
        (r"\bhow heavy\b|\bweigh", WEIGHT),
        (r"\bhow (?:big|tall|wide|large)\b", SIZE),
        (r"\bhow often\b", FREQUENCY),
        (r"\bhow many\b", COUNT),
        (r"\bhow much\b|\b(?:cost|price|fee|salary|budget|rent|deposit|tax|charge|paid)\b", AMOUNT),
        (
            r"\b(?:when|what time|what date|which (?:day|night|date)|until|by when|what day)\b",
            DATE_TIME,
        ),
        (r"^\W*who\b", NAME),
        (r"^\W*where\b", PLACE),
    )
)


def expected(question: str) -> re.Pattern[str] | None:
    """The pattern an answer to ``question`` should contain, if the question type is clear."""
    for asks, answer in _RULES:
        if asks.search(question):
            return answer
    return None


def has_answer_type(pattern: re.Pattern[str] | None, sentence: str) -> bool:
    return pattern is not None and pattern.search(sentence) is not None


# what a near miss says the documents do not give, by the pattern the question expects
MISSING = {
    TIME_SPAN: "how long",
    DISTANCE: "the distance",
    SPEED: "the speed",
    AGE: "the age",
    WEIGHT: "the weight",
    SIZE: "the size",
    FREQUENCY: "how often",
    COUNT: "the number",
    AMOUNT: "the amount",
    DATE_TIME: "the date or time",
    NAME: "who",
    PLACE: "where",
}


def missing(pattern: re.Pattern[str]) -> str:
    return MISSING.get(pattern, "that")
