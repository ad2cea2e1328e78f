"""Charts of an organ year by year: one line per organ across the years it reported.

The figures come from :func:`govkit.analyze.yearly.series` (duplicates counted once, an organ's
spellings linked by ``organ_key``).  A year whose figure is not printed — or that has no
report — breaks the line instead of dropping it to 0; points mark the years printed.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import yearly
from ...corpus import Corpus
from . import theme

#: More organs than this and the lines get a panel each: past half a dozen colours a
#: legend stops telling lines apart.
FACET_OVER = 6
PANEL_WIDTH = theme.WIDTH // 3
PANEL_HEIGHT = 110


def _gaps_note(n_missing: int, rate: bool) -> str:
    if not n_missing:
        return "各年度数字均有记录；0 表示报告印为 0。"
    why = "未印、无法读取、分母为 0 无法计算" if rate else "未印、无法读取"
    return f"{n_missing} 个年度的数字{why}或没有报告：折线在此断开，不等于 0。"


def _frame(corpus: Corpus, figure: str) -> pl.DataFrame:
    """The series of ``figure`` with every year of each organ's span present (a null
    where no figure), the organ's latest name for colour and panel, and the text shown."""
    spec = yearly.FIGURES[figure]
    s = yearly.series(corpus, [figure]).rename({figure: "value"})
    names = (s.group_by("organ_key").agg(pl.col("organ").drop_nulls().last().alias("name"),
                                         pl.col("year").min().alias("first"),
                                         pl.col("year").max().alias("last")))
    span = (names.with_columns(pl.int_ranges("first", pl.col("last") + 1).alias("year"))
            .explode("year").select("organ_key", "name", pl.col("year").cast(pl.Int16)))
    value = pl.col("value").cast(pl.Float64)
    shown = (pl.format("{}%", (value * 100).round(1)) if spec.rate
             else pl.col("value").cast(pl.Utf8))
    return (span.join(s, on=["organ_key", "year"], how="left")
            .with_columns(value.alias("value"),
                          pl.when(pl.col("value").is_null()).then(pl.lit(theme.MISSING_TEXT))
                          .otherwise(shown).alias("text"),
                          pl.coalesce("organ", "name").alias("organ"))
            .with_columns(pl.format("{}，{}年度：{}", "organ", "year", "text").alias("hover"))
            .sort("name", "year"))


def series_lines(corpus: Corpus, figure: str = "new_received") -> theme.AnyChart:
    """A figure of :data:`govkit.analyze.yearly.FIGURES` across the years, a line per organ.

    With more than :data:`FACET_OVER` organs each gets a small panel of its own.  The
    tooltip (and the SVG's hover title) names the organ as that year's report prints it,
    the year and the figure.

    Args:
        corpus: a loaded corpus (or a brief's selection).
        figure: the figure's code, e.g. "new_received" or "disclosure_rate".
    """
    spec = yearly.FIGURES[figure]
    heading = f"历年变化：{spec.label}"
    data = _frame(corpus, figure)
    if data["value"].is_null().all():
        return theme.empty("没有可比较的年度数字", heading)
    printed = data["year"].to_list()
    years = list(range(min(printed), max(printed) + 1))
    organs = data["name"].unique(maintain_order=True).to_list()
    faceted = len(organs) > FACET_OVER
    x = alt.X("year:O", title="年度", scale=alt.Scale(domain=years),
              axis=alt.Axis(labelAngle=0))
    if spec.rate:
        y = alt.Y("value:Q", title=spec.label, scale=alt.Scale(domain=[0, 1]),
                  axis=alt.Axis(format="%"))
    else:
        top = max(1, int(max(data["value"].drop_nulls().to_list())))
        # whole numbers only: a small range would otherwise get ticks at 0.5 (shown "1")
        ticks = alt.Axis(format="d", values=list(range(top + 1))) if top <= 10 else \
            alt.Axis(format="d", tickMinStep=1)
        y = alt.Y("value:Q", title=spec.label, scale=alt.Scale(domain=[0, top], nice=True),
                  axis=ticks)
    color = (alt.value(theme.ACCENT) if faceted or len(organs) == 1
             else alt.Color("name:N", title="机关", sort=organs,
                            scale=alt.Scale(scheme="tableau10")))
    lines, points = theme.year_lines(
        x, y, color, "name:N",
        [alt.Tooltip("organ:N", title="机关"), alt.Tooltip("year:O", title="年度"),
         alt.Tooltip("text:N", title=spec.label)])
    subtitle = [spec.formula, _gaps_note(int(data["value"].null_count()), spec.rate)]
    if faceted:
        return (alt.layer(lines, points, data=data)
                .properties(width=PANEL_WIDTH, height=PANEL_HEIGHT)
                .facet(facet=alt.Facet("name:N", title=None, sort=organs,
                                       header=alt.Header(labelLimit=PANEL_WIDTH)),
                       columns=3)
                .properties(title=theme.title(heading, subtitle)))
    return (alt.layer(lines, points, data=data)
            .properties(title=theme.title(heading, subtitle), width=theme.WIDTH, height=220))
