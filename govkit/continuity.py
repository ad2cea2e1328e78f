"""Continuity: what an organ's report of one year must share with its report of the year
before, checked on every pair of consecutive years, and used to pin glued cells.

The template makes three figures carry over from one year to the next:

``continuity.carried_over``
    二、上年结转 this year = 四、结转下年度继续办理 last year, in each applicant column.
    An identity of the definitions: what was left open on 31 December is what was open on
    1 January.
``continuity.in_force``
    现行有效件数 this year = last year's + 本年制发件数 − 本年废止件数, for 规章 and
    规范性文件 (2021 template).  Documents also lapse without being repealed, so a break is
    a question to the report, not proof of a misprint.
``continuity.prior_year``
    2019 template: 上一年项目数量 this year = last year's 上一年项目数量 + 本年增/减.

Each relation is an equation over cells of the two reports.  :func:`pairs` evaluates them
(consistent, inconsistent, or undecidable where a term is null); :func:`apply` adds a
finding on the later report for every broken one, naming both reports.

The same equations narrow rows printed without cell boundaries (``readings``, see
:mod:`govkit.read.glue`): a reading that no reading of the neighbouring year satisfies is
dropped, and a cell every remaining reading gives the same value is published as
"derived", with a ``continuity.pinned`` finding naming both reports.  A printed figure is
never changed; where the two years contradict each other whatever the reading, nothing is
pinned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import TYPE_CHECKING

import polars as pl

from .read.organs import distinct
from .schema import APPLICANTS

if TYPE_CHECKING:
    from .corpus import Corpus

#: (table, key1, key2) of one cell of a report.
Cell = tuple[str, str, str]
#: One term of an equation: coefficient, 0 for the earlier report or 1 for the later, cell.
Term = tuple[int, int, Cell]

CHECKS = ("continuity.carried_over", "continuity.in_force", "continuity.prior_year")
IN_FORCE_ITEMS = ("regulations", "normative_documents")
#: 2019-template items counting projects: 上一年项目数量, 本年增/减.
PROJECT_ITEMS = ("admin_licensing", "other_admin_services", "admin_penalty",
                 "admin_coercion", "admin_fees")
#: Combinations of two years' readings tried at most; past it nothing is narrowed.
MAX_COMBINATIONS = 4096


@dataclass(frozen=True, slots=True)
class Equation:
    """sum(coefficient × cell) == 0 over the cells of an earlier and a later report."""

    check: str
    scope: str
    terms: tuple[Term, ...]


def equations() -> list[Equation]:
    """Every continuity equation the two templates define (see the module docstring)."""
    out = [Equation("continuity.carried_over", f"applications/carried_over/{a}",
                    ((1, 1, ("applications", "carried_over", a)),
                     (-1, 0, ("applications", "carried_forward", a)))) for a in APPLICANTS]
    out += [Equation("continuity.in_force", f"disclosures/{item}/in_force",
                     ((1, 1, ("disclosures", item, "in_force")),
                      (-1, 0, ("disclosures", item, "in_force")),
                      (-1, 1, ("disclosures", item, "issued")),
                      (1, 1, ("disclosures", item, "repealed")))) for item in IN_FORCE_ITEMS]
    out += [Equation("continuity.prior_year", f"disclosures/{item}/prior_year",
                     ((1, 1, ("disclosures", item, "prior_year")),
                      (-1, 0, ("disclosures", item, "prior_year")),
                      (-1, 0, ("disclosures", item, "change")))) for item in PROJECT_ITEMS]
    return out


EQUATIONS = equations()
_CELLS = {cell for eq in EQUATIONS for _, _, cell in eq.terms}
_SIDE_CELLS = {(side, cell) for eq in EQUATIONS for _, side, cell in eq.terms}
_KEY1S = {cell[1] for cell in _CELLS}


@dataclass(frozen=True, slots=True)
class Pair:
    """Two consecutive years of one organ: ``earlier`` and ``later`` report ids."""

    organ_key: str
    year: int
    earlier: str
    later: str


def consecutive_pairs(reports: pl.DataFrame) -> list[Pair]:
    """Each organ's reports of year Y−1 and Y, duplicates left out.  A year with two
    distinct reports of one organ pairs with neither neighbour: which one continues the
    series is not for a rule to say."""
    one = (distinct(reports, dated=True).group_by("organ_key", "year").agg(pl.col("report_id"))
           .filter(pl.col("report_id").list.len() == 1)
           .with_columns(pl.col("report_id").list.first()))
    by = {(k, int(y)): rid for k, y, rid in one.iter_rows()}
    return [Pair(k, y, by[(k, y - 1)], rid) for (k, y), rid in sorted(by.items())
            if (k, y - 1) in by]


def _values(corpus: Corpus, ids: set[str]) -> dict[str, dict[Cell, float | None]]:
    """The printed (or derived) value of every cell an equation uses, per report.  Cells
    this module pinned count as unknown: continuity is no evidence for itself."""
    pinned = set(corpus.findings.filter(pl.col("check") == "continuity.pinned")
                 .select("report_id", "scope").iter_rows())
    out: dict[str, dict[Cell, float | None]] = defaultdict(dict)
    rows = {c[1] for c in _CELLS if c[0] == "applications"}
    items = {c[1] for c in _CELLS if c[0] == "disclosures"}
    for table, frame, k1, k2, v, keep in (
            ("applications", corpus.applications, "row", "applicant", "count", rows),
            ("disclosures", corpus.disclosures, "item", "measure", "value", items)):
        sub = frame.filter(pl.col("report_id").is_in(ids) & pl.col(k1).is_in(keep))
        for rid, a, b, value, basis in sub.select("report_id", k1, k2, v, "basis").iter_rows():
            if value is None or (basis == "derived" and (rid, f"{table}/{a}") in pinned):
                out[rid][(table, a, b)] = None
            else:
                out[rid][(table, a, b)] = float(value)
    return out


#: Open rows of a report: scope -> (cells, {reading number: values}).
Open = dict[str, tuple[list[Cell], dict[int, tuple[float, ...]]]]


def _open_rows(readings: pl.DataFrame, ids: set[str]) -> dict[str, Open]:
    """The ``readings`` frame of these reports as open rows (cells in printed order)."""
    # only rows an equation uses: the others would only be listed and dropped; one
    # Python step per reading, not per cell
    per = (readings.filter(pl.col("report_id").is_in(ids) & pl.col("key1").is_in(list(_KEY1S)))
           .group_by("report_id", "scope", "reading", maintain_order=True)
           .agg(pl.col("table").first(), pl.col("key1").first(), "key2", "value"))
    out: dict[str, Open] = defaultdict(dict)
    for rid, scope, n, table, k1, k2s, values in per.iter_rows():
        row = out[rid].get(scope)
        if row is None:
            row = out[rid][scope] = ([(table, k1, k2) for k2 in k2s], {})
        row[1][n] = tuple(values)
    return out


def _narrow(pair: Pair, values: dict[str, dict[Cell, float | None]],
            opened: dict[str, Open]) -> bool:
    """Drop the readings of the pair's open rows that no combination satisfying every
    equation they enter uses; True when something was dropped.

    Only equations whose every term is known or in an open row are used: a null cell
    decides nothing.
    """
    sides = (pair.earlier, pair.later)
    where: dict[tuple[int, Cell], tuple[int, int]] = {}  # open cell -> (group, position)
    groups: list[tuple[int, str]] = []
    for side, rid in enumerate(sides):
        for scope, (cells, _) in opened.get(rid, {}).items():
            if any((side, c) in _SIDE_CELLS for c in cells):
                for pos, c in enumerate(cells):
                    where[(side, c)] = (len(groups), pos)
                groups.append((side, scope))
    if not groups:
        return False
    known = (values.get(pair.earlier, {}), values.get(pair.later, {}))
    usable: list[tuple[float, list[tuple[int, int, int]]]] = []  # constant, open terms
    for eq in EQUATIONS:
        const, terms, ok = 0.0, [], True
        for coef, side, cell in eq.terms:
            if (side, cell) in where:
                terms.append((coef, *where[(side, cell)]))
            elif known[side].get(cell) is not None:
                const += coef * known[side][cell]  # type: ignore[operator]
            else:
                ok = False
                break
        if ok and terms:
            usable.append((const, terms))
    used = sorted({g for _, terms in usable for _, g, _ in terms})
    if not used:
        return False
    options = [list(opened[sides[groups[g][0]]][groups[g][1]][1].values()) for g in used]
    index = {g: i for i, g in enumerate(used)}
    checks = [(const, [(coef, index[g], pos) for coef, g, pos in terms])
              for const, terms in usable]
    if all(len({i for _, i, _ in terms}) == 1 for _, terms in checks):
        # each equation binds one open row (the other year printed its side): filter
        # each row by its own equations, no combinations needed
        kept = [{r for r in opts if all(
            abs(const + sum(coef * r[pos] for coef, _, pos in terms)) < 1e-9
            for const, terms in checks if terms[0][1] == i)} for i, opts in enumerate(options)]
        if not all(kept):
            kept = [set() for _ in used]
    elif len(used) == 2:
        # two open rows bound by equations: a reading of the first needs, per equation,
        # one value of the second's side; match them by that need (a hash join)
        def part(i: int, r: tuple[float, ...], const: float, terms: list[tuple[int, int, int]],
                 sign: float) -> float:
            return round(sign * (const + sum(c * r[p] for c, j, p in terms if j == i)), 9)

        need: dict[tuple[float, ...], list[tuple[float, ...]]] = defaultdict(list)
        for r in options[1]:
            need[tuple(part(1, r, 0.0, t, -1.0) for _, t in checks)].append(r)
        kept = [set(), set()]
        for r in options[0]:
            for match in need.get(tuple(part(0, r, c, t, 1.0) for c, t in checks), ()):
                kept[0].add(r)
                kept[1].add(match)
    else:
        total = 1
        for o in options:
            total *= len(o)
        if total > MAX_COMBINATIONS:
            return False
        kept = [set() for _ in used]
        for combo in product(*options):
            if all(abs(const + sum(coef * combo[i][pos] for coef, i, pos in terms)) < 1e-9
                   for const, terms in checks):
                for i, reading in enumerate(combo):
                    kept[i].add(reading)
    if not any(kept):  # the two years contradict each other whatever the reading
        return False
    changed = False
    for g, keep in zip(used, kept, strict=True):
        side, scope = groups[g]
        cells, old = opened[sides[side]][scope]
        new = {n: r for n, r in old.items() if r in keep}
        if len(new) < len(old):
            opened[sides[side]][scope] = (cells, new)
            changed = True
    return changed


def _holds(eq: Equation, known: Sequence[dict[Cell, float | None]]) -> bool | None:
    """True or False where every term is known, else None."""
    total = 0.0
    for coef, side, cell in eq.terms:
        v = known[side].get(cell)
        if v is None:
            return None
        total += coef * v
    return abs(total) < 1e-9


def _evaluate(pair: Pair, values: dict[str, dict[Cell, float | None]]
              ) -> Iterable[tuple[Equation, bool | None, float | None, float | None]]:
    """Each equation of the pair whose cells the later report's template has: held or
    not (None: a term is null), with the later report's value and the one expected."""
    known = (values.get(pair.earlier, {}), values.get(pair.later, {}))
    for eq in EQUATIONS:
        if not all(cell in known[side] for _, side, cell in eq.terms):
            continue  # a template without these cells: nothing to check
        held = _holds(eq, known)
        lead = eq.terms[0]
        actual = known[lead[1]].get(lead[2])
        expected = None
        if held is not None:
            expected = -sum(c * (known[s][cell] or 0.0) for c, s, cell in eq.terms[1:]) / lead[0]
        yield eq, held, actual, expected


