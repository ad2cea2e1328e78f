"""PDF files, read from the PDF itself with pdfplumber (never from a text dump).

Per page: the ruled tables are found from their lines (``find_tables``) and read cell by
cell; a merged cell comes back once, the positions it covers as None, which we drop (see
:mod:`govkit.readers.grid` for why), and an empty cell is a printed blank, so table rows
are grid lines.  A cell's own line breaks are joined without a space: a vertically merged
label printed one character per line (``三、\\n本\\n年\\n度…``) and a wrapped label become one
label again.  A "table" of one column is a framed text box, read as paragraphs.  The text
outside the tables is read line by line and placed with the tables in reading order;
page numbers (``- 3 -``, ``— 3 —``, ``第3页``) are dropped.  Lines wrapped at the margin
are joined into paragraphs later, by :func:`govkit.sections.reflow`.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..model import Document, Finding, Line
from ..text import PAGE_MARK

_DIGIT = re.compile(r"\d")


def read(data: bytes) -> Document:
    import pdfplumber  # lazy: heavy, and only PDF files need it

    lines: list[Line] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines += _page_lines(page, number)
            page.flush_cache()
    findings = []
    if not lines:
        findings.append(Finding(
            "parse.no_text", "file",
            "PDF没有文字层（可能是扫描件，需要先做OCR） (the PDF has no text layer; it is "
            "probably a scan and needs OCR first)"))
    return Document(lines, findings, "pdf")


def _page_lines(page: Any, number: int) -> list[Line]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    placed: list[tuple[float, int, list[Line]]] = []
    for k, table in enumerate(tables, 1):
        where = f"page {number} table {k}"
        placed.append((table.bbox[1], 1, _table_lines(table.extract(), where)))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    for i, tl in enumerate(text_page.extract_text_lines(return_chars=False), 1):
        text = tl["text"].strip()
        if text and not PAGE_MARK.match(text):
            placed.append((tl["top"], 0, [Line([text], f"page {number} line {i}")]))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [ln for _, _, group in placed for ln in group]


def _cell(text: str | None) -> str | None:
    """A cell's lines joined (a label printed one character per line is one label again),
    except where two lines print figures: those stay apart, so they are never one figure."""
    if text is None:
        return None
    lines = text.split("\n")
    if sum(1 for ln in lines if _DIGIT.search(ln)) >= 2:
        return "\n".join(ln.strip() for ln in lines if ln.strip())
    return "".join(lines).strip()


def _table_lines(rows: list[list[str | None]], where: str) -> list[Line]:
    width = max((len(r) for r in rows), default=0)
    out: list[Line] = []
    for r, row in enumerate(rows, 1):
        if width == 1:  # a framed text box: its lines are prose
            out += [Line([t.strip()], f"{where} row {r}")
                    for t in (row[0] or "").split("\n") if t.strip()]
            continue
        cells = [c for c in map(_cell, row) if c is not None]
        if any(cells):
            out.append(Line(cells, f"{where} row {r}", table=True, grid=True))
    return out
