"""Section 三: each printed row of figures laid on its template row — and proven there.

A row's figures belong to a template row only where the report ties them:

* the rendering prints label and figures together — in the same table row (``line``) or
  on the same line of running text (``text``);
* or the label line comes right before its figure line (``next``: one cell per line, a
  label wrapped above its figures), in a table that shows no displacement anywhere —
  every row label followed by exactly one row of figures, labels in the template's order.

Converters displace labels (PDF→markdown prints ``5.要求行政机关确认…`` three rows above
its figures), lose them, or wrap one row's label round another row's figures.  The rows
that are not tied are then placed by the only evidence left, the order of the template:
between two tied rows, the figure rows printed in order take the template rows whose
labels lie between them (where labels were lost, the template rows printed nowhere) —
only when there are exactly as many of each.  Such a placement is published only if the
identities it takes part in hold (一 + 二 = 三(七) + 四; (七)总计 = the sum of the outcome
rows), evaluated in every column: a placement an identity contradicts, or one whose
identities null cells leave open, is null with a ``table.unproven`` finding that says
which.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..schema import (
    APPLICANTS,
    APPLICATION_ROWS,
    OTHER_SUBROWS,
    OUTCOME_ROWS,
    ROW_BY_CODE,
    ROW_CODES,
)
from . import glue
from .cells import (
    Names,
    Segment,
    TableResult,
    Tok,
    align,
    evidence,
    glued_figures,
    is_glued,
    misaligned,
    prove_extra,
    readings,
    resolve_sum_row,
    tie,
    token_at,
    trim_label_area,
)
from .model import Figure, Finding

N = len(APPLICANTS)
_ORDER = {code: i for i, code in enumerate(ROW_CODES)}
#: Column heads of the applicant header: a label run holding one is the table's header,
#: and its 总计 is a column head, not the （七）总计 row.
_HEADS = ("申请人情况", "自然人", "法人或其他组织", "商业企", "科研机", "社会公益", "法律服务")
_BARE_TOTAL = "总计"


@dataclass(slots=True)
class Hit:
    """A template row label found in a run of label cells."""

    code: str
    tok: Tok  # the cell the name starts in
    seg: int
    start: int  # where the name stands in the run's text
    end: int


@dataclass(slots=True, eq=False)
class FigRow:
    """One printed row of figures (or a run of figures a rendering did not cut)."""

    values: Sequence[Tok]
    seg: int


@dataclass(slots=True)
class Pair:
    """A label and the row of figures printed after it, and how the rendering ties them."""

    hit: Hit
    row: FigRow
    tie: str


@dataclass(slots=True)
class Placed:
    code: str
    row: FigRow
    how: str  # line | text | next | order
    label: Tok | None


def read_applications(segs: Sequence[Segment]) -> TableResult:
    """The figures of section 三 from its segments, each row tied, proven or null."""
    hits: list[Hit] = []
    rows: list[FigRow] = []
    pairs: list[Pair] = []  # a label and the figures printed after it
    clean = True  # no displacement anywhere: one label, then one row of figures
    per_seg = [label_hits(seg) for seg in segs]
    # （六）其他处理 above its three sub-rows is a group label, not a row
    group = any(code in OTHER_SUBROWS for found in per_seg for code, _, _ in found)
    for si, (seg, found) in enumerate(zip(segs, per_seg, strict=True)):
        hs = [Hit(code, token_at(seg.labels, a), si, a, b) for code, a, b in found
              if not (group and code == "other")]
        frs = [FigRow(v, si) for v in figure_rows(seg.values)]
        if not hs and all(t.kind == "blank" for r in frs for t in r.values):
            frs = []  # the empty cells of a header row, or of a page's own layout table
        if hs and frs:
            pairs.append(Pair(hs[-1], frs[0], tie(seg, hs[-1].start, hs[-1].end)))
        clean &= (len(hs), len(frs)) in ((1, 1), (0, 0))
        hits += hs
        rows += frs
    codes = [h.code for h in hits]
    clean &= all(_ORDER[a] < _ORDER[b] for a, b in pairwise(codes)) and not _gaps(codes)
    placed, unplaced = _place(hits, rows, pairs, clean)

    res = TableResult()
    index = {id(r): i for i, r in enumerate(rows)}
    res.found = [p.code for p in sorted(placed, key=lambda p: index[id(p.row)])]
    # a label after the last row placed is where a cut-off table stops: truncation, which
    # the rows a report must print will show (see govkit.read.pipeline)
    last = max((_ORDER[c] for c in res.found), default=-1)
    unplaced = [c for c in unplaced if _ORDER[c] < last]
    res.found += [c for c in unplaced if c not in res.found]
    for code in unplaced:
        res.findings.append(Finding(
            "table.unplaced", f"applications/{code}",
            f"找到了“{ROW_BY_CODE[code].label}”的行标签，但无法确定哪一行数字属于它，记为空值 "
            f"(the row's label is printed but no row of figures can be tied to it; null)"))
    taken = {id(p.row) for p in placed}
    for r in rows:
        if id(r) not in taken and not all(t.kind == "blank" for t in r.values):
            res.findings.append(Finding(
                "table.unlabelled", "applications",
                f"无法确定属于哪一行的数字已忽略 (figures that cannot be tied to a template "
                f"row ignored) — {evidence(r.values)}"))
    glued: dict[str, Glued] = {}
    for p in placed:
        _add_row(p, res, glued)
    if glued:
        _settle_glued_rows(glued, res)
    prove(placed, res)
    return res


# --- labels and rows ---------------------------------------------------------------------

def label_hits(seg: Segment) -> list[tuple[str, int, int]]:
    """The template rows a run of label cells names, in printed order, with where each
    name stands in the run's text.  A run may name several rows where a rendering moved
    labels together; a header's 总计 is a column head; a label cut off mid-word
    (``1. 本机关不``) names the one row its words can begin."""
    if not seg.labels:
        return []
    label = seg.label
    found = _named_rows(label)
    if not found and seg.values:
        spec = _truncated_key(label)
        if spec is not None:
            return [(spec, len(label) - len(seg.labels[-1].n), len(label))]
    return list(found)


_ROW_NAMES = Names((spec.code, spec.keys) for spec in APPLICATION_ROWS)


@lru_cache(maxsize=1 << 14)
def _named_rows(label: str) -> tuple[tuple[str, int, int], ...]:
    """The rows a label run names (see :func:`label_hits`), a row named twice in a row
    once, at its last mention.  Cached per label: every report prints the template's."""
    header = any(h in label for h in _HEADS)
    out: list[tuple[str, int, int]] = []
    for code, a, b, key in _ROW_NAMES.find(label):
        if header and key == _BARE_TOTAL:
            continue
        if out and out[-1][0] == code:
            out[-1] = (code, a, b)
        else:
            out.append((code, a, b))
    return tuple(out)


