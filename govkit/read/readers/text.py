"""Text renderings: what copy-paste, ``pdftotext`` and crawlers make of a report.

Seen so far: one table cell per line (each cell line starting with a tab), tab-separated
rows (sometimes with a header broken over lines), pipe tables (``a | b | c |`` with or
without the markdown frame), and PDF text with labels split across cells.  A line with a
tab or with two or more pipes is a table row; anything else is a paragraph.  Column
positions are not trusted (``grid=False``): leading and trailing empty cells are layout.
"""

from __future__ import annotations

import re

from ..decode import decode
from ..model import Document, Line
from ..text import PAGE_MARK, ends_in_figure, mark_cut_off
from . import layout

_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=\S))")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read(data: bytes) -> Document:
    text, encoding, findings = decode(data)
    out = lines(text)
    if out and ends_in_figure(text):
        # the file ends in the middle of a figure: its last cell is not a figure
        last = out[-1]
        i = max(i for i, c in enumerate(last.cells) if c.strip())
        last.cells[i] = mark_cut_off(last.cells[i].rstrip())
    return Document(out, findings, encoding)


def lines(text: str) -> list[Line]:
    raws = text.splitlines()
    grid = layout.table_lines(raws, _pages(text)) if layout.is_layout(text) else {}
    out: list[Line] = []
    for n, raw in enumerate(raws, 1):
        if grid and (given := grid.get(n - 1)) is not None:
            out += given
            continue
        if not raw.strip() or PAGE_MARK.match(raw):
            continue
        where = f"line {n}"
        if "\t" in raw:
            out.append(Line(raw.split("\t"), where, table=True))
        elif raw.count("|") >= 2:
            if _MD_RULE.match(raw):
                continue
            cells = raw.strip().split("|")
            if raw.strip().startswith("|"):
                cells = cells[1:]
            out.append(Line(cells, where, table=True))
        else:
            out.append(Line([_MD_PREFIX.sub("", raw).strip()], where))
    return out


def _pages(text: str) -> list[int]:
    """The page of each line: ``pdftotext`` ends every page with a form feed."""
    out = []
    page = 0
    for raw in text.splitlines(keepends=True):
        out.append(page)
        if raw.endswith("\f"):
            page += 1
    return out
