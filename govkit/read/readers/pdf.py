"""PDF files, read from the PDF itself with PDFium (never from a text dump).

PDFium (through pypdfium2) gives each character of the text layer with its box, and the
page's drawn paths; pdfminer, which pdfplumber reads with, took twenty times as long just
to give the characters.  Per page: the ruled tables are found from their rules (thin
strokes and filled rectangles: see :mod:`govkit.read.readers.ruling`) and read cell by cell; a
merged cell comes back once, the positions it covers as None, which we drop (see
:mod:`govkit.read.readers.grid` for why), and an empty cell is a printed blank, so table rows
are grid lines.  A cell's own line breaks are joined without a space: a vertically merged
label printed one character per line (``三、\\n本\\n年\\n度…``) and a wrapped label become one
label again.  A "table" of one column is a framed text box, read as paragraphs.  The text
outside the tables is read line by line and placed with the tables in reading order;
page numbers (``- 3 -``, ``— 3 —``, ``第3页``) are dropped.  Lines wrapped at the margin
are joined into paragraphs later, by :func:`govkit.read.sections.reflow`.

Characters become lines and words as pdfplumber made them (same tolerances), so the
tables and lines read the same as they did when it read these files.
"""

from __future__ import annotations

import ctypes
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from ..model import Document, Finding, Line
from ..text import PAGE_MARK
from . import ruling

_DIGIT = re.compile(r"\d")
#: Characters this close on a line are one word; lines this close in height are one line
#: (pdfplumber's defaults, which these tables were first read with).
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0
#: PDFium is not thread-safe: one document at a time per process.
_LOCK = threading.Lock()

Char = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text


def read(data: bytes) -> Document:
    import pypdfium2  # lazy: only PDF files need it

    lines: list[Line] = []
    with _LOCK:
        pdf = pypdfium2.PdfDocument(data)
        try:
            for number in range(1, len(pdf) + 1):
                page = pdf[number - 1]
                try:
                    chars = _chars(page)
                    horizontal, vertical = _edges(page) if chars else ([], [])
                finally:
                    page.close()
                lines += _page_lines(chars, horizontal, vertical, number)
        finally:
            pdf.close()
    findings = []
    if not lines:
        findings.append(Finding(
            "parse.no_text", "file",
            "PDF没有文字层（可能是扫描件，需要先做OCR） (the PDF has no text layer; it is "
            "probably a scan and needs OCR first)"))
    return Document(lines, findings, "pdf")


# --- what PDFium gives: characters and rules --------------------------------------------

def _chars(page: Any) -> list[Char]:
    """The page's characters with their boxes, top-down.  The spaces and line breaks PDFium
    adds by itself (``IsGenerated``) are left out: words and lines are made here.

    The box's bottom is the one pdfminer gave (baseline plus the font's descent), its top
    the font's ascent where pdfminer put it one font size above the bottom: so lines are
    told apart by their bottoms, which matches how pdfplumber told them apart by tops."""
    import pypdfium2.raw as raw

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        box = raw.FS_RECTF()
        out: list[Char] = []
        for i in range(raw.FPDFText_CountChars(tp)):
            code = raw.FPDFText_GetUnicode(tp, i)
            if code < 32 or (code == 32 and raw.FPDFText_IsGenerated(tp, i) == 1):
                continue
            # the loose box is the font's height, not the glyph's ink, so a line's
            # characters share their bottom whatever their shape (一 and 年 alike)
            raw.FPDFText_GetLooseCharBox(tp, i, box)
            out.append((box.left, height - box.top, box.right, height - box.bottom, chr(code)))
        return out
    finally:
        textpage.close()


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _edges(page: Any) -> tuple[list[ruling.Edge], list[ruling.Edge]]:
    """The horizontal and vertical straight segments of the page's paths (strokes and the
    sides of rectangles, filled or not), top-down: the candidates for table rules."""
    import pypdfium2.raw as raw

    height = page.get_height()
    horizontal: list[ruling.Edge] = []
    vertical: list[ruling.Edge] = []
    for obj, m in _paths(raw, page.raw):
        for (x0, y0), (x1, y1) in _segments(raw, obj, m):
            t0, t1 = height - y0, height - y1
            if x0 == x1:
                vertical.append((x0, min(t0, t1), max(t0, t1)))
            elif t0 == t1:
                horizontal.append((t0, min(x0, x1), max(x0, x1)))
    return horizontal, vertical


