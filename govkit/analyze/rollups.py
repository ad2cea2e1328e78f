"""Figures of many reports at once: sums and rates by any grouping of ``reports``.

A researcher asks what the county governments of one province granted in 2023, or how
often lawsuits follow applications in each year.  :func:`rollup` answers for any
columns of ``corpus.reports`` — ``by=("year",)``, ``("organ_key",)``, ``("template",
"year")``, or the organ's kind and level once reports carry them — and every metric it
knows is declared once in :data:`METRICS`, with the formula, numerator and denominator
that tables, charts and briefs print beside it (:func:`metrics` lists them).

The rules, the same for every metric:

- **A rate of a group is pooled**: Σ numerators ÷ Σ denominators over the group's
  reports that print *both* parts.  A report missing either is left out of both sums —
  never counted as 0 — and the output says how many reports are behind each figure
  (``n_reports``) and how many were left out (``n_missing``).
- **A sum** adds the reports that print the figure; the others are ``n_missing``.
- **Each report once**: a second rendering of a report (``duplicate_of`` set) is not
  counted (see :func:`govkit.read.organs.distinct`).
- **No figure from nothing**: a denominator summing to 0 gives a null value with a
  ``note``, not infinity; a group where no report prints the parts gives null sums.

The per-report parts come from :mod:`govkit.analyze.measures` and :mod:`govkit.analyze.yearly`, so a
rate here and the same rate in a report's own table are one formula.  Per-report values
of any metric are ``rollup(corpus, name, by="report_id")``.

Example:
    >>> corpus = govkit.load("data/")
    >>> govkit.rollup(corpus, "disclosure_rate", by="year")
    >>> govkit.metrics().select("metric", "label", "formula")
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from ..corpus import Corpus
from ..labels import group_label, short
from ..read.organs import distinct
from ..schema import (
    APPLICATION_ROWS,
    LEVEL_LABELS,
    ORGAN_KIND_LABELS,
    PROCEEDING_LABELS,
    ROW_BY_CODE,
)
from . import measures, yearly

#: The columns every roll-up ends with, after the group columns (and the part, if any).
VALUE_COLUMNS = ("numerator", "denominator", "value", "n_reports", "n_missing", "note")
NOTE_NO_REPORTS = "没有同时印出分子和分母的报告"

Parts = Callable[[Corpus], pl.DataFrame]


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure of a group of reports, and how it is computed.

    ``parts`` gives one row per report (and per ``part``, if the metric has one):
    ``report_id``, [``part``], ``numerator``, ``denominator`` — null where the report
    does not print it.  The value of a group is ``scale`` × Σ numerator ÷ Σ denominator
    over its reports printing both; a sum (``denominator is None``) is Σ numerator.
    ``formula``, ``numerator_text`` and ``denominator_text`` are what docs, tables and
    charts print; ``percent`` says the value is a share (0–1, printed as %).
    """

    name: str
    label: str
    formula: str
    numerator_text: str
    denominator_text: str | None
    parts: Parts
    scale: float = 1.0
    percent: bool = False
    #: The column splitting the metric (one value per proceeding, per reason …), its
    #: codes in order with their labels, and the code a single line draws by default.
    part: str | None = None
    part_labels: tuple[tuple[str, str], ...] = ()
    default_part: str | None = None
    zero_note: str = "分母为 0，无法计算"

    @property
    def is_rate(self) -> bool:
        return self.denominator_text is not None


# --- the per-report parts ---------------------------------------------------------------

def _disclosure(corpus: Corpus) -> pl.DataFrame:
    return measures.disclosure_rate(corpus).select(
        "report_id", (pl.col("granted") + pl.col("partially_granted")).alias("numerator"),
        pl.col("total_processed").alias("denominator"))


def _correction(corpus: Corpus) -> pl.DataFrame:
    return measures.correction_rate(corpus).select(
        "report_id", "proceeding", pl.col("corrected").alias("numerator"),
        pl.col("decided").alias("denominator"))


