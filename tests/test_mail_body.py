"""The pure parts of mail parsing: charset decoding, HTML to text, quote and signature stripping."""

from __future__ import annotations

import pytest

from ingest.parsers.mail.body import decode_bytes
from ingest.parsers.mail.html import html_to_text
from ingest.parsers.mail.quotes import strip_quoted

# -- charsets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("Grüße".encode("iso-8859-1"), "iso-8859-1", "Grüße"),
        ("Grüße".encode(), "utf-8", "Grüße"),
        ("чай".encode("koi8-r"), "koi8-r", "чай"),
        ("中文".encode("gbk"), "gb2312", "中文"),  # GBK-only bytes under a GB2312 label
        ("a – b".encode("cp1252"), "iso-8859-1", "a – b"),  # cp1252 dash under a latin-1 label
    ],
)
def test_declared_charset(data: bytes, charset: str, expected: str) -> None:
    assert decode_bytes(data, charset) == expected


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("café".encode("latin-1"), "utf-8", "café"),  # label says UTF-8, bytes are latin-1
        ("café".encode(), "iso-8859-1", "café"),  # label says latin-1, bytes are UTF-8
        ("café".encode(), "us-ascii", "café"),
        ("café".encode("latin-1"), None, "café"),  # no label at all
        ("café".encode(), "x-unknown", "café"),  # a label no codec knows
        ("café".encode(), "invalid charset\x00", "café"),
    ],
)
def test_wrong_missing_or_unknown_charset(data: bytes, charset: str | None, expected: str) -> None:
    assert decode_bytes(data, charset) == expected


def test_mostly_utf8_with_a_broken_byte_keeps_the_good_text() -> None:
    data = "Привет, мир, как дела".encode() + b"\xff"
    assert decode_bytes(data, "utf-8").startswith("Привет, мир")


def test_charset_hint_for_a_part_without_a_label() -> None:
    data = "こんにちは、世界".encode("shift_jis")
    assert decode_bytes(data, None, hints=("shift_jis",)) == "こんにちは、世界"
    assert decode_bytes(data, None) != "こんにちは、世界"  # without the hint: no way to know


def test_iso_2022_escapes_without_a_label() -> None:
    assert decode_bytes("すみません".encode("iso-2022-jp"), None) == "すみません"


def test_decoding_never_raises_on_arbitrary_bytes() -> None:
    junk = bytes(range(256)) * 3
    for charset in (None, "utf-8", "utf-16", "iso-2022-jp", "big5", "nonsense"):
        assert isinstance(decode_bytes(junk, charset), str)


# -- HTML -------------------------------------------------------------------------------------


def test_html_to_text_drops_invisible_parts_and_keeps_structure() -> None:
    html = (
        "<html><head><title>Newsletter</title><style>p { color: red }</style></head><body>"
        "<script>var tracking = 1;</script><p>Dear&nbsp;Ann,</p>"
        "<div>Your flight <b>LH 123</b> leaves at 09:40.<br>Gate B12</div>"
        "<ul><li>one</li><li>two</li></ul><table><tr><td>Seat</td><td>14C</td></tr></table>"
        "<!-- a comment --><p>Fish &amp; chips &lt;3 &#233;t&eacute;</p></body></html>"
    )
    text = html_to_text(html)
    assert "tracking" not in text and "color" not in text and "Newsletter" not in text
    assert "comment" not in text
    assert text.splitlines() == [
        "Dear Ann,",
        "",
        "Your flight LH 123 leaves at 09:40.",
        "Gate B12",
        "",
        "one",
        "two",
        "",
        "Seat 14C",
        "",
        "Fish & chips <3 été",
    ]


def test_html_source_line_breaks_are_whitespace() -> None:
    assert html_to_text("<p>one\n   two\tthree</p>") == "one two three"
    assert html_to_text("<pre>a\nb</pre>") == "a\nb"


