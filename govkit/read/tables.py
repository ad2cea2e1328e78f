"""Read the three template tables (sections 二, 三, 四) from a document's lines.

The table region is cut into the three tables (:func:`read_tables`), each read as a
stream of label and figure cells (:mod:`govkit.read.cells`).  Section 三 lays each printed
row on its template row and proves it (:mod:`govkit.read.applications`); section 四 is one
row of fifteen figures under its heads; section 二 prints one row per item under the
column heads of its sub-table.

Never guess: when a row prints more or fewer figures than the template has columns, a
column gets a value only if every way of laying the printed figures onto the columns
gives it the same value.  A row printing 6 of 7 cells therefore comes back null, with a
finding; a row printing 16 zeros for 15 columns comes back as 15 zeros, with a finding.
Figures printed without cell boundaries (crawler text) are split only where the
identities pin the split (:mod:`govkit.read.glue`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..schema import (
    DISCLOSURE_ITEMS,
    DISCLOSURE_LAYOUT,
    DISCLOSURE_MEASURES,
    PROCEEDINGS,
    RESULT_KEYS,
    RESULTS,
)
from . import glue
from .applications import read_applications
from .cells import (
    EVIDENCE_CHARS,
    Names,
    Segment,
    TableResult,
    Tok,
    align,
    glued_figures,
    is_glued,
    line_tokens,
    misaligned,
    prove_extra,
    readings,
    resolve_sum_row,
    segments,
    tie,
    tokens,
    unreadable,
)
from .model import Figure, Finding, Line

_APP_ANCHOR = re.compile("申请人情况|自然人|本年新收|上年结转|本年度办理结果|予以公开")
_REVIEW_ANCHOR = re.compile("行政复议|行政诉讼|维持|纠正|审结")


@lru_cache(maxsize=1 << 14)
def _anchor(label: str) -> int:
    """The table a label cell can only be in (2 reviews, 1 applications, else 0), cached:
    every report prints the template's labels."""
    return 2 if _REVIEW_ANCHOR.search(label) else 1 if _APP_ANCHOR.search(label) else 0