_DENIED = tuple(r.code for r in APPLICATION_ROWS if r.group == "denied")
#: Group columns holding codes, shown by their labels.
_CODE_LABELS: dict[str, dict[str, str]] = {"kind": ORGAN_KIND_LABELS, "level": LEVEL_LABELS}


def _denial(corpus: Corpus) -> pl.DataFrame:
    rows = measures.application_rows(corpus, _DENIED)
    # the denominator of every reason is the report's 不予公开 total: all eight reasons
    # printed, else unknown (a share of a partly printed total would not add up to 1)
    known = pl.col("count").is_not_null().all().over("report_id")
    return rows.select(
        "report_id", pl.col("row").alias("reason"), pl.col("count").alias("numerator"),
        pl.when(known).then(pl.col("count").sum().over("report_id")).otherwise(None)
        .alias("denominator"))


def _carry_over(corpus: Corpus) -> pl.DataFrame:
    rows = ["carried_forward", "new_received", "carried_over"]
    wide = measures._wide(measures.application_rows(corpus, rows), "row", ["report_id"], rows)
    return wide.select("report_id", pl.col("carried_forward").alias("numerator"),
                       (pl.col("new_received") + pl.col("carried_over")).alias("denominator"))


def _litigation_per_100(corpus: Corpus) -> pl.DataFrame:
    new = measures.new_applications(corpus).select(
        "report_id", pl.col("count").alias("denominator"))
    return (measures.litigation(corpus).select("report_id", pl.col("count").alias("numerator"))
            .join(new, on="report_id", how="full", coalesce=True))


def _figure(code: str) -> Parts:
    def parts(corpus: Corpus) -> pl.DataFrame:
        return yearly._figures(corpus).select(
            "report_id", pl.col(code).alias("numerator"),
            pl.lit(None, pl.Int64).alias("denominator"))
    return parts


def _sum(code: str) -> Metric:
    figure = yearly.FIGURES[code]
    return Metric(code, figure.label, f"{figure.label} = 各报告“{figure.formula}”之和",
                  figure.formula, None, _figure(code))


_TOTAL = "，总计列"

#: Every metric :func:`rollup` knows, by name: the sums of the series figures
#: (:data:`govkit.analyze.yearly.FIGURES`), then the rates.
METRICS: dict[str, Metric] = {
    **{code: _sum(code) for code, f in yearly.FIGURES.items() if not f.rate},
    "disclosure_rate": Metric(
        "disclosure_rate", "公开率", measures.DISCLOSURE_RATE_DEFINITION,
        f"{ROW_BY_CODE['granted'].label} + {ROW_BY_CODE['partially_granted'].label}{_TOTAL}",
        f"三{ROW_BY_CODE['total_processed'].label}{_TOTAL}", _disclosure, percent=True,
        zero_note="无办结申请（总计为 0），无法计算"),
    "correction_rate": Metric(
        "correction_rate", "纠正率", measures.CORRECTION_RATE_DEFINITION,
        "四、结果纠正（每种程序；合计为三种程序之和）",
        "四、总计 − 尚未审结（已审结案件）", _correction, percent=True,
        part="proceeding",
        part_labels=(*PROCEEDING_LABELS.items(),
                     (measures.ALL_PROCEEDINGS, measures.ALL_PROCEEDINGS_LABEL)),
        default_part=measures.ALL_PROCEEDINGS, zero_note="无已审结案件，无法计算"),
    "denial_shares": Metric(
        "denial_shares", "不予公开理由占比", "理由占比 = 该项不予公开 ÷ 不予公开 1–8 项之和",
        "三（三）不予公开的该项理由" + _TOTAL,
        "三（三）不予公开 1–8 项之和" + _TOTAL + "；任一项未印则该报告不计入", _denial,
        percent=True, part="reason",
        part_labels=tuple((c, short(ROW_BY_CODE[c].label)) for c in _DENIED),
        zero_note="无不予公开的申请，无法计算"),
    "carry_over_rate": Metric(
        "carry_over_rate", "结转率",
        "结转率 = 四、结转下年度继续办理 ÷（一、本年新收 + 二、上年结转）",
        ROW_BY_CODE["carried_forward"].label + _TOTAL,
        f"{ROW_BY_CODE['new_received'].label} + {ROW_BY_CODE['carried_over'].label}{_TOTAL}",
        _carry_over, percent=True, zero_note="无待办申请（新收与结转均为 0），无法计算"),
    "litigation_per_100": Metric(
        "litigation_per_100", "每百件申请的行政诉讼（件）",
        "每百件申请诉讼 = 100 ×（未经复议直接起诉 + 复议后起诉）总计 ÷ 一、本年新收申请",
        "四、未经复议直接起诉总计 + 复议后起诉总计",
        ROW_BY_CODE["new_received"].label + _TOTAL, _litigation_per_100, scale=100.0,
        zero_note="无新收申请，无法计算"),
}


