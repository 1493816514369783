"""Word documents (.docx) -> one Document: headings, numbered clauses and tables in reading order.

python-docx walks the body in order, paragraphs and tables alike. Headings become markdown
headings ("# Lease", "## 4. Termination") so the chunker starts a unit at each; a list paragraph
gets the label Word draws ("4.2", "(b)"), which python-docx leaves out of its text
(``numbering``); a table becomes one line per row, cells joined by " | " (a merged cell once,
nested tables in place). Headers and footers follow the body, each distinct one once.

The title comes from the core properties, else the first heading, else the file name; the date
from a date in the file name, else the core properties' creation date. A locked or damaged file
ends as ``FileFailed`` with a reason (``office``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.parsers.metadata import clean_value
from ingest.parsers.numbering import Labels, W
from ingest.parsers.office import office_document, read_package
from kb.errors import FileFailed
from kb.records import Document

log = logging.getLogger(__name__)


def parse_docx(path: Path) -> list[Document]:
    """Read one .docx file; raises FileFailed / FileSkipped with a reason a person can read."""
    data = read_package(path, "word/document.xml", "Word document")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        blocks = [*reader.blocks(document), *reader.margins(document)]
        core = document.core_properties
        title, created = clean_value(core.title), core.created
    except Exception as exc:  # python-docx raises anything on a damaged part: say which
        log.debug("%s: python-docx could not read it", path.name, exc_info=True)
        raise FileFailed(f"damaged Word document ({type(exc).__name__})") from exc
    when = created.date().isoformat() if created else None
    return [office_document(path, blocks, title=title, heading=reader.first_heading, date=when)]


class _Reader:
    """The blocks of one document as text, numbering counted across the whole body."""

    def __init__(self, document: Any):
        try:
            numbering = document.part.numbering_part.element
        except Exception:  # NotImplementedError / KeyError: a document without lists
            numbering = None
        self.labels = Labels(numbering)
        self.first_heading: str | None = None

    def blocks(self, container: Any) -> Iterator[str]:
        from docx.table import Table

        for block in container.iter_inner_content():
            if isinstance(block, Table):
                yield "\n".join(self._rows(block))
            else:
                yield self._paragraph(block)

    def _paragraph(self, p: Any) -> str:
        text = p.text.strip()
        label = self._label(p)  # counted even when empty: Word numbers empty items too
        if label and text:
            text = f"{label} {text}"
        depth = _heading_depth(p)
        if depth and text:
            self.first_heading = self.first_heading or text
            return "#" * depth + " " + text
        return text

    def _label(self, p: Any) -> str:
        """Word's own label for a numbered paragraph (numPr on it or on its style), or ""."""
        num = p._p.find(f"{W}pPr/{W}numPr")
        style = p.style
        while num is None and style is not None:
            num = style.element.find(f"{W}pPr/{W}numPr")
            style = style.base_style
        if num is None:
            return ""
        num_id = _attr(num, "numId")
        if num_id in (None, "0"):  # numId 0: numbering switched off for this paragraph
            return ""
        level = _attr(num, "ilvl") or "0"
        return self.labels.label(num_id, int(level) if level.isdigit() else 0)

    def _rows(self, table: Any) -> Iterator[str]:
        for row in table.rows:
            cells: list[str] = []
            seen: list[Any] = []  # the elements themselves: lxml keeps one proxy per live element
            for cell in row.cells:
                if any(cell._tc is tc for tc in seen):  # a merged cell comes once per column
                    continue
                seen.append(cell._tc)
                cells.append(" ".join(b for b in self.blocks(cell) if b.strip()))
            if any(cells):
                yield " | ".join(c.replace("\n", " ") for c in cells)

    def margins(self, document: Any) -> Iterator[str]:
        """Each distinct header and footer text once (sections repeat linked ones)."""
        seen: set[str] = set()
        for section in document.sections:
            for part in (section.header, section.footer):
                text = "\n".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                if text and text not in seen:
                    seen.add(text)
                    yield text


def _attr(num: Any, tag: str) -> str | None:
    child = num.find(W + tag)
    return child.get(W + "val") if child is not None else None


def _heading_depth(p: Any) -> int:
    """1 for Title and Heading 1, 2 for Heading 2, ...; 0 for body text."""
    name = (p.style.name if p.style is not None else "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        level = name.removeprefix("Heading ").strip()
        return min(int(level), 6) if level.isdigit() else 1
    return 0
