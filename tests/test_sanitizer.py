"""The sanitizer's public API: examples per category, Documents, private keys, pathological input.

The key file, the categories kept in clear and the terms file: test_sanitizer_key.py.
"""

from __future__ import annotations

import base64
import re
import time

import pytest

from kb.records import Document
from kb.sanitize.sanitizer import CATEGORIES, Sanitizer

KEY = bytes(range(32))
PSEUDONYM = re.compile(r"\[(EMAIL|PHONE|IP|NAME)_[0-9a-f]{6}\]")


@pytest.fixture
def san() -> Sanitizer:
    return Sanitizer(KEY)


# (text, the value that must disappear, the category reported)
EXAMPLES = [
    (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq0\nabc+/=\n"
        "-----END RSA PRIVATE KEY-----",
        "MIIEpAIBAAKCAQEA7bq0",
        "private_key",
    ),
    ("id AKIAZ7QWERTYUIOP4ASD here", "AKIAZ7QWERTYUIOP4ASD", "aws_key"),
    (
        "aws_secret_access_key = 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",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8mLp3xTy",
        "aws_key",
    ),
    (
        "token ghp_8Kd93mZq7LwX2vB5nR1tY6uP0oI4eA3sQ9cF in CI",
        "ghp_8Kd93mZq7LwX2vB5nR1tY6uP0oI4eA3sQ9cF",
        "github_token",
    ),
    ("use glpat-Zx81kQm3Lp0vT7rWy2Nc to clone", "glpat-Zx81kQm3Lp0vT7rWy2Nc", "gitlab_token"),
    ("bot xoxb-2841-99312-Zk83mQp0LxW7", "xoxb-2841-99312-Zk83mQp0LxW7", "slack_token"),
    (
        "hook https://hooks.slack.com/services/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",
        "T0A1B2C3D/B9Z8Y7X6W",
        "slack_token",
    ),
    ("stripe sk_live_51Hq8ZmK2pL0vXw7Rt3Yb9Nc", "sk_live_51Hq8ZmK2pL0vXw7Rt3Yb9Nc", "stripe_key"),
    (
        "maps AIzaSyD3k9Qm2Lp8Xw7Rt4Yb1Nc6Vf0Hg5Jk2Ls",
        "AIzaSyD3k9Qm2Lp8Xw7Rt4Yb1Nc6Vf0Hg5Jk2Ls",
        "google_key",
    ),
    (
        "OPENAI_API_KEY=sk-proj-Qm2Lp8Xw7Rt4Yb1Nc6Vf0Hg5Jk2LsT3BlbkFJ9dK3mQ7",
        "Qm2Lp8Xw7Rt4Yb1Nc6Vf0Hg5Jk2Ls",
        "openai_key",
    ),
    (
        "twilio SK4d2f64e2a108cd72f648b1984c3b5a13",
        "SK4d2f64e2a108cd72f648b1984c3b5a13",
        "twilio_key",
    ),
    (
        "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",
        "Zk83mQp0LxW7aB1cD2eF3g",
        "sendgrid_key",
    ),
    (
        "//registry.npmjs.org/:_authToken=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",
        "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",
        "npm_token",
    ),
    (
        "pypi-AgEIcHlwaS5vcmcCJDg5MTllXWJjLTRhODAtNDBhYi01Y2Y4LThjNjcxZTg3MsRjOAACKlsz uploaded",
        "pypi-AgEIcHlwaS5vcmcCJDg5MTll",
        "pypi_token",
    ),
    (
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9Pl",
        "dozjgNryP4J3jVmNHl0w5N",
        "jwt",
    ),
    (
        "curl -H 'Authorization: Bearer a1B2c3D4e5F6g7H8i9J0kLmN' api",
        "a1B2c3D4e5F6g7H8i9J0kLmN",
        "bearer",
    ),
    ("db postgres://admin:Tr0ub4dor@db.internal:5432/app", "Tr0ub4dor", "url_credentials"),
    ("The wifi password is hunter2, don't tell.", "hunter2", "password"),
    ("pwd=S3cr3t!x", "S3cr3t!x", "password"),
    ("Bank card PIN: 4471", "4471", "password"),
    ("the door passcode 9921 works", "9921", "password"),
    ('{"password": "correct horse battery"}', "correct horse battery", "password"),
    ("DB_PASSWORD=pa55w0rd_prod", "pa55w0rd_prod", "password"),
    ("api_key: 9fJ2kQ8mL3pX7wR4tY1bN6cV", "9fJ2kQ8mL3pX7wR4tY1bN6cV", "secret"),
    ("Card 4539 1488 0343 6467 expires 12/27", "4539 1488 0343 6467", "card"),
    ("Pay to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32", "iban"),
    ("SSN 536-22-8726 on file", "536-22-8726", "ssn"),
    ("NI number AB 12 34 56 C", "AB 12 34 56 C", "uk_nino"),
    ("SIN: 046 454 286", "046 454 286", "ca_sin"),
    ("DNI 12345678Z", "12345678Z", "es_dni"),
    ("BSN 111222333", "111222333", "nl_bsn"),
    ("write to alice.smith+news@example.co.uk soon", "alice.smith+news@example.co.uk", "email"),
    ("call (415) 555-0100 ext. 12", "555-0100", "phone"),
    ("ring +44 20 7946 0958 or 07700 900123", "7946 0958", "phone"),
    ("from 192.168.10.24 and 2001:db8:85a3::8a2e:370:7334", "192.168.10.24", "ip"),
]