def metric(name: str) -> Metric:
    """The :class:`Metric` called ``name``; a clear error listing the names otherwise."""
    try:
        return METRICS[name]
    except KeyError:
        raise ValueError(f"unknown metric {name!r}; choose from {', '.join(METRICS)}") from None


def metrics() -> pl.DataFrame:
    """:data:`METRICS` as a table — metric, label, kind ("sum"|"rate"), formula,
    numerator, denominator, scale, part — what a reader needs to know how a figure was
    computed."""
    return pl.DataFrame(
        [{"metric": m.name, "label": m.label, "kind": "rate" if m.is_rate else "sum",
          "formula": m.formula, "numerator": m.numerator_text,
          "denominator": m.denominator_text, "scale": m.scale, "part": m.part}
         for m in METRICS.values()],
        schema={"metric": pl.Utf8, "label": pl.Utf8, "kind": pl.Utf8, "formula": pl.Utf8,
                "numerator": pl.Utf8, "denominator": pl.Utf8, "scale": pl.Float64,
                "part": pl.Utf8})


def _grouping(reports: pl.DataFrame, by: str | Sequence[str], reserved: Sequence[str]
              ) -> list[str]:
    cols = [by] if isinstance(by, str) else list(dict.fromkeys(by))
    missing = [c for c in cols if c not in reports.columns]
    if missing:
        raise ValueError(
            f"cannot roll up by {cols}: reports has no column {', '.join(map(repr, missing))}"
            f" (its columns: {', '.join(reports.columns)})")
    clash = [c for c in cols if c in reserved]
    if clash:
        raise ValueError(f"cannot roll up by {clash}: the roll-up's own columns are "
                         f"{', '.join(reserved)}")
    return cols


