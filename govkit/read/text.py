"""Normalizing report text and reading the numbers printed in table cells.

Reports reach us typed by hand in Word, exported to HTML, printed to PDF and scraped:
the same label appears with full-width or ASCII brackets, ideographic or no-break spaces,
markdown bold and line breaks inside words.  Matching is done on :func:`norm` text, in
which all of that is folded away; figures are read from cells by :func:`read_cell`.
Both are cached: reports repeat the template's labels and the same few figures in every
file, so across a corpus most cells are seen before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal


def norm(text: str) -> str:
    """Fold a label for matching: NFKC, no whitespace, no markdown emphasis.

    >>> norm("（ 七 ）总　计")
    '(七)总计'
    """
    # Cells and labels recur across reports and are cached many; a section's running
    # text is folded several times while one report is read, so a few are kept.
    return _norm_cell(text) if len(text) <= 160 else _norm_text(text)


def _fold(text: str) -> str:
    # Equal to NFKC, then _FOLD_PAIRS, then dropping whitespace and _INVISIBLE (the plain
    # definition, kept in tests/test_norm_equivalence.py), about 8x faster on running
    # text: NFKC and str.translate walk every character of a Chinese text in Python-level
    # steps, while only its full-width punctuation and digits actually change.
    s = "".join(text.split())
    s = _compat().sub(_nfkc_run, s)
    for a, b in _FOLD_PAIRS:
        if a in s:
            s = s.replace(a, b)
    for z in _INVISIBLE:
        if z in s:
            s = s.replace(z, "")
    return "".join(s.split())


def _nfkc_run(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


@lru_cache(maxsize=1)
def _compat() -> re.Pattern[str]:
    """Runs of the BMP characters that NFKC changes (built once, about 10 ms)."""
    ranges: list[list[int]] = []
    for i in range(0x20, 0x10000):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        if unicodedata.normalize("NFKC", c) != c:
            if ranges and ranges[-1][1] == i - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                  for a, b in ranges)
    return re.compile(f"[{cls}\U00010000-\U0010FFFF]+")


# NFKC leaves these quote and dash variants alone; fold them so keys stay short.
_FOLD_PAIRS = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("〔", "["), ("〕", "]"),
               ("—", "-"), ("–", "-"), ("－", "-"))
_INVISIBLE = ("​", "‌", "‍", "﻿", "*")


_norm_cell = lru_cache(maxsize=1 << 16)(_fold)
_norm_text = lru_cache(maxsize=8)(_fold)


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """Collapse runs of whitespace (including ideographic and no-break spaces) to one."""
    return re.sub(r"[\s\u3000\xa0\u2002\u2003]+", " ", text).strip()


CellKind = Literal["number", "blank", "text", "unreadable"]

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# A number followed only by a unit and/or a parenthesised note: "22件", "22(其中修订16件)".
_NUMBER_WITH_NOTE = re.compile(
    r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:件|条|个|项|次|起|宗|份|人次|万元|元)?(?:\(.*\))?")
# What a cell prints when it says "nothing here" without printing a number.
_BLANK_MARKS = frozenset({"", "-", "--", "/", "\\", "无", "空", "——"})
#: Where a figure's digits are broken: U+FFFD (bytes lost in decoding, or the file ending
#: in the middle of a number, see :func:`mark_cut_off`), digit runs joined by a dash or a
#: tilde (``12-15``: two figures or a range, not one figure).
CUT = "\ufffd"
_BROKEN = re.compile(r"\d[.,]?\ufffd|\ufffd\d|\d[-~～—–]\d")


@lru_cache(maxsize=1 << 16)
def read_cell(text: str) -> tuple[CellKind, float | None]:
    r"""Classify a table cell and read its figure.

    Returns ("number", value) for a printed figure, ("blank", None) for an empty cell or
    one printing a dash, slash or 无, ("unreadable", None) for a cell where a figure is
    printed but cannot be read as one, and ("text", None) for anything else (labels).
    Unreadable: digits on two lines of one cell (``26`` over ``26`` is not 2626), digits
    joined by a dash (``3-5``), digits beside a lost byte or the end of a cut-off file.

    >>> read_cell("\u3000 15")
    ('number', 15.0)
    >>> read_cell("\xa0")
    ('blank', None)
    >>> read_cell("1.属于国家秘密")
    ('text', None)
    >>> read_cell("26\n26")
    ('unreadable', None)
    """
    if "\n" in text and _split_figures(text):
        return "unreadable", None
    s = norm(text)
    if s in _BLANK_MARKS:
        return "blank", None
    if _NUMBER.fullmatch(s):
        return "number", float(s.replace(",", ""))
    m = _NUMBER_WITH_NOTE.fullmatch(s)
    if m:
        return "number", float(m.group(1).replace(",", ""))
    if _BROKEN.search(s) and _BROKEN_CELL.fullmatch(s):
        return "unreadable", None
    return "text", None


#: A cell that holds nothing but digits broken by a dash, tilde or lost byte.
#: (A date, ``2024-01-17``, is text: its parts are not one figure broken in two.)
_BROKEN_CELL = re.compile(
    r"(?:[\d.,]*\ufffd[\d.,\ufffd]*|\d[\d.,]*[-~]\d[\d.,]*)(?:件|条|个|项|次|起|宗|份|万元|元)?")


def _split_figures(text: str) -> bool:
    """True when two lines of one cell each print a figure (``26`` / ``26``)."""
    parts = [p for p in text.split("\n") if p.strip()]
    return sum(1 for p in parts if _DIGIT.search(p) and not _LETTER.search(p)) >= 2


_LETTER = re.compile(r"[^\W\d_]")


def mark_cut_off(text: str) -> str:
    """Mark a figure that ends where the file ends.

    A file cut off mid-number (a truncated download or crawl) ends in the digits of its
    last figure, and nothing says how many are missing: ``62`` cut to ``6``, ``10690`` to
    ``1``.  Such a figure is not a figure; the marker makes its cell unreadable.

    >>> mark_cut_off("总计 3 5 6")[-2:] == "6" + CUT
    True
    """
    return text + CUT if ends_in_figure(text) else text


def ends_in_figure(text: str) -> bool:
    """Whether text ends in a figure's digits (or its decimal point: ``96171.`` is
    ``96171.6`` cut off)."""
    return text[-1:].isdigit() or (text[-1:] in ".,．" and text[-2:-1].isdigit())


# --- figures in running text -----------------------------------------------------------

#: A page number a PDF or its text layer prints between pages: "- 3 -", "— 3 —", "第3页",
#: "3/6".  Such lines are layout, never figures.
PAGE_MARK = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/共]\s*共?\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3})\s*$")
_GAP = "[ \t\u3000\xa0]"
_CHUNK = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: A run of figures in a line of running text: numbers separated only by spaces; a figure
#: may be negative (the 2019 template's 本年增/减) where a space sets its sign apart.
_RUN = re.compile(
    rf"(?:(?<=[ \t\u3000\xa0])-)?(?<![\d.]){_CHUNK}(?:{_GAP}+-?{_CHUNK})*(?![\d])")
#: A parenthesised note ("（其中修订 16 件）"): its numbers are not cells.
_NOTE = re.compile(r"[（(][^（()）]*[)）]")
_ENUMERATOR_NEXT = re.compile(r"[.、．](?=\s*[\u4e00-\u9fff（(“\"])")
_GAPS = re.compile(f"{_GAP}+")
_DIGIT = re.compile(r"\d")


def figure_cells(text: str) -> list[tuple[str, bool]]:
    """Split a line of running text into label and figure cells, in order.

    Returns (cell, glued) pairs.  A figure cell is one number; ``glued`` is true when its
    run of figures touches a label with no space between, the mark of text whose cell
    boundaries were lost (``规章000行政规范性文件8855698``): such a number may hold several
    cells.  An item number that a label starts with (``2.其他法律…``, ``1、申请人…``) stays
    with the label even where it is glued to the figures before it, and numbers inside a
    parenthesised note stay in the note.  Digits broken by a dash or a lost byte
    (``3-5``, ``6\ufffd``) are one cell, which :func:`read_cell` calls unreadable.

    >>> figure_cells("规章 1 0 11")
    [('规章', False), ('1', False), ('0', False), ('11', False)]
    >>> figure_cells("1.属于国家秘密00000002.其他法律行政法规禁止公开")
    [('1.属于国家秘密', False), ('0000000', True), ('2.其他法律行政法规禁止公开', False)]
    >>> figure_cells("行政许可 3-5 0")
    [('行政许可', False), ('3-5', False), ('0', False)]
    """
    if not _DIGIT.search(text):
        return [(text.strip(), False)] if text.strip() else []
    if CUT not in text and not _DASHED.search(text):
        return _figure_cells(text)
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BROKEN_SPAN.finditer(text):
        out += _figure_cells(text[pos:m.start()])
        out.append((m.group().strip(), False))
        pos = m.end()
    return out + _figure_cells(text[pos:])


_DASHED = re.compile(r"\d[-~～—–]\d")
_BROKEN_SPAN = re.compile(
    r"\d[\d.,]*(?:[-~～—–]\d[\d.,]*)+\ufffd?"
    r"|\d[\d.,]*\ufffd|\ufffd\d[\d.,]*")


def _figure_cells(text: str) -> list[tuple[str, bool]]:
    if not _DIGIT.search(text):
        return [(text.strip(), False)] if text.strip() else []
    notes = [(m.start(), m.end()) for m in _NOTE.finditer(text)]
    out: list[tuple[str, bool]] = []
    label_start = 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        if any(a <= start < b for a, b in notes):
            continue
        run = m.group()
        if _ENUMERATOR_NEXT.match(text, end):
            # the run's last digit numbers the next label: "…0000000" + "2.其他…"
            run = run[:-1].rstrip(" \t\u3000\xa0")
            end = start + len(run)
            if not run:
                continue
        before = text[label_start:start]
        if before.strip():
            out.append((before.strip(), False))
        after = text[end:end + 1]
        chunks = _GAPS.split(run)
        # touching a label, or printing "00"/"023" (no report prints a leading zero)
        glued = (bool(before and not before[-1].isspace()) or bool(after and not after.isspace())
                 or any(len(c) > 1 and c[0] == "0" and c[1] != "." for c in chunks))
        out += [(c, glued) for c in chunks]
        label_start = end
    rest = text[label_start:]
    if rest.strip():
        out.append((rest.strip(), False))
    return out
