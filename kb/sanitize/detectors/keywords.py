"""Values introduced by a keyword: passwords, passcodes and PINs; tokens and keys in config/prose.

A keyword alone proves nothing ("the password is incorrect", "pass the salt", "a token of
thanks"), so every value is judged: explicit separators (``:`` ``=`` ``is``) admit anything that is
not a common word or a placeholder; a bare space admits only values that look like a credential.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kb.sanitize.detectors.credential_values import (
    STOP_WORDS,
    clean_value,
    credential_like,
    is_reference,
    prose_word,
    random_like,
)
from kb.sanitize.findings import (
    Finding,
    ascii_lower,
    char_classes,
    entropy,
    is_documentation_placeholder,
)

_PW_KW = (  # common misspellings first: the alternation takes the first branch that fits
    r"passworsd|passowrd|paasword|pass(?:word|wd|wrd|phrase|code|wort|key)?s?|pwd|pw|p/w|pswd|"
    r"psswd|pswrd|psword|psswrd|pssword|paswd|paswrd|pasword|kennwort|wachtwoord|contrase[ñn]a|"
    r"senha|mot de passe|pin(?: ?code| number)?|비밀번호|비번|암호|패스워드"
)
_SECRET_KW = (
    r"client[_ -]?secret|secret[_ -]?(?:access[_ -]?)?key|api[_ -]?(?:key|secret|token)|apikey|"
    r"access[_ -]?(?:key|token)|auth(?:entication)?[_ -]?(?:token|key)|private[_ -]?key|"
    r"refresh[_ -]?token|bearer[_ -]?token|secret|token|credentials?|key"
)
# keyword, identifier tail, optional "for the wifi" phrase, separator, optional quote, value
_TAIL = r"(?P<tail>[\w.-]{0,24}?)[\"'\\]{0,2}"  # "db_password", and the quote of a JSON key
_PHRASE = (
    r"(?P<phrase>\s+(?:for|of|to|on|in|at)\s+(?:the\s+|my\s+|your\s+|our\s+)?"
    r"[\w.@-]{1,40}+(?:\s+[\w.@-]{1,40}+)?)?"
)
_SEP = (
    r"(?P<sep>\s*:\s*[A-Za-z_][\w.]{0,20}(?:\[[^\]\n]{0,30}\])?\s*=(?!=)\s*"  # "pw: str = "
    r"|\s*(?::=|=>|->|==|!=|[:=＝：(])\s*|\s+(?:is|was|are)\s+|\s*(?:설정은|은|는)\s*"
    r"|\)\s*|[ \t]+)"
)
_OPEN = r"(?:\\?[\"'“‘]|&quot;|&\#3[49];|&apos;)"
_CLOSE = r"(?:\\?[\"'”’]|&quot;|&\#3[49];|&apos;)"
_VALUE = (
    rf"(?:{_OPEN}(?:(?P<qval>[^\n]{{1,100}}?){_CLOSE}|(?P<oval>[^\s\"'<>\\]{{4,512}}))"
    r"|(?P<val>[^\s,;<>\"'“”‘’\\]{1,8192}))"
)
_PW_RE = re.compile(rf"(?i)(?P<kw>{_PW_KW}){_TAIL}{_PHRASE}{_SEP}{_VALUE}")
_SECRET_RE = re.compile(rf"(?i)(?P<kw>{_SECRET_KW}){_TAIL}{_PHRASE}{_SEP}{_VALUE}")
# Where a keyword can start, found case-sensitively in ASCII-lowered text: far cheaper than
# running the full case-insensitive pattern at every position.
_PW_HINT = re.compile(
    r"p(?:a{1,2}s|s{1,2}w|w|/w|in)|kennwort|wachtwoord|contrase|senha|mot de passe|비밀번호|비번|"
    r"암호|패스워드"
)
_SECRET_HINT = re.compile(
    r"secret|token|key|api|access|auth|credential|private|refresh|bearer|client"
)
_SQL_RE = re.compile(
    r"(?i)\b(?:user|login|role)\b[^;\n]{0,80}?\bidentified\s+"
    r"(?:with\s+['\"]?\w+['\"]?\s+)?(?:by|as)\s+(?:password\s+)?"
    r"(?:(['\"])(?P<qval>[^'\"\n]{1,100})\1|(?P<val>[^\s;'\"]{1,100}))"
    r"|ConvertTo-SecureString\s+(?:-\w+\s+)*(?:(['\"]|\\\")(?P<qval2>[^'\"\\\n]{1,100})"
    r"|(?P<val2>[^\s;'\"]{1,100}))"
)
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_SHORT_PW_KW = frozenset({"pass", "passes", "pw", "pin"})

# fmt: off
_BAD_TAILS = ("url", "uri", "link", "policy", "length", "len", "min", "max", "hint", "label",
              "field", "prompt", "file", "path", "expir", "reset", "age", "count", "attempt",
              "rule", "strength", "id", "name", "type", "mode", "manager", "less")
# fmt: on


def _glued_ok(text: str, start: int, kw: str, short: bool) -> bool:
    """Accept "db_password", "dbPassword", "MYSQLPASS"; refuse "compass", "bypass", "spin"."""
    i = start
    while i > 0 and text[i - 1] in _ID_CHARS:
        i -= 1
    prefix = text[i:start]
    if text[max(0, i - 2) : i].endswith(("$", "${", "%")):
        return False  # "$PASSWORD", "${DB_PASSWORD}": a variable, not a value
    if not prefix or not prefix[-1].isalnum():
        return True
    if prefix[-1].islower() and kw[:1].isupper():  # camelCase identifier
        return True
    if prefix.isupper() and kw.isupper():
        return True
    return not short and len(kw) >= 5


def _tail_ok(tail: str, short: bool) -> bool:
    if not tail:
        return True
    if short and tail[0] not in "_.":
        return False  # "PWV", "pins", "pass-through"
    if tail[0].isalpha() and tail[0].islower() and tail.isascii():
        return False  # "passengers", "passed", "tokenizer"
    low = tail.lower().strip("_.-")
    return not any(low.startswith(b) or low.endswith(b) for b in _BAD_TAILS)


Judge = Callable[[str, re.Match[str]], Finding | None]
_QUERY_PARAM = re.compile(r"&[\w.-]+=|&lt;|&gt;")  # next URL parameter, escaped markup


def _value(m: re.Match[str]) -> tuple[int, int, str, bool]:
    """(start, end, value, quoted) with trailing punctuation and later URL parameters cut."""
    group = next(g for g in ("qval", "oval", "val") if m.group(g) is not None)
    value = m.group(group)
    if group != "qval":
        cut = _QUERY_PARAM.search(value)
        value = clean_value(value[: cut.start()] if cut else value)
    return m.start(group), m.start(group) + len(value), value, group == "qval"


def _scan(
    pattern: re.Pattern[str], hint: re.Pattern[str], text: str, judge: Judge
) -> Iterator[Finding]:
    """Try the full pattern where a keyword starts. A rejected match does not hide one that
    starts inside it ("-passin "pass:x"", "Token-> DemoToken: x") unless it is long: that
    keeps "key=key=key=..." linear."""
    pos = 0
    for h in hint.finditer(ascii_lower(text)):
        if h.start() < pos or (m := pattern.match(text, h.start())) is None:
            continue
        found = judge(text, m)
        if found is not None:
            yield found
            pos = found.end
        elif m.end() - m.start() > 256:
            pos = m.end()


def _judge_password(text: str, m: re.Match[str]) -> Finding | None:
    kw = m.group("kw")
    kw_low = kw.lower()
    short = kw_low in _SHORT_PW_KW
    if not _glued_ok(text, m.start(), kw, short) or not _tail_ok(m.group("tail"), short):
        return None
    start, end, value, quoted = _value(m)
    sep = m.group("sep").strip().lower()
    if kw_low.startswith("pin"):
        if not (value.isdigit() and 4 <= len(value) <= 12):
            return None
    elif len(value) < 4 or value.lower() in STOP_WORDS or is_reference(value):
        return None
    elif (not sep or sep in ("(", ")")) and not quoted:
        # a bare space: "passcode 9921" and "--pass Prl23Db#@", not "password manager"
        if value.isdigit() and (short or len(value) > 12):
            return None
        if not value.isdigit() and not credential_like(value):
            return None
    elif sep in ("is", "was", "are") and prose_word(value):
        return None  # "the password was changed"
    return Finding(start, end, "password")


def find_passwords(text: str) -> Iterator[Finding]:
    yield from _scan(_PW_RE, _PW_HINT, text, _judge_password)
    if "</" in text:
        yield from _find_xml(text)
    if "dentified" in text or "ConvertTo" in text:
        yield from _find_sql(text)


_XML_RE = re.compile(
    r"(?i)<(?P<tag>[\w:.-]{0,30}?(?P<kind>pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey)"
    r"[\w:.-]{0,30})(?:\s[^<>]{0,200})?>\s*(?P<val>[^<>\s][^<>]{0,400}?)\s*</(?P=tag)>"
)


def _find_xml(text: str) -> Iterator[Finding]:
    """<password>hunter2</password>, <token name="x">...</token> (Maven, .NET and app configs)."""
    for m in _XML_RE.finditer(text):
        value = m.group("val")
        if len(value) < 4 or value.lower() in STOP_WORDS or is_reference(value):
            continue
        kind = m.group("kind").lower()
        category = "password" if kind.startswith("pass") or kind == "pwd" else "secret"
        if category == "secret" and not random_like(value.replace("\n", "")):
            continue
        yield Finding(m.start("val"), m.end("val"), category)


def _find_sql(text: str) -> Iterator[Finding]:
    for m in _SQL_RE.finditer(text):
        for g in ("qval", "val", "qval2", "val2"):
            if m.group(g):
                value = m.group(g)
                if len(value) >= 4 and value.lower() not in STOP_WORDS:
                    yield Finding(m.start(g), m.end(g), "password")
                break


def _judge_secret(text: str, m: re.Match[str]) -> Finding | None:
    kw = m.group("kw")
    if not _glued_ok(text, m.start(), kw, short=True) or not _tail_ok(m.group("tail"), False):
        return None
    start, end, value, _ = _value(m)
    sep = m.group("sep").strip().lower()
    is_flag = m.start() > 0 and text[m.start() - 1] == "-"
    if not sep and not is_flag and not _strongly_random(value):
        return None  # "token of thanks"; but "Secret key wJalrXUtnFEMI/K7MDENG…" is a secret
    if kw.lower() == "key" and not (m.group("tail") or sep in ("=", ":", ":=")):
        return None
    if value.lower() in STOP_WORDS or is_reference(value) or not random_like(value):
        return None
    if is_documentation_placeholder(value):
        return None
    return Finding(start, end, "secret")


def _strongly_random(value: str) -> bool:
    """Random enough to be a credential even with no ':' or '=' after the keyword."""
    return len(value) >= 16 and char_classes(value) >= 3 and entropy(value) >= 3.5


def find_secrets(text: str) -> Iterator[Finding]:
    yield from _scan(_SECRET_RE, _SECRET_HINT, text, _judge_secret)


DETECTORS = ((frozenset({"password"}), find_passwords), (frozenset({"secret"}), find_secrets))
