"""Word files (.docx), read with python-docx.

The body is read in order, paragraphs and tables interleaved as the author wrote them.
A paragraph's text is its runs joined (Word splits a heading into many runs whenever
the formatting changes).  A table cell's text is its paragraphs joined; a horizontally
merged cell (``gridSpan``) is one cell, and the cells a vertical merge (``vMerge``)
continues into are left out of their rows, as in :mod:`govkit.read.readers.grid`: each row
holds the cells that start in it, and an empty cell is a printed blank.
"""

from __future__ import annotations

import io
from typing import Any

from ..model import Document, Line
from .grid import Cell, table_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = f"{_W}t"


def read(data: bytes) -> Document:
    import docx  # lazy: python-docx and lxml load only for Word files

    body = docx.Document(io.BytesIO(data)).element.body
    lines: list[Line] = []
    tables = 0
    for el in body.iterchildren():
        if el.tag == f"{_W}p":
            text = _text(el).strip()
            if text:
                lines.append(Line([text], f"paragraph {len(lines) + 1}"))
        elif el.tag == f"{_W}tbl":
            tables += 1
            lines += table_lines(_rows(el), f"table {tables}")
    return Document(lines, [], "docx")


def _text(el: Any) -> str:
    """The text of a paragraph, or of a cell (its paragraphs joined): runs joined, tabs
    and line breaks as spaces."""
    return "".join(node.text or "" if node.tag == _T else " "
                   for node in el.iter(_T, f"{_W}tab", f"{_W}br"))


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs, one a line: digits in two paragraphs are never one figure."""
    paras = (_text(p).strip() for p in tc.iter(f"{_W}p"))
    return "\n".join(p for p in paras if p)


def _rows(tbl: Any) -> list[list[Cell]]:
    """Cells that start in each row as (text, rowspan, colspan); a cell a vertical merge
    continues into adds a row to the span of the cell above it."""
    rows: list[list[list[Any]]] = []
    origin_at: dict[int, list[Any]] = {}  # grid column -> the cell last started there
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[list[Any]] = []
        col = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span = pr.find(f"{_W}gridSpan") if pr is not None else None
            merge = pr.find(f"{_W}vMerge") if pr is not None else None
            colspan = int(span.get(f"{_W}val") or 1) if span is not None else 1
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" \
                    and col in origin_at:
                origin_at[col][1] += 1
            else:
                cell = [_cell_text(tc), 1, colspan]
                row.append(cell)
                origin_at[col] = cell
            col += colspan
        rows.append(row)
    return [[(t, r, c) for t, r, c in row] for row in rows]
