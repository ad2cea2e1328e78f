"""Ruled tables found from their lines: edges → grid points → cells → tables.

A PDF has no tables, only strokes and filled rectangles drawn near some text.  The rules
of a ruled table are thin horizontal and vertical edges; where they cross are the grid
points, and four grid points joined by edges on all four sides bound a cell.  Cells that
share a corner are one table.  This is the "lines" strategy of pdfplumber's
``table.py`` (after Nurminen's thesis and Tabula), with its tolerances, written again over
plain tuples so the PDF reader needs no pdfminer: the same PDF gives the same cells.

Coordinates run top-down (``top`` grows down the page), as on a printed page, so the
rows of a table come out in reading order.  An edge is ``(pos, lo, hi)``: a horizontal
edge at ``top == pos`` from ``x0 == lo`` to ``x1 == hi``, a vertical one at ``x == pos``
from ``top == lo`` to ``bottom == hi``.  A cell is ``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import groupby

Edge = tuple[float, float, float]
Box = tuple[float, float, float, float]

#: Edges this close across are one rule (a rule drawn as a thin filled rectangle has two
#: long sides 0.5pt apart; a doubled stroke, two copies): pdfplumber's defaults.
SNAP = 3.0
#: Collinear edges with a gap this small are one rule (a rule drawn cell by cell).
JOIN = 3.0
#: A rule shorter than this is a tick, a short side of a thin rectangle, not a rule.
MIN_LENGTH = 3.0
#: How far a rule may stop short of the rule it meets and still make a grid point.
CROSS = 3.0


def merge(edges: Iterable[Edge]) -> list[Edge]:
    """Edges of one direction as rules: near-parallel ones snapped to their mean position,
    collinear ones that touch joined, and ticks dropped.

    >>> merge([(10.0, 0.0, 50.0), (11.0, 48.0, 90.0), (40.0, 0.0, 2.0)])
    [(10.5, 0.0, 90.0)]
    """
    edges = [e for e in edges if e[2] - e[1] >= 1]
    snapped: list[Edge] = []
    for group in _cluster(edges, SNAP):
        mean = sum(e[0] for e in group) / len(group)
        snapped += [(mean, lo, hi) for _, lo, hi in group]
    rules: list[Edge] = []
    for pos, same in groupby(sorted(snapped), key=lambda e: e[0]):
        line = list(same)  # sorted by start
        joined = [line[0]]
        for e in line[1:]:
            last = joined[-1]
            if e[1] <= last[2] + JOIN:
                if e[2] > last[2]:
                    joined[-1] = (pos, last[1], e[2])
            else:
                joined.append(e)
        rules += joined
    return [e for e in rules if e[2] - e[1] >= MIN_LENGTH]


def _cluster(edges: list[Edge], tolerance: float) -> list[list[Edge]]:
    """Edges grouped by position, a chain of positions each within ``tolerance`` of the
    previous one being one group."""
    groups: list[list[Edge]] = []
    last = None
    for e in sorted(edges, key=lambda e: e[0]):
        if last is None or e[0] > last + tolerance:
            groups.append([])
        groups[-1].append(e)
        last = e[0]
    return groups


def cells(horizontal: Sequence[Edge], vertical: Sequence[Edge]) -> list[Box]:
    """The cells the rules bound: from each grid point, the smallest rectangle down and to
    the right whose four sides are each drawn by one rule.

    >>> h = [(0.0, 0.0, 20.0), (10.0, 0.0, 20.0)]
    >>> v = [(0.0, 0.0, 10.0), (8.0, 0.0, 10.0), (20.0, 0.0, 10.0)]
    >>> cells(h, v)
    [(0.0, 0.0, 8.0, 10.0), (8.0, 0.0, 20.0, 10.0)]
    """
    # which rules pass through each grid point, by index: h rules and v rules
    hs: dict[tuple[float, float], set[int]] = defaultdict(set)
    vs: dict[tuple[float, float], set[int]] = defaultdict(set)
    for j, (x, top, bottom) in enumerate(vertical):
        for i, (y, x0, x1) in enumerate(horizontal):
            if top <= y + CROSS and bottom >= y - CROSS and x0 - CROSS <= x <= x1 + CROSS:
                hs[(x, y)].add(i)
                vs[(x, y)].add(j)
    points = sorted(hs)
    down: dict[float, list[tuple[float, float]]] = defaultdict(list)
    across: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for p in points:  # sorted, so each list runs down the page / left to right
        down[p[0]].append(p)
        across[p[1]].append(p)
    out: list[Box] = []
    for p in points:
        below = [q for q in down[p[0]] if q[1] > p[1] and vs[p] & vs[q]]
        right = [q for q in across[p[1]] if q[0] > p[0] and hs[p] & hs[q]]
        out += _smallest(p, below, right, hs, vs)
    return out


def _smallest(p: tuple[float, float], below: list[tuple[float, float]],
              right: list[tuple[float, float]], hs: dict[tuple[float, float], set[int]],
              vs: dict[tuple[float, float], set[int]]) -> list[Box]:
    for b in below:
        for r in right:
            corner = (r[0], b[1])
            if corner in hs and vs[corner] & vs[r] and hs[corner] & hs[b]:
                return [(p[0], p[1], corner[0], corner[1])]
    return []


def tables(boxes: Sequence[Box]) -> list[list[Box]]:
    """Cells grouped into tables (cells sharing a corner, transitively), top to bottom;
    a lone cell is a frame, not a table."""
    def corners(c: Box) -> tuple[tuple[float, float], ...]:
        return (c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3])

    at: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, box in enumerate(boxes):
        for corner in corners(box):
            at[corner].append(i)
    seen: set[int] = set()
    found: list[list[Box]] = []
    for first in range(len(boxes)):
        if first in seen:
            continue
        seen.add(first)
        todo, group = [first], []
        while todo:  # grow the table by every cell touching one of its corners
            box = boxes[todo.pop()]
            group.append(box)
            for k in (k for corner in corners(box) for k in at[corner] if k not in seen):
                seen.add(k)
                todo.append(k)
        if len(group) > 1:
            found.append(group)
    return sorted(found, key=lambda g: min((c[1], c[0]) for c in g))


def rows(table: Sequence[Box]) -> list[list[Box | None]]:
    """A table's cells by row, on the grid of the table's column starts: ``None`` where no
    cell starts (a position covered by a cell merged across rows or columns)."""
    xs = sorted({c[0] for c in table})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for c in sorted(table, key=lambda c: (c[1], c[0])):
        by_top[c[1]][c[0]] = c
    return [[row.get(x) for x in xs] for _, row in sorted(by_top.items())]


def bbox(table: Sequence[Box]) -> Box:
    """The box around a table's cells."""
    return (min(c[0] for c in table), min(c[1] for c in table),
            max(c[2] for c in table), max(c[3] for c in table))
