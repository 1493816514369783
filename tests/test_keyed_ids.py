"""Identifiers after their keyword are masked even when their checksum or prefix fails.

The values below are all invalid for their scheme (QQ is the NINO example prefix, the IBAN's
check digits are wrong, the SSN's area is 000, ...): the checksum detectors reject them, the
words in front of them do not. Then the same values planted in every format kb parses must not
reach any byte under KB_HOME.
"""

from __future__ import annotations

import mailbox
import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from ingest.sync import Syncer
from kb.knowledge_base import KnowledgeBase
from kb.sanitize import Sanitizer
from kb.settings import Settings
from tests.pdf_builder import make_pdf

# text, the value that must go, its category
# fmt: off
FAILING = [
    ("national insurance no. QQ 12 34 56 C", "QQ 12 34 56 C", "uk_nino"),
    ("NI number: ZZ123456Q", "ZZ123456Q", "uk_nino"),
    ("his social security number is 000-71-4492", "000-71-4492", "ssn"),
    ("SIN 946 454 281", "946 454 281", "ca_sin"),
    ("BSN 318472651", "318472651", "nl_bsn"),
    ("DNI 48193726A", "48193726A", "es_dni"),
    ("IBAN GB00 WEST 1234 5698 7654 32", "GB00 WEST 1234 5698 7654 32", "iban"),
    ("my iban is de00370400440532013001", "de00370400440532013001", "iban"),
    ("passport number 533380006 (expires 2031)", "533380006", "passport"),
    ("Reisepass C01X00T47", "C01X00T47", "passport"),
    ("driving licence MORGA753116SM9IJ", "MORGA753116SM9IJ", "driver_licence"),
    ("My driver's license number is F162823540116", "F162823540116", "driver_licence"),
    ("tax id: 47-3198826", "47-3198826", "tax_id"),
    ("UTR 5381920476", "5381920476", "tax_id"),
    ("ID card no. X7319264Y", "X7319264Y", "id_number"),
    ("account number 31926819, sort code 60-16-13", "31926819", "bank_account"),
    ("sort code 60-16-13", "60-16-13", "bank_account"),
]
# keyword, then no identifier: nothing is masked
PROSE = [
    "your account number will be sent by post",
    "the driving licence was renewed in 2019",
    "I lost my ID card 3 times",
    "passport photos cost 12 pounds",
    "we paid the tax on 2025-04-05",
    "the NI number is on your payslip",
    "sort code and account number are on the back of the card",
    "a sin of 2 hours",
    "The tin of 24 biscuits",
]
# fmt: on


@pytest.fixture(scope="module")
def san() -> Sanitizer:
    return Sanitizer(b"k" * 32)


@pytest.mark.parametrize("text, value, category", FAILING)
def test_a_value_after_its_keyword_is_masked_in_the_keywords_category(san, text, value, category):
    clean, counts = san.text(text)
    assert value not in clean and re.sub(r"[\s-]", "", value) not in clean.replace(" ", "")
    assert f"[REDACTED:{category}]" in clean, clean
    assert counts[category] >= 1


@pytest.mark.parametrize("text", PROSE)
def test_prose_after_a_keyword_is_left_alone(san, text):
    assert san.text(text) == (text, {})


def test_masking_is_idempotent_and_keep_switches_a_category_off(san):
    text = " ".join(t for t, _, _ in FAILING)
    once = san(text)
    assert san(once) == once
    kept = Sanitizer(b"k" * 32, keep=frozenset({"passport"}))
    assert "533380006" in kept(text) and "MORGA753116SM9IJ" not in kept(text)


# --- every format, every byte -------------------------------------------------------------------
def _message(subject: str, body: str, attachment: bytes | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Dana <dana@example.org>"
    msg["To"] = "Sam <sam@example.org>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 04 Mar 2025 09:30:00 +0000"
    msg["Message-ID"] = f"<{abs(hash(subject))}@example.org>"
    msg.set_content(body)
    if attachment:
        msg.add_attachment(
            attachment, maintype="application", subtype="pdf", filename="statement.pdf"
        )
    return msg


@pytest.mark.slow
def test_failing_identifiers_in_every_format_never_reach_kb_home(tmp_path: Path):
    values = [v for _, v, _ in FAILING]
    texts = [t for t, _, _ in FAILING]
    root = tmp_path / "docs"
    (root / "mail").mkdir(parents=True)
    (root / "note.md").write_text("# Papers\n\n" + "\n\n".join(texts[:5]) + "\n")
    (root / "form.pdf").write_bytes(make_pdf(["1. Applicant\n" + "\n".join(texts[5:9])]))
    (root / "mail" / "one.eml").write_bytes(bytes(_message(texts[9], texts[10])))
    box = mailbox.mbox(root / "mail" / "box.mbox")
    box.add(_message("Forms", "\n".join(texts[11:14])))
    pdf = make_pdf(["Statement\n" + "\n".join(texts[14:])])
    box.add(_message("Statement attached", "See the attachment.", pdf))
    box.close()

    home = tmp_path / "home"
    kb = KnowledgeBase(Settings(home=home, embedder="fake"))
    report = Syncer(kb).sync([root])
    assert report.failed == [] and report.added == 4
    indexed = " ".join(c.text for c in kb.store.all_chunks())
    assert indexed.count("[REDACTED:") >= len(FAILING)
    kb.close()

    needles = {v for v in values} | {re.sub(r"[\s-]", "", v) for v in values}
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, f"{needle!r} is in {path}"
