"""Tables with merged cells, laid out on their true grid.

HTML (``rowspan``/``colspan``) and DOCX (``gridSpan``/``vMerge``) print a merged cell once,
at its top-left corner, and leave the positions it covers out of the other rows.  We place
every cell on the grid so each keeps its column, then give each row the cells that *start*
in it, in column order: a merged label is not repeated in every row it spans, a merged
figure is not counted twice, and a position covered by a merge is not mistaken for a
printed blank (an empty cell that starts in the row is one).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Line

#: A span larger than this is a typo in the page (``colspan="700"``), read as 1.
MAX_SPAN = 64

Cell = tuple[str, int, int]  # text, rowspan, colspan


def expand(rows: Sequence[Sequence[Cell]]) -> list[list[tuple[int, str]]]:
    """Place printed cells on the grid; per row, the (column, text) of cells starting there.

    >>> expand([[("a", 2, 1), ("b", 1, 2)], [("c", 1, 1), ("d", 1, 1)]])
    [[(0, 'a'), (1, 'b')], [(1, 'c'), (2, 'd')]]
    """
    covered: dict[tuple[int, int], bool] = {}
    out: list[list[tuple[int, str]]] = []
    for r, row in enumerate(rows):
        col = 0
        starts: list[tuple[int, str]] = []
        for text, rowspan, colspan in row:
            while covered.get((r, col)):
                col += 1
            rowspan = rowspan if 1 <= rowspan <= MAX_SPAN else 1
            colspan = colspan if 1 <= colspan <= MAX_SPAN else 1
            starts.append((col, text))
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[(r + dr, col + dc)] = True
            col += colspan
        out.append(starts)
    return out


def table_lines(rows: Sequence[Sequence[Cell]], where: str) -> list[Line]:
    """The rows of one table as grid lines; rows printing nothing are dropped."""
    out = []
    for r, starts in enumerate(expand(rows), 1):
        cells = [text for _, text in starts]
        if any(c.strip() for c in cells):
            out.append(Line(cells, f"{where} row {r}", table=True, grid=True))
    return out


def span(value: str | None) -> int:
    """A rowspan/colspan attribute as an int (missing or malformed: 1)."""
    if not value:
        return 1
    digits = "".join(ch for ch in value if ch.isdigit())
    return int(digits) if digits else 1