def test_html_quoted_reply_containers_are_dropped() -> None:
    html = (
        '<div>New text</div><div class="gmail_quote">On Mon, Bob wrote:<div>old text</div>'
        '</div><blockquote type="cite">older text</blockquote><div>after</div>'
    )
    assert html_to_text(html) == "New text\n\nafter"


def test_broken_html_never_raises() -> None:
    for html in ("<div><p>unclosed", "</b></b>text<", "<head>no end<body>visible", "<<>>&#xZZ;"):
        assert isinstance(html_to_text(html), str)
    assert html_to_text("<head><title>x</title><body>visible") == "visible"


# -- quotes and signatures --------------------------------------------------------------------


def test_top_posted_reply_keeps_only_the_new_text() -> None:
    text = (
        "Sounds good, see you at 10.\n\nOn Tue, 3 May 2011 at 09:12, Ann Smith <ann@example.org>"
        " wrote:\n> Shall we meet tomorrow?\n> Ann\n"
    )
    assert strip_quoted(text) == "Sounds good, see you at 10."


def test_wrapped_attribution_line() -> None:
    text = "Yes.\n\nOn Tue, 3 May 2011 at 09:12,\nAnn Smith <ann@example.org> wrote:\n\n> Ok?\n"
    assert strip_quoted(text) == "Yes."


def test_unprefixed_quote_after_attribution_is_cut() -> None:
    # Gmail/Outlook HTML converted to text: the quote has no ">" prefix
    text = "Thanks!\n\nOn Mon, Jan 2, 2023 at 5:00 PM Bob <b@x.org> wrote:\nold message text\n"
    assert strip_quoted(text) == "Thanks!"


@pytest.mark.parametrize(
    "header",
    [
        "Am 03.05.2011 um 10:02 schrieb Jürgen Schmidt <js@example.de>:",
        "Le 3 mai 2011 à 10:02, Marie Dupont <marie@example.fr> a écrit :",
        "El 3 de mayo de 2011, Pedro <p@example.es> escribió:",
        "-----Original Message-----",
        "----- Original Message -----",
        "-----Ursprüngliche Nachricht-----",
    ],
)
def test_reply_headers_in_other_forms(header: str) -> None:
    text = f"Neue Antwort hier.\n\n{header}\nalte Nachricht\nmehr alter Text\n"
    assert strip_quoted(text) == "Neue Antwort hier."


def test_outlook_reply_header_block() -> None:
    text = (
        "Please find the contract attached.\n\n________________________________\n"
        "From: Bob Jones <bob@example.com>\nSent: Monday, March 4, 2024 10:00 AM\n"
        "To: Ann <ann@example.com>\nSubject: contract\n\nCan you send it?\n"
    )
    assert strip_quoted(text) == "Please find the contract attached."


def test_bottom_posted_and_interleaved_replies_keep_the_new_lines() -> None:
    text = (
        "On Mon, Bob <b@x.org> wrote:\n> What time?\n\nAt ten.\n\n> And where?\n\nAt the station.\n"
    )
    assert strip_quoted(text) == "At ten.\n\nAt the station."


def test_signature_after_dash_dash_space_is_removed() -> None:
    text = "See you then.\n\n-- \nAnn Smith\nCEO, Example Ltd\n+1 555 0100\n"
    assert strip_quoted(text) == "See you then."
    # "--" without the space is not the signature separator
    assert strip_quoted("a\n--\nb") == "a\n--\nb"


def test_a_message_that_is_only_a_quote_keeps_its_text() -> None:
    text = "-----Original Message-----\nFrom: x\nThe forwarded content.\n-- \nsig\n"
    assert strip_quoted(text) == "-----Original Message-----\nFrom: x\nThe forwarded content."


def test_ordinary_text_is_left_alone() -> None:
    text = "On Monday we meet at 10.\nFrom: the office\nThe vet said Biscuit is fine."
    assert strip_quoted(text) == text
