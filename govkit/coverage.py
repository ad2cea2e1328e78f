"""How far to trust a folder that nobody has hand-checked.

Without gold figures, the reports themselves still say a lot: how many template cells
were read, which tables were not found, how many accounting identities could be evaluated
and held, whether section 五 yielded statements, and whether every null cell has a
finding that says why.  :func:`coverage` counts these per report (or per organ, year …,
or for the whole corpus); :func:`coverage_text` is the short block ``govkit summary``
prints.  The corpus-level cells-read share and tables-lost count are the ones
../shared/tools/wild_check.py reports for the same folder.

Every count column adds up: a group's row is the sum of its reports' rows, and the
share is recomputed from the sums (never an average of shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from .read.organs import distinct
from .schema import BASES, OTHER_SUBROWS

if TYPE_CHECKING:
    from .corpus import Corpus

TABLES = (("applications", "row", "applicant", "count"),
          ("reviews", "proceeding", "result", "count"),
          ("disclosures", "item", "measure", "value"))
REPORT_KEYS = ("report_id", "source", "organ", "year", "template", "status")
#: A finding with one of these scopes speaks for every cell of the report.
WHOLE_REPORT_SCOPES = ("file",)
COUNTS = ("reports", "cells", "cells_read", *BASES, "nulls_explained", "nulls_unexplained",
          "tables_lost", "reports_with_table_lost", "identities_possible", "identities_checked",
          "identities_held", "identities_broken", "identity_findings", "problems",
          "improvements", "reports_without_problem", "reports_without_improvement")


def cells(corpus: Corpus, ids: pl.Series | None = None,
          only: Sequence[tuple[str, str, str]] | None = None) -> pl.DataFrame:
    """Every template cell of every report (of the reports ``ids`` only, and the cells
    ``only`` — (table, key1, key2) — only, if given), one row each: ``report_id``,
    ``table``, ``key1``, ``key2`` (the codes as text: the three tables' codes are
    different enums), ``value`` (Float64), ``basis``."""
    parts = []
    for table, k1, k2, v in TABLES:
        frame = getattr(corpus, table)
        if ids is not None:
            frame = frame.filter(pl.col("report_id").is_in(ids.implode()))
        if only is not None:
            mine = [(a, b) for t, a, b in only if t == table]
            if not mine:
                continue
            frame = frame.filter(pl.any_horizontal(
                (pl.col(k1) == a) & (pl.col(k2) == b) for a, b in mine))
        parts.append(frame.select(
            "report_id", pl.lit(table).alias("table"), pl.col(k1).cast(pl.Utf8).alias("key1"),
            pl.col(k2).cast(pl.Utf8).alias("key2"), pl.col(v).cast(pl.Float64).alias("value"),
            "basis"))
    return pl.concat(parts)


def null_cells(corpus: Corpus) -> pl.DataFrame:
    """Every null template cell with the finding that explains it, if any.

    A finding explains a null cell when its scope is the cell (``applications/granted/
    total``), its row (``applications/granted``), its table (``applications``) or the
    whole file; the most specific one is given.  The 2021 template's （六）其他处理 is the
    sum of its three sub-rows, so a finding on a sub-row explains it too.  ``check`` and
    ``scope`` are null where no finding speaks for the cell — a null nobody accounted for.

    Example:
        >>> coverage.null_cells(corpus).filter(pl.col("check").is_null())
    """
    nulls = cells(corpus).filter(pl.col("value").is_null()).drop("value").with_row_index("_cell")
    scopes = (pl.concat_str("table", "key1", "key2", separator="/"),
              pl.concat_str("table", "key1", separator="/"), pl.col("table"),
              *(pl.lit(s) for s in WHOLE_REPORT_SCOPES))
    candidates = pl.concat([
        nulls.select("_cell", "report_id", pl.lit(rank).alias("_rank"), scope.alias("scope"))
        for rank, scope in enumerate(scopes)])
    other = nulls.filter(pl.col("table") == "applications", pl.col("key1") == "other")
    if other.height:
        candidates = pl.concat([candidates, *(
            other.select("_cell", "report_id", pl.lit(len(scopes)).alias("_rank"),
                         pl.lit(f"applications/{sub}").alias("scope"))
            for sub in OTHER_SUBROWS)])
    first = (corpus.findings.select("report_id", "scope", "check")
             .unique(subset=["report_id", "scope"], keep="first", maintain_order=True))
    best = (candidates.join(first, on=["report_id", "scope"], how="inner")
            .sort("_cell", "_rank").unique(subset="_cell", keep="first")
            .select("_cell", "check", "scope"))
    return nulls.join(best, on="_cell", how="left").sort("_cell").drop("_cell")


def _per_report(corpus: Corpus) -> pl.DataFrame:
    r = corpus.reports
    ids = r.select("report_id")
    c = cells(corpus)
    read = c.group_by("report_id").agg(
        pl.len().alias("cells"), pl.col("value").is_not_null().sum().alias("cells_read"),
        *((pl.col("basis") == b).sum().alias(b) for b in BASES))
    nulls = null_cells(corpus).group_by("report_id").agg(
        pl.col("check").is_not_null().sum().alias("nulls_explained"),
        pl.col("check").is_null().sum().alias("nulls_unexplained"))
    f = corpus.findings
    lost = (f.filter(pl.col("check") == "table.missing",
                     pl.col("scope").is_in([t for t, *_ in TABLES]))
            .group_by("report_id").agg(pl.col("scope").n_unique().alias("tables_lost")))
    breaks = (f.filter(pl.col("check").str.starts_with("identity."))
              .group_by("report_id").len("identity_findings"))
    p = corpus.problems.group_by("report_id").agg(
        (pl.col("kind") == "problem").sum().alias("problems"),
        (pl.col("kind") == "improvement").sum().alias("improvements"))
    out = ids
    for part in (read, nulls, lost, breaks, p):
        out = out.join(part, on="report_id", how="left")
    zero = [c for c in out.columns if c != "report_id"]
    out = out.with_columns(pl.col(zero).fill_null(0).cast(pl.Int64))
    return (r.select(*REPORT_KEYS, "identities_possible", "identities_checked",
                     "identities_broken")
            .join(out, on="report_id", how="left")
            .with_columns(
                pl.lit(1, pl.Int64).alias("reports"),
                (pl.col("tables_lost") > 0).cast(pl.Int64).alias("reports_with_table_lost"),
                (pl.col("identities_checked") - pl.col("identities_broken"))
                .alias("identities_held"),
                (pl.col("problems") == 0).cast(pl.Int64).alias("reports_without_problem"),
                (pl.col("improvements") == 0).cast(pl.Int64).alias("reports_without_improvement"))
            .with_columns(pl.col(COUNTS).cast(pl.Int64)))


def _with_share(frame: pl.DataFrame) -> pl.DataFrame:
    share = (pl.when(pl.col("cells") > 0).then(pl.col("cells_read") / pl.col("cells"))
             .otherwise(None).alias("cells_read_share"))
    keys = [c for c in frame.columns if c not in COUNTS]
    return frame.with_columns(share).select(*keys, "reports", "cells", "cells_read",
                                            "cells_read_share", *COUNTS[3:])


def coverage(corpus: Corpus, by: str | list[str] | None = "report") -> pl.DataFrame:
    """What a corpus without gold figures can confirm about its own reading.

    Args:
        corpus: a loaded :class:`govkit.Corpus`.
        by: "report" (one row per report, with its source, organ, year, template and
            status), None for one row for the whole corpus, or columns of
            ``corpus.reports`` to group by (e.g. "organ", "year", ["organ", "year"]).

    Returns:
        Per group: ``reports``; ``cells`` (template cells of applications, reviews and
        disclosures), ``cells_read`` (non-null) and ``cells_read_share``; the cells by
        ``basis`` (printed, blank_zero, derived, missing); ``nulls_explained`` /
        ``nulls_unexplained`` (null cells with / without a finding for their cell, row,
        table or file — see :func:`null_cells`); ``tables_lost`` (a ``table.missing``
        finding scoped to a whole table) and ``reports_with_table_lost``; the accounting
        identities ``identities_possible`` / ``_checked`` (all terms known) / ``_held`` /
        ``_broken`` and the ``identity_findings`` flagged; section 五's ``problems`` and
        ``improvements`` (statements) and ``reports_without_problem`` /
        ``reports_without_improvement``.  Every count adds up over reports.

    Example:
        >>> corpus.coverage().sort("cells_read_share").head()
        >>> corpus.coverage(by=None)["cells_read_share"][0]
        0.827...
    """
    per = _per_report(corpus)
    if by == "report":
        return _with_share(per.sort("source"))
    # a report rendered twice (``duplicate_of``) is counted once in every total
    per = per.join(distinct(corpus.reports).select("report_id"), on="report_id", how="semi")
    if by is None:
        return _with_share(per.select(pl.col(COUNTS).sum()))
    keys = [by] if isinstance(by, str) else list(by)
    wrong = [k for k in keys if k not in corpus.reports.columns]
    if wrong:
        raise ValueError(f"by must be 'report', None or columns of corpus.reports, not {wrong}")
    meta = corpus.reports.select("report_id", *(k for k in keys if k not in per.columns))
    grouped = (per.join(meta, on="report_id", how="left") if meta.width > 1 else per)
    return _with_share(grouped.group_by(keys).agg(pl.col(COUNTS).sum())
                       .sort(keys, nulls_last=True))


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def coverage_text(corpus: Corpus, worst: int = 3) -> str:
    """The coverage block of ``govkit summary``: the corpus totals, which checks explain
    the null cells, and the ``worst`` reports with the fewest cells read."""
    t = coverage(corpus, by=None).row(0, named=True)
    n = t["reports"]
    lost = corpus.findings.filter(
        pl.col("check") == "table.missing", pl.col("scope").is_in([x for x, *_ in TABLES]))
    by_table = dict(lost.group_by("scope").agg(pl.col("report_id").n_unique()).iter_rows())
    lost_text = (f"{t['tables_lost']} in {t['reports_with_table_lost']} of {n} reports ("
                 + ", ".join(f"{x} {by_table.get(x, 0)}" for x, *_ in TABLES) + ")")
    expl = (null_cells(corpus).drop_nulls("check").group_by("check").len()
            .sort(["len", "check"], descending=[True, False]))
    lines = [
        "coverage (what the reports themselves confirm; no gold):",
        f"  template cells read  {t['cells_read']} of {t['cells']} "
        f"({_pct(t['cells_read'], t['cells'])}): "
        + ", ".join(f"{b} {t[b]}" for b in BASES),
        f"  tables lost          {lost_text}",
        f"  identities           {t['identities_possible']} possible, "
        f"{t['identities_checked']} evaluated: {t['identities_held']} held, "
        f"{t['identities_broken']} broken ({t['identity_findings']} identity findings)",
        f"  section 五           no problem statement in {t['reports_without_problem']} of {n} "
        f"reports, no improvement in {t['reports_without_improvement']}",
        f"  null cells           {t['cells'] - t['cells_read']}: "
        f"{t['nulls_explained']} explained by a finding"
        + (" (" + ", ".join(f"{c} {k}" for c, k in expl.iter_rows()) + ")" if expl.height
           else "")
        + f", {t['nulls_unexplained']} unexplained",
    ]
    failed = corpus.reports.filter(pl.col("status") == "failed").height
    if failed:
        lines.append(f"  failed reports       {failed} of {n}: nothing read (see their parse.error "
                     f"findings)")
    per = coverage(corpus).filter(pl.col("cells_read") < pl.col("cells"))
    if per.height and worst:
        lines.append("  fewest cells read:")
        for row in per.sort("cells_read_share", "source").head(worst).iter_rows(named=True):
            lines.append(f"    {row['source']:<32} {_pct(row['cells_read'], row['cells']):>6} "
                         f"({row['cells_read']} of {row['cells']}; {row['missing']} null, "
                         f"{row['nulls_unexplained']} unexplained)")
    return "\n".join(lines)
