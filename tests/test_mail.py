"""The mail parser: synthetic messages for the contract, then the shared e-mail corpus."""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import mailbox
import random
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from ingest.parsers.mail.headers import read_headers
from ingest.parsers.mail.messages import parse_eml, parse_mbox, parse_message
from kb.errors import FileFailed, FileProblem, FileSkipped
from kb.records import Document
from tests.conftest import corpus
from tests.pdf_builder import make_pdf

BODY = "Hello Ann,\n\nthe vet says Biscuit is fine.\n"


def message(body: str = BODY, **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = headers.pop("From", "Jürgen Weiß <jw@example.de>")
    msg["To"] = headers.pop("To", "Ann <ann@example.org>")
    msg["Subject"] = headers.pop("Subject", "Biscuit – check-up")
    msg["Date"] = headers.pop("Date", "Tue, 04 Mar 2025 09:30:00 +0100")
    msg["Message-ID"] = headers.pop("Message_ID", "<m1@example.de>")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg


def write(tmp_path: Path, data: EmailMessage | bytes, name: str = "m.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.as_bytes())
    return path


# -- one message ------------------------------------------------------------------------------


def test_plain_message(tmp_path: Path) -> None:
    path = write(tmp_path, message(Cc="Bob <bob@example.org>, carol@example.org"))
    [doc] = parse_eml(path)
    assert (doc.kind, doc.part, doc.source) == ("email", "", str(path.resolve()))
    assert doc.text == "Hello Ann,\n\nthe vet says Biscuit is fine."
    assert doc.title == doc.subject == "Biscuit – check-up"
    assert doc.sender == "Jürgen Weiß <jw@example.de>"  # RFC 2047 decoded
    assert doc.recipients == ("Ann <ann@example.org>", "Bob <bob@example.org>", "carol@example.org")
    assert doc.date == "2025-03-04T09:30:00+01:00"
    assert doc.message_id == "<m1@example.de>"


def test_missing_subject_and_bad_date(tmp_path: Path) -> None:
    msg = message(Date="the day after tomorrow")
    del msg["Subject"]
    [doc] = parse_eml(write(tmp_path, msg))
    assert (doc.title, doc.subject, doc.date) == ("(no subject)", None, None)


def test_html_only_message(tmp_path: Path) -> None:
    msg = message()
    msg.set_content(
        "<html><head><style>.x{color:red}</style><script>track()</script></head><body>"
        "<p>Your flight <b>LH&nbsp;123</b> leaves at 09:40.</p><div>Gate B12</div></body></html>",
        subtype="html",
    )
    [doc] = parse_eml(write(tmp_path, msg))
    assert doc.text == "Your flight LH 123 leaves at 09:40.\n\nGate B12"


def test_alternative_prefers_plain_text(tmp_path: Path) -> None:
    msg = message("Plain version.")
    msg.add_alternative("<p>HTML version.</p>", subtype="html")
    assert parse_eml(write(tmp_path, msg))[0].text == "Plain version."
    blank = message("   \n")
    blank.add_alternative("<p>Only the HTML has words.</p>", subtype="html")
    assert parse_eml(write(tmp_path, blank))[0].text == "Only the HTML has words."


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        ("Grüße aus Köln".encode("iso-8859-1"), "iso-8859-1", "Grüße aus Köln"),
        ("Grüße aus Köln".encode("iso-8859-1"), "utf-8", "Grüße aus Köln"),  # wrong label
        ("Grüße aus Köln".encode(), "us-ascii", "Grüße aus Köln"),  # wrong label
        ("Grüße aus Köln".encode(), "x-no-such-charset", "Grüße aus Köln"),  # unknown label
    ],
)
def test_body_charsets(tmp_path: Path, body: bytes, charset: str, expected: str) -> None:
    msg = message(Subject="=?iso-8859-1?q?Gr=FC=DFe?=")
    msg.set_content(body, maintype="text", subtype="plain", cte="8bit")
    msg.set_param("charset", charset)
    [doc] = parse_eml(write(tmp_path, msg))
    assert (doc.text, doc.subject) == (expected, "Grüße")


