"""Totals and rates computed from a :class:`~govkit.corpus.Corpus`: what charts draw and
briefs print, as plain Polars frames a notebook can show and a test can check.

Every function takes a corpus and returns one row per report (or per report and
category), carrying the report's display ``label`` (organ and year) and its ``order``.
Nulls stay null: a figure a report does not print is never counted as 0; a rate whose
parts are missing, or whose denominator is 0, is null and its ``note`` says which.

Example:
    >>> corpus = govkit.load("data/")
    >>> measures.disclosure_rate(corpus).select("label", "rate", "note")
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ..corpus import Corpus
from ..labels import CHECK_FAMILY_LABELS, CHECK_LABELS, OUTCOME_GROUP_LABELS, STATUS_LABELS, short
from ..read.organs import distinct
from ..schema import (
    APPLICANT_LABELS,
    APPLICANTS,
    OTHER_SUBROWS,
    OUTCOME_ROWS,
    PROCEEDING_LABELS,
    PROCEEDINGS,
    RESULT_LABELS,
    ROW_BY_CODE,
)

UNKNOWN_ORGAN = "机关不详"
UNKNOWN_YEAR = "年度不详"
ALL_PROCEEDINGS = "all"
ALL_PROCEEDINGS_LABEL = "复议与诉讼合计"
NOTE_MISSING = "数字缺失（未印或无法读取）"

#: The definitions printed beside the rates, so no reader has to guess them.
DISCLOSURE_RATE_DEFINITION = "公开率 =（予以公开 + 部分公开）÷ 三（七）总计"
CORRECTION_RATE_DEFINITION = "纠正率 = 结果纠正 ÷（总计 − 尚未审结）"


def report_labels(corpus: Corpus) -> pl.DataFrame:
    """One row per report: ``report_id, organ, year, status, label, order``.

    ``label`` is "organ（year）", with the source file added when two reports would
    share a label; ``order`` sorts by organ, then year (unknowns last).  A file that
    renders another report again (``duplicate_of``) is left out: every measure counts a
    report once.
    """
    r = distinct(corpus.reports).select("report_id", "source", "organ", "year", "status")
    base = (pl.col("organ").fill_null(UNKNOWN_ORGAN) + "（"
            + pl.col("year").cast(pl.Utf8).fill_null(UNKNOWN_YEAR) + "）")
    r = (r.with_columns(base.alias("label"))
         .with_columns(pl.when(pl.len().over("label") > 1)
                       .then(pl.col("label") + " · " + pl.col("source"))
                       .otherwise(pl.col("label")).alias("label"))
         .sort(["organ", "year", "source"], nulls_last=True)
         .with_row_index("order")
         .with_columns(pl.col("order").cast(pl.Int32),
                       pl.col("status").replace_strict(STATUS_LABELS, default=pl.col("status"))
                       .alias("status_label")))
    return r.select("report_id", "organ", "year", "status", "status_label", "label", "order")


def _text(*codes: str) -> list[pl.Expr]:
    """Code columns as plain strings: the measures join them with keys of their own."""
    return [pl.col(c).cast(pl.Utf8) for c in codes]


def application_rows(corpus: Corpus, rows: Sequence[str], applicant: str = "total"
                     ) -> pl.DataFrame:
    """Section 三 figures of ``rows`` for one applicant column, one row per report and row,
    null where the report lacks the row."""
    keys = report_labels(corpus).join(pl.DataFrame({"row": list(rows)}), how="cross")
    got = corpus.applications.filter(pl.col("applicant") == applicant).select(
        "report_id", *_text("row", "basis"), "count")
    return (keys.join(got, on=["report_id", "row"], how="left")
            .with_columns(pl.col("basis").fill_null("missing")))


def new_applications(corpus: Corpus) -> pl.DataFrame:
    """New applications received (一、本年新收, total column) per report.

    Columns: report_id, organ, year, label, order, count, basis.
    """
    return (application_rows(corpus, ["new_received"])
            .select("report_id", "organ", "year", "label", "order", "count", "basis")
            .sort("order"))


def applicants(corpus: Corpus) -> pl.DataFrame:
    """New applications by applicant type: natural persons and the five organisations.

    One row per report and applicant: report_id, label, order, applicant,
    applicant_label, count (null where not printed).
    """
    kinds = [a for a in APPLICANTS if a != "total"]
    keys = report_labels(corpus).join(pl.DataFrame({"applicant": kinds}), how="cross")
    got = corpus.applications.filter(pl.col("row") == "new_received").select(
        "report_id", *_text("applicant"), "count")
    return (keys.join(got, on=["report_id", "applicant"], how="left")
            .with_columns(pl.col("applicant").replace_strict(APPLICANT_LABELS)
                          .alias("applicant_label"),
                          pl.col("applicant").replace_strict(
                              {a: i for i, a in enumerate(kinds)}).alias("applicant_order"))
            .select("report_id", "label", "order", "applicant", "applicant_label",
                    "applicant_order", "count")
            .sort("order", "applicant_order"))


def _outcome_rows(corpus: Corpus) -> pl.DataFrame:
    """Which outcome rows add up to (七)总计 for each report: its template's, or — when
    the template is unknown — 2021's if the report prints the 2021 sub-rows of (六)."""
    sub = (corpus.applications
           .filter(pl.col("row").is_in(OTHER_SUBROWS) & pl.col("count").is_not_null())
           .select("report_id").unique().with_columns(pl.lit("2021").alias("guess")))
    gen = (corpus.reports.select("report_id", "template")
           .join(sub, on="report_id", how="left")
           .select("report_id", pl.coalesce("template", "guess", pl.lit("2019")).alias("gen")))
    table = pl.DataFrame([{"gen": g, "row": r} for g, rows in OUTCOME_ROWS.items()
                          for r in rows])
    return gen.join(table, on="gen").select("report_id", "row")


