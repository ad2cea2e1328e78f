"""Charts of a roll-up: a metric of :data:`govkit.analyze.rollups.METRICS` year by year, one line
per group of reports (per kind of organ, per template …) or for the whole corpus.

The figures come from :func:`govkit.analyze.rollups.rollup`, so the chart pools exactly what its
tables print: Σ numerators ÷ Σ denominators over the reports printing both.  Each
point's tooltip (and the SVG's hover title) says how many reports are behind it and how
many were left out; a year with no figure breaks the line instead of dropping it to 0.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import rollups
from ...corpus import Corpus
from ...labels import group_label
from ...read.organs import distinct
from . import theme

ALL_REPORTS = "全部报告"
#: Vega's tableau10 colours, the unknown group (“…未知”) drawn grey instead.
TABLEAU10 = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
             "#ff9da7", "#9c755f", "#bab0ac")


def _frame(corpus: Corpus, m: rollups.Metric, by: str | None, part: str | None
           ) -> tuple[pl.DataFrame, int]:
    """The roll-up by (``by``,) year, one ``group`` per line, every year of the span
    present (null where no report of the group counts); and the reports of unknown year,
    which no point can show."""
    r = rollups.rollup(corpus, m.name, by=(by, "year") if by else ("year",))
    chosen = part or m.default_part
    if m.part and chosen:
        known = [c for c, _ in m.part_labels]
        if chosen not in known:
            raise ValueError(f"{m.name} has no {m.part} {chosen!r}; choose from {known}")
        r = r.filter(pl.col(m.part) == chosen)
    elif m.part and by:
        raise ValueError(f"{m.name} has one figure per {m.part}: choose part= one of "
                         f"{[c for c, _ in m.part_labels]} to draw it by {by}")
    group = (rollups.group_shown(by) if by
             else pl.col(f"{m.part}_label") if m.part and not chosen
             else pl.lit(ALL_REPORTS))
    r = r.with_columns(group.alias("group"))
    undated = distinct(corpus.reports).filter(pl.col("year").is_null()).height
    r = r.filter(pl.col("year").is_not_null())
    if r.is_empty():
        return r, undated
    years = r.select(pl.int_range(pl.col("year").min(), pl.col("year").max() + 1)
                     .cast(r.schema["year"]).alias("year"))
    grid = r.select("group").unique(maintain_order=True).join(years, how="cross")
    data = (grid.join(r, on=["group", "year"], how="left", maintain_order="left")
            .with_columns(pl.col("n_reports").fill_null(0), pl.col("n_missing").fill_null(0),
                          pl.col("note").fill_null("该年度没有报告")))
    parts = (pl.format("（{}/{}；", "numerator", "denominator") if m.is_rate
             else pl.lit("（"))
    basis = pl.format("{} 份报告，{} 份缺数未计入）", "n_reports", "n_missing")
    return (data.with_columns(rollups.shown(m).alias("text"))
            .with_columns(pl.format("{}，{}年度：{}", "group", "year", "text").alias("hover"),
                          pl.when(pl.col("value").is_null()).then(pl.lit(""))
                          .otherwise(pl.concat_str(parts, basis)).alias("basis"))
            .with_columns(pl.concat_str("hover", "basis").alias("hover"))), undated


def rollup_lines(corpus: Corpus, metric: str, by: str | None = None,
                 part: str | None = None) -> theme.AnyChart:
    """A metric of :data:`govkit.analyze.rollups.METRICS` across the years: one line per value
    of the reports column ``by`` (null values: one line named “…未知”), or one for the
    corpus.

    Args:
        corpus: a loaded corpus (or a brief's selection).
        metric: a metric's name, e.g. "disclosure_rate" or "litigation_per_100".
        by: a column of ``corpus.reports`` ("kind", "template" …); None: the corpus.
        part: for a metric with parts, the one to draw (default: the metric's own, e.g.
            the three proceedings together for the correction rate).  The denial shares
            have none: without ``by`` each reason gets a line; with ``by`` name one.

    Raises:
        ValueError: an unknown metric, a ``by`` reports lack, or a part to choose.
    """
    m = rollups.metric(metric)
    heading = f"{m.label}：按{group_label(by)[0] + '和' if by else ''}年度"
    data, undated = _frame(corpus, m, by, part)
    if data.is_empty() or data["value"].is_null().all():
        return theme.empty("没有可计算的年度数字", heading)
    years = data["year"].unique().sort().to_list()
    groups = data["group"].unique(maintain_order=True).to_list()
    x = alt.X("year:O", title="年度", scale=alt.Scale(domain=years),
              axis=alt.Axis(labelAngle=0))
    top = float(data.select(pl.col("value").max()).item())
    y = alt.Y("value:Q", title=m.label,
              scale=alt.Scale(domain=[0, 1] if m.percent else [0, max(top, 1.0)], nice=True),
              axis=alt.Axis(format="%") if m.percent else alt.Axis(tickMinStep=1))
    unknown = group_label(by)[1] if by else None
    palette = [theme.MISSING if g == unknown else TABLEAU10[i % len(TABLEAU10)]
               for i, g in enumerate(groups)]
    color = (alt.value(theme.ACCENT) if len(groups) == 1
             else alt.Color("group:N", title=group_label(by)[0] if by else "理由",
                            sort=groups, scale=alt.Scale(domain=groups, range=palette)))
    lines, points = theme.year_lines(
        x, y, color, "group:N",
        [alt.Tooltip("group:N", title=group_label(by)[0] if by else "范围"),
         alt.Tooltip("year:O", title="年度"), alt.Tooltip("text:N", title=m.label),
         alt.Tooltip("n_reports:Q", title="计入报告（份）"),
         alt.Tooltip("n_missing:Q", title="缺数未计入（份）")])
    # lines of one metric's parts share their reports: a report left out is left out
    # of every part, so count it once per year
    per_year = pl.col("n_missing").max() if m.part and not by else pl.col("n_missing").sum()
    left_out = int(data.group_by("year").agg(per_year)["n_missing"].sum())
    gaps = int(data["value"].null_count())
    notes = [f"{left_out} 份报告缺少分子或分母，未计入" if left_out else "各报告的数字均已计入",
             f"{gaps} 处无法计算或没有报告：折线在此断开，不等于 0" if gaps else "",
             f"{undated} 份报告年度不详，未画出" if undated else ""]
    subtitle = [m.formula, "；".join(n for n in notes if n) + "。"]
    return (alt.layer(lines, points, data=data)
            .properties(title=theme.title(heading, subtitle), width=theme.WIDTH, height=220))