def _truncated_key(label: str) -> str | None:
    """A row whose key begins with the label's tail: a label cut off mid-word."""
    for size in range(min(len(label), 12), 3, -1):
        tail = label[-size:]
        hits = {s.code for s in APPLICATION_ROWS if any(
            k.startswith(tail) or tail in k for k in s.keys if len(k) > size)}
        if len(hits) == 1:
            return next(iter(hits))
    return None


def figure_rows(values: Sequence[Tok]) -> list[Sequence[Tok]]:
    """The printed rows in a run of figures: each source line holding exactly seven
    figures is one row (a pipe or tab row keeps its cells together even where the
    rendering moved its label elsewhere); otherwise the run is one row."""
    if not values:
        return []
    if values[0].line is values[-1].line:  # one source line (cells come in line order)
        return [trim_label_area(values, N)]
    lines: list[list[Tok]] = []
    for v in values:
        if lines and lines[-1][-1].line is v.line:
            lines[-1].append(v)
        else:
            lines.append([v])
    if len(lines) > 1 and all(len(trim_label_area(r, N)) == N for r in lines):
        return [trim_label_area(r, N) for r in lines]
    return [trim_label_area(values, N)]


def _gaps(codes: Sequence[str]) -> list[str]:
    """Template rows that no label names between the first and the last row named (a
    lost row is a displacement too: the label before it may sit on the next row's
    figures).  The （六） block is what the report prints of it."""
    if not codes:
        return []
    named = set(codes)
    skip = ({"other"} if named & set(OTHER_SUBROWS) else
            set(OTHER_SUBROWS) if "other" in named else {"other", *OTHER_SUBROWS})
    lo, hi = min(map(_ORDER.__getitem__, codes)), max(map(_ORDER.__getitem__, codes))
    return [c for c in ROW_CODES[lo:hi + 1] if c not in named and c not in skip]


# --- placement ---------------------------------------------------------------------------

