"""Recall and precision of the sanitizer on labelled third-party data (bench/sanitize.py):
pii_presidio's labelled PII spans, and secrets_credsweeper (CredSweeper's expected detections —
one mature scanner's output, not human ground truth).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from kb.sanitize.findings import Finding
from kb.sanitize.sanitizer import Sanitizer

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
COVER = 0.8  # a labelled span counts as found when >= 80 % of its characters are redacted

PRESIDIO = {
    "CREDIT_CARD": "card",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "IBAN_CODE": "iban",
    "US_SSN": "ssn",
    "IP_ADDRESS": "ip",
    "US_DRIVER_LICENSE": "driver_licence",  # claimed since keyword-introduced identifiers
}
# CredSweeper rules for values with neither a known format nor a keyword: not claimed.
# fmt: off
CS_UNCLAIMED = {"UUID", "AWS S3 Bucket", "Firebase Domain", "Tencent WeChat API App ID", "Nonce",
                "OTP / 2FA Secret", "Dropbox App secret",
                "JWK"}
# fmt: on
CS_PASSWORD = {"Password", "SQL Password", "CMD Password", "CMD ConvertTo-SecureString"}
CS_KEYWORD = {"Token", "Secret", "Key", "API", "Auth", "Credential", "CMD Token", "CMD Secret"}
SECRET_CATS = {"password", "secret"}
BINARY_SUFFIXES = {".docx", ".xlsx", ".xls", ".pptx", ".ods", ".pdf"}


def covered(span: tuple[int, int], findings: list[Finding]) -> bool:
    s, e = span
    hit = sum(max(0, min(e, f.end) - max(s, f.start)) for f in findings)
    return e > s and hit / (e - s) >= COVER


def overlaps(f: Finding, spans: list[tuple[int, int]]) -> bool:
    return any(f.start < e and s < f.end for s, e in spans)


def presidio(san: Sanitizer, rows: list[list[str]], misses: list[str]) -> tuple[int, int]:
    found, total, tp, flagged = Counter(), Counter(), Counter(), Counter()
    for name in ("synth_dataset_v2.json", "generated_small.json"):
        for rec in json.loads((CORPORA / "pii_presidio" / name).read_text()):
            text = rec["full_text"]
            gold = [
                (PRESIDIO.get(s["entity_type"]), s["start_position"], s["end_position"])
                for s in rec["spans"]
                if text[s["start_position"] : s["end_position"]] == s["entity_value"]
            ]
            findings = san.scan(text)
            for cat, s, e in gold:
                if cat:
                    total[cat] += 1
                    ok = covered((s, e), findings)
                    found[cat] += ok
                    if not ok:
                        misses.append(f"presidio {cat} missed: {text[s:e]!r}")
            for f in findings:
                flagged[f.category] += 1
                same = [(s, e) for cat, s, e in gold if cat == f.category]
                if overlaps(f, same):
                    tp[f.category] += 1
                else:
                    misses.append(
                        f"presidio {f.category} false: {text[f.start : f.end]!r} in "
                        f"{text[max(0, f.start - 30) : f.end + 10]!r}"
                    )
    for cat in sorted(set(total) | set(flagged)):
        rows.append(
            [
                "presidio",
                cat,
                total[cat],
                ratio(found[cat], total[cat]),
                flagged[cat],
                ratio(tp[cat], flagged[cat]),
            ]
        )
    return sum(tp.values()), sum(flagged.values())


def _read_sample(path: Path) -> str | None:
    raw = path.read_bytes()
    if path.suffix in BINARY_SUFFIXES:
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _locate(text: str, label: dict) -> tuple[int, int] | None:
    lines = text.split("\n")
    n = label["line_num"] - 1
    if 0 <= n < len(lines):
        offset = sum(len(x) + 1 for x in lines[:n])
        line, value = lines[n], label["value"]
        if line[label["value_start"] : label["value_end"]] == value:
            return offset + label["value_start"], offset + label["value_end"]
        if value in line:
            return offset + line.index(value), offset + line.index(value) + len(value)
    i = text.find(label["value"])
    return (i, i + len(label["value"])) if i >= 0 and label["value"] else None


def credsweeper(san: Sanitizer, rows: list[list[str]], misses: list[str]) -> tuple[int, int]:
    base = CORPORA / "secrets_credsweeper"
    labels = defaultdict(list)
    for name in ("labels_default.jsonl", "labels_doc_mode.jsonl"):
        for line in (base / name).read_text().splitlines():
            label = json.loads(line)
            labels[label["file"]].append((name, label))
    found, total, flagged, tp, skipped = Counter(), Counter(), Counter(), Counter(), Counter()
    for path in sorted((base / "samples").iterdir()):
        text = _read_sample(path)
        file_labels = labels.get(f"samples/{path.name}", [])
        if text is None:
            skipped["binary"] += sum(n == "labels_default.jsonl" for n, _ in file_labels)
            continue
        findings = [f for f in san.scan(text) if f.category not in ("email", "ip", "phone")]
        spans = [sp for _, lab in file_labels if (sp := _locate(text, lab))]
        for name, lab in file_labels:
            group = (
                "unclaimed"
                if lab["rule"] in CS_UNCLAIMED
                else "password (keyword)"
                if lab["rule"] in CS_PASSWORD
                else "secret (keyword)"
                if lab["rule"] in CS_KEYWORD
                else "known format"
            )
            if name != "labels_default.jsonl" or group == "unclaimed":
                skipped[group] += group == "unclaimed" and name == "labels_default.jsonl"
                continue
            span = _locate(text, lab)
            if span is None:
                skipped["not locatable"] += 1
                continue
            total[group] += 1
            ok = covered(span, findings)
            found[group] += ok
            if not ok:
                misses.append(
                    f"credsweeper {group} missed ({lab['rule']}): {lab['line'].strip()[:110]!r}"
                )
        for f in findings:
            cat = f.category if f.category in SECRET_CATS else "known-format masks"
            flagged[cat] += 1
            if overlaps(f, spans):
                tp[cat] += 1
            else:
                misses.append(
                    f"credsweeper {f.category} false in {path.name}: "
                    f"{text[max(0, f.start - 25) : f.end + 5]!r}"
                )
    for group in ("known format", "password (keyword)", "secret (keyword)"):
        rows.append(["credsweeper", group, total[group], ratio(found[group], total[group]), "", ""])
    for cat in ("known-format masks", "password", "secret"):
        rows.append(
            ["credsweeper", f"flagged: {cat}", "", "", flagged[cat], ratio(tp[cat], flagged[cat])]
        )
    print(
        f"credsweeper labels not scored: {dict(skipped)} (binary formats are not text; "
        f"unclaimed = {sorted(CS_UNCLAIMED)})"
    )
    return sum(tp.values()), sum(flagged.values())


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"