def _fmt(v: float | None) -> str | None:
    return None if v is None else (str(int(v)) if float(v).is_integer() else str(v))


def pairs(corpus: Corpus) -> pl.DataFrame:
    """One row per pair of consecutive years and check: how many of its equations hold,
    break, or cannot be evaluated, and the pair's ``status`` for the check: "consistent"
    (none breaks, one or more hold), "inconsistent" (one or more break) or "undecidable"
    (every one has a null term).  A check the two templates do not share is left out.

    Example:
        >>> corpus.continuity().group_by("check", "status").len()
    """
    ps = consecutive_pairs(corpus.reports)
    values = _values(corpus, {p.earlier for p in ps} | {p.later for p in ps})
    rows: list[tuple[object, ...]] = []
    for p in ps:
        tally: dict[str, list[int]] = {}
        for eq, held, _, _ in _evaluate(p, values):
            t = tally.setdefault(eq.check, [0, 0, 0])
            t[0 if held else 1 if held is False else 2] += 1
        for check, (ok, bad, open_) in tally.items():
            status = "inconsistent" if bad else "consistent" if ok else "undecidable"
            rows.append((p.organ_key, p.year - 1, p.year, p.earlier, p.later, check,
                         ok, bad, open_, status))
    schema = {"organ_key": pl.Utf8, "year_from": pl.Int16, "year_to": pl.Int16,
              "report_from": pl.Utf8, "report_id": pl.Utf8, "check": pl.Utf8,
              "held": pl.Int32, "broken": pl.Int32, "undecidable": pl.Int32, "status": pl.Utf8}
    return pl.DataFrame(rows, schema=schema, orient="row")


