"""HTML pages: the rendering most researchers hold (a government site's article page).

Parsed with lexbor (selectolax), a real HTML5 parser.  The page's chrome — scripts,
styles, menus, headers, footers, forms, share buttons — is dropped by tag and by the
class/id names sites give it.  What remains is walked in document order: each block
element (``p``, ``div``, ``h1``…, ``li``, ``br``) ends a paragraph line, inline elements
(``span``, ``font``, ``b``, ``a``, Word's ``o:p``) are joined, so a heading that an editor
split over three ``<font>`` tags is one line again.  A data table becomes grid lines with
its merged cells placed by :mod:`govkit.read.readers.grid`; a layout table (one holding another
table) is read as blocks.  ``&nbsp;`` and empty cells are blank.
"""

from __future__ import annotations

import re
from typing import Any

from ..decode import declared_charset, decode
from ..model import Document, Line
from ..text import CUT, ends_in_figure, mark_cut_off
from .grid import Cell, span, table_lines

_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "main", "blockquote", "pre", "center", "address", "hr", "tr",
    "tbody", "thead", "tfoot", "caption", "figure", "figcaption", "body", "html", "td", "th",
})
_DROP_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "select", "button", "iframe", "svg", "object", "embed", "head", "input",
              "textarea", "map", "audio", "video", "canvas"]
_DROP = ", ".join(_DROP_TAGS)
#: Class or id fragments of page chrome.  Fragments naming content override them.
_CHROME = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|side-bar|topbar|toolbar|"
    r"copyright|banner|search|login|logo|adbottom|bottom|friendlink|links?$", re.I)
_CONTENT = re.compile(r"article|content|zoom|detail", re.I)
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
_WS = re.compile(r"[ \t\r\n\f\u200b]+")


def read(data: bytes) -> Document:
    from selectolax.lexbor import LexborHTMLParser  # lazy: text-only users never pay

    text, encoding, findings = decode(data, declared_charset(data))
    # lexbor reads UTF-8 bytes directly, which spares it re-encoding the text; a page cut
    # off in the middle of a figure gets the marker that makes that figure unreadable
    if ends_in_figure(data[-2:].decode("latin-1")):
        data, text = data + CUT.encode(), mark_cut_off(text)
    tree = LexborHTMLParser(data if encoding == "utf-8" else text)
    root = tree.body
    if root is None:
        return Document([], findings, encoding)
    for node in root.css(_DROP):
        node.decompose()
    for node in root.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _CHROME.search(names) and not _CONTENT.search(names) and node.tag != "body":
            node.decompose()
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return Document(walker.lines, findings, encoding)


class _Walker:
    """Collects paragraph and table lines from a DOM subtree in document order."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buf: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        if self.buf:
            text = _WS.sub(" ", "".join(self.buf)).strip()
            self.buf.clear()
            if text.replace("\xa0", "").replace("\u3000", "").strip():
                self.lines.append(Line([text], f"paragraph {len(self.lines) + 1}"))

    def walk(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                if "<" in text and _MARKUP.search(text):
                    # markup a broken tag turned into text (an unclosed <title> swallows
                    # the page): its attributes (width="136") are not figures
                    text = _MARKUP.sub(" ", text)
                self.buf.append(text)
            elif tag == "table":
                self.flush()
                if child.css_first("td table, th table") is not None:
                    self.walk(child)  # a layout table: its cells are blocks
                else:
                    self.tables += 1
                    self.lines += table_lines(_rows(child), f"table {self.tables}")
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            elif tag not in ("-comment", "img"):
                self.walk(child)


def _cell_text(td: Any) -> str:
    """A cell's text, its parts (text nodes) on lines of their own.

    Labels are joined again later (matching ignores whitespace), but a figure never spans
    two parts: ``<p>26</p><p>26</p>`` is not 2626, and ``<span>1</span><span>2</span>`` may
    be 12 or two figures; both are unreadable (see :func:`govkit.read.text.read_cell`).
    """
    parts = (_WS.sub(" ", t).strip() for t in td.text(deep=True, separator="\x00").split("\x00"))
    return "\n".join(p for p in parts if p)


def _rows(table: Any) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for tr in table.css("tr"):
        row: list[Cell] = []
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            attrs = td.attributes
            text = _cell_text(td)
            row.append((text, span(attrs.get("rowspan")), span(attrs.get("colspan"))))
        rows.append(row)
    return rows
