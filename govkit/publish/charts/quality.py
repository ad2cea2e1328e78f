"""Charts of data quality: which checks flagged what, and in which reports — so a reader
sees which figures to distrust before reading the other charts."""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import measures
from ...corpus import Corpus
from ...labels import CHECK_FAMILY_LABELS
from . import theme

#: The most reports :func:`findings_by_report` draws; the rest are counted in the subtitle.
TOP_REPORTS = 30


def _family_color() -> alt.Color:
    families = list(CHECK_FAMILY_LABELS)
    return alt.Color("family_label:N", title="问题类别",
                     scale=theme.scale(theme.CHECK_FAMILY_COLORS, CHECK_FAMILY_LABELS, families))


def findings_by_check(corpus: Corpus) -> theme.AnyChart:
    """Findings counted by check, most frequent first, coloured by kind of problem."""
    heading = "数据质量提示：按检查项"
    data = measures.findings_by_check(corpus).with_columns(
        pl.format("{} 条（{} 份报告）", "n", "reports").alias("text"),
        pl.lit(False).alias("missing"))
    if data.is_empty():
        return theme.empty("没有数据质量提示：所有数字均通过检查。", heading)
    order = data["check_label"].to_list()
    y = alt.Y("check_label:N", sort=order, title="检查项",
              axis=alt.Axis(title=None, labelLimit=300))
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y, x=theme.count_axis("n:Q", "提示条数", data["n"].max()), color=_family_color(),
        tooltip=[alt.Tooltip("check_label:N", title="检查项"),
                 alt.Tooltip("check:N", title="代码"), alt.Tooltip("n:Q", title="条数"),
                 alt.Tooltip("reports:Q", title="涉及报告")])
    return (alt.layer(bars, theme.value_labels(base, y=y, x="n"))
            .properties(title=theme.title(heading, "每条提示说明一个可能不可靠的数字或表格"),
                        width=theme.WIDTH, height=theme.height(len(order))))


def findings_by_report(corpus: Corpus, top: int = TOP_REPORTS) -> theme.AnyChart:
    """Findings per report, stacked by check and coloured by kind of problem; reports
    without findings are listed with 0, so a short bar means checked and clean.

    Args:
        top: draw at most this many reports, those with the most findings.
    """
    heading = "数据质量提示：按报告"
    data = measures.findings_by_report(corpus)
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    per_report = (data.group_by("label", "order", "status_label", maintain_order=True)
                  .agg(pl.col("total").first())
                  .sort(["total", "order"], descending=[True, False]))
    hidden = max(0, per_report.height - top)
    per_report = (per_report.head(top).sort("order")
                  .with_columns(pl.format("{} 条 · {}", "total", "status_label").alias("text"),
                                (pl.col("status_label") != "完整").alias("missing")))
    labels = per_report["label"].to_list()
    data = data.filter(pl.col("label").is_in(labels))
    y = theme.report_axis(labels)
    bars = alt.Chart(data.filter(pl.col("check").is_not_null())).mark_bar(
        stroke="white", strokeWidth=0.5).encode(
        y=y, x=theme.count_axis("sum(n):Q", "提示条数", per_report["total"].max()),
        color=_family_color(), order=alt.Order("n:Q", sort="descending"),
        tooltip=[alt.Tooltip("label:N", title="报告"),
                 alt.Tooltip("check_label:N", title="检查项"), alt.Tooltip("n:Q", title="条数"),
                 alt.Tooltip("status_label:N", title="解析状态")])
    subtitle = ["报告旁注明解析状态：完整 / 部分可读 / 无法读取（灰字）"]
    if hidden:
        subtitle.append(f"仅显示提示最多的 {top} 份报告，另有 {hidden} 份未显示")
    return (alt.layer(bars, theme.value_labels(alt.Chart(per_report), y=y, x="total"))
            .properties(title=theme.title(heading, subtitle), width=theme.WIDTH,
                        height=theme.height(len(labels))))
