"""Generate the binary parts of sample_corpus/: contract PDFs, mail/inbox.mbox and mail/eml/.

Run ``.venv/bin/python tools/make_sample_corpus.py [--out DIR]``. The journal notes are written
by hand; everything this script writes is byte-for-byte reproducible: fixed dates, fixed
Message-IDs and MIME boundaries, PDF metadata set explicitly, no timestamps, no randomness.
PDFs are drawn with pypdf alone (standard Type 1 fonts and text operators), so no other PDF
library is needed. The texts live in the package ``tools/sample_corpus/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_corpus import mail, mail_writer, pdf_writer, pdfs  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def build(out: Path) -> list[Path]:
    """Write every generated file under ``out`` (a sample_corpus folder); return their paths."""
    written: list[Path] = []
    (out / "contracts").mkdir(parents=True, exist_ok=True)
    (out / "mail" / "eml").mkdir(parents=True, exist_ok=True)
    for filename, doc in pdfs.CONTRACTS.items():
        path = out / "contracts" / filename
        path.write_bytes(pdf_writer.render_pdf(doc))
        written.append(path)
    mbox_path = out / "mail" / "inbox.mbox"
    mail_writer.write_mbox(mbox_path, mail.MAILBOX)
    written.append(mbox_path)
    for filename, m in mail.EML_FILES.items():
        path = out / "mail" / "eml" / filename
        path.write_bytes(mail_writer.eml_bytes(m))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate sample_corpus PDFs and mail.")
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "sample_corpus",
        help="target folder (default: the repository's sample_corpus/)",
    )
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
