"""Layout text: ``pdftotext -layout`` and other texts that align a table's figures in
character columns, read by column position so that a blank cell keeps its place.

Such a text prints a table row as its label, then its figures separated by runs of
spaces; a printed empty cell prints nothing at all, so ``（一）予以公开  0    34  34``
cannot be laid onto seven columns without knowing where each figure stands.  This module
finds the three template tables (by their wording, in template order), splits them into
pages (and section 二 into its sub-tables, each with its own column heads), and has
:mod:`govkit.read.readers.columns` place each figure in its column.  A figure line whose
figures are all placed becomes a grid line (:class:`~govkit.read.model.Line`, ``grid=True``):
its label, then one cell per column, ``""`` where nothing is printed (a printed blank, to
which the table code applies its blank rule).  A figure line that cannot be placed, and
every line outside the tables, is left to the text reader, so sections and statements
read exactly as in plain text.

Texts aligned for display (CJK counting two columns, as in a terminal) are read the same
way in display widths, where the full rows agree better so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ...schema import DISCLOSURE_MEASURES
from ..model import Line
from ..text import PAGE_MARK, norm
from .columns import PIECE_START, TO_FIGURE, TO_LABEL, Row, place

#: Cheap test for layout text: figures separated by runs of spaces (and no tabs).  It
#: starts with literal spaces, which the regex engine scans for fast (a leading ``\d``
#: is ten times slower on a corpus of reports, whose text is full of digits).
_DETECT = re.compile(r"  +\d{1,9}  +\d")
_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MARKS = ("--", "-", "——", "—", "–", "/", "\\", "无")  # a cell printing "nothing here"
_CELL = "(?:{})(?!\\S)".format("|".join([_NUM, *map(re.escape, _MARKS)]))
#: The figures a line ends with: cells after a space (or the line's start).
_TAIL = re.compile(f"(?<!\\S){_CELL}(?:\\s+{_CELL})*\\s*$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\S+")
_LAST = frozenset("0123456789" + "".join(m[-1] for m in _MARKS))  # how a figure line ends
_BARE_NUMBER = re.compile(r"\s*\d{1,3}\s*")


def is_layout(text: str) -> bool:
    """Whether ``text`` sets table figures out in columns (``pdftotext -layout``).

    >>> is_layout("规章        1          0        11")
    True
    >>> is_layout("规章\\t1\\t0\\t11")
    False
    """
    return "\t" not in text and _DETECT.search(text) is not None


def table_lines(raws: Sequence[str], page: Sequence[int]) -> dict[int, list[Line]]:
    """The lines of the template tables read here, by their index in ``raws``.

    ``page[i]`` is the page of ``raws[i]`` (``pdftotext`` ends pages with form feeds).
    Figure lines come back as grid lines; one whose figures cannot all be placed is
    left out, so its caller keeps it as text.  In section 三 a figure line's label cell
    holds its whole label, gathered from the lines around it (see :func:`_row_labels`).
    """
    keys = ["".join(raw.split()) for raw in raws]
    out: dict[int, list[Line]] = {}
    for kind, lo, hi in _regions(keys):
        rows: dict[int, Row] = {}
        figs: dict[int, list[str]] = {}
        for zone in _zones(kind, lo, hi, raws, keys, page):
            placed, cost = place(zone.rows, zone.n, zone.header, zone.heads, wide=False)
            if len(placed) < len(zone.rows):
                wide, wide_cost = place(zone.rows, zone.n, zone.header, zone.heads, wide=True)
                if wide_cost < cost:
                    placed = wide
            for r in zone.rows:
                rows[r.index] = r
                if (cols := placed.get(r.index)) is None:
                    continue
                cells = [""] * zone.n
                for c, col in zip(r.cells, cols, strict=True):
                    cells[col] = c
                figs[r.index] = cells
                label = " ".join(r.label.split())
                out[r.index] = [Line([label, *cells] if label else cells,
                                     f"line {r.index + 1}", table=True, grid=True)]
        # page numbers inside a table would be read as a row's figure
        out.update({i: [] for i in range(lo, hi) if _is_page_number(i, raws, page)})
        if kind == "applications" and figs:
            out.update(_row_labels(raws, page, rows, figs, lo, hi))
    return out


# --- the rows of a table -----------------------------------------------------------------


def _figure_row(index: int, raw: str) -> Row | None:
    """A line ending in figures (or blank marks) set out in columns, or None."""
    if raw.rstrip()[-1:] not in _LAST or raw.count("|") >= 2:
        return None  # a pipe row is the text reader's
    m = _TAIL.search(raw)
    if m is None or not _DIGIT.search(raw, m.start()):
        return None
    head = raw[: m.start()].rstrip()
    cells: list[str] = []
    spans: list[tuple[int, int]] = []
    joined: list[int] = []
    prev_end = len(head) if head else -2
    for w in _WORD.finditer(raw, m.start()):  # one pass over the figures
        start, end = w.span()
        joined.append(PIECE_START if start - prev_end >= 2
                      else TO_FIGURE if cells else TO_LABEL)
        cells.append(w.group())
        spans.append((start, end))
        prev_end = end
    return Row(index, raw, head.strip(), cells, spans, joined)


_APPLICANT_HEADS: tuple[frozenset[str], ...] = tuple(frozenset(v) for v in (
    ("自然人",), ("商业企业",), ("科研机构",), ("社会公益组织",), ("法律服务机构",),
    ("其他", "其他组织"), ("总计", "合计")))
_RESULT_HEADS: tuple[frozenset[str], ...] = tuple(frozenset(v) for v in (
    ("结果维持", "维持"), ("结果纠正", "纠正"), ("其他结果", "其他"), ("尚未审结", "审结中"),
    ("总计", "合计"))) * 3
_MEASURE_HEADS: dict[str, frozenset[str]] = {
    m.code: frozenset({norm(m.label), *m.keys, norm(m.label).removeprefix("本年")})
    for m in DISCLOSURE_MEASURES}
_FIXED: dict[str, tuple[int, Sequence[frozenset[str]]]] = {
    "applications": (7, _APPLICANT_HEADS), "reviews": (15, _RESULT_HEADS)}

_NUMERAL = "[一二三四五六七八九十]{1,2}[、.]"
#: Where each table starts (and the tables end), found in this order.
_STARTS = (
    ("disclosures", re.compile(f"^{_NUMERAL}主动公开|信息内容|^第二十条")),
    ("applications", re.compile(f"^{_NUMERAL}收到和处理|申请人情况|^(?:{_NUMERAL})?本年新收")),
    ("reviews", re.compile(f"^{_NUMERAL}.{{0,12}}行政复议|^行政复议")),
    ("", re.compile(f"^{_NUMERAL}存在的?主要问题|存在的主要问题|其他需要报告")),
)


def _regions(keys: Sequence[str]) -> list[tuple[str, int, int]]:
    """(table, first line, end line) of sections 二, 三 and 四, found by their wording
    in template order (the narrative before them names the same things)."""
    found: list[tuple[str, int]] = []
    i = 0
    for kind, pattern in _STARTS:
        j = next((k for k in range(i, len(keys)) if pattern.search(keys[k])), None)
        if j is not None:
            found.append((kind, j))
            i = j + 1
    found.append(("", len(keys)))
    return [(kind, a, b) for (kind, a), (_, b) in pairwise(found) if kind]


@dataclass(slots=True)
class _Zone:
    """The rows of one table (or sub-table) on one page, and the header above them."""

    n: int
    heads: Sequence[frozenset[str]]
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def _zones(kind: str, lo: int, hi: int, raws: Sequence[str], keys: Sequence[str],
           page: Sequence[int]) -> list[_Zone]:
    """The table's rows by page (and, in section 二, by sub-table), with their headers."""
    zones: list[_Zone] = []
    cur: _Zone | None = None
    n, heads = _FIXED.get(kind, (0, ()))
    pending: list[int] = []  # lines since the last figure line
    for i in range(lo, hi):
        raw = raws[i]
        if not raw.strip() or PAGE_MARK.match(raw) or _is_page_number(i, raws, page):
            continue
        row = _figure_row(i, raw)
        if row is None:
            pending.append(i)
            if kind == "disclosures" and _is_header(raw, keys[i]):
                found = _measure_heads("".join(norm(raws[j]) for j in pending))
                if found:  # a sub-table's header: its own columns
                    n, heads = len(found), [_MEASURE_HEADS[h] for h in found]
                    cur = None
            continue
        if not n:
            continue  # no column heads yet: nothing to lay the figures onto
        if cur is None or page[cur.rows[-1].index] != page[i]:
            cur = _Zone(n, heads, [raws[j] for j in pending if page[j] == page[i]])
            zones.append(cur)
        pending = []
        cur.rows.append(row)
    return zones


