"""Where a layout text's table columns stand, and which column each figure is in.

What a position in ``pdftotext -layout`` text is worth: each piece of a page's text
starts at a character column computed from its x position on the page (one column per
character, CJK included), so the figures of one table column start, end or centre near
one column.  But pieces close together on a line are joined with a single space
(``140 754``, ``结果 结果 其他 尚未``), which pushes the later ones left, and the grid is
recomputed per page and per text block, so a table's columns can shift between two rows.
Hence the columns are learned, per page, from the table's own rows:

* a row printing every column (a *full row*) shows where the columns are; consecutive
  full rows that agree form a *block*, and between two blocks the grid changes once;
* above the first full row, the column heads (自然人 … 总计, printed over two or three
  lines) give the columns, as far as their positions tell them apart;
* a page without full rows clusters the figures of all its rows.

A row printing fewer figures is placed only where its positions allow exactly one
increasing placement under every model that applies to it.  Otherwise it is not placed:
never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from ..text import norm

#: How a figure stands in its line: it starts a piece of text (two or more spaces before
#: it), or a single space joins it to the label or to the figure before it.
PIECE_START, TO_LABEL, TO_FIGURE = 0, 1, 2

#: How far (in columns) a figure may stand from where its column's figures stand, and by
#: how much nearer it must be to one column than to the next to count as that column's.
TOL = 4.0
MARGIN = 1.0
#: How far a figure joined to the figure before it may stand left of its true place.
JOINED = 1.0
#: Between two blocks: what a row that cannot be placed costs, and how much better (in
#: columns of distance, summed over the rows) the line the grid changes at must fit than
#: any other line that would place some row differently.
UNPLACED = 8.0
CUT_MARGIN = 2.0

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Row:
    """A figure line: its label, then one or more figures (or blank marks)."""

    index: int  # position among the text's lines
    raw: str
    label: str
    cells: list[str]
    spans: list[tuple[int, int]]  # character offsets of the cells in ``raw``
    joined: list[int]  # per cell: PIECE_START, TO_LABEL or TO_FIGURE


#: A figure: its start and end column, and how far right it may truly stand.
Tok = tuple[int, int, float]


def place(rows: Sequence[Row], n: int, header: Sequence[str],
          heads: Sequence[frozenset[str]], wide: bool
          ) -> tuple[dict[int, tuple[int, ...]], tuple[int, float]]:
    """The column of each figure of the rows that can be placed, by row index; and how
    badly the full rows agree under this measure (number of blocks, spread), to choose
    between character columns and display widths.

    ``rows`` are one table's figure lines on one page, ``n`` its number of columns,
    ``header`` the lines above them and ``heads`` the texts each column's head may read.
    """
    full = [r for r in rows if len(r.cells) == n]
    if n == 1 or len(full) == len(rows):  # nothing to place: every row prints every column
        return {r.index: tuple(range(n)) for r in full}, (0, 0.0)
    toks = {r.index: figures(_display(r.raw, r.spans) if wide else r.spans, r.joined)
            for r in rows}
    out: dict[int, tuple[int, ...]] = {}
    blocks: list[Slots] = []
    block_of: dict[int, int] = {}
    for r in full:
        t = toks[r.index]
        if blocks and unique([blocks[-1].candidates(x) for x in t], n) == tuple(range(n)):
            blocks[-1].add(t)
        else:
            blocks.append(Slots(t))
        block_of[r.index] = len(blocks) - 1
        out[r.index] = tuple(range(n))
    cols = head_columns(header, heads, wide) if header else None
    if not full:
        models: list[Model] = [Model(cols)] if cols else []
        if (cluster := clusters(rows, toks, n, cols)) is not None:
            models.append(cluster)
        for r in rows:
            if len(r.cells) < n:
                ways = {m.place(r.index, toks[r.index], n) for m in models}
                ways.discard(None)
                if len(ways) == 1:
                    out[r.index] = ways.pop()  # type: ignore[assignment]
    # the partial rows between two full rows (or before the first, after the last)
    gap: list[Row] = []
    above: int | None = None
    for nxt in [*rows, None]:
        if nxt is not None and nxt.index not in block_of:
            gap.append(nxt)
            continue
        below = block_of[nxt.index] if nxt is not None else None
        if full and gap:
            first = Model(blocks[above]) if above is not None else (
                Model(cols) if cols is not None else None)
            second = Model(blocks[below]) if below is not None and below != above else None
            out.update(split_gap(gap, toks, n, first, second))
        gap = []
        above = below
    return out, (len(blocks), sum(b.spread for b in blocks))


def figures(spans: Sequence[tuple[int, int]], joined: Sequence[int]) -> list[Tok]:
    """Figures with how far right each may truly stand.

    A figure joined by one space to a label stands left of its column by up to the
    label's underestimated width (a CJK character is one column but about two wide): it
    may stand anywhere up to the next piece.  Figures joined to figures were close
    together on the page anyway: about one column.
    """
    out: list[Tok] = []
    piece = None  # where the next piece to the right starts
    run: list[int] = []  # positions in ``out`` of the joined figures since that piece

    def close(to_label: bool) -> None:
        if not run:
            return
        last_b = out[run[0]][1]  # the rightmost figure of the run
        room = float("inf") if piece is None else float(max(0, piece - 1 - last_b))
        if not to_label:
            room = min(room, JOINED)
        for k in run:
            out[k] = (out[k][0], out[k][1], room)
        run.clear()

    for (a, b), how in zip(reversed(spans), reversed(joined), strict=True):
        out.append((a, b, 0.0))
        if how == PIECE_START:
            close(False)
            piece = a
        else:
            run.append(len(out) - 1)
            if how == TO_LABEL:
                close(True)
    close(False)
    out.reverse()
    return out


# --- models ---------------------------------------------------------------------------------


_KINDS = ("c", "b", "a")


class Slots:
    """Where each column's figures stand, from rows printing every column.

    ``anchor`` is the figures' edge the rows agree on best: "a" (left-aligned cells),
    "b" (right-aligned) or "c" (centred).  A figure pushed left by the text it is joined
    to says little: a column's range comes from the others where there are any."""

    __slots__ = ("_all", "_sure", "anchor", "hi", "lo", "spread")

    def __init__(self, row: Sequence[Tok]) -> None:
        # per anchor kind, per column: [min, max] of the figures, and of the sure ones
        self._all = {k: [[_anchor(t, k)] * 2 for t in row] for k in _KINDS}
        self._sure = {k: [[_anchor(t, k)] * 2 if not t[2] else None for t in row]
                      for k in _KINDS}
        self._choose()

    def add(self, row: Sequence[Tok]) -> None:
        for k in _KINDS:
            for i, t in enumerate(row):
                x = _anchor(t, k)
                mm = self._all[k][i]
                mm[0], mm[1] = min(mm[0], x), max(mm[1], x)
                if not t[2]:
                    sure = self._sure[k][i]
                    if sure is None:
                        self._sure[k][i] = [x, x]
                    else:
                        sure[0], sure[1] = min(sure[0], x), max(sure[1], x)
        self._choose()

    def _choose(self) -> None:
        best = None
        for k in _KINDS:
            ranges = [s or a for s, a in zip(self._sure[k], self._all[k], strict=True)]
            spread = sum(r[1] - r[0] for r in ranges)
            if best is None or spread < best[0]:
                best = (spread, k, ranges)
        assert best is not None
        self.spread, self.anchor = best[0], best[1]
        self.lo = [r[0] for r in best[2]]
        self.hi = [r[1] for r in best[2]]

    def candidates(self, tok: Tok) -> set[int]:
        x = _anchor(tok, self.anchor)
        right = x + tok[2]
        d = [max(lo - right, 0.0, x - hi) for lo, hi in zip(self.lo, self.hi, strict=True)]
        best = min(d)
        if best > TOL:
            return set()
        return {i for i, di in enumerate(d) if di <= best + MARGIN}

    def distance(self, tok: Tok, i: int) -> float:
        x = _anchor(tok, self.anchor)
        return max(self.lo[i] - (x + tok[2]), 0.0, x - self.hi[i])