def review_order(header: str) -> list[tuple[str, str]]:
    """Column order of the review table, from its printed heads when they are complete."""
    default = [(p, r) for p in PROCEEDINGS for r in RESULTS]
    found: list[tuple[int, str]] = []
    for result, ks in RESULT_KEYS.items():
        key = ks[0]
        start = 0
        while (pos := header.find(key, start)) >= 0:
            found.append((pos, result))
            start = pos + len(key)
    found.sort()
    order = [r for _, r in found]
    if len(order) != 15 or any(sorted(order[i:i + 5]) != sorted(RESULTS) for i in (0, 5, 10)):
        return default
    return [(PROCEEDINGS[i // 5], r) for i, r in enumerate(order)]


def read_reviews(segs: Sequence[Segment]) -> TableResult:
    res = TableResult()
    header = "".join(s.label for s in segs)
    values = [v for s in segs for v in s.values]
    if not values:
        return res
    order = review_order(header)
    default = [(p, r) for p in PROCEEDINGS for r in RESULTS]
    if order != default:
        # heads printed in another order (or a mangled header) are believed only where
        # the row totals hold under them and not under the template's order
        order = order if _totals_hold(order, values) and not _totals_hold(default, values) \
            else default
    ev_lines: list[str] = []
    for s in segs:
        if s.values:
            ev_lines.append(s.evidence(len(s.label)))
    evidence = " / ".join(ev_lines)
    if len(evidence) > EVIDENCE_CHARS:
        evidence = evidence[: EVIDENCE_CHARS - 1] + "…"
    cells, exact = align(values, 15)
    res.found = list(PROCEEDINGS)
    if not exact and is_glued(values):
        col = {k: i for i, k in enumerate(order)}
        sums = [([col[(p, r)] for r in RESULTS[:-1]], col[(p, "total")]) for p in PROCEEDINGS]
        blocks = all(parts == list(range(t - 4, t)) and t == 5 * b + 4
                     for b, (parts, t) in enumerate(sums))
        opts = readings(values, 15, glue.sum_row(4) if blocks else lambda r: all(
            sum(r[i] for i in parts) == r[t] for parts, t in sums))
        for fig in glued_figures(order, opts, evidence, "reviews", res):
            res.figures[(fig.key1, fig.key2)] = fig
        return res
    if not exact:
        col = {k: i for i, k in enumerate(order)}
        cells = prove_extra(cells, [([col[(p, r)] for r in RESULTS[:-1]], col[(p, "total")])
                                    for p in PROCEEDINGS])
        res.findings.append(misaligned("reviews", len(values), 15,
                                       all(c is not None for c in cells), evidence))
    by_key = dict(zip(order, cells, strict=True))
    for proceeding in PROCEEDINGS:
        row = [by_key[(proceeding, r)] for r in RESULTS]
        for fig in resolve_sum_row(row, [(proceeding, r) for r in RESULTS], evidence,
                                   f"reviews/{proceeding}", res.findings):
            res.figures[(fig.key1, fig.key2)] = fig
    return res


def _totals_hold(order: Sequence[tuple[str, str]], values: Sequence[Tok]) -> bool:
    if len(values) != len(order) or any(v.kind != "number" for v in values):
        return False
    by = {k: v.value or 0.0 for k, v in zip(order, values, strict=True)}
    return all(sum(by[(p, r)] for r in RESULTS[:-1]) == by[(p, "total")] for p in PROCEEDINGS)


def _measure_heads(label: str) -> list[str]:
    """The column heads a label run prints, in printed order, each once (a head printed
    twice is one column: a duplicated header cell never adds one)."""
    return list(dict.fromkeys(code for code, _, _, _ in _MEASURE_NAMES.find(label)))


_MEASURE_NAMES = Names((m.code, m.keys) for m in DISCLOSURE_MEASURES)


def item_columns(item: str, heads: Sequence[str]) -> list[str]:
    """The columns of an item's row, in the template's order, for the template generation
    the printed heads follow; the heads as printed where no generation fits them.

    The template fixes the order of the columns, and nothing in section 二 could prove
    another one (it has no totals), so a header that reads in another order — or with a
    head missing or printed twice — is a damaged header, not a different table.

    >>> item_columns("regulations", ["issued", "in_force"])
    ['issued', 'repealed', 'in_force']
    >>> item_columns("admin_licensing", ["prior_year", "change", "decisions"])
    ['prior_year', 'change', 'decisions']
    """
    near: list[tuple[int, tuple[str, ...]]] = []
    for gen in ("2021", "2019"):
        layout = DISCLOSURE_LAYOUT[gen].get(item)
        if layout is None:
            continue
        if sorted(heads) == sorted(layout):
            return list(layout)
        shared = len(set(heads) & set(layout))
        if shared and (set(heads) <= set(layout) or set(layout) <= set(heads)):
            near.append((shared, layout))
    near.sort(reverse=True)
    if near and (len(near) == 1 or near[0][0] > near[1][0]):
        return list(near[0][1])
    return list(heads)


def read_disclosures(segs: Sequence[Segment],
                     pins: Mapping[tuple[str, str], float] | None = None) -> TableResult:
    """Section 二.  ``pins`` are figures the narrative states for its cells (used only to
    split figures printed without cell boundaries, see :mod:`govkit.read.glue`).

    Section 二 has no identity, so nothing could prove a row placed by order: an item's
    figures are read where the rendering ties them to its label (same row, same line of
    text) or — in a table that displaces no label (each item named once, in the
    template's order, before one run of figures) — where its label is the line before.
    """
    pins = pins or {}
    res = TableResult()
    heads: list[str] = []
    rows: list[tuple[Segment, str | None, int, list[str], str]] = []  # seg, item, pos, heads, tie
    clean = True
    order: list[str] = []
    for seg in segs:
        label = seg.label
        hits = _item_hits(label)
        item, item_pos, item_end = hits[-1] if hits else (None, -1, -1)
        printed = _measure_heads(label[: item_pos if item_pos >= 0 else len(label)])
        if printed:
            heads = printed
            res.measures_seen.update(printed)
        if not seg.values or (all(v.kind == "blank" for v in seg.values) and item is None):
            continue  # a header, or the empty cells of a page's own metadata table
        clean &= len(hits) == 1
        if item is not None:
            order.append(item)
        rows.append((seg, item, item_pos, heads,
                     tie(seg, item_pos, item_end) if item is not None else "next"))
    ranks = [_ITEM_ORDER[i] for i in order]
    clean &= ranks == sorted(set(ranks))
    for seg, item, item_pos, heads, how in rows:
        if item is None or not heads:
            res.findings.append(Finding(
                "table.unlabelled", "disclosures",
                f"无法识别行标签或列标题的数字已忽略 (figures without a recognised item or "
                f"column head ignored) — {seg.evidence()}"))
            continue
        measures = item_columns(item, heads)
        ev = seg.evidence(item_pos)
        scope = f"disclosures/{item}"
        if item in res.found:
            continue  # named twice: the first row is the item's
        res.found.append(item)
        if how == "next" and not clean:
            for m in measures:
                res.figures[(item, m)] = Figure(item, m, None, "missing", ev)
            res.findings.append(Finding(
                "table.unplaced", scope,
                f"本表的行标签有错位，此行数字与标签不在同一行，第二部分没有勾稽关系可以确认，"
                f"记为空值 "
                f"(labels of this table are displaced and these figures are not printed with "
                f"their label; section 二 has no identity that could prove them; null) — {ev}"))
            continue
        _read_item(seg, item, measures, ev, scope, pins, res)
    return res


def _item_hits(label: str) -> list[tuple[str, int, int]]:
    """The items a label run names, in printed order, with where each name stands."""
    out: list[tuple[str, int, int]] = []
    for code, a, b, _ in _ITEM_NAMES.find(label):
        if not (out and out[-1][0] == code):
            out.append((code, a, b))
    return out


_ITEM_NAMES = Names((spec.code, spec.keys) for spec in DISCLOSURE_ITEMS)
_ITEM_ORDER = {spec.code: i for i, spec in enumerate(DISCLOSURE_ITEMS)}


def _read_item(seg: Segment, item: str, measures: list[str], ev: str, scope: str,
               pins: Mapping[tuple[str, str], float], res: TableResult) -> None:
    cells, exact = align(seg.values, len(measures))
    if not exact and is_glued(seg.values):
        # no identity binds these cells; only figures the narrative states can pin them
        stated = [(i, pins[(item, m)]) for i, m in enumerate(measures) if (item, m) in pins]

        def agrees(r: Sequence[float], stated: list[tuple[int, float]] = stated) -> bool:
            return all(r[i] == v for i, v in stated)

        opts = readings(seg.values, len(measures), agrees)
        for fig in glued_figures([(item, m) for m in measures], opts, ev, scope, res):
            res.figures[(fig.key1, fig.key2)] = fig
        return
    if not exact:
        res.findings.append(misaligned(scope, len(seg.values), len(measures),
                                       all(c is not None for c in cells), ev))
    for measure, c in zip(measures, cells, strict=True):
        res.figures[(item, measure)] = _disclosure_cell(item, measure, c, ev, scope,
                                                        res.findings)


def _disclosure_cell(item: str, measure: str, c: Tok | None, ev: str, scope: str,
                     findings: list[Finding]) -> Figure:
    if c is None:
        return Figure(item, measure, None, "missing", ev)
    if c.kind == "number":
        return Figure(item, measure, c.value, "printed", ev)
    if c.kind == "unreadable":
        findings.append(unreadable(f"{scope}/{measure}", ev))
    else:
        findings.append(Finding(
            "table.blank", f"{scope}/{measure}",
            f"空白单元格，本表无合计可确认，记为空值 (blank cell; no total to confirm "
            f"it as 0, left null) — {ev}"))
    return Figure(item, measure, None, "missing", ev)


@dataclass(slots=True)
class Tables:
    disclosures: TableResult
    applications: TableResult
    reviews: TableResult


def read_tables(lines: Sequence[Line], section_of: Sequence[str | None],
                pins: Mapping[tuple[str, str], float] | None = None) -> Tables:
    """Split the table region into the three tables and read each.

    ``section_of[i]`` is the section (by heading) of ``lines[i]``.  A table starts at
    its section's heading or, where a truncated text lost the heading, at the first
    label that only that table prints (申请人情况, 行政复议, …).
    """
    if len(lines) != len(section_of):
        raise ValueError(f"{len(lines)} lines but {len(section_of)} sections")
    phase = 0  # 0 disclosures, 1 applications, 2 reviews
    parts: list[list[Tok]] = [[], [], []]
    rank = {"disclosures": 0, "applications": 1, "reviews": 2}
    for at, (line, sec) in enumerate(zip(lines, section_of, strict=True)):
        phase = max(phase, rank.get(sec or "", 0))
        if phase == 2:  # the last table: no anchor can move us on
            parts[2] += tokens(lines[at:])
            break
        for t in line_tokens(line):
            if t.kind == "text" and phase < 2:
                phase = max(phase, _anchor(t.n))
            parts[phase].append(t)
    apps = read_applications(segments(parts[1]))
    return Tables(
        disclosures=read_disclosures(segments(parts[0]), pins),
        applications=apps,
        reviews=read_reviews(segments(parts[2])),
    )