def apply(corpus: Corpus) -> Corpus:
    """Narrow glued rows by continuity, publish the cells that pins, and add a finding
    for every broken continuity equation (see the module docstring)."""
    ps = consecutive_pairs(corpus.reports)
    if not ps:
        return corpus
    ids = {p.earlier for p in ps} | {p.later for p in ps}
    values = _values(corpus, ids)
    opened = _open_rows(corpus.readings, ids)
    before = {rid: {s: dict(o[1]) for s, o in rows.items()} for rid, rows in opened.items()}
    for _ in range(4):  # a pin may let the next pair pin; a chain settles in a few passes
        if not any([_narrow(p, values, opened) for p in ps]):
            break
    src = dict(corpus.reports.select("report_id", "source").iter_rows())
    year = dict(corpus.reports.select("report_id", "year").iter_rows())
    partner: dict[str, list[str]] = defaultdict(list)
    for p in ps:
        partner[p.later].append(p.earlier)
        partner[p.earlier].append(p.later)
    pins: list[tuple[str, str, str, str, float]] = []
    findings: list[dict[str, object]] = []
    for rid, rows in opened.items():
        for scope, (cells, by_n) in rows.items():
            kept, old = list(by_n.values()), list(before[rid][scope].values())
            if len(kept) == len(old):
                continue
            agreed = [(cell, kept[0][i]) for i, cell in enumerate(cells)
                      if all(r[i] == kept[0][i] for r in kept)
                      and not all(r[i] == old[0][i] for r in old)]
            if not agreed:
                continue
            for (table, k1, k2), v in agreed:
                pins.append((rid, table, k1, k2, v))
                values[rid][(table, k1, k2)] = v
            others = "、".join(f"{src[o]}（{year[o]}年）" for o in sorted(partner[rid]))
            findings.append({
                "report_id": rid, "check": "continuity.pinned", "scope": scope,
                "expected": None,
                "actual": ", ".join(f"{k1}/{k2}={_fmt(v)}" for (_, k1, k2), v in agreed),
                "message": (f"本行数字分隔丢失，按与相邻年度报告 {others} 的衔接关系只余 "
                            f"{len(kept)} 种拆分，确定了 {len(agreed)} 个单元格（记为推算值） "
                            f"(cells printed without boundaries, pinned by continuity with "
                            f"{others})")})
    for p in ps:
        for eq, held, actual, expected in _evaluate(p, values):
            if held is False:
                findings.append({
                    "report_id": p.later, "check": eq.check, "scope": eq.scope,
                    "expected": _fmt(expected), "actual": _fmt(actual),
                    "message": _message(eq.check, src[p.earlier], p.year - 1, actual,
                                        expected)})
    return _with(corpus, pins, findings, opened)


