"""Figures whose cell boundaries were lost: ``713000074`` for 71, 3, 0, 0, 0, 0, 74.

Crawlers that flatten a page to text print a row's cells with nothing between them
(``规章000行政规范性文件8855698``).  Such a run is split only where the report's own
figures pin the split, never by taste:

1. every way of cutting the digits into the row's cells is enumerated — a cell never
   starts with 0 unless it is 0, because reports do not print leading zeros, and a space
   the page kept is a boundary;
2. the identities the cells must satisfy filter the ways: the row total (总计 = the sum of
   the six applicant columns; 总计 = 维持 + 纠正 + 其他 + 尚未审结), then, across rows, the
   column identities of section 三 (一 + 二 = 三(七) + 四; (七)总计 = the sum of the
   outcome rows); section 二 has no identity, so only figures the narrative states about
   the same cells (``现行有效行政规范性文件698件``) can pin it;
3. a cell takes a value only when every surviving way gives it that same value; the value
   is marked "derived".  Every other cell stays null, with a finding.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import product

#: Past this many readings of one run (or combinations across rows) we stop and leave the
#: cells null: an enumeration that large is no evidence of anything.
MAX_READINGS = 20_000
#: Past this many steps of the search we stop too: a long run of digits (a city's
#: four-digit figures glued into one 30-digit run) has millions of cuts, most of which
#: the search would otherwise build before finding there are too many.
MAX_STEPS = 200_000
#: Runs up to this long have few enough cuts to keep them all (cached: they recur).
SHORT_RUN = 12

_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
Reading = tuple[float, ...]


@lru_cache(maxsize=4096)
def _cuts(chunk: str, k: int) -> tuple[tuple[float, ...], ...]:
    """Ways to cut one digit chunk into ``k`` printed numbers (a short chunk: all kept)."""
    return tuple(_lazy_cuts(chunk, k, [sys.maxsize]))


@lru_cache(maxsize=4096)
def _digits(chunk: str) -> Reading:
    return tuple(float(c) for c in chunk)


def _counts(chunk: str, most: int) -> list[int]:
    """How many ways (capped at ``most + 1``) cut ``chunk`` into 1, 2, … numbers:
    ``out[k - 1]`` for ``k`` numbers.  Counting is cheap where listing is not."""
    size = len(chunk)
    ok = [[_PIECE.fullmatch(chunk[a:b]) is not None and chunk[b:b + 1] != "."
           for b in range(size + 1)] for a in range(size)]
    # ways[k][a]: cuts of chunk[a:] into k numbers
    ways = [[0] * (size + 1) for _ in range(size + 1)]
    ways[0][size] = 1
    for k in range(1, size + 1):
        for a in range(size - 1, -1, -1):
            ways[k][a] = min(most + 1, sum(ways[k - 1][b] for b in range(a + 1, size + 1)
                                           if ok[a][b]))
    return [ways[k][0] for k in range(1, size + 1)]


def counts(chunk: str) -> list[int]:
    """How many ways one run of digits reads as 1, 2, … numbers (``out[k - 1]`` for
    ``k``), capped just past :data:`MAX_READINGS`."""
    return _counts(chunk, MAX_READINGS)


def _lazy_cuts(chunk: str, k: int, budget: list[int]) -> Iterator[tuple[float, ...]]:
    """:func:`_cuts` one at a time, each step counted against ``budget``."""
    if k == 1:
        if _PIECE.fullmatch(chunk):
            yield (float(chunk),)
        return
    for size in range(1, len(chunk) - k + 2):
        budget[0] -= 1
        if budget[0] < 0:
            raise OverflowError
        head = chunk[:size]
        if not _PIECE.fullmatch(head) or chunk[size:size + 1] == ".":
            continue
        for rest in _lazy_cuts(chunk[size:], k - 1, budget):
            yield (float(head), *rest)


def _splittable(chunk: str) -> bool:
    return "," not in chunk and chunk.replace(".", "", 1).isdigit()


def readings(chunks: Sequence[str], glued: Sequence[bool], n: int) -> list[Reading] | None:
    """Every reading of printed chunks as ``n`` cells; None when there are too many.

    A chunk not ``glued`` is one cell as printed; a glued chunk may hold several.

    >>> readings(["000"], [True], 3)
    [(0.0, 0.0, 0.0)]
    >>> len(readings(["8855698"], [True], 3))  # 8|8|55698 … 88|55|698 … 88556|9|8
    15
    """
    if len(chunks) == 1 and glued[0] and chunks[0].isascii() and chunks[0].isdigit():
        # the common crawler row: one run of digits.  As many digits as cells can only
        # be one digit a cell, fewer cannot be read at all
        if len(chunks[0]) == n:
            return [_digits(chunks[0])]
        if len(chunks[0]) < n:
            return []
    if _too_many(chunks, glued, n):
        return None
    out: list[Reading] = []
    last = len(chunks)
    budget = [MAX_STEPS]
    # the most cells chunks[i:] can hold: a chunk must take at least what the chunks
    # after it cannot (a lone run of 30 digits for 7 cells is cut into 7, never into 1…6)
    holds = [0] * (last + 1)
    for i in range(last - 1, -1, -1):
        c = chunks[i]
        holds[i] = holds[i + 1] + (len(c.replace(".", "")) if glued[i] and _splittable(c)
                                   else 1)

    def walk(i: int, left: int, acc: tuple[float, ...]) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise OverflowError
        if i == last:
            if left == 0:
                out.append(acc)
                if len(out) > MAX_READINGS:
                    raise OverflowError
            return
        chunk, room = chunks[i], left - (last - i - 1)
        if glued[i] and _splittable(chunk):
            for k in range(max(1, left - holds[i + 1]),
                           min(len(chunk.replace(".", "")), room) + 1):
                cuts = (_cuts(chunk, k) if len(chunk) <= SHORT_RUN
                        else _lazy_cuts(chunk, k, budget))
                for cut in cuts:
                    walk(i + 1, left - k, acc + cut)
        elif room >= 1:
            walk(i + 1, left - 1, (*acc, float(chunk.replace(",", ""))))

    try:
        walk(0, n, ())
    except OverflowError:
        return None
    return out


def _too_many(chunks: Sequence[str], glued: Sequence[bool], n: int) -> bool:
    """True when the chunks read as ``n`` cells in more than :data:`MAX_READINGS` ways,
    counted (not listed): per chunk the ways to make k cells, combined over the row."""
    if not any(g and len(c) > SHORT_RUN for c, g in zip(chunks, glued, strict=True)):
        return False  # short runs: the search itself is small
    total = [1] + [0] * n  # total[j]: ways for the chunks so far to fill j cells
    for chunk, g in zip(chunks, glued, strict=True):
        ways = _counts(chunk, MAX_READINGS) if g and _splittable(chunk) else [1]
        nxt = [0] * (n + 1)
        for j, t in enumerate(total):
            if t:
                for k, w in enumerate(ways, 1):
                    if j + k <= n and w:
                        nxt[j + k] = min(MAX_READINGS + 1, nxt[j + k] + t * w)
        total = nxt
    return total[n] > MAX_READINGS


def agreed(options: Sequence[Reading], n: int) -> list[float | None]:
    """Per cell, the value every reading gives it, or None where they differ."""
    if not options:
        return [None] * n
    first = options[0]
    if len(options) == 1:
        return list(first)
    return [first[i] if all(o[i] == first[i] for o in options) else None for i in range(n)]


class SumRow:
    """The row-total identity: the last cell of each block is the sum of the ``parts``
    before it.  A class, not a lambda, so that :func:`summed` can be used for it."""

    def __init__(self, parts: int) -> None:
        self.parts = parts

    def __call__(self, r: Reading) -> bool:
        p = self.parts
        return all(sum(r[i:i + p]) == r[i + p] for i in range(0, len(r), p + 1))


def sum_row(parts: int) -> SumRow:
    """The row-total identity: the last cell is the sum of the ``parts`` before it."""
    return SumRow(parts)


def summed(chunk: str, parts: int, blocks: int = 1) -> list[Reading] | None:
    """The cuts of one run of digits into ``blocks`` blocks of ``parts`` numbers and
    their total: the readings of :func:`readings` that :class:`SumRow` admits, without
    listing the others.  Each block is found total first, so that a part larger than
    what is left of its total ends the search at once.  None past :data:`MAX_READINGS`.

    >>> summed("1001", 3)  # 1|0|0|1 (1 + 0 + 0 = 1); 10|0|1 and 1|00|1 are not numbers
    [(1.0, 0.0, 0.0, 1.0)]
    >>> summed("1122", 1, 2)  # two blocks of a part and its total: 1|1 and 2|2
    [(1.0, 1.0, 2.0, 2.0)]
    """
    size = len(chunk)
    memo: dict[tuple[int, int], list[Reading]] = {}

    def block(a: int, b: int) -> list[Reading]:
        if (a, b) not in memo:
            memo[(a, b)] = _summed_block(chunk[a:b], parts)
        return memo[(a, b)]

    def rest(a: int, left: int) -> list[Reading]:
        if left == 1:
            return block(a, size)
        out: list[Reading] = []
        for b in range(a + parts + 1, size - (left - 1) * (parts + 1) + 1):
            heads = block(a, b)
            if heads:
                tails = rest(b, left - 1)
                out += [h + t for h in heads for t in tails]
                if len(out) > MAX_READINGS:
                    raise OverflowError
        return out

    try:
        return rest(0, blocks)
    except OverflowError:
        return None


def _summed_block(chunk: str, parts: int) -> list[Reading]:
    out: list[Reading] = []
    size = len(chunk)
    for s in range(1, size - parts + 1):
        tail = chunk[size - s:]
        if _PIECE.fullmatch(tail):
            total = float(tail)
            out += [(*head, total) for head in _summing(chunk[:size - s], parts, total)]
    return out


def _summing(chunk: str, k: int, total: float) -> list[Reading]:
    if k == 1:
        ok = _PIECE.fullmatch(chunk) is not None and abs(float(chunk) - total) < 1e-9
        return [(float(chunk),)] if ok else []
    out: list[Reading] = []
    for size in range(1, len(chunk) - k + 2):
        head = chunk[:size]
        if not _PIECE.fullmatch(head) or chunk[size:size + 1] == ".":
            continue
        v = float(head)
        if v > total + 1e-9:
            break  # a longer head is larger still
        out += [(v, *rest) for rest in _summing(chunk[size:], k - 1, total - v)]
    return out


Key = tuple[str, str]
#: A linear identity: sum(coefficient * cell) == 0.
Equation = Sequence[tuple[int, Key]]


def joint(fixed: Mapping[Key, float | None], open_rows: Mapping[str, tuple[Sequence[str],
          Sequence[Reading]]], equations: Sequence[Equation]) -> dict[str, list[Reading]]:
    """Readings of several ambiguous rows that satisfy the identities across rows.

    ``open_rows`` maps a row code to (its column codes, its readings); ``fixed`` holds the
    cells already known (None: unknown, so an identity needing it is not checked).
    Returns, per open row, the readings that take part in at least one combination
    satisfying every checkable identity; a search too large returns the rows unchanged.
    """
    codes = list(open_rows)
    total = 1
    for code in codes:
        total *= max(1, len(open_rows[code][1]))
    if total > MAX_READINGS:
        return {c: list(open_rows[c][1]) for c in codes}
    known = {k for k, v in fixed.items() if v is not None}
    for code in codes:
        known |= {(code, col) for col in open_rows[code][0]}
    checkable = [eq for eq in equations if all(k in known for _, k in eq)]
    kept: dict[str, set[Reading]] = {c: set() for c in codes}
    for combo in product(*(open_rows[c][1] for c in codes)):
        values = dict(fixed)
        for code, reading in zip(codes, combo, strict=True):
            values.update(zip(((code, col) for col in open_rows[code][0]), reading,
                              strict=True))
        if all(sum(coef * (values[k] or 0.0) for coef, k in eq) == 0 for eq in checkable):
            for code, reading in zip(codes, combo, strict=True):
                kept[code].add(reading)
    return {c: sorted(kept[c]) for c in codes}