def rollup(corpus: Corpus, name: str, by: str | Sequence[str] = ("year",)) -> pl.DataFrame:
    """The metric ``name`` of :data:`METRICS` for each group of reports.

    Args:
        corpus: a loaded corpus.
        name: a metric of :data:`METRICS` (see :func:`metrics`), e.g. "disclosure_rate".
        by: columns of ``corpus.reports`` to group by (a name or a sequence; ``()`` for
            the whole corpus); a report whose group column is null is a group of its own
            (null), never dropped.

    Returns:
        One row per group (and per part, for a metric with one: ``proceeding`` of the
        correction rate, ``reason`` of the denial shares, with a ``<part>_label``
        column): the group columns, then ``numerator`` and ``denominator`` (Σ over the
        reports printing both; ``denominator`` null for a sum; both null where no report
        does), ``value`` (scale × numerator ÷ denominator, or the sum; null with a
        ``note`` when the denominator is 0 or no report counts), ``n_reports`` (reports
        counted) and ``n_missing`` (reports of the group left out).  Sorted by the
        group columns, nulls last.  The formula: ``METRICS[name].formula``.

    Raises:
        ValueError: for an unknown metric, or a ``by`` naming a column reports lacks.

    Example:
        >>> govkit.rollup(corpus, "correction_rate", by=("template", "year")).filter(
        ...     pl.col("proceeding") == "all")
    """
    m = metric(name)
    part = [m.part] if m.part else []
    reserved = [*part, *(f"{c}_label" for c in part), *VALUE_COLUMNS]
    cols = _grouping(corpus.reports, by, reserved)
    keys = distinct(corpus.reports).select("report_id", *(c for c in cols if c != "report_id"))
    on = ["report_id", *part]
    if m.part:
        # every report has every part, printed or not: one left out is counted missing
        keys = keys.join(pl.DataFrame({m.part: [c for c, _ in m.part_labels]}), how="cross")
    # a file copied byte for byte shares its report_id: its figures are listed once.
    # Part codes are compared as text, whatever dtype the figure frames give them.
    parts = (m.parts(corpus).select("report_id", *(pl.col(p).cast(pl.Utf8) for p in part),
                                    "numerator", "denominator")
             .unique(on, keep="first", maintain_order=True))
    data = keys.join(parts, on=on, how="left")
    ok = pl.col("numerator").is_not_null()
    if m.is_rate:
        ok &= pl.col("denominator").is_not_null()
    group = [*cols, *part]
    agg = [pl.col("numerator").filter(ok).sum(), pl.col("denominator").filter(ok).sum(),
           ok.sum().cast(pl.Int64).alias("n_reports"),
           (~ok).sum().cast(pl.Int64).alias("n_missing")]
    out = (data.group_by(group).agg(agg) if group
           else data.select(agg))
    none = pl.col("n_reports") == 0
    num, den = pl.col("numerator").cast(pl.Float64), pl.col("denominator").cast(pl.Float64)
    if m.is_rate:
        value = (pl.when(none | (den == 0)).then(None).otherwise(num / den * m.scale))
        note = (pl.when(none).then(pl.lit(NOTE_NO_REPORTS))
                .when(den == 0).then(pl.lit(m.zero_note)).otherwise(pl.lit("")))
    else:
        value = pl.when(none).then(None).otherwise(num)
        note = pl.when(none).then(pl.lit(NOTE_NO_REPORTS)).otherwise(pl.lit(""))
    out = out.with_columns(
        pl.when(none).then(None).otherwise(pl.col("numerator")).alias("numerator"),
        pl.when(none | pl.lit(not m.is_rate)).then(None).otherwise(pl.col("denominator"))
        .alias("denominator"),
        value.alias("value"), note.alias("note"))
    if m.part:
        order = {c: i for i, (c, _) in enumerate(m.part_labels)}
        out = (out.with_columns(pl.col(m.part).replace_strict(dict(m.part_labels))
                                .alias(f"{m.part}_label"),
                                pl.col(m.part).replace_strict(order).alias("_order"))
               .sort([*cols, "_order"], nulls_last=True).drop("_order"))
        part = [m.part, f"{m.part}_label"]
    elif cols:
        out = out.sort(cols, nulls_last=True)
    return out.select(*cols, *part, *VALUE_COLUMNS)


def shown(m: Metric) -> pl.Expr:
    """The text a table or a chart prints for a roll-up's ``value``: "47.9%" for a
    share, "66.7" for a rate per 100, "71" for a sum — or, where the value is null, its
    ``note`` (why it cannot be computed)."""
    value = pl.col("value")
    text = (pl.format("{}%", (value * 100).round(1)) if m.percent
            else value.round(1).cast(pl.Utf8) if m.is_rate
            else value.cast(pl.Int64).cast(pl.Utf8))
    return pl.when(value.is_null()).then(pl.col("note")).otherwise(text)


def group_shown(column: str) -> pl.Expr:
    """A group column as text — a code by its Chinese label (department → 政府工作部门),
    a null named for what is unknown ("机关类别未知")."""
    text = pl.col(column).cast(pl.Utf8)
    if column in _CODE_LABELS:
        text = text.replace_strict(_CODE_LABELS[column], default=text)
    return text.fill_null(group_label(column)[1])
