"""Notes (.md, .markdown, .txt) -> one Document each, with a title and, where found, a date.

The date comes from the first of: front matter ``date:`` (or ``created:``), a date in the file
name, a date in the first heading. Numeric dates are read by one rule (see ``_numeric_date``):

* ``YYYY-MM-DD`` (also ``_`` / ``.`` separators and ``YYYYMMDD``) is year-first, always;
* ``DD-MM-YYYY`` is day-first (European order); only when the middle number cannot be a month
  (``03-14-2025``) is it read month-first;
* an 8-digit run that is not a valid ``YYYYMMDD`` is tried as ``DDMMYYYY``.

Anything that is not a real calendar date gives ``None``, never an exception.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kb.errors import FileFailed, FileSkipped
from kb.types import Document

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sep sept", "october oct", "november nov",
         "december dec")
    )
    for name in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Written-out dates as they appear in journal headings: "14 March 2025", "March 3, 2025".
_WORDY = [
    re.compile(rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
]
_YMD = re.compile(r"(?<!\d)(\d{4})([-_./])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})([-_./])(\d{1,2})\2(\d{4})(?!\d)")
_EIGHT = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$")

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
        parse_date_value(meta.get("date", "")) or parse_date_value(meta.get("created", ""))
        or date_in_name(path.stem) or (date_in_text(heading) if heading else None)
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
    return meta, "\n".join(lines[end + 1:])


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


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1000 <= year <= 2999:  # four digits that are not a plausible year are an id
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_date(text: str) -> str | None:
    """The first numeric date in ``text`` by the rule in the module docstring."""
    if m := _YMD.search(text):
        return _valid(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if m := _DMY.search(text):
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if second > 12 >= first:
            return _valid(year, first, second)
        return _valid(year, second, first)
    if m := _EIGHT.search(text):
        s = m.group(1)
        return _valid(int(s[:4]), int(s[4:6]), int(s[6:])) or _valid(
            int(s[4:]), int(s[2:4]), int(s[:2])
        )
    return None


def date_in_text(text: str) -> str | None:
    """A numeric or written-out date anywhere in a short text (a heading, a value)."""
    found = _numeric_date(text)
    if found:
        return found
    for pattern in _WORDY:
        if m := pattern.search(text):
            month = MONTHS[m.group("month").lower()]
            return _valid(int(m.group("year")), month, int(m.group("day")))
    return None


def date_in_name(stem: str) -> str | None:
    return _numeric_date(stem)


def parse_date_value(value: str) -> str | None:
    """A front-matter date: ISO date or datetime first, then anything ``date_in_text`` reads."""
    value = value.strip()
    if not value:
        return None
    if m := _ISO_TIME.match(value):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return date_in_text(value)
