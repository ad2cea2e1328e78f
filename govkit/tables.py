"""Read the three template tables (sections 二, 三, 四) from a document's lines.

Renderings disagree on where a row ends but agree on order: a row label, then its
figures.  So the tables are read as one stream of cells in which a run of label cells
(a header, a group label, a label wrapped over several cells) is followed by a run of
figures.  The label run is matched against the template keys of :mod:`govkit.schema`;
the figures are then laid onto the row's columns.

Never guess: when a row prints more or fewer figures than the template has columns, a
column gets a value only if every way of laying the printed figures onto the columns
gives it the same value.  A row printing 6 of 7 cells therefore comes back null, with a
finding; a row printing 16 zeros for 15 columns comes back as 15 zeros, with a finding.

The blank-cell rule.  A printed blank (an empty cell, ``&nbsp;``, ``-``, ``/``, ``无``) is
a cell only where the rendering shows it is one: on a grid (HTML, DOCX, PDF tables) every
blank after the row's label; in text, only a blank between two figures of one line.  In a
row whose last column totals the others (section 三's 总计, section 四's 总计) the blanks
are 0 — basis "blank_zero" — exactly when the printed total equals the sum of the printed
parts; otherwise each is null with a ``table.blank`` finding.  A blank total beside fully
printed parts is their sum, basis "derived".  Section 二 has no totals: its blanks are
null.  See :func:`_resolve_sum_row`.

Figures printed without cell boundaries (crawler text) are split only where the
identities pin the split (:mod:`govkit.glue`); rows whose labels a rendering displaced are
placed by the template's row order only where nothing else fits (:func:`_place_unlabelled`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import glue
from .model import Figure, Finding, Line
from .schema import (
    APPLICANTS,
    APPLICATION_ROWS,
    DISCLOSURE_ITEMS,
    DISCLOSURE_MEASURES,
    OTHER_SUBROWS,
    OUTCOME_ROWS,
    PROCEEDINGS,
    RESULT_KEYS,
    RESULTS,
    ROW_BY_CODE,
    ROW_CODES,
    RowSpec,
)
from .text import CellKind, clean, figure_cells, norm, read_cell

_APP_ANCHOR = re.compile("申请人情况|自然人|本年新收|上年结转|本年度办理结果|予以公开")
_REVIEW_ANCHOR = re.compile("行政复议|行政诉讼|维持|纠正|审结")
EVIDENCE_CHARS = 240


@dataclass(slots=True)
class Tok:
    raw: str
    n: str
    kind: CellKind
    value: float | None
    line: Line
    glued: bool = False  # a figure whose digits may hold several cells (see glue.py)


@dataclass(slots=True)
class Segment:
    """A run of label cells and the run of figure cells after it."""

    labels: list[Tok] = field(default_factory=list)
    values: list[Tok] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "".join(t.n for t in self.labels)

    def evidence(self, from_char: int = 0) -> str:
        """The row as printed, from the label cell holding ``from_char`` on."""
        toks: list[Tok] = []
        pos = 0
        for t in self.labels:
            if pos + len(t.n) > from_char:
                toks.append(t)
            pos += len(t.n)
        toks += self.values
        where = toks[0].line.where if toks else ""
        text = " | ".join(clean(t.raw) or "␣" for t in toks)
        if len(text) > EVIDENCE_CHARS:
            text = text[: EVIDENCE_CHARS - 1] + "…"
        return f"{where}: {text}"


def tokens(lines: Iterable[Line]) -> list[Tok]:
    """Cells of the lines in order, with their kind.

    In text renderings a blank cell counts only between two figures of the same line;
    elsewhere it is layout (merged label columns, trailing tabs).  In grid renderings
    every blank after the row's last label cell is a printed blank.
    """
    out: list[Tok] = []
    for line in lines:
        if not line.table:
            out += _text_tokens(line)
            continue
        for raw, n, kind, value in _row_cells(tuple(line.cells), line.grid):
            out.append(Tok(raw, n, kind, value, line))
    return out


@lru_cache(maxsize=1 << 14)
def _row_cells(cells: tuple[str, ...], grid: bool
               ) -> tuple[tuple[str, str, CellKind, float | None], ...]:
    # Cached by the row's text: template rows ("规章\t0\t0\t0") recur across reports.
    read = [(c, *read_cell(c)) for c in cells]
    last_text = max((i for i, c in enumerate(read) if c[1] == "text"), default=-1)
    nums = [i for i, c in enumerate(read) if c[1] == "number"]
    out = []
    for i, (raw, kind, value) in enumerate(read):
        if kind == "blank":
            if grid:
                if i < last_text:
                    continue
            elif not nums or i < nums[0] or i > nums[-1] or i < last_text:
                continue
        out.append((raw, norm(raw), kind, value))
    return tuple(out)


def _text_tokens(line: Line) -> list[Tok]:
    """A paragraph line in a table section: a table row whose cells were printed as text
    (``规章 1 0 11``, or with the boundaries lost: ``规章000行政规范性文件8855698``).
    A sentence (it has a full stop) is prose and one label."""
    text = line.cells[0]
    if "。" in text:
        return [Tok(text, norm(text), "text", None, line)]
    out = []
    for raw, glued in figure_cells(text):
        kind, value = read_cell(raw)
        out.append(Tok(raw, norm(raw), kind, value, line, glued and kind == "number"))
    return out


def segments(toks: Sequence[Tok]) -> list[Segment]:
    out: list[Segment] = []
    cur = Segment()
    for t in toks:
        if t.kind == "text":
            if cur.values:
                out.append(cur)
                cur = Segment()
            cur.labels.append(t)
        else:
            cur.values.append(t)
    if cur.labels or cur.values:
        out.append(cur)
    return out


def align(values: Sequence[Tok], n: int) -> tuple[list[Tok | None], bool]:
    """Lay printed cells onto ``n`` columns; returns (cells, whether counts matched).

    With k extra cells, column i may hold any of cells i..i+k: it is determined only if
    they all read the same.  With cells missing, any column may be the missing one, so
    none is determined.
    """
    if len(values) == n:
        return list(values), True
    k = len(values) - n
    if k < 0:
        return [None] * n, False
    out: list[Tok | None] = []
    for i in range(n):
        window = values[i : i + k + 1]
        first = window[0]
        same = all(w.kind == first.kind and w.value == first.value for w in window)
        out.append(first if same else None)
    return out, False


@dataclass(slots=True)
class TableResult:
    figures: dict[tuple[str, str], Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # row/item codes in printed order
    measures_seen: set[str] = field(default_factory=set)


def _resolve_sum_row(
    cells: list[Tok | None], keys: Sequence[tuple[str, str]], evidence: str, scope: str,
    findings: list[Finding],
) -> list[Figure]:
    """Figures of a row whose last column is the total of the others.

    A blank cell is 0 only if the printed total equals the sum of the printed parts; a
    blank total beside printed parts is derived from them.  Otherwise it is null.
    """
    if all(c is not None and c.kind == "number" for c in cells):  # the common case
        return [Figure(k1, k2, c.value, "printed", evidence)  # type: ignore[union-attr]
                for (k1, k2), c in zip(keys, cells, strict=True)]
    *parts, total = cells
    printed = [c.value for c in parts
               if c is not None and c.kind == "number" and c.value is not None]
    blanks = [i for i, c in enumerate(parts) if c is not None and c.kind == "blank"]
    unknown = any(c is None for c in parts)
    figs: list[Figure] = []
    total_printed = total is not None and total.kind == "number"
    zero_ok = (total_printed and not unknown and total is not None
               and sum(printed) == total.value)
    derive_total = (total is not None and total.kind == "blank" and not unknown
                    and not blanks)
    for i, c in enumerate(cells):
        k1, k2 = keys[i]
        if c is None:
            figs.append(Figure(k1, k2, None, "missing", evidence))
        elif c.kind == "number":
            figs.append(Figure(k1, k2, c.value, "printed", evidence))
        elif i < len(parts) and zero_ok:
            figs.append(Figure(k1, k2, 0.0, "blank_zero", evidence))
        elif i == len(parts) and derive_total:
            figs.append(Figure(k1, k2, float(sum(printed)), "derived", evidence))
        else:
            figs.append(Figure(k1, k2, None, "missing", evidence))
            findings.append(Finding(
                "table.blank", f"{scope}/{k2}",
                f"空白单元格无法由本行合计确认为0，记为空值 (blank cell not confirmed as 0 by "
                f"the row total; left null) — {evidence}"))
    return figs


def _misaligned(scope: str, got: int, want: int, resolved: bool, evidence: str) -> Finding:
    if resolved:
        msg = (f"本行印有{got}个数字，模板为{want}列；各种对齐方式结果相同，已读取 "
               f"({got} figures printed for {want} columns; every alignment agrees) — {evidence}")
        return Finding("table.misaligned", scope, msg, str(want), str(got))
    msg = (f"本行印有{got}个数字，模板为{want}列，无法确定对应关系，记为空值 "
           f"({got} figures printed for {want} columns; cannot tell which is which, left "
           f"null) — {evidence}")
    return Finding("table.ambiguous", scope, msg, str(want), str(got))


def _best_key(label: str, specs: Sequence[RowSpec],
              exclude: set[str]) -> tuple[RowSpec, int] | None:
    """The spec whose key occurs latest in ``label`` (the row's own label comes last)."""
    if specs is APPLICATION_ROWS:
        return _best_row_key(label, frozenset(exclude))
    return _latest_key(label, specs, exclude)


@lru_cache(maxsize=1 << 14)
def _best_row_key(label: str, exclude: frozenset[str]) -> tuple[RowSpec, int] | None:
    return _latest_key(label, APPLICATION_ROWS, exclude)


def _latest_key(label: str, specs: Sequence[RowSpec],
                exclude: set[str] | frozenset[str]) -> tuple[RowSpec, int] | None:
    # Cached: every report prints the same labels, and at each row the rows already seen
    # are usually the same ones, so across a corpus almost every call is a repeat.
    best: tuple[RowSpec, int, int] | None = None
    for spec in specs:
        if spec.code in exclude:
            continue
        for key in spec.keys:
            pos = label.rfind(key)
            if pos < 0:
                continue
            end = pos + len(key)
            if best is None or end > best[2] or (end == best[2] and pos < best[1]):
                best = (spec, pos, end)
    return (best[0], best[1]) if best else None


def _truncated_key(label: str, specs: Sequence[RowSpec], exclude: set[str]) -> RowSpec | None:
    """A spec whose first key begins with the label's tail: a label cut off mid-word."""
    for size in range(min(len(label), 12), 3, -1):
        tail = label[-size:]
        hits = [s for s in specs if s.code not in exclude and any(
            k.startswith(tail) or tail in k for k in s.keys if len(k) > size)]
        if len(hits) == 1:
            return hits[0]
    return None


def read_applications(segs: Sequence[Segment]) -> TableResult:
    res = TableResult()
    seen: set[str] = set()
    n = len(APPLICANTS)
    glued: dict[str, tuple[list[glue.Reading] | None, str]] = {}
    # rows in printed order: a row code, or the figures of a row whose label was lost
    printed: list[str | list[Tok]] = []
    for seg in segs:
        if not seg.values:
            continue
        label = seg.label
        hit = _best_key(label, APPLICATION_ROWS, seen)
        if hit is None:
            spec = _truncated_key(label, APPLICATION_ROWS, seen)
            if spec is None:
                printed += _line_rows(seg.values, n) or [list(seg.values)]
                continue
            pos = max(0, len(label) - 4)
        else:
            spec, pos = hit
        values: Sequence[Tok] = seg.values
        rows = _line_rows(values, n)
        if rows:  # a labelled row, then rows whose labels the rendering moved away
            values = rows[0]
        seen.add(spec.code)
        res.found.append(spec.code)
        printed.append(spec.code)
        printed += rows[1:] if rows else []
        ev = seg.evidence(pos)
        cells, exact = align(values, n)
        if not exact and _is_glued(values):
            glued[spec.code] = (_readings(values, n, glue.sum_row(n - 1)), ev)
            continue
        if not exact:
            res.findings.append(_misaligned(f"applications/{spec.code}", len(values), n,
                                            all(c is not None for c in cells), ev))
        _add_sum_row(res, spec.code, cells, ev)
    _place_unlabelled(printed, res)
    if glued:
        _settle_glued_rows(glued, res)
    return res


def _add_sum_row(res: TableResult, code: str, cells: list[Tok | None], ev: str) -> None:
    keys = [(code, a) for a in APPLICANTS]
    for fig in _resolve_sum_row(cells, keys, ev, f"applications/{code}", res.findings):
        res.figures[(fig.key1, fig.key2)] = fig


def _line_rows(values: Sequence[Tok], n: int) -> list[list[Tok]] | None:
    """Split figures from several printed rows: each source line holding exactly ``n``
    figures is one row (a pipe or tab row keeps its cells together even where the
    rendering moved its label elsewhere)."""
    if len(values) <= n:
        return None
    rows: list[list[Tok]] = []
    for v in values:
        if rows and rows[-1][-1].line is v.line:
            rows[-1].append(v)
        else:
            rows.append([v])
    if len(rows) > 1 and all(len(r) == n for r in rows):
        return rows
    return None


def _place_unlabelled(printed: list[str | list[Tok]], res: TableResult) -> None:
    """Rows whose labels a rendering lost or scrambled, placed by the template's order.

    Between two recognised rows, the template's rows that were not found are the only
    places the unlabelled rows can go; when there are exactly as many of each, the order
    of the template decides.  Otherwise they are left out, with a finding.
    """
    order = {code: i for i, code in enumerate(ROW_CODES)}
    subrows = any(r in res.found for r in OTHER_SUBROWS)
    skip = {"other"} if subrows else set(OTHER_SUBROWS) if "other" in res.found else set()
    i = 0
    while i < len(printed):
        if isinstance(printed[i], str):
            i += 1
            continue
        j = i
        while j < len(printed) and not isinstance(printed[j], str):
            j += 1
        before = next((p for p in reversed(printed[:i]) if isinstance(p, str)), None)
        after = printed[j] if j < len(printed) else None
        lo = order[before] if isinstance(before, str) else -1
        hi = order[after] if isinstance(after, str) else len(ROW_CODES)
        gaps = [c for c in ROW_CODES[lo + 1:hi] if c not in res.found and c not in skip]
        runs = [r for r in printed[i:j] if not isinstance(r, str)]
        if len(gaps) == len(runs) and hi < len(ROW_CODES):
            for code, values in zip(gaps, runs, strict=True):
                ev = Segment(values=values).evidence()
                cells, exact = align(values, len(APPLICANTS))
                res.found.append(code)
                res.findings.append(Finding(
                    "table.placed", f"applications/{code}",
                    f"本行标签在文本中错位，按模板行序确定为{ROW_BY_CODE[code].label} (the row's "
                    f"label was displaced in this rendering; the template's row order places "
                    f"it) — {ev}"))
                if not exact:
                    res.findings.append(_misaligned(f"applications/{code}", len(values),
                                                    len(APPLICANTS), False, ev))
                _add_sum_row(res, code, cells, ev)
        else:
            for values in runs:
                if all(v.kind == "blank" for v in values):
                    continue
                res.findings.append(Finding(
                    "table.unlabelled", "applications",
                    f"无法识别行标签的数字已忽略 (figures under an unrecognised label ignored) "
                    f"— {Segment(values=values).evidence()}"))
        i = j


def _is_glued(values: Sequence[Tok]) -> bool:
    return any(v.glued for v in values) and all(v.kind == "number" for v in values)


def _readings(values: Sequence[Tok], n: int,
              accept: Callable[[glue.Reading], bool]) -> list[glue.Reading] | None:
    found = glue.readings([v.raw.strip() for v in values], [v.glued for v in values], n)
    return None if found is None else [r for r in found if accept(r)]


def _application_equations(found: Sequence[str]) -> list[glue.Equation]:
    """The column identities of section 三 as equations over (row, applicant) cells."""
    gen = "2021" if any(r in found for r in OTHER_SUBROWS) else "2019"
    out: list[glue.Equation] = []
    for a in APPLICANTS:
        out.append([(1, ("new_received", a)), (1, ("carried_over", a)),
                    (-1, ("total_processed", a)), (-1, ("carried_forward", a))])
        out.append([*((1, (r, a)) for r in OUTCOME_ROWS[gen]), (-1, ("total_processed", a))])
    return out


def _settle_glued_rows(glued: dict[str, tuple[list[glue.Reading] | None, str]],
                       res: TableResult) -> None:
    """Figures of rows printed without cell boundaries (see :mod:`govkit.glue`).

    Each row's readings already satisfy its row total; where a row still reads several
    ways, the column identities across rows choose among them — unless the report's own
    figures break those identities, in which case they decide nothing.
    """
    open_rows = {code: (APPLICANTS, opts) for code, (opts, _) in glued.items()
                 if opts is not None and len(opts) > 1}
    if open_rows:
        fixed = {k: f.value for k, f in res.figures.items()}
        for code, (opts, _) in glued.items():
            if opts is not None and len(opts) == 1:
                fixed.update(zip(((code, a) for a in APPLICANTS), opts[0], strict=True))
        kept = glue.joint(fixed, open_rows, _application_equations(res.found))
        for code, opts in kept.items():
            if opts:
                glued[code] = (opts, glued[code][1])
    for code, (opts, ev) in glued.items():
        keys = [(code, a) for a in APPLICANTS]
        for fig in _glued_figures(keys, opts, ev, f"applications/{code}", res.findings):
            res.figures[(fig.key1, fig.key2)] = fig


def _glued_figures(keys: Sequence[tuple[str, str]], opts: list[glue.Reading] | None, ev: str,
                   scope: str, findings: list[Finding]) -> list[Figure]:
    values = glue.agreed(opts or [], len(keys))
    if any(v is None for v in values):
        why = ("没有一种拆分满足本行的勾稽关系" if opts == [] else
               "拆分方式过多" if opts is None else f"有{len(opts)}种拆分都满足勾稽关系")
        findings.append(Finding(
            "table.glued", scope,
            f"本行数字之间的单元格分隔已丢失，{why}，无法确定的单元格记为空值 (the row's "
            f"cells were printed without boundaries and the identities do not pin every "
            f"split; undetermined cells left null) — {ev}",
            actual=str(0 if opts is None else len(opts))))
    return [Figure(k1, k2, v, "derived" if v is not None else "missing", ev)
            for (k1, k2), v in zip(keys, values, strict=True)]


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
    ev_lines: list[str] = []
    for s in segs:
        if s.values:
            ev_lines.append(s.evidence(len(s.label)))
    evidence = " / ".join(ev_lines)
    if len(evidence) > EVIDENCE_CHARS:
        evidence = evidence[: EVIDENCE_CHARS - 1] + "…"
    cells, exact = align(values, 15)
    res.found = list(PROCEEDINGS)
    if not exact and _is_glued(values):
        col = {k: i for i, k in enumerate(order)}
        sums = [([col[(p, r)] for r in RESULTS[:-1]], col[(p, "total")]) for p in PROCEEDINGS]
        opts = _readings(values, 15, lambda r: all(
            sum(r[i] for i in parts) == r[t] for parts, t in sums))
        for fig in _glued_figures(order, opts, evidence, "reviews", res.findings):
            res.figures[(fig.key1, fig.key2)] = fig
        return res
    if not exact:
        res.findings.append(_misaligned("reviews", len(values), 15,
                                        all(c is not None for c in cells), evidence))
    by_key = dict(zip(order, cells, strict=True))
    for proceeding in PROCEEDINGS:
        row = [by_key[(proceeding, r)] for r in RESULTS]
        for fig in _resolve_sum_row(row, [(proceeding, r) for r in RESULTS], evidence,
                                    f"reviews/{proceeding}", res.findings):
            res.figures[(fig.key1, fig.key2)] = fig
    return res


def _measure_heads(label: str) -> list[str]:
    hits: list[tuple[int, int, str]] = []
    for m in DISCLOSURE_MEASURES:
        for key in m.keys:
            start = 0
            while (pos := label.find(key, start)) >= 0:
                hits.append((pos, -len(key), m.code))
                start = pos + len(key)
    hits.sort()
    out: list[str] = []
    end = -1
    for pos, neg, code in hits:
        if pos >= end:
            out.append(code)
            end = pos - neg
    return out


def read_disclosures(segs: Sequence[Segment],
                     pins: Mapping[tuple[str, str], float] | None = None) -> TableResult:
    """Section 二.  ``pins`` are figures the narrative states for its cells (used only to
    split figures printed without cell boundaries, see :mod:`govkit.glue`)."""
    pins = pins or {}
    res = TableResult()
    measures: list[str] = []
    for seg in segs:
        label = seg.label
        item = None
        item_pos = -1
        for spec in DISCLOSURE_ITEMS:
            for key in spec.keys:
                pos = label.rfind(key)
                if pos > item_pos:
                    item, item_pos = spec, pos
        heads = _measure_heads(label[: item_pos if item_pos >= 0 else len(label)])
        if heads:
            measures = heads
            res.measures_seen.update(heads)
        if not seg.values:
            continue
        if item is None or not measures:
            if all(v.kind == "blank" for v in seg.values):
                continue  # empty cells of a page's own metadata table: nothing was ignored
            res.findings.append(Finding(
                "table.unlabelled", "disclosures",
                f"无法识别行标签或列标题的数字已忽略 (figures without a recognised item or "
                f"column head ignored) — {seg.evidence()}"))
            continue
        ev = seg.evidence(item_pos)
        res.found.append(item.code)
        cells, exact = align(seg.values, len(measures))
        scope = f"disclosures/{item.code}"
        if not exact and _is_glued(seg.values):
            # no identity binds these cells; only figures the narrative states can pin them
            stated = [(i, pins[(item.code, m)]) for i, m in enumerate(measures)
                      if (item.code, m) in pins]
            def agrees(r: Sequence[float], stated: list[tuple[int, float]] = stated) -> bool:
                return all(r[i] == v for i, v in stated)

            opts = _readings(seg.values, len(measures), agrees)
            for fig in _glued_figures([(item.code, m) for m in measures], opts, ev, scope,
                                      res.findings):
                res.figures[(fig.key1, fig.key2)] = fig
            continue
        if not exact:
            res.findings.append(_misaligned(scope, len(seg.values), len(measures),
                                            all(c is not None for c in cells), ev))
        for measure, c in zip(measures, cells, strict=True):
            if c is None:
                fig = Figure(item.code, measure, None, "missing", ev)
            elif c.kind == "number":
                fig = Figure(item.code, measure, c.value, "printed", ev)
            else:
                fig = Figure(item.code, measure, None, "missing", ev)
                res.findings.append(Finding(
                    "table.blank", f"{scope}/{measure}",
                    f"空白单元格，本表无合计可确认，记为空值 (blank cell; no total to confirm "
                    f"it as 0, left null) — {ev}"))
            res.figures[(item.code, measure)] = fig
    return res


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
    phase = 0  # 0 disclosures, 1 applications, 2 reviews
    parts: list[list[Tok]] = [[], [], []]
    rank = {"disclosures": 0, "applications": 1, "reviews": 2}
    for line, sec in zip(lines, section_of, strict=True):
        phase = max(phase, rank.get(sec or "", 0))
        if phase == 2:  # the last table: no anchor can move us on
            parts[2] += tokens((line,))
            continue
        for t in tokens((line,)):
            if t.kind == "text" and phase < 2:
                if _REVIEW_ANCHOR.search(t.n):
                    phase = 2
                elif phase < 1 and _APP_ANCHOR.search(t.n):
                    phase = 1
            parts[phase].append(t)
    return Tables(
        disclosures=read_disclosures(segments(parts[0]), pins),
        applications=read_applications(segments(parts[1])),
        reviews=read_reviews(segments(parts[2])),
    )