def _anchor(tok: Tok, kind: str) -> float:
    return tok[0] if kind == "a" else tok[1] if kind == "b" else (tok[0] + tok[1]) / 2


@dataclass(slots=True)
class Heads:
    """Columns from their printed heads: column i holds the figures whose centre lies
    between head i's start and head i+1's start.  A head's start is exact when it begins
    a piece of text; inside a piece joined by single spaces it is only known to lie
    between where it is printed and where the next piece begins."""

    lo: list[float]  # earliest start of each head
    hi: list[float]  # latest start of each head

    def candidates(self, tok: Tok) -> set[int]:
        x = (tok[0] + tok[1]) / 2
        n = len(self.lo)
        out = set()
        for i in range(n):
            left = self.lo[i] - 1 - (2 if i == 0 else 0)
            right = self.hi[i + 1] - 1 if i + 1 < n else float("inf")
            if left <= x + tok[2] and x < right:
                out.add(i)
        return out


class Model:
    """Columns to place a row's figures on: a block's, the heads', or the clusters'."""

    def __init__(self, slots: Slots | Heads | None = None,
                 by_tok: dict[tuple[int, int, int], int] | None = None,
                 check: Heads | None = None) -> None:
        self.slots = slots
        self.by_tok = by_tok  # (row index, start, end) -> column, for cluster models
        self.check = check

    def place(self, row_index: int, toks: Sequence[Tok], n: int) -> tuple[int, ...] | None:
        if self.by_tok is not None:
            cols = []
            for tok in toks:
                col = self.by_tok.get((row_index, tok[0], tok[1]))
                if col is None or (self.check is not None
                                   and col not in self.check.candidates(tok)):
                    return None
                cols.append(col)
            return tuple(cols) if all(x < y for x, y in pairwise(cols)) else None
        assert self.slots is not None
        return unique([self.slots.candidates(t) for t in toks], n)

    def cost(self, toks: Sequence[Tok], cols: Sequence[int]) -> float:
        """How far the figures stand from where their columns' figures stand."""
        if not isinstance(self.slots, Slots):
            return 0.0
        return sum(self.slots.distance(t, c) for t, c in zip(toks, cols, strict=True))


