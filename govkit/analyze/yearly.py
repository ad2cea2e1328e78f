"""One organ year by year: its key figures as a series, and what changed between years.

An organ publishes a report every year; a reader asks whether requests grew, whether it
grants fewer of them, whether lawsuits came.  :func:`series` lines the key figures up
one row per organ and year, linking an organ's reports by ``organ_key`` (its name spelled
differently from year to year is still one organ) and counting a report rendered twice
(``duplicate_of``) once.  :func:`changes` compares each year with the organ's previous
report.  Figures stay null where a report does not print them; a change with a null end
is null, never computed from a 0.

The figures are declared once, in :data:`FIGURES`, with the Chinese label charts and
briefs print and the formula behind them; rates reuse the formulas of
:mod:`govkit.analyze.measures`.  The functions are exported as ``govkit.series`` and
``govkit.changes``.

Example:
    >>> corpus = govkit.load("data/")
    >>> govkit.series(corpus, ["new_received", "disclosure_rate"])
    >>> govkit.changes(corpus).head(8)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from ..corpus import Corpus
from ..read.organs import distinct
from ..schema import APPLICATION_ROWS, ROW_BY_CODE
from . import measures

KEYS = ("organ_key", "organ", "year", "report_id")


@dataclass(frozen=True, slots=True)
class SeriesFigure:
    """A figure of the series: its Chinese ``label`` (with unit), how one report gives
    it (``formula``), and whether it is a rate (0–1, printed as a percentage)."""

    label: str
    formula: str
    rate: bool = False


def _total(code: str) -> str:
    return f"{ROW_BY_CODE[code].label}，总计列"


#: The figures of a series, in the order tables print them.
FIGURES: dict[str, SeriesFigure] = {
    "new_received": SeriesFigure("本年新收申请（件）", _total("new_received")),
    "carried_over": SeriesFigure("上年结转申请（件）", _total("carried_over")),
    "total_processed": SeriesFigure("办结申请总计（件）", _total("total_processed")),
    "granted": SeriesFigure("予以公开（件）", _total("granted")),
    "partially_granted": SeriesFigure("部分公开（件）", _total("partially_granted")),
    "denied": SeriesFigure("不予公开（件）", "（三）不予公开 1–8 项之和，总计列；任一项未印则为空"),
    "carried_forward": SeriesFigure("结转下年度继续办理（件）", _total("carried_forward")),
    "disclosure_rate": SeriesFigure("公开率", measures.DISCLOSURE_RATE_DEFINITION, rate=True),
    "reconsideration": SeriesFigure("行政复议（件）", "四、行政复议总计"),
    "litigation": SeriesFigure("行政诉讼（件）",
                               "未经复议直接起诉总计 + 复议后起诉总计；任一项未印则为空"),
    "correction_rate": SeriesFigure("纠正率（复议与诉讼合计）",
                                    measures.CORRECTION_RATE_DEFINITION, rate=True),
    "n_problems": SeriesFigure("存在问题（条）",
                               "五、存在的主要问题：拆分出的问题条数；未找到第五部分则为空"),
}



def figure_table() -> pl.DataFrame:
    """:data:`FIGURES` as a frame — figure, label, formula, rate — to print beside a
    series, so no reader has to guess how a figure was computed."""
    return pl.DataFrame([{"figure": code, "label": f.label, "formula": f.formula,
                          "rate": f.rate} for code, f in FIGURES.items()])


_APP_ROWS = ["new_received", "carried_over", "total_processed", "granted",
             "partially_granted", "carried_forward"]
_DENIED_ROWS = [r.code for r in APPLICATION_ROWS if r.group == "denied"]


def _codes(figures: Sequence[str] | None) -> list[str]:
    if figures is None:
        return list(FIGURES)
    unknown = [f for f in figures if f not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figures {unknown}; choose from {', '.join(FIGURES)}")
    return list(figures)


def _figures(corpus: Corpus) -> pl.DataFrame:
    """Every figure of :data:`FIGURES` per report (all reports), nulls kept."""
    ids = corpus.reports.select("report_id")
    apps = measures._wide(measures.application_rows(corpus, _APP_ROWS), "row", ["report_id"],
                          _APP_ROWS)
    denied = (measures.application_rows(corpus, _DENIED_ROWS).group_by("report_id")
              .agg(measures.strict_sum("count").alias("denied")))
    rates = measures.disclosure_rate(corpus).select(
        "report_id", pl.col("rate").alias("disclosure_rate"))
    reconsideration = (measures.reviews(corpus, with_total=True)
                       .filter((pl.col("proceeding") == "reconsideration")
                               & (pl.col("result") == "total"))
                       .select("report_id", pl.col("count").alias("reconsideration")))
    litigation = measures.litigation(corpus).select(
        "report_id", pl.col("count").alias("litigation"))
    corrections = (measures.correction_rate(corpus)
                   .filter(pl.col("proceeding") == measures.ALL_PROCEEDINGS)
                   .select("report_id", pl.col("rate").alias("correction_rate")))
    # A report whose section 五 was not found has no count of problems, not zero problems.
    no_section = corpus.findings.filter((pl.col("check") == "section.missing")
                                        & (pl.col("scope") == "problems"))["report_id"]
    problems = corpus.reports.select(
        "report_id", pl.when(pl.col("report_id").is_in(no_section.implode())).then(None)
        .otherwise(pl.col("n_problems")).cast(pl.Int64).alias("n_problems"))
    out = ids
    for part in (apps, denied, rates, reconsideration, litigation, corrections, problems):
        out = out.join(part, on="report_id", how="left")
    return out.cast({c: pl.Float64 if f.rate else pl.Int64 for c, f in FIGURES.items()})


def series(corpus: Corpus, figures: Sequence[str] | None = None) -> pl.DataFrame:
    """The key figures of each organ, year by year.

    One row per organ and year: organ_key, organ (the name as that report prints it),
    year, report_id, then one column per figure of ``figures`` (default: all of
    :data:`FIGURES`, counts Int64, rates Float64), null where the report does not print
    it.  Duplicates (``duplicate_of`` set) are dropped; reports with no organ or no year
    are left out, since they belong to no series.  When an organ has two reports for one
    year that are not duplicates (a corrected re-publication, or two organs the names
    cannot tell apart) both rows are kept: which one is right is not for us to guess.
    Rows are sorted by organ_key, year and source.

    Args:
        corpus: a loaded corpus.
        figures: codes of :data:`FIGURES` to include, in this order.

    Example:
        >>> govkit.series(corpus, ["new_received", "disclosure_rate"]).filter(
        ...     pl.col("organ_key") == "平潭综合实验区社会事业局")
    """
    codes = _codes(figures)
    kept = (distinct(corpus.reports, dated=True)
            .sort("organ_key", "year", "source")
            .select(*KEYS))
    return kept.join(_figures(corpus).select("report_id", *codes), on="report_id",
                     how="left", maintain_order="left")


#: The columns of :func:`changes` and their types.
CHANGES_SCHEMA = pl.Schema({
    "organ_key": pl.Utf8, "organ": pl.Utf8, "figure": pl.Utf8, "label": pl.Utf8,
    "year_from": pl.Int16, "year_to": pl.Int16, "before": pl.Float64, "after": pl.Float64,
    "delta": pl.Float64, "share": pl.Float64, "report_from": pl.Utf8, "report_to": pl.Utf8,
})


def changes(corpus: Corpus, figures: Sequence[str] | None = None) -> pl.DataFrame:
    """How each figure changed from one of an organ's reports to its next.

    One row per organ, figure and pair of consecutive years the organ has reports for
    (a year without a report is bridged: 2019 → 2021): organ_key, organ (as the later
    report prints it), figure, label, year_from, year_to, before, after, delta
    (after − before), share (delta ÷ before; null when before is null or 0),
    report_from, report_to.  Both ends null-safe: an unprinted figure gives a null
    delta.  An organ with two reports for one year (see :func:`series`) pairs each of
    them with each report of the neighbouring years.  Largest ``|delta|`` first, nulls
    last; ties by organ, figure and year.  Rates change in rate units (0.1 = 10
    percentage points).

    Example:
        >>> govkit.changes(corpus, ["new_received"]).head(5)
    """
    codes = _codes(figures)
    s = series(corpus, codes)
    long = (s.with_columns(pl.col(codes).cast(pl.Float64))
            .unpivot(index=list(KEYS), on=codes, variable_name="figure", value_name="value"))
    steps = (s.select("organ_key", "year").unique().sort("organ_key", "year")
             .with_columns(pl.col("year").shift(-1).over("organ_key").alias("year_to"))
             .drop_nulls("year_to").rename({"year": "year_from"}))
    before = long.select("organ_key", pl.col("year").alias("year_from"), "figure",
                         pl.col("value").alias("before"), pl.col("report_id").alias("report_from"))
    after = long.select("organ_key", pl.col("year").alias("year_to"), "figure", "organ",
                        pl.col("value").alias("after"), pl.col("report_id").alias("report_to"))
    order = {c: i for i, c in enumerate(codes)}
    delta = pl.col("after") - pl.col("before")
    pairs = (steps.join(before, on=["organ_key", "year_from"])
             .join(after, on=["organ_key", "year_to", "figure"])
             .with_columns(delta.alias("delta"),
                           pl.col("figure").replace_strict(
                               {c: FIGURES[c].label for c in codes}).alias("label"),
                           pl.col("figure").replace_strict(order, return_dtype=pl.Int32)
                           .alias("_order"))
             .with_columns(pl.when(pl.col("before").is_null() | (pl.col("before") == 0))
                           .then(None).otherwise(pl.col("delta") / pl.col("before"))
                           .alias("share"),
                           pl.col("delta").abs().alias("_size")))
    return (pairs.sort(["_size", "organ_key", "_order", "year_from", "report_from",
                        "report_to"],
                       descending=[True, False, False, False, False, False], nulls_last=True)
            .select(list(CHANGES_SCHEMA)).cast(CHANGES_SCHEMA))
