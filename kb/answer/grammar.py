"""What a model may write, as a llama.cpp grammar (GBNF): one answer sentence that ends with the
number of its source — or exactly NOT FOUND.

Small models read "cite them as [n]" as "write [n]" (26 of 56 answers of a 1.5B model were a
bare "[1]"). A grammar makes that impossible: every sentence needs words before its citation.
The pseudonyms kb writes for e-mail addresses and the like ("[EMAIL_3f9a2c]") may be quoted.
"""

from __future__ import annotations

import re

NOT_FOUND = "NOT FOUND"
# One sentence, then its source number. A full stop may only stand between two digits
# ("412.50"), so the sentence cannot end before its citation and a model that would ramble on
# has to cite; its length is capped so that even a model that never would write " [" is made
# to, within the answer's token budget (a digit can cost a token each).
MAX_CHARS = 200
GRAMMAR = rf"""
root        ::= "NOT FOUND" | first rest "."? " [" digit "]" "."?
first       ::= [A-Z0-9"'$€£(]
rest        ::= (char | decimal | placeholder){{4,{MAX_CHARS}}}
char        ::= [^\[\]\n.]
decimal     ::= [0-9] "." [0-9]
placeholder ::= "[" [A-Z]+ [_:] [a-zA-Z0-9_]+ "]"
digit       ::= [1-9]
"""
_NOT_FOUND = re.compile(r"^\W*not\s+found\W*$", re.I)


def says_not_found(text: str) -> bool:
    return bool(_NOT_FOUND.match(text.strip()))
