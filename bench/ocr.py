"""OCR: character error rate and pages/s per engine on this machine, and kb's end-to-end time
for a 10-page scan (written -> searchable).

    .venv/bin/python bench/ocr.py [--pages 10] [--skip-e2e]

Engines: tesserocr (what kb uses), Debian's `tesseract` command if installed, RapidOCR if its
package is importable here (it is not a kb dependency: see README § Scanned documents). Pages:
``clean`` — 10 generated contract pages at 200 dpi, turned by 1.5°, slightly blurred, JPEG
compressed (text known exactly); ``specked`` — the same with ~2,000 specks of dust a page (what
the tests use); ``real`` — scans of the shared corpus with hand-written
transcriptions in bench/ocr_expected/ (skipped when ../shared/corpora is absent).

CER = Levenshtein distance / reference length, after NFKC, typographic quotes and dashes
folded, bullets dropped and whitespace collapsed. Goals: CER <= 2 % on clean 200-dpi scans, a
10-page scan searchable in under a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.scan_builder import scan_page, scan_pdf  # noqa: E402

EXPECTED = Path(__file__).with_name("ocr_expected")
PDFS = REPO.parent / "shared" / "corpora" / "pdfs"
# (pdf, page, transcription) of the corpus's scans with text of their own
REAL = [
    ("ocrmypdf__linn.pdf", 1, "ocrmypdf__linn_p1.txt"),
    ("ocrmypdf__skew.pdf", 1, "ocrmypdf__linn_p1.txt"),
    ("ocrmypdf__c02-22.pdf", 1, "ocrmypdf__c02-22_p1.txt"),
    ("ocrmypdf__francais.pdf", 1, "ocrmypdf__francais_p1.txt"),
    ("ocrmypdf__vector.pdf", 1, "ocrmypdf__vector_p1.txt"),
    ("pypdf__Seige_of_Vicksburg_Sample_OCR.pdf", 1, "pypdf__Seige_of_Vicksburg_Sample_OCR_p1.txt"),
]
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "•": " "})


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).split())


def distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time: the insertion term of a row is a running
    minimum, so no Python loop over columns is needed."""
    if not a or not b:
        return max(len(a), len(b))
    bs = np.array([ord(c) for c in b], dtype=np.int64)
    cols = np.arange(len(b) + 1)
    row = cols.copy()
    for i, ch in enumerate(a, start=1):
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, row[:-1] + (bs != ord(ch)))
        row = np.minimum.accumulate(best - cols) + cols
    return int(row[-1])


def cer(found: str, expected: str) -> float:
    ref = normal(expected)
    return distance(normal(found), ref) / max(1, len(ref))


# --- the clean set: contract pages whose text is known ------------------------------------------
# fmt: off
CLAUSES = [
    "The Tenant shall pay a monthly rent of GBP {n}.50 on the first day of each month.",
    "Either party may end this agreement with {n} days notice in writing.",
    "The deposit of GBP {n}0.00 is held in a government-approved scheme.",
    "Unit B-{n} is let for storage of household goods only.",
    "Access to the premises is from 06:00 to 22:00, seven days a week.",
    "Late payment bears interest at {n} per cent above the base rate.",
    "Clause {n}.2 does not apply to information that is already public.",
    "The Landlord insures the building; the Tenant insures the goods stored.",
]
# fmt: on


def clean_pages(count: int) -> list[list[str]]:
    pages = []
    for p in range(count):
        lines = [f"# {p + 1}. SCHEDULE {p + 1}"]
        lines += [CLAUSES[(p + i) % len(CLAUSES)].format(n=10 + 7 * p + i) for i in range(8)]
        pages.append([line[:70] for line in lines])
    return pages


def text_of(lines: list[str]) -> str:
    return "\n".join(line.removeprefix("# ") for line in lines)


# --- engines: image -> text --------------------------------------------------------------------
def engines() -> dict[str, Callable[..., str]]:
    from ingest.parsers.ocr import Recogniser

    tess = Recogniser("eng")
    found: dict[str, Callable[..., str]] = {
        f"tesserocr ({tess.name})": lambda im: tess.read(im).text
    }
    if shutil.which("tesseract"):
        version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
        name = f"tesseract CLI ({version.stdout.split()[1] if version.stdout else '?'})"
        found[name] = _cli
    try:
        from rapidocr import RapidOCR  # type: ignore[import-not-found]

        rapid = RapidOCR(params={"EngineConfig.onnxruntime.intra_op_num_threads": 2})
        found["rapidocr"] = lambda im: "\n".join(rapid(np.asarray(im.convert("RGB"))).txts or ())
    except ImportError:
        print("rapidocr: not installed here (pip install rapidocr onnxruntime to compare)")
    return found