def test_quoted_reply_is_stripped(tmp_path: Path) -> None:
    body = (
        "Yes, Thursday works.\n\nOn Tue, 4 Mar 2025 at 09:30, Ann <ann@example.org> wrote:\n"
        "> Can we move the appointment?\n> Ann\n"
    )
    [doc] = parse_eml(write(tmp_path, message(body, Subject="Re: appointment")))
    assert doc.text == "Yes, Thursday works."


def test_attachments_become_child_documents(tmp_path: Path) -> None:
    msg = message("Contract attached.")
    msg.add_attachment(
        make_pdf(["Notice period is three months."]),
        maintype="application",
        subtype="pdf",
        filename="lease.pdf",
    )
    msg.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="x.png")
    msg.add_attachment(
        b"%PDF-1.4 truncated junk",
        maintype="application",
        subtype="octet-stream",
        filename="broken.pdf",
    )
    msg.add_attachment("date,amount\n2025-03-01,120\n", filename="costs.csv")
    docs = parse_eml(write(tmp_path, msg))
    parent, pdf, csv = docs  # the image and the unreadable PDF are dropped
    assert parent.kind == "email" and parent.text == "Contract attached."
    assert (pdf.kind, pdf.title, pdf.part) == ("attachment", "lease.pdf", "msg/att:1")
    assert pdf.parent == parent.part == ""
    assert pdf.text == "Notice period is three months." and pdf.pages == ((0, 1),)
    assert (csv.title, csv.part) == ("costs.csv", "msg/att:4")
    assert csv.text == "date,amount\n2025-03-01,120"
    for child in (pdf, csv):
        assert child.source == parent.source
        assert (child.subject, child.sender, child.date, child.message_id) == (
            parent.subject,
            parent.sender,
            parent.date,
            parent.message_id,
        )


def test_message_with_only_an_attachment(tmp_path: Path) -> None:
    msg = message()
    msg.clear_content()
    msg.add_attachment("just the notes", filename="notes.txt")
    [doc] = parse_eml(write(tmp_path, msg))
    assert (doc.kind, doc.text, doc.part) == ("attachment", "just the notes", "msg/att:1")


def test_maildir_file_with_envelope_line(tmp_path: Path) -> None:
    data = b"From ann@example.org Tue Mar  4 09:30:00 2025\n" + message().as_bytes()
    assert parse_eml(write(tmp_path, data, "1741080600.M1P1.host,2,S"))[0].subject


def test_problems_are_reported_not_raised(tmp_path: Path) -> None:
    with pytest.raises(FileSkipped, match="empty file"):
        parse_eml(write(tmp_path, b""))
    empty = message()
    empty.set_content("\n \n")
    with pytest.raises(FileSkipped, match="no text in message"):
        parse_eml(write(tmp_path, empty))
    with pytest.raises(FileFailed, match="not an e-mail"):
        parse_eml(write(tmp_path, b"Just some prose.\nNo headers at all: none.\n"))
    with pytest.raises(FileFailed, match="not an e-mail"):
        parse_eml(write(tmp_path, bytes(range(256)) * 40))
    with pytest.raises(FileFailed, match="cannot read"):
        parse_eml(tmp_path / "missing.eml")


# -- mbox -------------------------------------------------------------------------------------


def key(seed: str | bytes) -> str:
    return hashlib.sha1(seed.encode() if isinstance(seed, str) else seed).hexdigest()[:12]


def make_mbox(path: Path, *messages: EmailMessage | bytes) -> Path:
    box = mailbox.mbox(path)
    for m in messages:
        box.add(m if isinstance(m, bytes) else m.as_bytes())
    box.close()
    return path


