"""Notes (.md, .markdown, .txt) -> one Document each, with a title and, where found, a date.

The date comes from the first of: front matter ``date:`` (or ``created:``), a date in the file
name, a date in the first heading, each read by ``kb.dates.documents``.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.dates.documents import date_in_name, date_in_text, parse_date_value
from kb.errors import FileFailed, FileSkipped
from kb.records import Document

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]*)\]\]")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")
_BOMS_16 = (b"\xff\xfe", b"\xfe\xff")


def parse_note(path: Path) -> list[Document]:
    """Read one note file; raises FileFailed / FileSkipped with a reason a person can read."""
    meta, body = split_front_matter(decode_text(read_bytes(path)))
    body = clean_text(body)
    if not body:
        raise FileSkipped("no text besides front matter")
    heading = first_heading(body)
    title = meta.get("title") or heading or pretty_stem(path)
    when = (
        parse_date_value(meta.get("date", ""))
        or parse_date_value(meta.get("created", ""))
        or date_in_name(path.stem)
        or (date_in_text(heading) if heading else None)
    )
    doc = Document(source=str(path.resolve()), kind="note", title=title, text=body, date=when)
    return [doc]


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise FileFailed("cannot read file: permission denied") from exc
    except OSError as exc:
        raise FileFailed(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise FileSkipped("empty file")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM allowed), UTF-16 with a BOM, else cp1252 / latin-1; binary junk is refused."""
    if data.startswith(_BOMS_16):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise FileFailed("not a text file (binary content)")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    # latin-1 decodes anything, so junk has to be recognised by what it decodes to
    controls = sum(1 for ch in text if not ch.isprintable() and ch not in "\t\n\r\f\v")
    if "\x00" in text or controls > 0.1 * len(text):
        raise FileFailed("not a text file (binary content)")
    if not text.strip():
        raise FileSkipped("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter's top-level ``key: value`` scalars, and the text after it.

    A full YAML parser is not needed for title and date, and a line parser cannot fail on the
    malformed front matter people do write; nested keys and lists are ignored.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        return {}, text  # no closing line: a horizontal rule, not front matter
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        m = re.match(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$", line)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()
            meta[m.group(1).lower()] = value
    return meta, "\n".join(lines[end + 1 :])


def _wikilink(m: re.Match[str]) -> str:
    if m.group(1):  # ![[embed]]: the embedded file is indexed on its own, if at all
        return ""
    target, *alias = re.split(r"\\?\|", m.group(2), maxsplit=1)  # "\|" inside tables
    if alias and alias[0].strip():
        return alias[0].strip()
    page, _, anchor = target.partition("#")
    if anchor.startswith("^") or not anchor:  # block references carry no readable text
        return page.strip()
    return f"{page.strip()} > {anchor.strip()}" if page.strip() else anchor.strip()


def clean_text(body: str) -> str:
    """Wikilinks to plain words, embeds out, blank-line runs collapsed; other markdown kept."""
    body = _WIKILINK.sub(_wikilink, body)
    return _BLANK_RUN.sub("\n\n", body).strip()


def first_heading(text: str) -> str | None:
    """Text of the first ATX heading outside fenced code ("#tag" lines are not headings)."""
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _HEADING.match(line)):
            return m.group(2).strip() or None
    return None


def pretty_stem(path: Path) -> str:
    return re.sub(r"\s+", " ", path.stem.replace("_", " ")).strip() or path.name