_MESSAGES = {
    "continuity.carried_over": ("本年“上年结转”{actual}与上年报告 {src}（{year}年）"
                                "“结转下年度继续办理”推算的{expected}不符 (carried over "
                                "{actual}, but last year's report carried forward {expected})"),
    "continuity.in_force": ("本年“现行有效件数”{actual}，按上年报告 {src}（{year}年）的现行"
                            "有效件数加本年制发减本年废止应为{expected} (in force {actual}; "
                            "last year's in force + issued − repealed = {expected})"),
    "continuity.prior_year": ("本年“上一年项目数量”{actual}，按上年报告 {src}（{year}年）的"
                              "项目数量加增减应为{expected} (prior-year count {actual}; last "
                              "year's count + change = {expected})"),
}


def _message(check: str, src: str, year: int, actual: float | None,
             expected: float | None) -> str:
    return _MESSAGES[check].format(actual=_fmt(actual), expected=_fmt(expected), src=src,
                                   year=year)


def _with(corpus: Corpus, pins: list[tuple[str, str, str, str, float]],
          findings: list[dict[str, object]], opened: dict[str, Open]) -> Corpus:
    """The corpus with pinned cells published, readings narrowed and findings added."""
    frames: dict[str, pl.DataFrame] = {}
    for table, k1, k2, v, dtype in (("applications", "row", "applicant", "count", pl.Int64),
                                    ("disclosures", "item", "measure", "value", pl.Float64)):
        mine = [(rid, a, b, val) for rid, t, a, b, val in pins if t == table]
        if not mine:
            continue
        have = getattr(corpus, table).schema
        upd = pl.DataFrame(mine, schema={"report_id": pl.Utf8, k1: have[k1], k2: have[k2],
                                         "pinned": pl.Float64}, orient="row")
        frame = getattr(corpus, table).join(upd, on=["report_id", k1, k2], how="left")
        pinned = pl.col("pinned").is_not_null() & pl.col(v).is_null()
        frames[table] = frame.with_columns(
            pl.when(pinned).then(pl.col("pinned").cast(dtype)).otherwise(pl.col(v)).alias(v),
            pl.when(pinned).then(pl.lit("derived", dtype=have["basis"]))
            .otherwise(pl.col("basis")).alias("basis"),
        ).drop("pinned")
    if findings:
        add = pl.DataFrame(findings, schema=corpus.findings.schema)
        frames["findings"] = pl.concat([corpus.findings, add])
        counts = add.group_by("report_id").len()
        frames["reports"] = (corpus.reports.join(counts, on="report_id", how="left")
                             .with_columns((pl.col("n_findings") + pl.col("len").fill_null(0))
                                           .cast(pl.Int32).alias("n_findings")).drop("len"))
    if pins:
        keep = pl.DataFrame([(rid, scope, n) for rid, rows in opened.items()
                             for scope, (_, by_n) in rows.items() for n in by_n],
                            schema={"report_id": pl.Utf8, "scope": pl.Utf8,
                                    "reading": pl.Int32}, orient="row")
        narrowed = corpus.readings.filter(pl.col("report_id").is_in(list(opened)))
        frames["readings"] = pl.concat([
            corpus.readings.filter(~pl.col("report_id").is_in(list(opened))),
            narrowed.join(keep, on=["report_id", "scope", "reading"], how="semi")])
    return replace(corpus, **frames) if frames else corpus