def _is_header(raw: str, key: str) -> bool:
    """A line of column heads, not prose naming them: set out in columns, or short."""
    return "信息内容" in key or len(key) <= 24 or "  " in raw.strip()


def _measure_heads(text: str) -> list[str]:
    """Codes of the section 二 measure heads in a header text, in order."""
    hits: list[tuple[int, int, str]] = []
    for spec in DISCLOSURE_MEASURES:
        for key in spec.keys:
            pos = text.find(key)
            while pos >= 0:
                hits.append((pos, -len(key), spec.code))
                pos = text.find(key, pos + len(key))
    hits.sort()
    out: list[str] = []
    end = -1
    for pos, neg, code in hits:
        if pos >= end:
            out.append(code)
            end = pos - neg
    return out


def _is_page_number(i: int, raws: Sequence[str], page: Sequence[int]) -> bool:
    """A bare number as the first or last line of a page: its page number, not a row."""
    if len(raws[i]) > 80 or not _BARE_NUMBER.fullmatch(raws[i]):
        return False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(raws) and page[j] == page[i] and not raws[j].strip():
            j += step
        if not 0 <= j < len(raws) or page[j] != page[i]:
            return True
    return False


# --- section 三's row labels -----------------------------------------------------------------

_ENUMERATED = re.compile(r"\d{1,2}[.、．]")
#: How a row label of section 三 begins: 1. / （一） / 一、
_ROW_START = re.compile(
    r"(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")