def _place(hits: list[Hit], rows: list[FigRow], pairs: list[Pair], clean: bool
           ) -> tuple[list[Placed], list[str]]:
    """Tie rows to labels.  Returns the placements, and the labels left without figures."""
    anchors = pairs if clean else _monotone([p for p in pairs if p.tie != "next"])
    placed = [Placed(p.hit.code, p.row, p.tie, p.hit.tok) for p in anchors]
    anchored = {p.hit.code for p in anchors}
    labelled = {h.code for h in hits}
    subrows = any(c in OTHER_SUBROWS for c in labelled)
    row_at = {id(r): i for i, r in enumerate(rows)}
    bounds = [(-1, -1)] + [(_ORDER[p.hit.code], row_at[id(p.row)]) for p in anchors]
    bounds.append((len(ROW_CODES), len(rows)))
    unplaced: list[str] = []
    # the labels no anchor took, in template order: those between two anchors are a slice
    loose = sorted(labelled - anchored, key=_ORDER.__getitem__)
    ranks = [_ORDER[c] for c in loose]
    for (lo, lo_row), (hi, hi_row) in pairwise(bounds):
        free_rows = rows[lo_row + 1:hi_row]
        free = loose[bisect_right(ranks, lo):bisect_left(ranks, hi)]
        targets = _targets(free, free_rows, lo, hi, labelled, subrows) if free_rows else None
        if targets is None:
            unplaced += free
            continue
        # a label right before a row proves nothing here: a converter that prints every
        # label a row early puts each label before the figures of the row above it
        placed += [Placed(code, r, "order", None)
                   for code, r in zip(targets, free_rows, strict=True)]
    return placed, unplaced


def _monotone(anchors: list[Pair]) -> list[Pair]:
    """The longest run of tied rows whose labels follow the template's order (a label
    out of order, or named twice, cannot anchor the rows around it)."""
    ranks = [_ORDER[a.hit.code] for a in anchors]
    if all(a < b for a, b in pairwise(ranks)):
        return anchors  # the common case: every tied row in order
    best: list[tuple[int, int]] = []
    for j, a in enumerate(anchors):
        length, prev = 1, -1
        for i in range(j):
            if _ORDER[anchors[i].hit.code] < _ORDER[a.hit.code] and best[i][0] + 1 > length:
                length, prev = best[i][0] + 1, i
        best.append((length, prev))
    k = max(range(len(best)), key=lambda j: (best[j][0], -j))
    out = []
    while k >= 0:
        out.append(anchors[k])
        k = best[k][1]
    return out[::-1]


def _targets(free: list[str], free_rows: list[FigRow], lo: int, hi: int,
             labelled: set[str], subrows: bool) -> list[str] | None:
    """The template rows that the free figure rows between two tied rows take, in order:
    the rows whose labels lie there, plus — where labels were lost — the rows printed
    nowhere; only when they are exactly as many as the figure rows."""
    if len(free) == len(free_rows):
        return free
    if len(free) > len(free_rows):
        return None
    unseen = [c for c in ROW_CODES[lo + 1:hi] if c not in labelled]
    variants = ([[c for c in unseen if c != "other"]] if subrows else
                [[c for c in unseen if c not in OTHER_SUBROWS],
                 [c for c in unseen if c != "other"]])
    fits = {tuple(sorted(set(free) | set(v[: len(free_rows) - len(free)]),
                         key=_ORDER.__getitem__))
            for v in variants if len(free) + len(v) == len(free_rows)}
    return list(next(iter(fits))) if len(fits) == 1 else None


# --- figures -----------------------------------------------------------------------------

@dataclass(slots=True)
class Glued:
    """A row printed without cell boundaries: every split of its digits into seven cells
    (None: too many to weigh), and those its row total admits."""

    every: list[glue.Reading] | None
    opts: list[glue.Reading] | None
    evidence: str


def _add_row(p: Placed, res: TableResult, glued: dict[str, Glued]) -> None:
    toks = ([p.label] if p.label is not None else []) + list(p.row.values)
    ev = evidence(toks)
    values = p.row.values
    cells, exact = align(values, N)
    if not exact and is_glued(values):
        opts = readings(values, N, glue.sum_row(N - 1))
        # every reading matters only where none adds up (the column identities then
        # choose among them): listing them all is the costly part, so only then
        every = (glue.readings([v.raw.strip() for v in values], [v.glued for v in values], N)
                 if opts == [] else None)
        glued[p.code] = Glued(every, opts, ev)
        return
    if not exact:
        cells = prove_extra(cells, [(range(N - 1), N - 1)])
        res.findings.append(misaligned(f"applications/{p.code}", len(values), N,
                                       all(c is not None for c in cells), ev))
    keys = ROW_KEYS[p.code]
    res.figures.update(zip(keys, resolve_sum_row(cells, keys, ev, f"applications/{p.code}",
                                                 res.findings), strict=True))


#: Each row's (row, applicant) keys in column order (the six applicants, then 总计),
#: built once rather than per row read.
ROW_KEYS = {code: [(code, a) for a in APPLICANTS] for code in ROW_CODES}


def _application_equations(found: Sequence[str]) -> list[glue.Equation]:
    """The column identities of section 三 as equations over (row, applicant) cells."""
    out: list[glue.Equation] = []
    outcome = outcome_rows(found)
    for a in APPLICANTS:
        out.append([(1, ("new_received", a)), (1, ("carried_over", a)),
                    (-1, ("total_processed", a)), (-1, ("carried_forward", a))])
        out.append([*((1, (r, a)) for r in outcome), (-1, ("total_processed", a))])
    return out