def unique(cands: Sequence[set[int]], n: int) -> tuple[int, ...] | None:
    """The one increasing placement of figures onto ``n`` columns that ``cands`` (the
    columns each figure may be in) allow, or None if there is none or several.

    >>> unique([{0}, {1, 2}, {2}], 3)
    (0, 1, 2)
    >>> unique([{0}, {1, 2}], 3) is None
    True
    """
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


def split_gap(gap: Sequence[Row], toks: dict[int, list[Tok]], n: int,
              first: Model | None, second: Model | None) -> dict[int, tuple[int, ...]]:
    """Place the partial rows between the full rows of two blocks.

    The text's grid changes once somewhere between the two blocks (a page's text block
    ends): the rows above that line follow the first block's columns, those below the
    second's.  Of the lines it could change at, the one where the rows stand closest to
    their columns is taken, with those nearly as close; a row is placed only if all of
    them place it the same way.
    """
    fits: list[tuple[tuple[int, ...] | None, tuple[int, ...] | None]] = []
    costs: list[tuple[float, float]] = []
    for r in gap:
        t = toks[r.index]
        ok = len(r.cells) < n
        a = first.place(r.index, t, n) if ok and first else None
        b = second.place(r.index, t, n) if ok and second else None
        fits.append((a, b))
        costs.append((UNPLACED if a is None or first is None else first.cost(t, a),
                      UNPLACED if b is None or second is None else second.cost(t, b)))
    totals = [sum(c[0] for c in costs[:cut]) + sum(c[1] for c in costs[cut:])
              for cut in range(len(gap) + 1)]
    best = min(totals)
    cuts = [c for c, t in enumerate(totals) if t <= best + CUT_MARGIN]
    out = {}
    for k, r in enumerate(gap):
        ways = {fits[k][0] if k < c else fits[k][1] for c in cuts}
        if len(ways) == 1 and (way := ways.pop()) is not None:
            out[r.index] = way
    return out


def clusters(rows: Sequence[Row], toks: dict[int, list[Tok]], n: int,
             heads: Heads | None) -> Model | None:
    """Columns from the figures of rows none of which prints every column: figures that
    overlap stand in one column.  With fewer columns found than the table has, the
    heads say which columns they are."""
    spans = sorted((t[:2], r.index) for r in rows for t in toks[r.index]
                   if not any(x[2] for x in toks[r.index]))
    groups: list[list[tuple[tuple[int, int], int]]] = []
    end = -1
    for s, idx in spans:
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
    elif heads is None:
        return None
    else:
        cols = unique([set.intersection(*(heads.candidates((*s, 0.0)) for s, _ in g))
                       for g in groups], n)
    if cols is None:
        return None
    by_tok = {(idx, s[0], s[1]): col for g, col in zip(groups, cols, strict=True)
              for s, idx in g}
    return Model(by_tok=by_tok, check=heads if len(groups) < n else None)