def outcomes(corpus: Corpus) -> pl.DataFrame:
    """How applications were handled (section 三, outcome rows, total column).

    One row per report and outcome row: report_id, label, order, group, group_label,
    row, row_label, count.  Groups are 予以公开, 部分公开, 不予公开 (by reason), 无法提供,
    不予处理 and 其他处理; in 2021 reports 其他处理 is its three sub-rows.
    """
    codes = list(dict.fromkeys(r for rows in OUTCOME_ROWS.values() for r in rows))
    groups = {c: ROW_BY_CODE[c].group for c in codes}
    return (application_rows(corpus, codes)
            .join(_outcome_rows(corpus), on=["report_id", "row"], how="semi")
            .with_columns(pl.col("row").replace_strict(groups).alias("group"))
            .with_columns(
                pl.col("group").replace_strict(OUTCOME_GROUP_LABELS).alias("group_label"),
                pl.col("row").replace_strict({c: short(ROW_BY_CODE[c].label) for c in codes})
                .alias("row_label"),
                pl.col("row").replace_strict({c: i for i, c in enumerate(codes)})
                .alias("row_order"))
            .select("report_id", "label", "order", "group", "group_label", "row", "row_label",
                    "row_order", "count")
            .sort("order", "row_order"))


def _wide(frame: pl.DataFrame, on: str, index: Sequence[str], columns: Sequence[str]
          ) -> pl.DataFrame:
    """``frame`` pivoted so each of ``columns`` is a column of counts, even when empty."""
    wide = frame.pivot(on=on, index=list(index), values="count")
    missing = [pl.lit(None, pl.Int64).alias(c) for c in columns if c not in wide.columns]
    return wide.with_columns(missing) if missing else wide


def strict_sum(column: str) -> pl.Expr:
    """The sum of ``column`` in an aggregation, null when any part is null: a total with
    an unprinted part is unknown, not the sum of the parts that were printed."""
    return (pl.when(pl.col(column).is_null().any()).then(None)
            .otherwise(pl.col(column).sum()).alias(column))


def _rate(num: pl.Expr, den: pl.Expr, parts: Sequence[str], zero_note: str) -> list[pl.Expr]:
    missing = pl.any_horizontal([pl.col(c).is_null() for c in parts])
    return [
        pl.when(missing | (den == 0)).then(None).otherwise(num / den).alias("rate"),
        pl.when(missing).then(pl.lit(NOTE_MISSING))
        .when(den == 0).then(pl.lit(zero_note)).otherwise(pl.lit("")).alias("note"),
    ]


def disclosure_rate(corpus: Corpus) -> pl.DataFrame:
    """The disclosure rate (予以公开 + 部分公开) ÷ 三（七）总计 per report.

    Columns: report_id, organ, year, label, order, granted, partially_granted,
    total_processed, rate (null when a part is missing or nothing was processed), note.
    """
    parts = ["granted", "partially_granted", "total_processed"]
    wide = _wide(application_rows(corpus, parts), "row",
                 ["report_id", "organ", "year", "label", "order"], parts)
    return (wide.with_columns(_rate(pl.col("granted") + pl.col("partially_granted"),
                                    pl.col("total_processed"), parts,
                                    "无办结申请（总计为 0），无法计算"))
            .select("report_id", "organ", "year", "label", "order", *parts, "rate", "note")
            .sort("order"))