def pair_status(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`pairs` folded to one row per pair of years: "inconsistent" if any check
    breaks, "consistent" if none breaks and one holds, else "undecidable"."""
    return (frame.group_by("organ_key", "year_from", "year_to", "report_from", "report_id")
            .agg(pl.col("status"))
            .with_columns(pl.when(pl.col("status").list.contains("inconsistent"))
                          .then(pl.lit("inconsistent"))
                          .when(pl.col("status").list.contains("consistent"))
                          .then(pl.lit("consistent")).otherwise(pl.lit("undecidable"))
                          .alias("status"))
            .sort("organ_key", "year_to"))


def summary_text(corpus: Corpus) -> str:
    """The continuity block of ``govkit summary``: pairs of consecutive years and how
    each check came out."""
    frame = pairs(corpus)
    if not frame.height:
        return "continuity: no organ has reports of two consecutive years"
    folded = pair_status(frame)
    n = dict(folded.group_by("status").len().iter_rows())
    lines = [f"continuity ({folded.height} pairs of consecutive years, "
             f"{folded['organ_key'].n_unique()} organs): "
             + ", ".join(f"{n.get(s, 0)} {s}" for s in ("consistent", "inconsistent",
                                                          "undecidable"))]
    for check in CHECKS:
        sub = frame.filter(pl.col("check") == check)
        if sub.height:
            c = dict(sub.group_by("status").len().iter_rows())
            lines.append(f"  {check:<24} " + ", ".join(
                f"{c.get(s, 0)} {s}" for s in ("consistent", "inconsistent", "undecidable")))
    pinned = corpus.findings.filter(pl.col("check") == "continuity.pinned")
    if pinned.height:
        lines.append(f"  glued rows pinned by continuity: {pinned.height} "
                     f"in {pinned['report_id'].n_unique()} report(s)")
    return "\n".join(lines)
