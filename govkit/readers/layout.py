"""Layout text: ``pdftotext -layout`` and other texts that align a table's figures in
character columns, read by column position so a blank cell keeps its place.

Such a text prints a table row as its label, then its figures separated by runs of
spaces; a printed empty cell prints nothing at all, so ``（一）予以公开  0    34  34``
cannot be laid onto seven columns without knowing where each figure stands.  This module
finds the three template tables, learns where their columns are, and gives each figure
line as a grid line (:class:`~govkit.model.Line` with ``grid=True``) whose cells are the
label and one cell per column, ``""`` where nothing is printed (a printed blank: the table
code applies its blank rule).  Every other line is left to the text reader.

How ``pdftotext -layout`` places text, and so what a position is worth: each piece of a
page's text starts at a character column computed from its x position (one column per
character, CJK included), so the figures of one table column start or end near one
column; but pieces close together on a text line are joined with one space (``140 754``,
``结果 结果 其他 尚未``) and columns are recomputed per page and per text block, so a
table's grid can shift between two rows.  Hence the columns are learned, per page, from
the table's own rows:

* a row printing every column (a *full row*) shows where the columns are; consecutive
  full rows that agree form a block;
* above the first full row, the column heads (自然人 … 总计, printed over two or three
  lines) give the columns, where their positions tell them apart;
* a page without full rows clusters the figures of all its rows.

A row printing fewer figures is placed only where its positions allow exactly one
placement, under every model that could apply to it; otherwise the line is left as text
and the table code reports its row as unreadable.  Never guessed.  Texts aligned for
display (CJK counting two columns, as in a terminal) are read the same way with display
widths; the measure under which more rows line up is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Line
from ..schema import DISCLOSURE_MEASURES
from ..text import PAGE_MARK, norm

#: Cheap test for layout text: figures separated by runs of spaces, and no tabs.
_DETECT = re.compile(r"\d {2,}\d{1,9} {2,}\d")
_NUM = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_MARKS = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无"})
_WORD = re.compile(r"\S+")


def is_layout(text: str) -> bool:
    """Whether ``text`` aligns table figures in columns (``pdftotext -layout``).

    >>> is_layout("规章        1          0        11")
    True
    >>> is_layout("规章\\t1\\t0\\t11")
    False
    """
    return "\t" not in text and _DETECT.search(text) is not None


# --- the rows of a table -----------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """A figure line: a label, then one or more figures (or blank marks) in columns."""

    index: int  # position among the text's lines
    raw: str
    label: str
    cells: list[str]
    spans: list[tuple[int, int]]  # character offsets in ``raw``
    joined: list[int]  # _PIECE_START, or joined by one space _TO_LABEL / _TO_FIGURE


#: How a figure stands in its line: it starts a piece of text (two or more spaces before
#: it), or a single space joins it to the label or to the figure before it.
_PIECE_START, _TO_LABEL, _TO_FIGURE = 0, 1, 2


def _figure_row(index: int, raw: str) -> _Row | None:
    words = list(_WORD.finditer(raw))
    k = len(words)
    while k and _is_cell(words[k - 1].group()):
        k -= 1
    tail = words[k:]
    if not tail or not any(_NUM.fullmatch(w.group()) for w in tail):
        return None
    label = raw[: tail[0].start()].strip()
    joined = []
    prev_end = words[k - 1].end() if k else -2
    for j, w in enumerate(tail):
        joined.append(_PIECE_START if w.start() - prev_end >= 2
                      else _TO_LABEL if j == 0 else _TO_FIGURE)
        prev_end = w.end()
    return _Row(index, raw, label, [w.group() for w in tail],
                [(w.start(), w.end()) for w in tail], joined)


def _is_cell(word: str) -> bool:
    return word in _MARKS or _NUM.fullmatch(word) is not None


# --- measures ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _wide() -> re.Pattern[str]:
    """Characters a terminal draws two columns wide (East Asian Wide and Full-width)."""
    ranges: list[list[int]] = []
    for i in range(0x1100, 0x10000):
        if unicodedata.east_asian_width(chr(i)) in "WF":
            if ranges and ranges[-1][1] == i - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])
    cls = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{cls}\U00020000-\U0003FFFD]")


def _display(raw: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    wide = _wide()
    out = []
    for a, b in spans:
        x = a + len(wide.findall(raw, 0, a))
        out.append((x, x + b - a))  # figures are narrow
    return out


# --- column models ------------------------------------------------------------------------

#: A figure: its start and end column, and how far right it may truly stand (see _toks).
_Tok = tuple[int, int, float]

#: How far (in columns) a figure may stand from where its column's figures stand, and by
#: how much nearer it must be to one column than to the next to count as that column's.
_TOL = 4.0
_MARGIN = 1.0


@dataclass(slots=True)
class _Slots:
    """Where each column's figures stand, from rows printing every column.

    ``anchor`` is the figures' edge the rows agree on best: "a" (left-aligned cells),
    "b" (right-aligned) or "c" (centred)."""

    lo: list[float]
    hi: list[float]
    anchor: str = "c"
    rows: list[list[_Tok]] = field(default_factory=list)

    def candidates(self, tok: _Tok) -> set[int]:
        d = [self.distance(tok, i) for i in range(len(self.lo))]
        best = min(d)
        if best > _TOL:
            return set()
        return {i for i, di in enumerate(d) if di <= best + _MARGIN}


    def distance(self, tok: _Tok, i: int) -> float:
        x = _anchor(tok, self.anchor)
        return max(self.lo[i] - (x + tok[2]), 0.0, x - self.hi[i])


def _anchor(tok: _Tok, kind: str) -> float:
    a, b, _ = tok
    return a if kind == "a" else b if kind == "b" else (a + b) / 2


def _slots(rows: list[list[_Tok]]) -> _Slots:
    n = len(rows[0])
    best: _Slots | None = None
    best_spread = 0.0
    for kind in ("c", "b", "a"):
        # where a figure was pushed left by the text it is joined to, it says little
        vals = [[_anchor(r[i], kind) for r in rows if not r[i][2]]
                or [_anchor(r[i], kind) for r in rows] for i in range(n)]
        lo = [min(v) for v in vals]
        hi = [max(v) for v in vals]
        spread = sum(h - low for low, h in zip(lo, hi, strict=True))
        if best is None or spread < best_spread:
            best, best_spread = _Slots(lo, hi, kind, rows), spread
    assert best is not None
    return best


@dataclass(slots=True)
class _Heads:
    """Columns from their printed heads: column i holds the figures whose centre lies
    between head i's start and head i+1's start.  A head's start is exact when it begins
    a piece of text; inside a piece joined by single spaces it is only known to lie
    between where it is printed and where the next piece begins."""

    lo: list[float]  # earliest start of each head
    hi: list[float]  # latest start of each head

    def candidates(self, tok: _Tok) -> set[int]:
        x = (tok[0] + tok[1]) / 2
        n = len(self.lo)
        out = set()
        for i in range(n):
            left = self.lo[i] - 1 - (2 if i == 0 else 0)
            right = self.hi[i + 1] - 1 if i + 1 < n else float("inf")
            if left <= x + tok[2] and x < right:
                out.add(i)
        return out


class _Model:
    """Any of the above, or figures placed by the cluster they belong to."""

    def __init__(self, slots: _Slots | _Heads | None = None,
                 by_span: dict[tuple[int, int, int], int] | None = None,
                 check: _Heads | None = None) -> None:
        self.slots = slots
        self.by_span = by_span  # (row index, start, end) -> column, for cluster models
        self.check = check

    def place(self, row_index: int, spans: Sequence[_Tok], n: int
              ) -> tuple[int, ...] | None:
        if self.by_span is not None:
            cols = []
            for tok in spans:
                col = self.by_span.get((row_index, tok[0], tok[1]))
                if col is None or (self.check is not None
                                   and col not in self.check.candidates(tok)):
                    return None
                cols.append(col)
            ok = all(x < y for x, y in zip(cols, cols[1:], strict=False))
            return tuple(cols) if ok else None
        assert self.slots is not None
        return _unique([self.slots.candidates(s) for s in spans], n)

    def cost(self, spans: Sequence[_Tok], cols: Sequence[int]) -> float:
        """How far the figures stand from where their columns' figures stand."""
        if not isinstance(self.slots, _Slots):
            return 0.0
        return sum(self.slots.distance(t, c) for t, c in zip(spans, cols, strict=True))


