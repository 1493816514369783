"""The mail parser on synthetic messages (the shared corpus: test_mail_corpus, _stalwart)."""

from __future__ import annotations

import hashlib
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from ingest.parsers.mail.messages import parse_eml, parse_mbox
from kb.errors import FileFailed, FileSkipped
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
