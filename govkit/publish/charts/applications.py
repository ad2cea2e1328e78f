"""Charts of section 三: applications received, who applied, how they were handled, and
the disclosure rate.  Each function takes a corpus and returns an Altair chart; the
figures come from :mod:`govkit.analyze.measures`, where a notebook can show them as a table.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import measures
from ...corpus import Corpus
from ...labels import BASIS_LABELS, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS
from ...schema import APPLICANT_LABELS, ROW_BY_CODE, SECTIONS
from . import theme

SECTION = f"{SECTIONS[2].numeral}、{SECTIONS[2].label}"



def new_applications(corpus: Corpus) -> theme.AnyChart:
    """New applications received per report (organ and year), total column.

    A report that does not print the figure shows “未印/无法读取” in grey, not a 0 bar.
    Several years are told apart by colour.
    """
    heading = f"本年新收政府信息公开申请（{short_row('new_received')}）"
    data = (measures.new_applications(corpus)
            .with_columns(theme.shown(pl.col("count")).alias("text"),
                          pl.col("count").is_null().alias("missing"),
                          pl.col("basis").replace_strict(BASIS_LABELS, default=pl.col("basis"))
                          .alias("basis_label"),
                          pl.col("year").cast(pl.Utf8).fill_null(measures.UNKNOWN_YEAR)
                          .alias("year_label")))
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    labels = data["label"].to_list()
    y = theme.report_axis(labels)
    years = data["year_label"].unique().sort().to_list()
    color = (alt.Color("year_label:N", title="年度", scale=alt.Scale(scheme="tableau10"))
             if len(years) > 1 else alt.value(theme.ACCENT))
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y, x=theme.count_axis("count:Q", "件数", data["count"].max()),
        color=color,
        tooltip=[alt.Tooltip("label:N", title="报告"), alt.Tooltip("text:N", title="新收申请"),
                 alt.Tooltip("basis_label:N", title="来源")])
    note = theme.missing_note(int(data["missing"].sum()))
    return (alt.layer(bars, theme.value_labels(base, y=y, x="count"))
            .properties(title=theme.title(heading, [f"{SECTION}，总计列", note]),
                        width=theme.WIDTH, height=theme.height(len(labels))))


def short_row(code: str) -> str:
    """A row's printed label (from govkit.schema), for titles."""
    return ROW_BY_CODE[code].label


def applicants(corpus: Corpus) -> theme.AnyChart:
    """New applications by applicant type: natural persons against the five kinds of
    organisation, stacked per report; missing columns are named in grey."""
    heading = "新收申请的申请人类型"
    data = measures.applicants(corpus)
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    per_report = theme.stack_totals(data, ["label", "order"])
    labels = per_report["label"].to_list()
    y = theme.report_axis(labels)
    kinds = [a for a in APPLICANT_LABELS if a != "total"]
    bars = alt.Chart(data).mark_bar().encode(
        y=y, x=theme.count_axis("sum(count):Q", "件数", per_report["known"].max()),
        color=alt.Color("applicant_label:N", title="申请人",
                        scale=theme.scale(theme.APPLICANT_COLORS, APPLICANT_LABELS, kinds)),
        order=alt.Order("applicant_order:Q"),
        tooltip=[alt.Tooltip("label:N", title="报告"),
                 alt.Tooltip("applicant_label:N", title="申请人"),
                 alt.Tooltip("count:Q", title="件数")])
    text = theme.value_labels(alt.Chart(per_report), y=y, x="known")
    n_missing = int(per_report["n_missing"].sum())
    return (alt.layer(bars, text)
            .properties(title=theme.title(heading, [
                "自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）",
                theme.missing_note(n_missing)]),
                width=theme.WIDTH, height=theme.height(len(labels))))


def outcomes(corpus: Corpus, *, normalize: bool = False) -> theme.AnyChart:
    """How the applications were handled: granted, partially granted, denied (each
    reason a segment), unable to provide, not processed, other — coloured by meaning.

    Args:
        normalize: show shares of the report's total instead of counts.
    """
    heading = "申请办理结果"
    data = measures.outcomes(corpus)
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    per_report = theme.stack_totals(data, ["label", "order"], "共 {} 件")
    labels = per_report["label"].to_list()
    y = theme.report_axis(labels)
    x = (alt.X("sum(count):Q", title="占比", stack="normalize", axis=alt.Axis(format="%"))
         if normalize else theme.count_axis("sum(count):Q", "件数", per_report["known"].max()))
    bars = alt.Chart(data).mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=y, x=x,
        color=alt.Color("group_label:N", title="办理结果",
                        scale=theme.scale(theme.OUTCOME_COLORS, OUTCOME_GROUP_LABELS,
                                          OUTCOME_GROUPS)),
        order=alt.Order("row_order:Q"),
        tooltip=[alt.Tooltip("label:N", title="报告"),
                 alt.Tooltip("group_label:N", title="办理结果"),
                 alt.Tooltip("row_label:N", title="明细"), alt.Tooltip("count:Q", title="件数")])
    layers: list[alt.Chart | alt.LayerChart] = [bars]
    if not normalize:
        layers.append(theme.value_labels(alt.Chart(per_report), y=y, x="known"))
    return (alt.layer(*layers)
            .properties(title=theme.title(heading, [
                f"{SECTION}，（一）至（六）各项，总计列；不予公开按理由分段",
                theme.missing_note(int(per_report["n_missing"].sum()))]),
                width=theme.WIDTH, height=theme.height(len(labels))))


def disclosure_rate(corpus: Corpus) -> theme.AnyChart:
    """The disclosure rate (予以公开 + 部分公开) ÷ 三（七）总计 per report, its definition in
    the subtitle; a rate that cannot be computed says why instead of showing 0 %."""
    heading = "公开率"
    data = theme.rate_labels(measures.disclosure_rate(corpus))
    if data.is_empty():
        return theme.empty("没有可显示的报告", heading)
    labels = data["label"].to_list()
    y = theme.report_axis(labels)
    base = alt.Chart(data)
    bars = base.mark_bar(color=theme.GOOD).encode(
        y=y,
        x=alt.X("rate:Q", title="公开率", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("label:N", title="报告"),
                 alt.Tooltip("granted:Q", title=short_row("granted")),
                 alt.Tooltip("partially_granted:Q", title=short_row("partially_granted")),
                 alt.Tooltip("total_processed:Q", title="三" + short_row("total_processed")),
                 alt.Tooltip("text:N", title="公开率")])
    return (alt.layer(bars, theme.value_labels(base, y=y, x="rate"))
            .properties(title=theme.title(heading, [
                measures.DISCLOSURE_RATE_DEFINITION + "（总计列）",
                "灰字：无法计算的原因（总计为 0 或数字缺失），不是 0%"]),
                width=theme.WIDTH, height=theme.height(len(labels))))