def _unique(cands: Sequence[set[int]], n: int) -> tuple[int, ...] | None:
    """The one increasing placement of figures onto columns allowed by ``cands``."""
    found: list[tuple[int, ...]] = []

    def walk(j: int, lo: int, acc: list[int]) -> None:
        if len(found) > 1:
            return
        if j == len(cands):
            found.append(tuple(acc))
            return
        left = len(cands) - j - 1  # figures still to place after this one
        for col in sorted(cands[j]):
            if lo <= col < n - left:
                acc.append(col)
                walk(j + 1, col + 1, acc)
                acc.pop()

    walk(0, 0, [])
    return found[0] if len(found) == 1 else None


# --- heads ---------------------------------------------------------------------------------

_APPLICANT_HEADS: tuple[frozenset[str], ...] = tuple(frozenset(v) for v in (
    ("自然人",), ("商业企业",), ("科研机构",), ("社会公益组织",), ("法律服务机构",),
    ("其他", "其他组织"), ("总计", "合计")))
_RESULT_HEADS: tuple[frozenset[str], ...] = tuple(frozenset(v) for v in (
    ("结果维持", "维持"), ("结果纠正", "纠正"), ("其他结果", "其他"), ("尚未审结", "审结中"),
    ("总计", "合计"))) * 3