def outcome_rows(found: Sequence[str]) -> tuple[str, ...]:
    """The rows that add up to （七）总计: the 2021 template's three （六） sub-rows where
    the report prints them, else the single （六）其他处理 row."""
    return OUTCOME_ROWS["2021"] if any(r in found for r in OTHER_SUBROWS) else OUTCOME_ROWS["2019"]


def _settle_glued_rows(glued: dict[str, Glued], res: TableResult) -> None:
    """Figures of rows printed without cell boundaries (see :mod:`govkit.read.glue`).

    Each row's readings already satisfy its row total where any does; where a row still
    reads several ways — or no way adds up, the report having broken its own row total —
    the column identities across rows choose among them, unless the report's own figures
    break those identities too, in which case they decide nothing.
    """
    open_rows: dict[str, tuple[Sequence[str], Sequence[glue.Reading]]] = {}
    for code, g in glued.items():
        if g.opts is not None and len(g.opts) > 1:
            open_rows[code] = (APPLICANTS, g.opts)
        elif g.opts == [] and g.every:
            open_rows[code] = (APPLICANTS, g.every)
    if open_rows:
        fixed = {k: f.value for k, f in res.figures.items()}
        for code, g in glued.items():
            if g.opts is not None and len(g.opts) == 1:
                fixed.update(zip(((code, a) for a in APPLICANTS), g.opts[0], strict=True))
        kept = glue.joint(fixed, open_rows, _application_equations(res.found))
        for code, opts in kept.items():
            if opts and len(opts) < len(open_rows[code][1]):
                glued[code].opts = opts
    for code, g in glued.items():
        keys = [(code, a) for a in APPLICANTS]
        for fig in glued_figures(keys, g.opts, g.evidence, f"applications/{code}",
                                 res):
            res.figures[(fig.key1, fig.key2)] = fig


# --- proof -------------------------------------------------------------------------------

def _identities(found: Sequence[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The column identities as (left rows, right rows): sum(left) == sum(right)."""
    return [(("new_received", "carried_over"), ("total_processed", "carried_forward")),
            (outcome_rows(found), ("total_processed",))]


def prove(placed: Sequence[Placed], res: TableResult) -> None:
    """Publish rows placed by order only where every identity they take part in can be
    evaluated in every column, and holds.

    A null term leaves an identity open, and an open identity proves nothing: a label
    lost and another row's figures lost cancel out in the count, and the rows between
    them would shift with nothing to show it.  Nonnegative parts that exceed their whole
    contradict a placement even where a term is null.
    """
    by_order = {p.code for p in placed if p.how == "order"}
    if not by_order:
        return
    vals = {k: f.value for k, f in res.figures.items()}
    broken: set[str] = set()
    unchecked: set[str] = set()
    for left, right in _identities(res.found):
        involved = (set(left) | set(right)) & by_order
        for a in APPLICANTS if involved else ():
            verdict = _holds([vals.get((r, a)) for r in left], [vals.get((r, a)) for r in right])
            if verdict is False:
                broken |= involved
            elif verdict is None:
                unchecked |= involved
    for p in placed:
        if p.how != "order":
            continue
        ev = evidence(p.row.values)
        label = ROW_BY_CODE[p.code].label
        if p.code in broken or p.code in unchecked:
            for a in APPLICANTS:
                res.figures[(p.code, a)] = Figure(p.code, a, None, "missing", ev)
            why, why_en = (("勾稽关系不成立", "the identities it takes part in do not hold")
                           if p.code in broken else
                           ("相关勾稽关系因空值无法核对", "the identities it takes part in cannot "
                            "be evaluated (null cells)"))
            res.findings.append(Finding(
                "table.unproven", f"applications/{p.code}",
                f"本行标签在文本中错位，按模板行序应为“{label}”，但{why}，无法确认，记为空值 "
                f"(the row's label was displaced; the template's order would place it here, "
                f"but {why_en}; left null) — {ev}"))
            continue
        res.findings.append(Finding(
            "table.placed", f"applications/{p.code}",
            f"本行标签在文本中错位，按模板行序确定为“{label}”，勾稽关系成立 (the row's label "
            f"was displaced in this rendering; the template's row order places it, and the "
            f"identities it takes part in hold) — {ev}"))


def _holds(left: list[float | None], right: list[float | None]) -> bool | None:
    """Whether sum(left) == sum(right) for counts (never negative); None where null terms
    leave it open.  With a side fully known, the known terms of the other may not exceed
    it."""
    lk = [v for v in left if v is not None]
    rk = [v for v in right if v is not None]
    if len(lk) == len(left) and len(rk) == len(right):
        return sum(lk) == sum(rk)
    if len(rk) == len(right) and sum(lk) > sum(rk):
        return False
    if len(lk) == len(left) and sum(rk) > sum(lk):
        return False
    return None
