"""Charts of section 四: administrative reconsideration and litigation over disclosure —
results per proceeding, the correction rate and the cases still pending."""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import measures
from ...corpus import Corpus
from ...schema import PROCEEDING_LABELS, PROCEEDINGS, RESULT_LABELS, SECTIONS
from . import theme

SECTION = f"{SECTIONS[3].numeral}、{SECTIONS[3].label}"
_RESULTS = [r for r in RESULT_LABELS if r != "total"]



def review_results(corpus: Corpus) -> theme.AnyChart:
    """Cases by proceeding (行政复议, 直接起诉, 复议后起诉) and result, stacked per report:
    upheld blue, corrected red, other grey, pending yellow; totals written beside."""
    heading = "行政复议和行政诉讼结果"
    data = measures.reviews(corpus)
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    # faceted layers share one data set: the totals ride on each proceeding's first row
    totals = theme.stack_totals(data, ["report_id", "proceeding"])
    data = (data.join(totals, on=["report_id", "proceeding"])
            .with_columns((pl.col("result") == _RESULTS[0]).alias("first")))
    labels = data["label"].unique(maintain_order=True).to_list()
    y = theme.report_axis(labels)
    base = alt.Chart()
    bars = base.mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=y,
        x=theme.count_axis("sum(count):Q", "件数", data["known"].max()),
        color=alt.Color("result_label:N", title="结果",
                        scale=theme.scale(theme.RESULT_COLORS, RESULT_LABELS, _RESULTS)),
        order=alt.Order("result_order:Q"),
        tooltip=[alt.Tooltip("label:N", title="报告"),
                 alt.Tooltip("proceeding_label:N", title="程序"),
                 alt.Tooltip("result_label:N", title="结果"), alt.Tooltip("count:Q", title="件数")])
    text = theme.value_labels(base.transform_filter("datum.first"), y=y, x="known")
    n_missing = int(data["count"].null_count())
    return (alt.layer(bars, text, data=data)
            .properties(width=theme.WIDTH // 3, height=theme.height(len(labels)))
            .facet(column=alt.Column("proceeding_label:N", title=None,
                                     sort=[PROCEEDING_LABELS[p] for p in PROCEEDINGS]))
            .properties(title=theme.title(heading, [
                f"{SECTION}；行政诉讼分未经复议直接起诉和复议后起诉",
                theme.missing_note(n_missing)])))


def correction_rate(corpus: Corpus) -> theme.AnyChart:
    """The correction rate 结果纠正 ÷ (总计 − 尚未审结) over all three proceedings, beside
    the cases still pending; a rate with no decided case says so instead of 0 %."""
    heading = "纠正率与尚未审结案件"
    data = (theme.rate_labels(measures.correction_rate(corpus)
                              .filter(pl.col("proceeding") == measures.ALL_PROCEEDINGS),
                              ("corrected", "decided"))
            .with_columns(theme.shown(pl.col("pending")).alias("pending_text"),
                          pl.col("pending").is_null().alias("pending_missing")))
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    labels = data["label"].to_list()
    y = theme.report_axis(labels)
    base = alt.Chart(data)
    tooltip = [alt.Tooltip("label:N", title="报告"),
               alt.Tooltip("corrected:Q", title=RESULT_LABELS["corrected"]),
               alt.Tooltip("decided:Q", title="已审结（总计−尚未审结）"),
               alt.Tooltip("pending:Q", title=RESULT_LABELS["pending"]),
               alt.Tooltip("text:N", title="纠正率")]
    rate = alt.layer(
        base.mark_bar(color=theme.RESULT_COLORS["corrected"]).encode(
            y=y, tooltip=tooltip,
            x=alt.X("rate:Q", title="纠正率", scale=alt.Scale(domain=[0, 1]),
                    axis=alt.Axis(format="%"))),
        theme.value_labels(base, y=y, x="rate"),
    ).properties(width=theme.WIDTH * 2 // 3, height=theme.height(len(labels)),
                 title=theme.title("纠正率（三类程序合计）", measures.CORRECTION_RATE_DEFINITION))
    no_axis = theme.report_axis(labels, axis=False)
    pending = alt.layer(
        base.mark_bar(color=theme.RESULT_COLORS["pending"]).encode(
            y=no_axis, tooltip=tooltip,
            x=theme.count_axis("pending:Q", "件数", data["pending"].max())),
        theme.value_labels(base, y=no_axis, x="pending", text="pending_text",
                           missing="pending_missing"),
    ).properties(width=theme.WIDTH // 3, height=theme.height(len(labels)),
                 title=theme.title(RESULT_LABELS["pending"], "年底仍在审理的案件"))
    return (alt.hconcat(rate, pending, spacing=24)
            .properties(title=theme.title(heading, [
                f"{SECTION}；行政复议、直接起诉、复议后起诉三类合计",
                "灰字：无法计算的原因（没有已审结案件或数字缺失），不是 0%"])))
