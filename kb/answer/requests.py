"""Requests for parts of the documents, as opposed to questions of fact.

"Highlight the parts (if any) of this contract related to "Parties" that should be reviewed by a
lawyer" (CUAD's wording, and how lawyers ask) or "show me the clauses about termination" asks for
the documents' own words on a topic. Its answer is those passages, quoted: there is no asked kind
of fact to look for, and only the topic's words — not "highlight" or "lawyer" — say whether the
documents cover it. A model would only restate the request (measured: "The parties should be
reviewed by a lawyer [1]."), so kb quotes.
"""

from __future__ import annotations

import re

_ASK = r"(?:please\s+)?(?:highlight|show|find|list|quote|point out|give|extract)(?:\s+me)?"
_PARTS = (
    r"(?:all\s+|any\s+)?(?:the\s+)?(?:parts?|clauses?|sections?|passages?|paragraphs?"
    r"|provisions?|lines?|sentences?|terms?)"
)
_ABOUT = (
    r"(?:related to|relating to|about|on|regarding|concerning|covering|dealing with"
    r"|that mention)"
)
_REQUEST = re.compile(rf"^\W*{_ASK}\s+{_PARTS}\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_TOPIC = re.compile(
    rf"\b{_ABOUT}\s+(?:\"(?P<q1>[^\"]+)\"|“(?P<q2>[^”]+)”|(?P<plain>[^.?!;]+))", re.IGNORECASE
)


def requested_topic(question: str) -> str | None:
    """The topic of a request for parts of the documents ("Parties"), or None for a question."""
    m = _REQUEST.match(question)
    if m is None:
        return None
    topic = _TOPIC.search(m["rest"])
    if topic is None:
        return None
    return (topic["q1"] or topic["q2"] or topic["plain"]).strip() or None