def reviews(corpus: Corpus, *, with_total: bool = False) -> pl.DataFrame:
    """Reconsideration and litigation (section 四) per report, proceeding and result.

    Columns: report_id, label, order, proceeding, proceeding_label, result,
    result_label, count (null where unreadable).  ``with_total`` keeps the 总计 column.
    """
    results = [r for r in RESULT_LABELS if with_total or r != "total"]
    keys = (report_labels(corpus)
            .join(pl.DataFrame({"proceeding": list(PROCEEDINGS)}), how="cross")
            .join(pl.DataFrame({"result": results}), how="cross"))
    got = corpus.reviews.select("report_id", *_text("proceeding", "result"), "count")
    return (keys.join(got, on=["report_id", "proceeding", "result"], how="left")
            .with_columns(
                pl.col("proceeding").replace_strict(PROCEEDING_LABELS).alias("proceeding_label"),
                pl.col("result").replace_strict(RESULT_LABELS).alias("result_label"),
                pl.col("proceeding").replace_strict({p: i for i, p in enumerate(PROCEEDINGS)})
                .alias("proceeding_order"),
                pl.col("result").replace_strict({r: i for i, r in enumerate(results)})
                .alias("result_order"))
            .select("report_id", "label", "order", "proceeding", "proceeding_label",
                    "proceeding_order", "result", "result_label", "result_order", "count")
            .sort("order", "proceeding_order", "result_order"))


def correction_rate(corpus: Corpus) -> pl.DataFrame:
    """The correction rate 结果纠正 ÷ (总计 − 尚未审结), and the cases still pending.

    One row per report and proceeding, plus ``proceeding == "all"`` for the three
    proceedings together (null when any of them is).  Columns: report_id, label, order,
    proceeding, proceeding_label, corrected, total, pending, decided, rate, note.
    """
    cells = ["corrected", "pending", "total"]
    wide = _wide(reviews(corpus, with_total=True).filter(pl.col("result").is_in(cells)),
                 "result", ["report_id", "label", "order", "proceeding", "proceeding_label",
                            "proceeding_order"], cells)
    combined = (wide.group_by("report_id", "label", "order").agg(
        [strict_sum(c) for c in cells])
                .with_columns(pl.lit(ALL_PROCEEDINGS).alias("proceeding"),
                              pl.lit(ALL_PROCEEDINGS_LABEL).alias("proceeding_label"),
                              pl.lit(len(PROCEEDINGS)).alias("proceeding_order")))
    both = pl.concat([wide, combined.select(wide.columns)], how="vertical_relaxed")
    decided = pl.col("total") - pl.col("pending")
    return (both.with_columns(decided.alias("decided"))
            .with_columns(_rate(pl.col("corrected"), pl.col("decided"), cells,
                                "无已审结案件，无法计算"))
            .select("report_id", "label", "order", "proceeding", "proceeding_label",
                    "proceeding_order", "corrected", "total", "pending", "decided", "rate",
                    "note")
            .sort("order", "proceeding_order"))


def litigation(corpus: Corpus) -> pl.DataFrame:
    """Lawsuits per report: 未经复议直接起诉 + 复议后起诉, their 总计 columns (null when
    either is).  Columns: report_id, label, order, count."""
    return (reviews(corpus, with_total=True)
            .filter((pl.col("result") == "total") & (pl.col("proceeding") != "reconsideration"))
            .group_by("report_id", "label", "order", maintain_order=True)
            .agg(strict_sum("count")))


def _with_check_labels(frame: pl.DataFrame) -> pl.DataFrame:
    family = pl.col("check").str.split(".").list.first()
    return frame.with_columns(
        pl.col("check").replace_strict(CHECK_LABELS, default=pl.col("check")).alias("check_label"),
        family.alias("family"),
        family.replace_strict(CHECK_FAMILY_LABELS, default=family).alias("family_label"))


def findings_by_check(corpus: Corpus) -> pl.DataFrame:
    """Findings counted by check: check, check_label, family, family_label, n, reports
    (how many reports have it); most frequent first."""
    by = (corpus.findings.group_by("check")
          .agg(pl.len().cast(pl.Int64).alias("n"),
               pl.col("report_id").n_unique().cast(pl.Int64).alias("reports")))
    return (_with_check_labels(by)
            .select("check", "check_label", "family", "family_label", "n", "reports")
            .sort(["n", "check"], descending=[True, False]))


def findings_by_report(corpus: Corpus) -> pl.DataFrame:
    """Findings counted by report and check, every report included: a report without
    findings has one row with a null check and ``n`` 0.

    Columns: report_id, label, order, status, status_label, check, check_label, family,
    family_label, n, total (the report's findings).
    """
    counts = (corpus.findings.group_by("report_id", "check")
              .agg(pl.len().cast(pl.Int64).alias("n")))
    return (_with_check_labels(
        report_labels(corpus).join(counts, on="report_id", how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns(pl.col("n").sum().over("report_id").alias("total")))
        .with_columns(pl.when(pl.col("check").is_null()).then(None)
                      .otherwise(pl.col("family_label")).alias("family_label"))
        .select("report_id", "label", "order", "status", "status_label", "check",
                "check_label", "family", "family_label", "n", "total")
        .sort(["order", "n", "check"], descending=[False, True, False], nulls_last=True))
