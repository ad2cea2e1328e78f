"""Chart of section 五: the phrases most reports use about their problems.

The figures come from :func:`govkit.recurring_phrases`, where a notebook can show them
as a table with example sentences.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from ...analyze import phrases
from ...analyze.measures import UNKNOWN_YEAR
from ...corpus import Corpus
from . import theme

KIND_LABELS = {"problem": "存在的主要问题", "improvement": "改进情况", None: "问题及改进"}


def recurring_phrases(corpus: Corpus, kind: str | None = "problem", top: int = 15, *,
                      ngram: tuple[int, int] = (2, 4), min_reports: int = 2) -> alt.Chart:
    """The ``top`` recurring phrases as bars of the share of reports using them.

    A bar is as long as the share of all reports (with statements of ``kind``) that use
    the phrase; its segments are coloured by the year of those reports, so a phrase that
    only recent reports use shows it.  Tooltips give the counts and an example sentence.

    Example:
        >>> charts.recurring_phrases(corpus, top=10)
    """
    label = KIND_LABELS.get(kind, str(kind))
    heading = f"反复出现的表述：{label}"
    overall = phrases.recurring_phrases(corpus, kind, top=top, ngram=ngram,
                                        min_reports=min_reports)
    if overall.is_empty():
        return theme.empty(f"没有在 {min_reports} 份以上报告中重复出现的表述", heading)
    order = overall["phrase"].to_list()
    total = int(overall["reports_total"][0])
    data = (phrases.recurring_phrases(corpus, kind, by="year", top=None, ngram=ngram,
                                      min_reports=min_reports)
            .filter(pl.col("phrase").is_in(order))
            .join(overall.select("phrase", pl.col("n_reports").alias("n_all"),
                                 pl.col("share").alias("share_all")), on="phrase")
            .with_columns(pl.col("year").cast(pl.Utf8).fill_null(UNKNOWN_YEAR)
                          .alias("year_label"),
                          (pl.col("n_reports") / total).alias("part"))
            .sort("year", "phrase", nulls_last=True))
    years = data["year_label"].unique(maintain_order=True).to_list()
    y = alt.Y("phrase:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = alt.Chart(data).mark_bar().encode(
        y=y,
        x=alt.X("sum(part):Q", title="使用该表述的报告占比",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("year_label:N", title="报告年度", sort=years,
                        scale=alt.Scale(scheme="tableau10")),
        order=alt.Order("year_label:N", sort="ascending"),
        tooltip=[alt.Tooltip("phrase:N", title="表述"),
                 alt.Tooltip("year_label:N", title="年度"),
                 alt.Tooltip("n_reports:Q", title="该年使用的报告"),
                 alt.Tooltip("reports_total:Q", title="该年报告数"),
                 alt.Tooltip("n_all:Q", title="全部使用的报告"),
                 alt.Tooltip("share_all:Q", title="全部报告占比", format=".0%"),
                 alt.Tooltip("example:N", title="例句")])
    words = "1" if ngram == (1, 1) else f"{ngram[0]}–{ngram[1]}"
    subtitle = [f"第五部分“{label}”，{total} 份报告；{words} 个词、"
                f"至少 {min_reports} 份报告使用的表述，已除去套话与多机关共用的模板句",
                "条长 = 使用该表述的报告占全部报告的比例；颜色 = 这些报告的年度"]
    return bars.properties(title=theme.title(heading, subtitle), width=theme.WIDTH,
                           height=theme.height(len(order)))
