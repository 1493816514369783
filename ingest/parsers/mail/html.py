"""HTML mail bodies as readable plain text, with nothing but the standard library.

Mail HTML is tag soup written by dozens of clients, so the converter never raises: it keeps the
text, turns block elements into line breaks, drops what a reader never sees (head, script, style,
comments) and what only repeats older mail (Gmail's ``gmail_quote`` and ``<blockquote
type="cite">``), unescapes entities and collapses whitespace.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HIDDEN = {"script", "style", "head", "title", "template", "noscript", "xml"}
# fmt: off
_BREAK = {
    "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "blockquote", "hr", "pre", "dt", "dd", "section", "article", "header", "footer", "center",
    "address", "body", "html",
}
# fmt: on
_LINE_ONLY = {"br", "li", "tr", "dt", "dd"}  # one line break, not a paragraph gap
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


def _is_quote(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Elements that hold the quoted earlier message of a reply."""
    values = {k.lower(): (v or "").lower() for k, v in attrs}
    if tag == "blockquote" and values.get("type") == "cite":
        return True
    return tag == "div" and (
        "gmail_quote" in values.get("class", "")
        or values.get("id") in ("divrplyfwdmsg", "appendonsend")
    )


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_tag: str | None = None  # the element whose content is being dropped
        self.skip_depth = 0
        self.pre = 0  # inside <pre>, source line breaks are content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            # count nested elements of the same name so the right end tag closes the skip;
            # a <body> ends an unclosed <head>
            if tag == self.skip_tag and tag not in _VOID:
                self.skip_depth += 1
            elif tag == "body" and self.skip_tag == "head":
                self.skip_tag, self.skip_depth = None, 0
            return
        if tag in _HIDDEN or _is_quote(tag, attrs):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in _BREAK:
            self.out.append("\n")
            self.pre += tag == "pre"
        elif tag in _CELL:
            self.out.append(" \t ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(f" {alt} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and friends: never open a skipped region
        if self.skip_tag is None and tag in _BREAK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth <= 0:
                    self.skip_tag = None
            return
        if tag in _BREAK and tag not in _LINE_ONLY:
            self.out.append("\n")
            self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data: str) -> None:
        if self.skip_tag is None:
            self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text of an HTML document or fragment; never raises on bad markup."""
    parser = _TextCollector()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but keep what was collected
        pass
    text = "".join(parser.out).replace("\xa0", " ").replace("\u200b", "")
    # source line breaks were collapsed in handle_data; the ones from block tags stay
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