def _paths(raw: Any, page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Path objects of a page with the matrix to page space, inside form XObjects too
    (their paths are placed by the form's matrix as well as their own)."""
    stack: list[tuple[Any, int, Matrix]] = [(page, 0, _IDENTITY)]
    while stack:
        parent, kind, outer = stack.pop()
        count = (raw.FPDFPage_CountObjects if kind == 0 else raw.FPDFFormObj_CountObjects)
        get = raw.FPDFPage_GetObject if kind == 0 else raw.FPDFFormObj_GetObject
        for i in range(count(parent)):
            obj = get(parent, i)
            kind_of = raw.FPDFPageObj_GetType(obj)
            if kind_of not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            fm = raw.FS_MATRIX()
            m = _IDENTITY
            if raw.FPDFPageObj_GetMatrix(obj, fm):
                m = _compose((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), outer)
            if kind_of == raw.FPDF_PAGEOBJ_PATH:
                yield obj, m
            elif len(stack) < 8:  # forms nested deeper than this are not tables
                stack.append((obj, 1, m))


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _segments(raw: Any, obj: Any, m: Matrix) -> Iterator[tuple[tuple[float, float], ...]]:
    """The straight segments of one path, in page space; curves are never rules."""
    x, y = ctypes.c_float(), ctypes.c_float()
    start = here = None
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        a, b, c, d, e, f = m
        point = (round(a * x.value + c * y.value + e, 3), round(b * x.value + d * y.value + f, 3))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_LINETO and here is not None:
            yield here, point
        if kind == raw.FPDF_SEGMENT_MOVETO or start is None:
            start = point
        here = point
        if raw.FPDFPathSegment_GetClose(seg) and start != here:
            yield here, start
            here = start


# --- characters into lines, tables into grid lines --------------------------------------

def _page_lines(chars: list[Char], horizontal: list[ruling.Edge],
                vertical: list[ruling.Edge], number: int) -> list[Line]:
    found = ruling.tables(ruling.cells(ruling.merge(horizontal), ruling.merge(vertical)))
    boxes = [ruling.bbox(t) for t in found]
    placed: list[tuple[float, int, list[Line]]] = []
    for k, (table, box) in enumerate(zip(found, boxes, strict=True), 1):
        rows = _table_text(ruling.rows(table), chars)
        placed.append((box[1], 1, _table_lines(rows, f"page {number} table {k}")))
    for i, (top, text) in enumerate(_lines(_outside(chars, boxes)), 1):
        if not PAGE_MARK.match(text):
            placed.append((top, 0, [Line([text], f"page {number} line {i}")]))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [ln for _, _, group in placed for ln in group]


def _table_text(rows: list[list[ruling.Box | None]],
                chars: Sequence[Char]) -> list[list[str | None]]:
    """The text of each cell of a table (None where a merged cell covers the position).

    A character belongs to the cell its middle falls in, left and top edges in, right and
    bottom out, so a character on a rule belongs to one cell only."""
    mids = sorted(((ch[1] + ch[3]) / 2, (ch[0] + ch[2]) / 2, ch) for ch in chars)
    ys = [m[0] for m in mids]
    out: list[list[str | None]] = []
    for row in rows:
        present = [c for c in row if c is not None]  # in column order, side by side
        starts = [c[0] for c in present]
        held: list[list[Char]] = [[] for _ in present]
        top, bottom = present[0][1], max(c[3] for c in present)
        for y, x, ch in mids[bisect_left(ys, top):bisect_left(ys, bottom)]:
            k = bisect_right(starts, x) - 1
            if k >= 0 and x < present[k][2] and y < present[k][3]:
                held[k].append(ch)
        texts = iter([_text(h) for h in held])
        out.append([None if c is None else next(texts) for c in row])
    return out


def _outside(chars: Sequence[Char], boxes: Sequence[ruling.Box]) -> list[Char]:
    """The characters whose middle is in none of the boxes (edges included)."""
    def free(ch: Char) -> bool:
        x, y = (ch[0] + ch[2]) / 2, (ch[1] + ch[3]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
    return [ch for ch in chars if free(ch)] if boxes else list(chars)


def _lines(chars: Sequence[Char]) -> list[tuple[float, str]]:
    """Characters as lines of text, top to bottom, each with its top: characters whose
    bottoms chain within the tolerance are one line, read left to right; a space, or a gap
    wider than the tolerance, separates words, which are joined by one space."""
    out: list[tuple[float, str]] = []
    group: list[Char] = []
    for ch in sorted(chars, key=lambda c: c[3]):
        if group and ch[3] > group[-1][3] + _Y_TOLERANCE:
            out.append(_line(group))
            group = []
        group.append(ch)
    if group:
        out.append(_line(group))
    return [(top, text) for top, text in out if text]


def _line(group: list[Char]) -> tuple[float, str]:
    words: list[str] = []
    word: list[Char] = []
    for ch in sorted(group, key=lambda c: c[0]):
        if ch[4].isspace():
            if word:
                words.append("".join(c[4] for c in word))
            word = []
            continue
        if word:
            prev = word[-1]
            if (ch[0] < prev[0] or ch[0] > prev[2] + _X_TOLERANCE
                    or abs(ch[3] - prev[3]) > _Y_TOLERANCE):
                words.append("".join(c[4] for c in word))
                word = []
        word.append(ch)
    if word:
        words.append("".join(c[4] for c in word))
    return min(c[1] for c in group), " ".join(words)


def _text(chars: Sequence[Char]) -> str:
    """A cell's text, its lines separated by newlines ("" for an empty cell)."""
    return "\n".join(text for _, text in _lines(chars))


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
