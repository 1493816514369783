"""The mail parser against the expected parses of stalwart's mail-parser (shared corpus)."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ingest.parsers.mail.headers import read_headers
from ingest.parsers.mail.messages import parse_message
from kb.records import Document
from tests.conftest import corpus
from tests.mail_sweep import parse_guarded

pytestmark = pytest.mark.slow  # sweeps the shared third-party corpus


def tokens(text: str) -> Counter[str]:
    """ASCII words and single non-ASCII characters. Upstream sometimes holds U+FFFD where kb
    decodes the byte, so a replacement character is a separator, not a token."""
    return Counter(re.findall(r"[a-z0-9]+|[^\x00-\x7f\ufffd\s]", text.lower()))


def expected_body(parse: dict) -> str:
    out = []
    for index in parse["text_body"]:
        body = parse["parts"][index]["body"]
        if isinstance(body, dict) and "Text" in body:
            out.append(body["Text"])
        elif isinstance(body, dict) and "Html" in body:  # crude on purpose: not kb's converter
            no_code = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", " ", body["Html"])
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", no_code)))
    # kb strips quoted lines; the expectation keeps them
    return "\n".join(
        line for line in "\n".join(out).splitlines() if not line.lstrip().startswith(">")
    )


@pytest.fixture(scope="module")
def stalwart() -> Iterator[list[tuple[Path, dict, list[Document]]]]:
    rows = []
    for js in sorted(corpus("emails", "stalwart_mail_parser").glob("*/*.json")):
        result = parse_guarded(js.with_suffix(".eml"))
        rows.append((js, json.loads(js.read_text()), result if isinstance(result, list) else []))
    assert len(rows) == 107
    yield rows


def test_body_text_extraction_rate(stalwart) -> None:
    """Extracted = at least 90 % of the expected body's tokens occur in kb's message text."""
    extracted, total, missed = 0, 0, []
    for js, parse, docs in stalwart:
        want = tokens(expected_body(parse))
        if not want:
            continue  # upstream found no text body either
        got = tokens("\n".join(d.text for d in docs if d.kind == "email"))
        recall = sum(min(n, got[t]) for t, n in want.items()) / sum(want.values())
        total += 1
        if recall >= 0.9:
            extracted += 1
        else:
            missed.append(f"{js.parent.name}/{js.stem} {recall:.2f}")
    rate = extracted / total
    print(f"\nbody extracted for {extracted}/{total} messages ({rate:.1%}); missed: {missed}")
    assert total >= 80
    assert rate >= 0.95


def first_header(parse: dict, name: str):
    for header in parse["parts"][0]["headers"]:
        if header["name"] == name:
            return header["value"]
    return None


def subject_agrees(want: str, got: str | None) -> bool:
    pattern = re.escape(" ".join(want.split())).replace("\ufffd", ".{1,2}")
    return re.fullmatch(pattern, got or "") is not None


def sender_agrees(want: dict, got: str | None) -> bool:
    name, addr = " ".join((want.get("name") or "").split()), (want.get("address") or "").lower()
    m = re.fullmatch(r"(.*?)\s*<([^<>]*)>", got or "")
    got_name, got_addr = (m[1], m[2].lower()) if m else ("", (got or "").lower())
    if not addr:
        return (got or "") == name
    return got_addr == addr and (not name or got_name == name)


def date_agrees(want: dict, got: str | None) -> bool:
    offset = timedelta(hours=want["tz_hour"], minutes=want["tz_minute"])
    when = datetime(
        want["year"],
        want["month"],
        want["day"],
        want["hour"],
        want["minute"],
        want["second"],
        tzinfo=timezone(-offset if want["tz_before_gmt"] else offset),
    )
    return got is not None and datetime.fromisoformat(got) == when


def test_headers_agree_with_expected_parse(stalwart) -> None:
    """Headers of all 107 messages (also those without text), as read_headers sees them."""
    agree: dict[str, list[int]] = {"subject": [0, 0], "sender": [0, 0], "date": [0, 0]}
    for js, parse, docs in stalwart:
        headers = read_headers(parse_message(js.with_suffix(".eml").read_bytes()))
        for doc in docs:  # the Documents carry exactly these headers
            assert (doc.subject, doc.sender, doc.date) == (
                headers.subject,
                headers.sender,
                headers.date,
            )
        subject, sender, date = (first_header(parse, n) for n in ("subject", "from", "date"))
        checks = []
        if isinstance(subject, dict) and "Text" in subject:
            checks.append(("subject", subject_agrees(subject["Text"], headers.subject)))
        if isinstance(sender, dict) and (sender.get("Address") or {}).get("List"):
            checks.append(("sender", sender_agrees(sender["Address"]["List"][0], headers.sender)))
        if isinstance(date, dict) and "DateTime" in date:
            checks.append(("date", date_agrees(date["DateTime"], headers.date)))
        for field, ok in checks:
            agree[field][0] += ok
            agree[field][1] += 1
    print("\n" + ", ".join(f"{f}: {a}/{n} ({a / n:.1%})" for f, (a, n) in agree.items()))
    for _field, (a, n) in agree.items():
        assert n >= 60 and a / n >= 0.95
