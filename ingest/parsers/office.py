"""Office packages (.docx, .odt): telling a locked or damaged file from a readable one, and the
Document both kinds make.

python-docx fails on a damaged file with whatever the layer below raised (``BadZipFile``,
``AttributeError``, ``zlib.error``, an XML syntax error), and on a password-protected one with
"not a zip file". ``problem`` looks at the bytes first and names what is wrong in words.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ingest.parsers.metadata import meaningful_title
from ingest.parsers.notes import pretty_stem, read_bytes
from kb.dates.documents import date_in_name
from kb.errors import FileFailed, FileSkipped
from kb.records import Document

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted OOXML and of old .doc
ZIP = b"PK\x03\x04"
LOCKED = "password-protected — kb cannot open encrypted office files; save a copy without one"


def problem(data: bytes, main: str, kind: str) -> str | None:
    """Why ``data`` is not a readable ``kind`` ("Word document") whose text is in ``main``."""
    if data[:8] == OLE:
        if "EncryptedPackage".encode("utf-16-le") in data:
            return LOCKED
        if "WordDocument".encode("utf-16-le") in data:
            return f"a Word 97–2003 file, not a {kind}: save it as .docx to index it"
        return f"not a {kind} (an OLE container)"
    if data[:4] != ZIP:
        return f"not a {kind} (not a zip package)"
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        if main not in names:
            return f"damaged {kind}: {main} is missing"
        if "META-INF/manifest.xml" in names and b"encryption-data" in z.read(
            "META-INF/manifest.xml"
        ):
            return LOCKED
        if not z.read(main).strip():  # inflates and checks the CRC of the part that matters
            return f"damaged {kind}: {main} is empty"
    except Exception as exc:  # BadZipFile, zlib.error, EOFError on a cut or damaged archive
        return f"damaged {kind}: {_why(exc)}"
    return None


def _why(exc: Exception) -> str:
    message = (str(exc).strip().splitlines() or [""])[0][:100]
    return message or type(exc).__name__


def read_package(path: Path, main: str, kind: str) -> bytes:
    """The file's bytes, or FileFailed naming what is wrong with it (``problem``)."""
    data = read_bytes(path)
    why = problem(data, main, kind)
    if why:
        raise FileFailed(why)
    return data


def office_document(
    path: Path, blocks: Sequence[str], *, title: str | None, heading: str | None, date: str | None
) -> Document:
    """One Document of the blocks (paragraphs, tables) in reading order. The title: the
    properties', else the first heading, else the file name; the date: one in the file name,
    else the properties' ``date``."""
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text:
        raise FileSkipped("no text in the document")
    return Document(
        source=str(path.resolve()),
        kind="document",
        title=meaningful_title(title) or heading or pretty_stem(path),
        text=text,
        date=date_in_name(path.stem) or date,
    )
