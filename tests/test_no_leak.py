"""Plant secrets and identifiers in every format, index with the real pipeline, then read every
byte under KB_HOME: no raw value — nor its digits-only or compact form — may be there."""

from __future__ import annotations

import json
import mailbox
import re
from email.message import EmailMessage
from pathlib import Path

import pytest

import kb.cli
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings
from tests.pdf_builder import make_pdf

pytestmark = pytest.mark.slow

EMAIL = "dana.okafor@harborquill.net"
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2kqcQ8wGxQv0vzh9sL4Rv9cKq8bT\n"
    "q2Jx7Yw1nV5dE6fH3kL9mP0sR2tU4vW6xY8zA1bC3dE5fG7hI9jK1lM3nO5pQ7rS\n"
    "-----END RSA PRIVATE KEY-----"
)
# raw value -> category the sanitizer must count
PLANTED = {
    "AKIAZ3MX7QPLR4TB2WKN": "aws_key",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lm2Xv9T": "aws_key",
    "ghp_R8vK2mQ9xT4nW7pL3sZ6yB1cH5dF0gJ2aE8u": "github_token",
    "xoxb-2048371625-4096827351-Zq8RvT3mXk9LpW2sYn6Bd4Hc": "slack_token",
    "sk_live_51HqZ8mK2xR9tV4nL7pW3sY6b": "stripe_key",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5ODc2NTQzMjEiLCJuYW1lIjoiU2FtIn0."
    "Xq3vR8mT2kL9pW4sN7bY1cH6dF0gJ5aE8uZ3xQ2wV9o": "jwt",
    "9fK2mQ8xT4nW7pL3sZ6yB1cH5dF0gJ2a": "bearer",
    "Tr0ub4dor-Horse": "url_credentials",
    "Quokka!Lantern92": "password",
    "938417": "password",
    "4539 1488 0343 6467": "card",
    "GB82 WEST 1234 5698 7654 32": "iban",
    "536-22-8147": "ssn",
    "JT 48 71 29 B": "uk_nino",
    EMAIL: "email",
    "+1 503 555 0147": "phone",
    "203.0.113.77": "ip",
    "Lucia Moreno": "term",
    "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2kqcQ8wGxQv0vzh9sL4Rv9cKq8bT": "private_key",
}


def _needles() -> set[str]:
    needles = set(PLANTED)
    for value in PLANTED:
        compact = re.sub(r"[\s-]", "", value)
        digits = re.sub(r"\D", "", value)
        needles.add(compact)
        if len(digits) >= 6:
            needles.add(digits)
    needles |= {"Moreno", "harborquill"}
    return needles