# --- heads ---------------------------------------------------------------------------------

#: Heads spanning several columns (and notes beside the heads): not a column's head.
SPANNING = ("申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉",
            "复议后起诉", "信息内容", "勾稽", "第二十条")


@dataclass(slots=True)
class _Word:
    text: str
    line: int
    a: int
    b: int
    ub: float  # latest column the word can truly start at


def head_columns(raws: Sequence[str], heads: Sequence[frozenset[str]], wide: bool
                 ) -> Heads | None:
    """Where the column heads start, from header lines where a head may wrap over lines
    (``商业企`` / ``业``): words that overlap horizontally are one head, read top down."""
    words = _head_words(raws, wide)
    if not words:
        return None
    words.sort(key=lambda w: (w.a, w.line))
    groups: list[list[_Word]] = []
    end = -1
    for w in words:
        if groups and w.a < end:
            groups[-1].append(w)
            end = max(end, w.b)
        else:
            groups.append([w])
            end = w.b
    m, n = len(groups), len(heads)

    def text(ws: list[_Word]) -> str:
        return "".join(w.text for w in sorted(ws, key=lambda w: (w.line, w.a)))

    # each head is one to four consecutive groups; groups before and after are skipped
    @cache
    def solve(i: int, j: int) -> tuple[tuple[int, int], ...] | None:
        if j == n:
            return ()
        for k in range(i + 1, min(m, i + 4) + 1):
            if text([w for g in groups[i:k] for w in g]) in heads[j]:
                rest = solve(k, j + 1)
                if rest is not None:
                    return ((i, k), *rest)
        return None

    for start in range(m):
        found = solve(start, 0)
        if found is not None:
            ws = [[w for g in groups[i:k] for w in g] for i, k in found]
            return Heads([float(min(w.a for w in g)) for g in ws],
                         [min(w.ub for w in g) for g in ws])
    return None


def _head_words(raws: Sequence[str], wide: bool) -> list[_Word]:
    """The header's words, each with the latest column it can truly start at: where it
    is printed if it begins a piece of text, else where the next piece begins.  A piece
    starting under another line's squeezed piece (``结果 结果 其他 尚未``) was placed from
    that piece's squeezed characters, so its start is no surer than theirs."""
    lines = []
    squeezed: list[tuple[int, int, int]] = []  # (line, start, end) of pieces of 2+ words
    for li, raw in enumerate(raws):
        ms = list(_WORD.finditer(raw))
        spans = [(m.start(), m.end()) for m in ms]
        if wide:
            spans = _display(raw, spans, words=True)
        firsts = [i == 0 or ms[i].start() - ms[i - 1].end() >= 2 for i in range(len(ms))]
        lines.append((ms, spans, firsts))
        for i in range(len(ms)):
            if firsts[i]:
                j = i + 1
                while j < len(ms) and not firsts[j]:
                    j += 1
                if j > i + 1:
                    squeezed.append((li, spans[i][0], spans[j - 1][1]))
    out: list[_Word] = []
    for li, (ms, spans, firsts) in enumerate(lines):
        for i, m in enumerate(ms):
            text = norm(m.group())
            if any(k in text for k in SPANNING):
                continue
            a = spans[i][0]
            ub: float = float("inf")
            if not firsts[i]:
                ub = next((spans[j][0] for j in range(i + 1, len(ms)) if firsts[j]), ub)
            elif not any(lj != li and x < a < y for lj, x, y in squeezed):
                ub = a
            out.append(_Word(text, li, a, spans[i][1], ub))
    return out


# --- display widths -----------------------------------------------------------------------


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


def _display(raw: str, spans: Sequence[tuple[int, int]], words: bool = False
             ) -> list[tuple[int, int]]:
    """Character offsets as display columns (a wide character counts two)."""
    wide = _wide()
    out = []
    for a, b in spans:
        x = a + len(wide.findall(raw, 0, a))
        w = b - a + (len(wide.findall(raw, a, b)) if words else 0)  # figures are narrow
        out.append((x, x + w))
    return out
