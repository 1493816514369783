"""The sanitizer on real third-party text: a diary stays untouched, planted secrets disappear.

The full per-category figures are in bench/sanitize.py; these tests guard against regressions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.sanitize.sanitizer import Sanitizer

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SAN = Sanitizer(b"\x01" * 32)


def corpus(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not available: {path}")
    return path


def test_pepys_diary_has_nothing_to_redact() -> None:
    notes = sorted(corpus("notes", "pepys_diary_1660", "daily").glob("*.md"))
    assert len(notes) > 300
    found = [(p.name, f.category) for p in notes for f in SAN.scan(p.read_text())]
    assert found == []


def test_presidio_cards_ibans_emails_ssns_are_all_removed() -> None:
    records = json.loads(corpus("pii_presidio", "synth_dataset_v2.json").read_text())
    wanted = {"CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "US_SSN", "IP_ADDRESS"}
    total = survived = 0
    for rec in records:
        out = SAN(rec["full_text"])
        assert SAN(out) == out
        for span in rec["spans"]:
            if span["entity_type"] in wanted:
                total += 1
                survived += span["entity_value"] in out
    assert total > 200
    assert survived <= total * 0.01  # one Faker card uses an issuer prefix no network has


def _labels() -> dict[str, list[dict]]:
    labels: dict[str, list[dict]] = {}
    for line in corpus("secrets_credsweeper", "labels_default.jsonl").read_text().splitlines():
        label = json.loads(line)
        labels.setdefault(label["file"], []).append(label)
    return labels


# fmt: off
PROVIDER_FILES = ["github_classic_token", "gitlab_prefix_token", "stripe_credentials",
                  "open_ai_token", "npm", "pypi_token", "sendgrid_api_key", "google_creds",
                  "slack_webhook.template", "json_web_token", "pem_key.p.rsa", "pem_key.p.log",
                  "twilio_credentials_p", "aws_multi.md", "doc_passwd_pair", "sql_password"]
# fmt: on


def _span(text: str, label: dict) -> tuple[int, int] | None:
    lines = text.split("\n")
    n = label["line_num"] - 1
    if not 0 <= n < len(lines) or not label["value"]:
        return None
    start = sum(len(x) + 1 for x in lines[:n]) + label["value_start"]
    return (start, start + len(label["value"])) if text[start:].startswith(label["value"]) else None


@pytest.mark.parametrize("name", PROVIDER_FILES)
def test_credsweeper_planted_credentials_disappear(name: str) -> None:
    text = corpus("secrets_credsweeper", "samples", name).read_text(encoding="utf-8")
    spans = [sp for lab in _labels()[f"samples/{name}"] if (sp := _span(text, lab))]
    findings = SAN.scan(text)
    missed = [
        text[s:e]
        for s, e in spans
        if sum(max(0, min(e, f.end) - max(s, f.start)) for f in findings) < 0.8 * (e - s)
    ]
    assert spans and len(missed) <= 0.05 * len(spans), missed
    out = SAN(text)
    assert SAN(out) == out


def test_documentation_placeholders_are_not_masked() -> None:
    """Placeholders from documentation are not secrets: "...EXAMPLE", "xxxx", "123456"."""
    text = corpus("secrets_credsweeper", "samples", "docker").read_text(encoding="utf-8")
    assert "dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123" in SAN(text)