_PIECE = re.compile(r"\S+(?: \S+)*")  # text between runs of two or more spaces
#: A fragment of a vertical group label (三、本/年度办/理结果, （六）/其他处/理) is short.
_GROUP_PIECE = 4


@dataclass(slots=True)
class _Label:
    pieces: list[tuple[int, int, str]] = field(default_factory=list)  # (line, piece, text)
    rows: list[int] = field(default_factory=list)  # the figure lines it stands beside


def _row_labels(raws: Sequence[str], page: Sequence[int], rows: dict[int, Row],
                figs: dict[int, list[str]], lo: int, hi: int) -> dict[int, list[Line]]:
    """Section 三's row labels made whole again, each on its own figure line.

    A text layer prints a label wrapped over several lines around its figure line
    (``1.申请人无正当理由逾`` / figures / ``期不补正、行政机关不`` / ``再处理…``), and the
    group labels (三、本年度办理结果, （三）不予公开 …) in columns left of it, interleaved
    line by line: ``其他处`` may stand between ``…逾`` and ``期不补正`` and split the
    row's key.  In the item-label column a label begins with its number (1. / （一） /
    一、) and runs on until the next one begins; the figure line it stands beside takes
    the whole label as its label cell, and the group fragments stay as lines of their
    own.  A label beside no placed figure line, or beside two, is left as printed.
    """
    pieces_of = {i: list(_PIECE.finditer(raws[i][: rows[i].spans[0][0]] if i in rows
                                         else raws[i]))
                 for i in range(lo, hi) if raws[i].strip() and not PAGE_MARK.match(raws[i])}
    column = _item_column(pieces_of, page)
    edge: dict[int, int] = {}  # per page, where the figures begin
    for i, r in rows.items():
        edge[page[i]] = min(edge.get(page[i], 1 << 30), r.spans[0][0])
    groups: dict[int, list[str]] = {}
    items: dict[int, list[tuple[int, int, str]]] = {}
    labels: list[_Label] = []
    cur: _Label | None = None
    for i, pieces in pieces_of.items():
        x_item = column.get(page[i])
        if x_item is None:
            continue
        if i not in rows and pieces and pieces[-1].start() >= edge.get(page[i], 0):
            continue  # heads, or other text right of the labels: not a label line
        groups[i], items[i] = [], []
        for k, m in enumerate(pieces):
            piece = m.group()
            beside = k + 1 < len(pieces)  # another label column follows on this line
            if m.start() < x_item - 1 and (beside or len(norm(piece)) <= _GROUP_PIECE):
                groups[i].append(piece)
                continue
            if _ROW_START.match(piece):
                cur = _Label()
                labels.append(cur)
            items[i].append((i, k, piece))
            if cur is not None:
                cur.pieces.append((i, k, piece))
        if i in rows and cur is not None:
            cur.rows.append(i)
    whole: dict[int, str] = {}  # figure line -> its label made whole
    merged: set[tuple[int, int, str]] = set()
    for label in labels:
        if len(label.rows) != 1 or label.rows[0] not in figs or any(
                i in rows and i not in figs for i, _, _ in label.pieces):
            continue  # a piece on a line left as text stays there
        whole[label.rows[0]] = "".join(t for _, _, t in label.pieces)
        merged.update(label.pieces)
    out: dict[int, list[Line]] = {}
    for i in sorted({p[0] for p in merged} | set(whole)):
        where = f"line {i + 1}"
        lines = [Line([g], where) for g in groups[i]]
        rest = [p[2] for p in items[i] if p not in merged]
        if i not in figs:
            lines += [Line([t], where) for t in rest]
        elif i in whole:  # the figure line: its other text first
            lines += [Line([t], where) for t in rest]
            lines.append(Line([whole[i], *figs[i]], where, table=True, grid=True))
        else:
            own = " ".join(rest)
            lines.append(Line([own, *figs[i]] if own else figs[i], where,
                              table=True, grid=True))
        out[i] = lines
    return out


def _item_column(pieces_of: dict[int, list[re.Match[str]]], page: Sequence[int]
                 ) -> dict[int, int]:
    """Per page, where the item labels (1.属于国家秘密 …) start: their commonest column."""
    starts: dict[int, dict[int, int]] = {}
    for i, pieces in pieces_of.items():
        for m in pieces:
            if _ENUMERATED.match(m.group()):
                by_page = starts.setdefault(page[i], {})
                by_page[m.start()] = by_page.get(m.start(), 0) + 1
    return {p: max(c, key=lambda x: (c[x], -x)) for p, c in starts.items()}