@pytest.mark.parametrize(("text", "secret", "category"), EXAMPLES, ids=[e[2] for e in EXAMPLES])
def test_each_category_is_replaced(san: Sanitizer, text: str, secret: str, category: str) -> None:
    out, counts = san.text(text)
    assert secret not in out
    assert counts[category] >= 1, (out, counts)
    assert set(counts) <= set(CATEGORIES)


def test_masks_and_pseudonyms_have_the_documented_shape(san: Sanitizer) -> None:
    out = san("key AKIAZ7QWERTYUIOP4ASD mail bob@example.org")
    assert "[REDACTED:aws_key]" in out
    assert re.search(r"\[EMAIL_[0-9a-f]{6}\]", out)
    assert " " not in PSEUDONYM.search(out).group(0)  # type: ignore[union-attr]


def test_same_value_same_pseudonym_whatever_the_spelling(san: Sanitizer) -> None:
    assert san("Alice@Example.com") == san("alice@example.com")
    assert san("+1 (415) 555-0100") == san("415-555-0100") == san("415.555.0100")
    assert san("2001:DB8::1") == san("2001:0db8:0:0:0:0:0:1")
    assert san("bob@example.com") != san("alice@example.com")


def test_ordinary_prose_is_left_alone(san: Sanitizer) -> None:
    prose = (
        "On 2024-03-14 at 10:30 I paid $1,234.56 (clause 12.3.1, page 12 of 40) for ISBN "
        "978-0-306-40615-7 at SW1A 1AA in 1660; version 3.10.4.1 passed. Pass the salt."
    )
    out, counts = san.text(prose)
    assert out == prose and not counts


def test_placeholders_in_input_are_kept_and_not_counted(san: Sanitizer) -> None:
    text = "password: [REDACTED:password] phone [PHONE_0a1b2c] mail [EMAIL_abcdef]"
    assert san.text(text) == (text, {})


def test_document_sanitizes_text_and_every_metadata_field(san: Sanitizer) -> None:
    doc = Document(
        source="/mail/inbox.mbox",
        kind="email",
        title="Re: card 4539 1488 0343 6467",
        text="Hi, my number is +44 20 7946 0958.",
        part="msg:1",
        subject="password is hunter2",
        sender="Alice <alice@example.com>",
        recipients=("bob@example.com", "Carol <carol@example.org>"),
        message_id="<CAF123@mail.example.com>",
    )
    new, counts = san.document(doc)
    fields = [new.title, new.text, new.subject, new.sender, *new.recipients, new.message_id]
    for raw in ("4539", "7946", "hunter2", "alice@", "bob@", "carol@", "CAF123@"):
        assert not any(raw in str(f) for f in fields), raw
    assert new.sender is not None and new.sender.startswith("Alice <[EMAIL_")
    assert counts["email"] == 4 and counts["card"] == 1 and counts["password"] == 1
    assert (new.source, new.part, new.kind) == (doc.source, doc.part, doc.kind)


def test_pdf_pages_keep_their_numbers_and_offsets(san: Sanitizer) -> None:
    pages = [
        "Statement for alice@example.com",
        "Card 4539 1488\n0343 6467 charged",
        "Nothing here",
        "Call +1 (415) 555-0100 today",
    ]
    text, offsets = "", []
    for n, page in enumerate(pages, start=3):
        if text:
            text += "\n\n"
        offsets.append((len(text), n))
        text += page
    doc = Document(source="/docs/s.pdf", kind="pdf", title="s.pdf", text=text, pages=tuple(offsets))
    new, _ = san.document(doc)
    assert [p for _, p in new.pages] == [3, 4, 5, 6]
    segments = [(new.text[s:e], page) for s, e, page in new.segments()]
    assert segments == [(san(p), n) for n, p in enumerate(pages, start=3)]
    assert "0343" not in new.text and "alice@" not in new.text


def test_private_keys_without_armour_or_wrapped_in_base64(san: Sanitizer) -> None:
    der = (
        "MIIBOgIBAAJBAJtFfagSXdo0JmX6EdwWGvFMaXeOFY5xOTs3PWsnhRFakQFbAuI/\n"
        "    DaJSTVnp3ObjJPZhJs/P/XPWIKRNIglRqkkCAwEAAQJAbErPFMWah3EPxtfeVO1l"
    )
    assert "DaJSTVnp3ObjJPZhJs" not in san(f"<data>\n    {der}\n</data>")
    pem = b"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDq2kx9Lw0pP4\n-----END EC PRIVATE KEY-----\n"
    blob = base64.b64encode(b"tls:\n  key: |\n    " + pem).decode()
    out, counts = san.text(f"config: {blob}")
    assert blob not in out and counts["private_key"] == 1
    cert = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n").decode()
    assert san(cert) == cert  # a certificate is public


PATHOLOGICAL = {
    "spaced digits": "1 2 " * 50_000,
    "dashed digits": "12-" * 66_000,
    "dotted": "1." * 100_000,
    "card-like": "4539 " * 40_000,
    "key=": "key=" * 50_000,
    "password: ": "password: " * 20_000,
    "BEGIN": "-----BEGIN PRIVATE KEY-----" * 7_000,
    "hex colons": "a:" * 100_000,
    "phone context": "Phone: " + "1 2 " * 50_000,
    "emails": "a.b@c." * 33_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_no_input_makes_the_scan_quadratic(san: Sanitizer, name: str) -> None:
    """200 KB of adversarial text in well under the time a quadratic scan would need (~10 s)."""
    start = time.process_time()
    san.text(PATHOLOGICAL[name])
    assert time.process_time() - start < 3.0