def test_mbox_with_a_broken_message(tmp_path: Path) -> None:
    first = message("First message.", Message_ID="<a@x>")
    broken = b"\x00\x01\x02 binary junk \xff\xfe\n\x00 more"
    third = message("Third message.\nFrom here on, a line that mbox quotes.", Message_ID="<c@x>")
    path = make_mbox(tmp_path / "box.mbox", first, broken, third)
    docs = parse_mbox(path)
    assert [(d.part, d.text) for d in docs] == [
        (f"msg:{key('<a@x>')}", "First message."),
        (f"msg:{key('<c@x>')}", "Third message.\nFrom here on, a line that mbox quotes."),
    ]
    assert all(d.source == str(path.resolve()) and d.kind == "email" for d in docs)


def test_mbox_message_that_breaks_the_parser(tmp_path: Path, monkeypatch) -> None:
    import ingest.parsers.mail.messages

    real = ingest.parsers.mail.messages.message_documents

    def flaky(msg, **kw):  # a parser bug that only one message triggers
        if "boom" in str(msg["subject"]):
            raise RuntimeError("bug")
        return real(msg, **kw)

    monkeypatch.setattr(ingest.parsers.mail.messages, "message_documents", flaky)
    path = make_mbox(tmp_path / "b.mbox", message(Subject="ok"), message(Subject="boom"))
    assert [d.subject for d in parse_mbox(path)] == ["ok"]


def test_mbox_keys_are_stable_and_unique(tmp_path: Path) -> None:
    a = message("A", Message_ID="<a@x>")
    b = message("B")
    del b["Message-ID"]
    dup = message("A again, same id", Message_ID="<a@x>")
    path = make_mbox(tmp_path / "k.mbox", a, b, dup)
    parts = [d.part for d in parse_mbox(path)]
    assert parts[0] == f"msg:{key('<a@x>')}" and len(set(parts)) == 3
    box = mailbox.mbox(path)
    raw_b = box.get_bytes(1)
    box.close()
    assert parts[1] == f"msg:{key(raw_b)}"  # no Message-ID: the message bytes
    # adding messages in front and behind changes no existing key
    grown = make_mbox(
        tmp_path / "g.mbox",
        message("new", Message_ID="<n@x>"),
        a,
        b,
        dup,
        message("newer", Message_ID="<m@x>"),
    )
    assert set(parts) < {d.part for d in parse_mbox(grown)}


def test_mbox_problems(tmp_path: Path) -> None:
    with pytest.raises(FileSkipped, match="empty file"):
        parse_mbox(write(tmp_path, b"", "e.mbox"))
    with pytest.raises(FileFailed, match="no readable message"):
        parse_mbox(write(tmp_path, b"not a mailbox\njust text\n", "t.mbox"))
    with pytest.raises(FileFailed, match="no readable message"):
        parse_mbox(make_mbox(tmp_path / "j.mbox", b"\x00junk", b"\x00more junk"))
    blank = message("\n")
    with pytest.raises(FileSkipped, match="no text"):
        parse_mbox(make_mbox(tmp_path / "b.mbox", blank))


# -- the shared corpus ------------------------------------------------------------------------

SKIP_NAMES = {"emails.tsv", "SOURCE.md", "COPYING"}


def corpus_files() -> list[Path]:
    root = corpus("emails")
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".json" and p.name not in SKIP_NAMES
    )


def parse_any(path: Path) -> list[Document]:
    return parse_mbox(path) if path.suffix == ".mbox" else parse_eml(path)


class Hang(BaseException):
    """Not an Exception: a parser's own ``except Exception`` must not be able to swallow it."""