def _cli(image) -> str:
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        image.save(f.name)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # OpenMP spin-waits cost 10x on 2 cores
        out = subprocess.run(["tesseract", f.name, "-", "-l", "eng"], capture_output=True, env=env)
        return out.stdout.decode("utf-8", "replace")


def real_pages() -> list[tuple[str, object, str]]:
    import pypdfium2 as pdfium

    out = []
    for pdf, page, transcript in REAL:
        if not (PDFS / pdf).exists():
            continue
        doc = pdfium.PdfDocument(str(PDFS / pdf))
        image = doc[page - 1].render(scale=200 / 72, grayscale=True).to_pil()
        out.append((pdf, image, (EXPECTED / transcript).read_text(encoding="utf-8")))
    return out


def measure(
    engine: Callable[..., str], pages: list[tuple[str, object, str]]
) -> tuple[float, float]:
    """(character error rate over all pages, pages per second)."""
    errors = total = 0.0
    start = time.perf_counter()
    for _, image, expected in pages:
        found = engine(image)
        ref = len(normal(expected))
        errors += cer(found, expected) * ref
        total += ref
    return errors / max(1.0, total), len(pages) / (time.perf_counter() - start)


# --- kb end to end ------------------------------------------------------------------------------
def end_to_end(pages: int) -> None:
    """`kb index` of a folder holding one N-page scan, in a fresh process: the ONNX embedder is
    exported once per KB_HOME, so the warm figure (a second scan, same home) is what a user
    pays per file."""
    kb = Path(sys.executable).with_name("kb")
    with tempfile.TemporaryDirectory() as tmp:
        home, folder = Path(tmp) / "home", Path(tmp) / "scans"
        folder.mkdir()
        env = {**os.environ, "KB_HOME": str(home), "KB_MODEL": "none"}
        for run, name in (("first (exports the embedder)", "a.pdf"), ("warm", "b.pdf")):
            lines = clean_pages(pages)
            lines[6][2] = f"The storage unit of file {name} is number Q-{len(name) * 111}."
            (folder / name).write_bytes(scan_pdf(lines))
            start = time.perf_counter()
            subprocess.run(
                [str(kb), "index", str(folder)], env=env, check=True, capture_output=True
            )
            took = time.perf_counter() - start
            hits = subprocess.run(
                [str(kb), "search", "--json", "-k", "1", f"storage unit of file {name}"],
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            # Tesseract may read the code as "Q- 111": the hit must be page 7 and hold it
            found = bool(re.search(rf"Q-\s?{len(name) * 111}", hits)) and '"page": 7' in hits
            rate = f"{pages / took:.2f} pages/s"
            print(f"  {pages}-page scan, {run}: searchable in {took:.1f} s ({rate}); "
                  f"the fact on p. 7 found and cited: {found}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--skip-e2e", action="store_true")
    args = ap.parse_args()
    sets = {
        name: [
            (
                f"p{i + 1}",
                scan_page(lines, angle=1.5 * (-1) ** i, seed=i, noise=noise),
                text_of(lines),
            )
            for i, lines in enumerate(clean_pages(args.pages))
        ]
        for name, noise in (("clean", 0.0), ("specked", 0.02))
    }
    sets["real"] = real_pages()
    sizes = ", ".join(f"{k} {len(v)} pages" for k, v in sets.items())
    print(f"OCR on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {sizes}")
    print(f"{'engine':<34}" + "".join(f" {'CER ' + k:>12} {'pages/s':>8}" for k in sets))
    for name, engine in engines().items():
        row = [measure(engine, pages) if pages else (float("nan"),) * 2 for pages in sets.values()]
        print(f"{name:<34}" + "".join(f" {c:>12.2%} {r:>8.2f}" for c, r in row))
    if not args.skip_e2e:
        print("kb end to end (CLI, real embedder, fresh process each):")
        end_to_end(args.pages)


if __name__ == "__main__":
    main()
