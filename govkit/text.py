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

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff*]+")
# NFKC leaves these quote and dash variants alone; fold them so keys stay short.
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]",
                       "—": "-", "–": "-", "－": "-"})


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Fold a label for matching: NFKC, no whitespace, no markdown emphasis.

    >>> norm("（ 七 ）总　计")
    '(七)总计'
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_FOLD))


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """Collapse runs of whitespace (including ideographic and no-break spaces) to one."""
    return re.sub(r"[\s\u3000\xa0\u2002\u2003]+", " ", text).strip()


CellKind = Literal["number", "blank", "text"]

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# A number followed only by a unit and/or a parenthesised note: "22件", "22(其中修订16件)".
_NUMBER_WITH_NOTE = re.compile(
    r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:件|条|个|项|次|起|宗|份|人次)?(?:\(.*\))?")
# What a cell prints when it says "nothing here" without printing a number.
_BLANK_MARKS = frozenset({"", "-", "--", "/", "\\", "无", "空", "——"})


@lru_cache(maxsize=1 << 16)
def read_cell(text: str) -> tuple[CellKind, float | None]:
    """Classify a table cell and read its figure.

    Returns ("number", value) for a printed figure, ("blank", None) for an empty cell or
    one printing a dash, slash or 无, and ("text", None) for anything else (labels).

    >>> read_cell("\u3000 15")
    ('number', 15.0)
    >>> read_cell("\xa0")
    ('blank', None)
    >>> read_cell("1.属于国家秘密")
    ('text', None)
    """
    s = norm(text)
    if s in _BLANK_MARKS:
        return "blank", None
    if _NUMBER.fullmatch(s):
        return "number", float(s.replace(",", ""))
    m = _NUMBER_WITH_NOTE.fullmatch(s)
    if m:
        return "number", float(m.group(1).replace(",", ""))
    return "text", None
