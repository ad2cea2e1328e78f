"""The charts: they render offline to SVG with Chinese labels, say what is missing instead
of drawing 0, and never need pandas."""

from __future__ import annotations

import re
import sys

import altair as alt
import pytest

import govkit
from govkit.publish import charts
from govkit.publish.charts import theme

CHARTS = [charts.new_applications, charts.applicants, charts.outcomes, charts.disclosure_rate,
          charts.review_results, charts.correction_rate, charts.findings_by_check,
          charts.findings_by_report]


@pytest.fixture(scope="module")
def svgs(corpus: govkit.Corpus) -> dict[str, str]:
    return {f.__name__: theme.svg(f(corpus)) for f in CHARTS}


def test_every_chart_renders_to_svg_with_chinese_titles_and_the_cjk_font(
        svgs: dict[str, str]) -> None:
    for name, svg in svgs.items():
        assert svg.startswith("<svg"), name
        assert 'font-family="WenQuanYi Micro Hei, Noto Sans CJK SC' in svg, name
    assert "申请办理结果" in svgs["outcomes"]
    assert "行政复议" in svgs["review_results"] and "复议后起诉" in svgs["review_results"]


def test_a_missing_figure_is_named_not_drawn_as_zero(svgs: dict[str, str]) -> None:
    svg = svgs["new_applications"]
    # 004 (南山区六号街道) does not print 本年新收: a grey note, and no bar of its own
    assert theme.MISSING_TEXT in svg
    bars = [t for t in svg.split("<title>")[1:] if "南山区六号街道" in t.split("</title>")[0]]
    assert bars == []
    assert "旧街街道办事处（2021）" in svg


def test_rates_say_why_they_cannot_be_computed(svgs: dict[str, str]) -> None:
    assert "公开率 =（予以公开 + 部分公开）÷ 三（七）总计" in svgs["disclosure_rate"]
    assert "无办结申请（总计为 0），无法计算" in svgs["disclosure_rate"]
    assert "纠正率 = 结果纠正 ÷（总计 − 尚未审结）" in svgs["correction_rate"]
    assert "无已审结案件，无法计算" in svgs["correction_rate"]
    assert "<title>" not in svgs["disclosure_rate"]  # no bar at all, not a 0 % bar


def test_findings_chart_counts_by_check_and_shows_clean_reports(svgs: dict[str, str]) -> None:
    assert "12 条（1 份报告）" in svgs["findings_by_check"]  # table.ambiguous in 004
    assert "正文数字与表格不一致" in svgs["findings_by_check"]  # 003's narrative.mismatch
    assert "16 条 · 部分可读" in svgs["findings_by_report"]
    assert "0 条 · 完整" in svgs["findings_by_report"]


def test_tooltips_survive_as_hover_titles(svgs: dict[str, str]) -> None:
    assert "<title>" in svgs["outcomes"]
    assert "<title>" in svgs["findings_by_check"] and "table.ambiguous" in svgs["findings_by_check"]


def test_use_renders_svg_with_a_text_label(corpus: govkit.Corpus) -> None:
    charts.use()
    try:
        bundle = charts.outcomes(corpus)._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert set(data) == {"image/svg+xml", "text/plain"}
        assert data["text/plain"] == "<图表：申请办理结果>"
        assert alt.theme.active == "govkit"
    finally:
        alt.renderers.enable("default")
        alt.theme.enable("default")


def test_an_empty_selection_draws_a_message(corpus: govkit.Corpus) -> None:
    from govkit.corpus import SCHEMAS

    empty = govkit.Corpus(**{n: getattr(corpus, n).clear() for n in SCHEMAS})
    for f in CHARTS:
        assert "<svg" in theme.svg(f(empty))
    assert "没有数据质量提示" in theme.svg(charts.findings_by_check(empty))


def test_small_counts_get_whole_number_ticks() -> None:
    axis = theme.count_axis("n:Q", "件数", 3).to_dict()
    assert axis["axis"]["values"] == [0, 1, 2, 3]
    assert theme.count_axis("n:Q", "件数", None).to_dict()["scale"]["domain"] == [0, 1]


def test_no_pandas() -> None:
    assert "pandas" not in sys.modules


def test_interactive_charts_work_offline_in_jupyterlab(corpus: govkit.Corpus) -> None:
    import html

    charts.use("interactive")
    try:
        bundle = charts.findings_by_check(corpus)._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
    finally:
        alt.renderers.enable("default")
        alt.theme.enable("default")
    frame = data["text/html"]
    assert frame.startswith("<iframe srcdoc=") and data["text/plain"].startswith("<图表：")
    page = html.unescape(frame)
    assert "vegaEmbed" in page and "数据质量提示：按检查项" in page
    assert not re.search(r"""<script[^>]*\bsrc=["']?(?:https?:)?//""", page)