def parse_guarded(path: Path, seconds: int = 20) -> list[Document] | FileProblem:
    """Documents or the FileProblem raised; any other exception (or a hang) propagates."""

    def alarm(signum, frame):
        raise Hang(f"{path} took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return parse_any(path)
    except FileProblem as exc:
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_hang_guard_fires_through_a_parsers_broad_except(monkeypatch, tmp_path):
    def stubborn(path: Path) -> list[Document]:
        while True:  # a parser that swallows everything, as ours do around the email module
            with contextlib.suppress(Exception):
                time.sleep(0.05)

    monkeypatch.setattr(sys.modules[__name__], "parse_any", stubborn)
    with pytest.raises(Hang):
        parse_guarded(tmp_path / "x.eml", seconds=1)


def check_documents(path: Path, docs: list[Document]) -> None:
    """What every Document from a mail file must satisfy."""
    parts = [d.part for d in docs]
    assert len(parts) == len(set(parts)), f"{path}: duplicate parts"
    for d in docs:
        assert d.kind in ("email", "attachment") and d.source == str(path.resolve())
        assert d.text.strip() and d.title.strip()
        for value in (d.text, d.title, d.subject or "", d.sender or "", *d.recipients):
            value.encode("utf-8")  # no lone surrogates from undecodable bytes
            assert "\x00" not in value
        if d.date is not None:
            assert datetime.fromisoformat(d.date).tzinfo is not None
        if d.kind == "attachment":
            assert d.part.startswith(f"{d.parent or 'msg'}/att:")


def test_every_corpus_file_ends_as_documents_or_a_file_problem() -> None:
    files = corpus_files()
    outcomes: Counter[str] = Counter()
    for path in files:
        result = parse_guarded(path)
        if isinstance(result, FileProblem):
            outcomes[type(result).__name__] += 1
            assert result.reason
            continue
        check_documents(path, result)
        outcomes["documents"] += 1
    print(f"\n{len(files)} mail files: {dict(outcomes)}")
    assert len(files) >= 250
    # the corpus is mostly readable mail: a parser that gave up early would fail this
    assert outcomes["documents"] >= 0.8 * len(files)


def test_outlook_msg_file_is_named_as_such() -> None:
    path = corpus("emails", "spamscope_mail_parser") / "mail_outlook_1.eml"
    with pytest.raises(FileFailed, match="Outlook"):
        parse_eml(path)


def test_maildir_messages() -> None:
    cur = corpus("emails", "mailpile", "Maildir", "cur")
    results = [parse_guarded(p) for p in sorted(cur.iterdir())]
    docs = [r for r in results if isinstance(r, list)]
    assert len(docs) >= 10, results
    assert any(d.kind == "attachment" and d.pages for ds in docs for d in ds)  # a PDF attachment


def test_derived_mbox_matches_its_source_messages() -> None:
    """The mbox was written from .eml files: each message must read the same either way."""
    root = corpus("emails")
    from_mbox = parse_mbox(root / "mbox" / "derived_stalwart_mailpile.mbox")
    sources = [
        *sorted((root / "stalwart_mail_parser" / "thirdparty").glob("*.eml")),
        *sorted((root / "stalwart_mail_parser" / "rfc").glob("*.eml")),
        *sorted((root / "mailpile" / "Maildir" / "cur").iterdir()),
    ]
    from_files = [d for p in sources if isinstance(r := parse_guarded(p), list) for d in r]
    assert len(from_mbox) >= 35
    assert sorted((d.kind, d.title, d.text) for d in from_mbox) == sorted(
        (d.kind, d.title, d.text) for d in from_files
    )


def test_mbox_split_at_an_unquoted_from_line() -> None:
    [doc] = parse_mbox(corpus("emails", "mbox") / "cpython_mailbox_01.mbox")
    assert (doc.subject, doc.text) == ("unquoted From in body; extra info on From line", "Hello")


# -- agreement with the expected parses of stalwart's mail-parser -----------------------------


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


def test_damaged_copies_of_corpus_files_never_raise_anything_else(tmp_path: Path) -> None:
    """Truncated, bit-flipped and spliced copies: Documents or a FileProblem, nothing else."""
    rnd = random.Random(20250304)
    files = corpus_files()
    for i in range(200):
        source = rnd.choice(files)
        data = bytearray(source.read_bytes())
        if i % 3 == 0:
            data = data[: rnd.randrange(len(data) + 1)]
        elif i % 3 == 1:
            for _ in range(rnd.randrange(1, 40)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        else:
            at = rnd.randrange(len(data) + 1)
            data[at:at] = rnd.randbytes(rnd.randrange(1, 300))
        path = tmp_path / ("x.mbox" if source.suffix == ".mbox" else "x.eml")
        path.write_bytes(bytes(data))
        result = parse_guarded(path)
        if isinstance(result, list):
            check_documents(path, result)