#: Heads spanning several columns (and notes beside the heads): not a column's head.
_SPANNING = ("申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉",
             "复议后起诉", "信息内容", "勾稽", "第二十条")


@dataclass(slots=True)
class _Word:
    text: str
    line: int
    a: int
    b: int
    ub: float  # latest column the word can truly start at


def _head_words(raws: Sequence[str], wide: bool) -> list[_Word]:
    out: list[_Word] = []
    for li, raw in enumerate(raws):
        ms = list(_WORD.finditer(raw))
        spans = [(m.start(), m.end()) for m in ms]
        if wide:
            spans = _display_text(raw, spans)
        firsts = [i == 0 or ms[i].start() - ms[i - 1].end() >= 2 for i in range(len(ms))]
        for i, m in enumerate(ms):
            text = norm(m.group())
            if any(k in text for k in _SPANNING):
                continue
            if firsts[i]:
                ub: float = spans[i][0]
            else:
                nxt = next((spans[j][0] for j in range(i + 1, len(ms)) if firsts[j]), None)
                ub = nxt if nxt is not None else float("inf")
            out.append(_Word(text, li, spans[i][0], spans[i][1], ub))
    return out


def _display_text(raw: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    wide = _wide()
    out = []
    for a, b in spans:
        x = a + len(wide.findall(raw, 0, a))
        out.append((x, x + (b - a) + len(wide.findall(raw, a, b))))
    return out


def _heads(raws: Sequence[str], heads: Sequence[frozenset[str]], wide: bool) -> _Heads | None:
    """Where the column heads start, from header lines where a head may wrap over lines."""
    words = _head_words(raws, wide)
    if not words:
        return None
    # words that overlap horizontally belong to one head
    words.sort(key=lambda w: (w.a, w.line))
    clusters: list[list[_Word]] = []
    end = -1
    for w in words:
        if clusters and w.a < end:
            clusters[-1].append(w)
            end = max(end, w.b)
        else:
            clusters.append([w])
            end = w.b
    m, n = len(clusters), len(heads)

    def text(group: list[_Word]) -> str:
        return "".join(w.text for w in sorted(group, key=lambda w: (w.line, w.a)))

    # consecutive clusters make one head each, clusters before and after are skipped
    @lru_cache(maxsize=None)
    def solve(i: int, j: int) -> tuple[tuple[int, int], ...] | None:
        if j == n:
            return ()
        for k in range(i + 1, min(m, i + 4) + 1):
            if text([w for c in clusters[i:k] for w in c]) in heads[j]:
                rest = solve(k, j + 1)
                if rest is not None:
                    return ((i, k), *rest)
        return None

    for start in range(m):
        found = solve(start, 0)
        if found is not None:
            groups = [[w for c in clusters[i:k] for w in c] for i, k in found]
            return _Heads([float(min(w.a for w in g)) for g in groups],
                          [min(w.ub for w in g) for g in groups])
    return None


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


_MEASURE_HEADS: dict[str, frozenset[str]] = {
    m.code: frozenset({norm(m.label), *m.keys, norm(m.label).removeprefix("本年")})
    for m in DISCLOSURE_MEASURES}


# --- tables --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Zone:
    """The rows of one table (or sub-table) on one page, and the header above them."""

    n: int
    heads: Sequence[frozenset[str]]
    header: list[str] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


_NUMERAL = "[一二三四五六七八九十]{1,2}[、.]"
_STARTS = (
    ("disclosures", re.compile(f"^{_NUMERAL}主动公开|信息内容|第二十条")),
    ("applications", re.compile(f"^{_NUMERAL}收到和处理|申请人情况|本年新收")),
    ("reviews", re.compile(f"^{_NUMERAL}.{{0,12}}行政复议|^行政复议")),
    ("", re.compile(f"^{_NUMERAL}存在的?主要问题|存在的主要问题|其他需要报告")),
)
_FIXED: dict[str, tuple[int, Sequence[frozenset[str]]]] = {
    "applications": (7, _APPLICANT_HEADS), "reviews": (15, _RESULT_HEADS)}


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
    return [(kind, a, b) for (kind, a), (_, b) in zip(found, found[1:], strict=False) if kind]


def _zones(kind: str, lo: int, hi: int, raws: Sequence[str], keys: Sequence[str],
           page: Sequence[int]) -> list[_Zone]:
    """The table's rows by page (and, in section 二, by sub-table), with their headers."""
    zones: list[_Zone] = []
    cur: _Zone | None = None
    n, heads = _FIXED.get(kind, (0, ()))
    pending: list[int] = []  # lines since the last figure line
    for i in range(lo, hi):
        raw = raws[i]
        if not raw.strip() or PAGE_MARK.match(raw):
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


def _place_zone(zone: _Zone, wide: bool
                ) -> tuple[dict[int, tuple[int, ...]], tuple[int, float]]:
    """Row index -> the column of each of its figures, for the rows that can be placed;
    and how badly the full rows agree under this measure (blocks, spread)."""
    n = zone.n
    spans = {r.index: _toks(_display(r.raw, r.spans) if wide else r.spans, r.joined)
             for r in zone.rows}
    out: dict[int, tuple[int, ...]] = {}
    full = [r for r in zone.rows if len(r.cells) == n]
    if n == 1:
        return {r.index: (0,) for r in full}, (0, 0.0)
    # blocks of consecutive full rows that agree on the columns
    blocks: list[_Slots] = []
    block_of: dict[int, int] = {}
    for r in full:
        s = spans[r.index]
        if blocks and _unique(
                [blocks[-1].candidates(x) for x in s], n) == tuple(range(n)):
            blocks[-1] = _slots([*blocks[-1].rows, s])
        else:
            blocks.append(_slots([s]))
        block_of[r.index] = len(blocks) - 1
        out[r.index] = tuple(range(n))
    header = _heads(zone.header, zone.heads, wide) if zone.header else None
    if not full:
        cluster = _clusters(zone.rows, spans, n, header)
        models = [m for m in (_Model(header) if header else None, cluster) if m is not None]
        for r in zone.rows:
            if len(r.cells) < n:
                placed = {m.place(r.index, spans[r.index], n) for m in models}
                placed.discard(None)
                if len(placed) == 1:
                    out[r.index] = placed.pop()  # type: ignore[assignment]
    # the partial rows between two full rows (or before the first, after the last)
    gap: list[_Row] = []
    above: int | None = None
    for nxt in [*zone.rows, None]:
        if nxt is not None and nxt.index not in block_of:
            gap.append(nxt)
            continue
        below = block_of[nxt.index] if nxt is not None else None
        if full and gap:
            first = _Model(blocks[above]) if above is not None else (
                _Model(header) if header is not None else None)
            second = _Model(blocks[below]) if below is not None and below != above else None
            out.update(_split_gap(gap, spans, n, first, second))
        gap = []
        above = below
    spread = sum(h - lo for b in blocks for lo, h in zip(b.lo, b.hi, strict=True))
    return out, (len(blocks), spread)


def _toks(spans: Sequence[tuple[int, int]], joined: Sequence[int]) -> list[_Tok]:
    """Figures with how far right each may truly stand.

    ``pdftotext`` joins text close together on a line with one space, so a figure joined
    to a label stands left of its column by up to the label's underestimated width (a CJK
    character is one column but about two wide): it may stand anywhere up to the next
    piece.  Figures joined to figures were close together anyway: about one column.
    """
    out: list[_Tok] = []
    piece = None  # where the next piece to the right starts
    run: list[int] = []  # positions in ``out`` of the joined figures since that piece

    def close(to_label: bool) -> None:
        if not run:
            return
        last_b = out[run[0]][1]  # the rightmost figure of the run
        room = float("inf") if piece is None else float(max(0, piece - 1 - last_b))
        if not to_label:
            room = min(room, _JOINED)
        for k in run:
            out[k] = (out[k][0], out[k][1], room)
        run.clear()

    for (a, b), how in zip(reversed(spans), reversed(joined), strict=True):
        out.append((a, b, 0.0))
        if how == _PIECE_START:
            close(False)
            piece = a
        else:
            run.append(len(out) - 1)
            if how == _TO_LABEL:
                close(True)
    close(False)
    out.reverse()
    return out


#: How far (in columns) a figure joined to the figure before it may stand left of its
#: true place.
_JOINED = 1.0


def _split_gap(gap: Sequence[_Row], spans: dict[int, list[_Tok]], n: int,
               first: _Model | None, second: _Model | None) -> dict[int, tuple[int, ...]]:
    """Place the partial rows between the full rows of two blocks.

    The text's grid changes once somewhere between the two blocks (a page's text block
    ends): the rows above that line follow the first block's columns, those below the
    second's.  Of the lines it could change at, the one where the rows stand closest to
    their columns is taken, with those nearly as close; a row is placed only if all of
    them place it the same way.
    """
    fits: list[tuple[tuple[int, ...] | None, ...]] = []
    costs: list[tuple[float, float]] = []
    for r in gap:
        s = spans[r.index]
        ok = len(r.cells) < n
        pair = (first.place(r.index, s, n) if ok and first else None,
                second.place(r.index, s, n) if ok and second else None)
        fits.append(pair)
        costs.append(tuple(  # type: ignore[arg-type]
            _UNPLACED if p is None or m is None else m.cost(s, p)
            for p, m in zip(pair, (first, second), strict=True)))
    totals = [sum(c[0] for c in costs[:cut]) + sum(c[1] for c in costs[cut:])
              for cut in range(len(gap) + 1)]
    best = min(totals)
    cuts = [c for c, t in enumerate(totals) if t <= best + _CUT_MARGIN]
    out = {}
    for k, r in enumerate(gap):
        ways = {fits[k][0] if k < c else fits[k][1] for c in cuts}
        if len(ways) == 1 and (way := ways.pop()) is not None:
            out[r.index] = way
    return out


#: In :func:`_split_gap`: what a row that cannot be placed costs, and how much better
#: (in columns of distance, summed over the rows) the chosen line must fit than any
#: other line that would place some row differently.
_UNPLACED = 8.0
_CUT_MARGIN = 2.0


def _clusters(rows: Sequence[_Row], spans: dict[int, list[_Tok]], n: int,
              header: _Heads | None) -> _Model | None:
    """Columns from the figures of rows none of which prints every column: figures that
    overlap stand in one column.  With fewer columns found than the table has, the
    heads say which columns they are."""
    toks = sorted((s[:2], r.index) for r in rows for s in spans[r.index]
                  if not any(t[2] for t in spans[r.index]))
    groups: list[list[tuple[tuple[int, int], int]]] = []
    end = -1
    for s, idx in toks:
        if groups and s[0] < end:
            groups[-1].append((s, idx))
            end = max(end, s[1])
        else:
            groups.append([(s, idx)])
            end = s[1]
    if any(len({idx for _, idx in g}) < len(g) for g in groups) or len(groups) > n:
        return None
    if len(groups) == n:
        cols: tuple[int, ...] | None = tuple(range(n))
    elif header is None:
        return None
    else:
        cand = []
        for g in groups:
            sets = [header.candidates((*s, 0.0)) for s, _ in g]
            cand.append(set.intersection(*sets))
        cols = _unique(cand, n)
    if cols is None:
        return None
    by_span = {(idx, s[0], s[1]): col for g, col in zip(groups, cols, strict=True)
               for s, idx in g}
    return _Model(by_span=by_span, check=header if len(groups) < n else None)


def table_lines(raws: Sequence[str], page: Sequence[int]) -> dict[int, list[Line]]:
    """The lines of the template tables that are read here, by their index in ``raws``.

    ``page[i]`` is the page of ``raws[i]`` (pages end at form feeds).  Figure lines come
    back as grid lines; a figure line whose cells cannot be told apart is left out, so its
    caller keeps it as text.  In section 三, a figure line's label cell holds its whole
    label, taken from the label lines around it (see :func:`_row_labels`).
    """
    keys = ["".join(raw.split()) for raw in raws]
    out: dict[int, list[Line]] = {}
    for kind, lo, hi in _regions(keys):
        rows: dict[int, _Row] = {}
        for zone in _zones(kind, lo, hi, raws, keys, page):
            placed, cost = _place_zone(zone, wide=False)
            if len(placed) < len(zone.rows):  # display widths, if the rows agree better so
                wide, wide_cost = _place_zone(zone, wide=True)
                if wide_cost < cost:
                    placed = wide
            for r in zone.rows:
                rows[r.index] = r
                cols = placed.get(r.index)
                if cols is None:
                    continue
                cells = [""] * zone.n
                for c, col in zip(r.cells, cols, strict=True):
                    cells[col] = c
                label = " ".join(r.label.split())
                out[r.index] = [Line([label, *cells] if label else cells,
                                     f"line {r.index + 1}", table=True, grid=True)]
        if kind == "applications" and rows:
            out.update(_row_labels(raws, page, rows, out, lo, hi))
    return out


_ENUMERATED = re.compile(r"\d{1,2}[.、．]")
#: How a row label of section 三 begins: 1. / （一） / 一、
_ROW_START = re.compile(
    r"(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")
_PIECE = re.compile(r"\S+(?: \S+)*")  # text between runs of two or more spaces
#: A fragment of a vertical group label (三、本/年度办/理结果, （六）/其他处/理) is short.
_GROUP_PIECE = 4


@dataclass(slots=True)
class _Label:
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    rows: list[int] = field(default_factory=list)  # figure lines it stands beside


def _row_labels(raws: Sequence[str], page: Sequence[int], rows: dict[int, _Row],
                placed: dict[int, list[Line]], lo: int, hi: int) -> dict[int, list[Line]]:
    """Section 三's row labels made whole again, each on its own figure line.

    A text layer prints a label wrapped over several lines around its figure line
    (``1.申请人无正当理由逾`` / figures / ``期不补正、行政机关不`` / ``再处理…``), and the
    group labels (三、本年度办理结果, （三）不予公开 …) in columns left of it, interleaved
    line by line: ``其他处`` may stand between ``…逾`` and ``期不补正``.  In the item-label
    column a label begins with its number (1. / （一） / 一、) and runs on until the next
    one begins; the figure line it stands beside takes the whole label as its label
    cell, and the group fragments stay as lines of their own.  A label standing beside
    no figure line, or beside two, is left as printed.
    """
    column = _item_column(raws, page, rows, lo, hi)
    edge: dict[int, int] = {}
    for i, r in rows.items():
        edge[page[i]] = min(edge.get(page[i], 1 << 30), r.spans[0][0])
    groups: dict[int, list[str]] = {}
    items: dict[int, list[tuple[int, str]]] = {}  # line -> (piece number, text)
    labels: list[_Label] = []
    cur: _Label | None = None
    for i in range(lo, hi):
        raw = raws[i]
        if not raw.strip() or PAGE_MARK.match(raw):
            continue
        x_item = column.get(page[i])
        text = raw[: rows[i].spans[0][0]] if i in rows else raw
        pieces = list(_PIECE.finditer(text))
        if x_item is None or (i not in rows and any(
                m.start() >= edge.get(page[i], 0) for m in pieces)):
            continue  # heads or other text right of the labels: not a label line
        groups[i], items[i] = [], []
        for k, m in enumerate(pieces):
            piece = m.group()
            left = m.start() < x_item - 1
            beside = k + 1 < len(pieces)  # another label column follows on this line
            if left and (beside or len(norm(piece)) <= _GROUP_PIECE):
                groups[i].append(piece)
                continue
            if _ROW_START.match(piece):
                cur = _Label()
                labels.append(cur)
            items[i].append((k, piece))
            if cur is not None:
                cur.pieces.append((i, piece))
        if i in rows and cur is not None:
            cur.rows.append(i)
    out: dict[int, list[Line]] = {}
    merged: set[tuple[int, str]] = set()
    for label in labels:
        if len(label.rows) != 1 or label.rows[0] not in placed:
            continue
        f = label.rows[0]
        grid = placed[f][-1]
        whole = "".join(t for _, t in label.pieces)
        out[f] = [Line([whole, *grid.cells[len(grid.cells) - _n_cells(grid, rows[f]):]],
                       grid.where, table=True, grid=True)]
        merged.update(label.pieces)
    touched = {i for i, _ in merged}
    for i in sorted(touched):
        before = [Line([g], f"line {i + 1}") for g in groups.get(i, ())]
        rest = [Line([t], f"line {i + 1}") for _, t in items.get(i, ()) if (i, t) not in merged]
        if i in out:  # the figure line: its group fragments and other text first
            out[i] = before + rest + out[i]
        else:
            out[i] = before + rest
    return out


def _n_cells(grid: Line, row: _Row) -> int:
    """How many of a grid line's cells are figure columns (the label cell may be absent)."""
    return len(grid.cells) - (1 if " ".join(row.label.split()) else 0)


def _item_column(raws: Sequence[str], page: Sequence[int], rows: dict[int, _Row],
                 lo: int, hi: int) -> dict[int, int]:
    """Per page, where the item labels (1.属于国家秘密 …) start: their commonest column."""
    starts: dict[int, dict[int, int]] = {}
    for i in range(lo, hi):
        text = raws[i][: rows[i].spans[0][0]] if i in rows else raws[i]
        for m in _PIECE.finditer(text):
            if _ENUMERATED.match(m.group()):
                by_page = starts.setdefault(page[i], {})
                by_page[m.start()] = by_page.get(m.start(), 0) + 1
    return {p: max(c, key=lambda x: (c[x], -x)) for p, c in starts.items()}
