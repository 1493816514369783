"""OpenDocument text (.odt) -> one Document, read with zipfile and ElementTree alone.

content.xml holds the body in reading order: headings (``text:h``, by outline level), paragraphs,
lists (items drawn with "•": their numbering lives in styles kb does not evaluate) and tables
(one line per row, cells joined by " | "). meta.xml gives the title and the creation date; a
date in the file name comes first, as for Word documents.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ingest.parsers.metadata import clean_value
from ingest.parsers.office import office_document, read_package
from kb.dates.documents import parse_date_value
from kb.errors import FileFailed
from kb.records import Document

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def parse_odt(path: Path) -> list[Document]:
    """Read one .odt file; raises FileFailed / FileSkipped with a reason a person can read."""
    data = read_package(path, "content.xml", "OpenDocument text")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = ElementTree.fromstring(z.read("content.xml")).find(f"{OFFICE}body")
            meta = z.read("meta.xml") if "meta.xml" in z.namelist() else b""
        blocks = list(_blocks(body)) if body is not None else []
    except Exception as exc:  # ParseError, or a damaged member
        raise FileFailed(f"damaged OpenDocument text ({type(exc).__name__})") from exc
    title, created = _meta(meta)
    heading = next((b.lstrip("# ") for b in blocks if b.startswith("#")), None)
    when = parse_date_value(created) if created else None
    return [office_document(path, blocks, title=title, heading=heading, date=when)]


def _inline(el: Any) -> str:
    """An element's text with spaces (``text:s``), tabs and line breaks as written."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{TEXT}note":  # footnote bodies would break the sentence
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: Any, item: bool = False) -> Iterator[str]:
    for child in el:
        if child.tag == f"{TEXT}h":
            level = child.get(f"{TEXT}outline-level", "1")
            depth = min(int(level), 6) if level.isdigit() else 1
            yield "#" * depth + " " + _inline(child).strip()
        elif child.tag == f"{TEXT}p":
            text = _inline(child).strip()
            yield f"• {text}" if item and text else text
        elif child.tag == f"{TEXT}list-item":
            yield from _blocks(child, item=True)
        elif child.tag == f"{TABLE}table":
            rows = []
            for row in _rows(child):
                cells = [" ".join(_blocks(c)).strip() for c in row.findall(f"{TABLE}table-cell")]
                if any(cells):
                    rows.append(" | ".join(cells))
            yield "\n".join(rows)
        else:
            yield from _blocks(child, item)


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows, header rows and row groups included, not those of tables nested
    in its cells (they are read as the cell's text)."""
    for child in table:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (
            f"{TABLE}table-header-rows",
            f"{TABLE}table-rows",
            f"{TABLE}table-row-group",
        ):
            yield from _rows(child)


def _meta(data: bytes) -> tuple[str | None, str | None]:
    try:
        root = ElementTree.fromstring(data) if data else None
    except ElementTree.ParseError:
        return None, None
    if root is None:
        return None, None
    title = root.find(f".//{DC}title")
    created = root.find(f".//{META}creation-date")
    return (
        clean_value(title.text) if title is not None else None,
        created.text if created is not None else None,
    )