def _eml(subject: str, body: str, attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Dana Okafor <{EMAIL}>"
    msg["To"] = "Lucia Moreno <lucia.m@fastmail.example>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 04 Mar 2025 09:30:00 +0000"
    msg["Message-ID"] = "<plant-1@harborquill.net>"
    msg.set_content(body)
    if attachment:
        msg.add_attachment(
            attachment[1], maintype="application", subtype="pdf", filename=attachment[0]
        )
    return bytes(msg)


def _plant(root: Path) -> None:
    (root / "journal").mkdir(parents=True)
    (root / "mail").mkdir()
    (root / "journal" / "2025-03-04.md").write_text(
        "# Admin day\n\nNew AWS key AKIAZ3MX7QPLR4TB2WKN and token "
        "ghp_R8vK2mQ9xT4nW7pL3sZ6yB1cH5dF0gJ2aE8u for the deploy.\n\n"
        "My bank password is Quokka!Lantern92 and the card is 4539 1488\n0343 6467.\n\n"
        f"Lucia Moreno wrote from {EMAIL} and asked me to call +1 503 555 0147.\n"
    )
    (root / "contract.pdf").write_bytes(
        make_pdf(
            [
                "1. Parties\nThis agreement is made on 4 March 2025.",
                "7. Payment\nPay to IBAN GB82 WEST 1234 5698 7654 32.\nTenant SSN 536-22-8147, "
                "NI number JT 48 71 29 B.\nServer 203.0.113.77 hosts the portal.",
            ]
        )
    )
    (root / "mail" / "deploy.eml").write_bytes(
        _eml(
            "Call me on +1 503 555 0147",
            "The staging token:\n"
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5ODc2NTQzMjEiLCJuYW1lIjoiU2FtIn0."
            "Xq3vR8mT2kL9pW4sN7bY1cH6dF0gJ5aE8uZ3xQ2wV9o\n"
            "Authorization: Bearer 9fK2mQ8xT4nW7pL3sZ6yB1cH5dF0gJ2a\n"
            "DB: postgres://sam:Tr0ub4dor-Horse@db.internal:5432/notes\n\n" + PEM + "\n",
        )
    )
    (root / "mail" / "statement.eml").write_bytes(
        _eml(
            "Your statement",
            "Statement attached.\n",
            (
                "statement.pdf",
                make_pdf(
                    [
                        "Secret key wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lm2Xv9T\n"
                        "Card 4539 1488 0343 6467"
                    ]
                ),
            ),
        )
    )
    box = mailbox.mbox(root / "mail" / "archive.mbox")
    box.add(
        _eml(
            "Keys",
            "Stripe sk_live_51HqZ8mK2xR9tV4nL7pW3sY6b and Slack "
            "xoxb-2048371625-4096827351-Zq8RvT3mXk9LpW2sYn6Bd4Hc.\n"
            "The door passcode 938417 works.\n",
        )
    )
    box.flush()
    box.close()


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    home = tmp_path_factory.mktemp("home")
    (home / "sanitize_terms.txt").write_text("# people\nLucia Moreno\n")
    _plant(root)
    # through the CLI, so kb.log is written too
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_HOME", str(home))
        assert kb.cli.main(["index", "--json", str(root)]) == 0
        # a conversation whose questions carry planted values: the history store is read too
        for question in (
            f"Did {EMAIL} send the card 4539 1488 0343 6467?",
            "And was the password Quokka!Lantern92 or the IBAN GB82 WEST 1234 5698 7654 32?",
        ):
            assert kb.cli.main(["ask", "--json", "--chat", f"about {EMAIL}", question]) == 0
    assert (home / "kb.log").stat().st_size > 0 and (home / "history.sqlite3").exists()
    kb_ = KnowledgeBase(Settings(home=home))
    assert [f.status for f in kb_.store.files()] == ["indexed"] * 5
    yield kb_, root, home
    kb_.close()


def test_no_raw_value_reaches_any_file_under_kb_home(planted):
    kb, _, home = planted
    kb.close()  # flush the manifest's WAL so its pages are in the files we read
    # sanitize_terms.txt is the user's own list, not something kb wrote
    files = [p for p in home.rglob("*") if p.is_file() and p.name != "sanitize_terms.txt"]
    assert any(p.suffix == ".sqlite3" for p in files) and any("chroma" in str(p) for p in files)
    leaks = []
    for path in files:
        data = path.read_bytes()
        leaks += [(str(path.relative_to(home)), n) for n in _needles() if n.encode() in data]
    assert leaks == []


def test_everything_under_kb_home_is_private(planted):
    from tests.test_private_files import loose

    _, _, home = planted
    assert (home / "onnx").is_dir()  # the real embedder's export is covered too
    assert loose(home) == []


def test_every_category_was_counted_and_status_shows_totals(planted):
    kb, _, home = planted
    kb = KnowledgeBase(Settings(home=home))
    totals = kb.status().redactions
    assert set(PLANTED.values()) <= set(totals), set(PLANTED.values()) - set(totals)


def test_search_json_echoes_the_query_sanitized(planted, capsys, monkeypatch):
    _, _, home = planted
    monkeypatch.setenv("KB_HOME", str(home))
    assert kb.cli.main(["search", "--json", "-k", "1", f"mail from {EMAIL}"]) == 0
    out = capsys.readouterr().out
    assert EMAIL not in out and "[EMAIL_" in json.loads(out)["query"]


def test_searching_for_the_planted_address_finds_its_passage(planted):
    _, root, home = planted
    kb = KnowledgeBase(Settings(home=home))
    hits = kb.search(EMAIL, k=3)
    placeholder = kb.sanitize(EMAIL)
    assert placeholder != EMAIL and placeholder.startswith("[EMAIL_")
    note = [h for h in hits if h.source == str(root / "journal" / "2025-03-04.md")]
    assert note and placeholder in note[0].text
    # the other hits are mail from that address: the pseudonym is in their sender
    assert all(placeholder in h.text or placeholder in (h.sender or "") for h in hits)
