"""Roll-ups: metrics of groups of reports, hand-checked against the printed cells of
data/ (the five seeds and the Pingtan series), and the rules — a report missing either
part is out of both sums, a zero denominator gives null, a report rendered twice counts
once — on small hand-made corpora."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA
from test_measures import corpus_of, report

import govkit
from govkit.analyze import measures, rollups
from govkit.publish import brief, charts
from govkit.publish.charts import theme

PINGTAN = DATA / "pingtan"


@pytest.fixture(scope="module")
def corpus() -> govkit.Corpus:
    """All of data/ (42 reports, 2019–2025), loaded once."""
    return govkit.load(DATA)


def row(frame: pl.DataFrame, **keys: object) -> dict[str, object]:
    """The one row of ``frame`` whose columns hold ``keys`` (None: null)."""
    got = frame.filter([pl.col(k).is_null() if v is None else pl.col(k) == v
                        for k, v in keys.items()])
    assert got.height == 1, (keys, got)
    return got.row(0, named=True)


def test_govkit_exports_rollup_and_metrics() -> None:
    assert govkit.rollup is rollups.rollup and govkit.metrics is rollups.metrics
    assert {"rollup", "metrics"} <= set(govkit.__all__)


def test_every_metric_is_listed_with_its_formula_and_denominator() -> None:
    m = govkit.metrics()
    assert m["metric"].to_list() == list(rollups.METRICS)
    rates = m.filter(kind="rate")
    assert set(rates["metric"]) == {"disclosure_rate", "correction_rate", "denial_shares",
                                    "carry_over_rate", "litigation_per_100"}
    assert rates["denominator"].null_count() == 0
    assert m.filter(kind="sum")["denominator"].null_count() == m.filter(kind="sum").height
    # one definition: the roll-up prints the formula the per-report measures print
    assert row(m, metric="disclosure_rate")["formula"] == measures.DISCLOSURE_RATE_DEFINITION
    assert row(m, metric="correction_rate")["formula"] == measures.CORRECTION_RATE_DEFINITION
    assert "结转下年度继续办理" in row(m, metric="carry_over_rate")["formula"]
    assert row(m, metric="litigation_per_100")["scale"] == 100.0


def test_disclosure_rate_by_year_pools_the_printed_cells(corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "disclosure_rate", by="year")
    assert r.columns == ["year", "numerator", "denominator", "value", "n_reports",
                         "n_missing", "note"]
    assert r["year"].to_list() == list(range(2019, 2026))
    # 2024, (一)予以公开 + (二)部分公开 over (七)总计, total column, as printed:
    #   118_gyz 0+0 / 0, 305_shs 2+0 / 2, 312_zhz 0+0 / 0, 319_zrz 23+9 / 69, 325_htp 0+0 / 0
    #   → (2 + 32) / (2 + 69) = 34 / 71; five reports, none left out
    y2024 = row(r, year=2024)
    assert (y2024["numerator"], y2024["denominator"]) == (34, 71)
    assert y2024["value"] == pytest.approx(34 / 71)
    assert (y2024["n_reports"], y2024["n_missing"]) == (5, 0)
    # 2023: 318_zrz prints 予以公开 6, 部分公开 8 but its (七)总计 is unreadable (null):
    # it is out of both sums, so the others' 0 / (304_shs's 1) remain — not 14 / 1
    y2023 = row(r, year=2023)
    assert (y2023["numerator"], y2023["denominator"], y2023["value"]) == (0, 1, 0.0)
    assert (y2023["n_reports"], y2023["n_missing"]) == (5, 1)
    # 2021: seed 004 (南山区六号街道) prints no section 三 figure: left out, counted missing;
    # 316_zrz 14 + 0 / 18, every other report 0 / 0
    y2021 = row(r, year=2021)
    assert (y2021["numerator"], y2021["denominator"], y2021["n_missing"]) == (14, 18, 1)


def test_litigation_per_100_leaves_out_a_report_without_section_four(
        corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "litigation_per_100", by="year")
    # 2024: 305_shs prints section 四 as 17 digits for 15 cells (unreadable), though its
    # 本年新收 (2) is printed: out of both sums.  The others: 118 0, 312 0, 319 69, 325 0
    # new applications and no lawsuit → 100 × 0 / 69
    y2024 = row(r, year=2024)
    assert (y2024["numerator"], y2024["denominator"], y2024["value"]) == (0, 69, 0.0)
    assert (y2024["n_reports"], y2024["n_missing"]) == (4, 1)
    # 2025: 306_shs 直接起诉 6 + 复议后起诉 2 lawsuits on 3 new applications, 313_zhz 0 on 1,
    # 013 and 326 0 on 0 → 100 × 8 / 4 = 200
    y2025 = row(r, year=2025)
    assert (y2025["numerator"], y2025["denominator"], y2025["value"]) == (8, 4, 200.0)


def test_correction_rate_per_proceeding_and_together(corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "correction_rate", by="year").filter(year=2025)
    assert r["proceeding"].to_list() == [*measures.PROCEEDINGS, measures.ALL_PROCEEDINGS]
    # 2025, 结果纠正 / (总计 − 尚未审结): 306_shs 复议 1/3, 直接起诉 3/6, 复议后起诉 0/2;
    # 313_zhz 复议 0/1; 013 and 326 print 0 everywhere
    got = {p: (n, d) for p, n, d in r.select("proceeding", "numerator", "denominator").rows()}
    assert got == {"reconsideration": (1, 4), "litigation_direct": (3, 6),
                   "litigation_after_reconsideration": (0, 2), "all": (4, 12)}
    assert row(r, proceeding="all")["value"] == pytest.approx(1 / 3)
    assert row(r, proceeding="all")["proceeding_label"] == measures.ALL_PROCEEDINGS_LABEL


def test_a_zero_denominator_gives_null_with_a_note(corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "correction_rate", by="year")
    # 2019: no reconsideration and no lawsuit in any of the six reports
    y2019 = row(r, year=2019, proceeding="all")
    assert (y2019["numerator"], y2019["denominator"], y2019["value"]) == (0, 0, None)
    assert y2019["note"] == "无已审结案件，无法计算" and y2019["n_reports"] == 6
    assert r.filter(pl.col("value").is_not_null())["note"].to_list() == [""] * r.filter(
        pl.col("value").is_not_null()).height
    assert r["value"].is_infinite().sum() == 0


def test_denial_shares_over_the_corpus(corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "denial_shares", by=())
    assert r.columns[:2] == ["reason", "reason_label"] and r.height == 8
    # 316_zrz (2021) 7.属于行政执法案卷 4, 323_htp (2022) 4.保护第三方合法权益 1, every
    # other reason 0 everywhere; seed 004 prints none of the eight → out
    assert r["denominator"].unique().to_list() == [5]
    assert row(r, reason="denied.enforcement_files")["value"] == pytest.approx(0.8)
    assert row(r, reason="denied.third_party_rights")["value"] == pytest.approx(0.2)
    assert r["value"].sum() == pytest.approx(1.0)
    assert set(r["n_reports"]) == {41} and set(r["n_missing"]) == {1}


def test_sums_count_the_reports_that_print_the_figure(corpus: govkit.Corpus) -> None:
    r = govkit.rollup(corpus, "new_received", by="year")
    # 2022: 117_gyz 0, 303_shs 3, 310_zhz 0, 317_zrz 30, 323_htp 4
    y2022 = row(r, year=2022)
    assert (y2022["numerator"], y2022["value"], y2022["denominator"]) == (37, 37.0, None)
    assert row(r, year=2021)["n_missing"] == 1  # seed 004
    total = govkit.rollup(corpus, "new_received", by=())
    assert total["numerator"].item() == r["numerator"].sum() == 163


def test_any_reports_column_groups_and_a_null_value_is_a_group(
        corpus: govkit.Corpus) -> None:
    by_template = govkit.rollup(corpus, "new_received", by=("template", "year"))
    # 302_shs (2021) has no template: a group of its own, listed last
    assert by_template.filter(pl.col("template").is_null())["year"].to_list() == [2021]
    assert by_template["template"].to_list()[-1] is None
    assert by_template["numerator"].sum() == 163
    # a column added to reports, as the kind of organ will be (null: not told)
    kind = (pl.when(pl.col("source").str.starts_with("seeds/")).then(pl.lit("街道"))
            .when(pl.col("source").str.contains("_zrz_")).then(None)
            .otherwise(pl.lit("部门")))
    k = dataclasses.replace(corpus, reports=corpus.reports.with_columns(kind=kind))
    r = govkit.rollup(k, "disclosure_rate", by=("kind", "year"))
    assert r.columns[:2] == ["kind", "year"]
    # 自然资源与生态环境局 (kind unknown), 2024: 319_zrz 23 + 9 / 69
    unknown = row(r, kind=None, year=2024)
    assert (unknown["numerator"], unknown["denominator"], unknown["n_reports"]) == (32, 69, 1)
    # the groups add up to the year's figure
    y2024 = r.filter(year=2024)
    assert (y2024["numerator"].sum(), y2024["denominator"].sum()) == (34, 71)
    per_report = govkit.rollup(corpus, "disclosure_rate", by="report_id")
    assert per_report.height == 42 and per_report["n_reports"].max() == 1


def test_a_column_reports_lack_is_named(corpus: govkit.Corpus) -> None:
    with pytest.raises(ValueError, match="reports has no column 'prefecture'"):
        govkit.rollup(corpus, "disclosure_rate", by=("prefecture", "year"))
    with pytest.raises(ValueError, match="unknown metric 'openness'"):
        govkit.rollup(corpus, "openness")
    clash = dataclasses.replace(corpus, reports=corpus.reports.with_columns(value=pl.lit(1)))
    with pytest.raises(ValueError, match="roll-up's own columns"):
        govkit.rollup(clash, "new_received", by="value")


def test_a_report_missing_a_part_is_out_of_both_sums() -> None:
    c = corpus_of(
        report("a", "甲街道", 2021, apps={"new_received": 10, "carried_over": 2,
                                         "carried_forward": 3}),
        # 上年结转 not printed: the denominator is unknown, so its 结转 5 is left out too
        report("b", "乙街道", 2021, apps={"new_received": 6, "carried_over": None,
                                         "carried_forward": 5}),
        report("c", "丙街道", 2021, apps={"new_received": 0, "carried_over": 0,
                                         "carried_forward": 0}),
        report("d", "丁街道", 2022, apps={"new_received": 0, "carried_over": 0,
                                         "carried_forward": 0}))
    r = govkit.rollup(c, "carry_over_rate", by="year")
    y2021 = row(r, year=2021)
    assert (y2021["numerator"], y2021["denominator"]) == (3, 12)  # a + c, not b's 5
    assert y2021["value"] == pytest.approx(0.25)
    assert (y2021["n_reports"], y2021["n_missing"]) == (2, 1)
    y2022 = row(r, year=2022)  # printed zeros: a zero denominator, not 0 %
    assert (y2022["denominator"], y2022["value"]) == (0, None)
    assert y2022["note"].startswith("无待办申请")
    # a group where no report prints both parts: null sums, never 0
    only_b = govkit.rollup(c, "carry_over_rate", by="organ").filter(organ="乙街道")
    assert only_b.row(0, named=True) == {
        "organ": "乙街道", "numerator": None, "denominator": None, "value": None,
        "n_reports": 0, "n_missing": 1, "note": rollups.NOTE_NO_REPORTS}


def test_a_report_rendered_twice_counts_once(tmp_path: Path) -> None:
    """304_shs (2023) three times: copied byte for byte (same report_id) and with a
    line added (another report_id, the same figures: ``duplicate_of``)."""
    text = (PINGTAN / "304_shs_2023.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(text)
    (tmp_path / "b.txt").write_bytes(text)
    (tmp_path / "c.txt").write_bytes(text + b"\n")
    (tmp_path / "303_shs_2022.txt").write_bytes((PINGTAN / "303_shs_2022.txt").read_bytes())
    c = govkit.load(tmp_path)
    assert c.reports["duplicate_of"].drop_nulls().len() == 2
    lit = govkit.rollup(c, "litigation", by="year")
    # 304 prints 直接起诉 4 + 复议后起诉 1 lawsuits, once — not 10 or 15
    assert row(lit, year=2023)["numerator"] == 5 and row(lit, year=2023)["n_reports"] == 1
    rate = govkit.rollup(c, "disclosure_rate", by=())
    # 303 (1 + 1) / 3 and 304 0 / 1
    assert (rate["numerator"].item(), rate["denominator"].item()) == (2, 4)
    assert rate["n_reports"].item() == 2


# --- the chart --------------------------------------------------------------------------

def test_the_chart_tells_the_reports_behind_each_point(corpus: govkit.Corpus) -> None:
    svg = theme.svg(charts.rollup_lines(corpus, "disclosure_rate"))
    assert "公开率：按年度" in svg and measures.DISCLOSURE_RATE_DEFINITION in svg
    assert "全部报告，2024年度：47.9%（34/71；5 份报告，0 份缺数未计入）" in svg
    assert "全部报告，2023年度：0.0%（0/1；5 份报告，1 份缺数未计入）" in svg


def test_the_chart_draws_a_line_per_group(corpus: govkit.Corpus) -> None:
    kind = pl.when(pl.col("source").str.contains("_zrz_")).then(None).otherwise(pl.lit("部门"))
    k = dataclasses.replace(corpus, reports=corpus.reports.with_columns(kind=kind))
    svg = theme.svg(charts.rollup_lines(k, "correction_rate", by="kind"))
    assert "纠正率：按机关类别和年度" in svg
    assert "机关类别未知，2022年度：100.0%（1/1；1 份报告" in svg  # 317_zrz 复议纠正 1 of 1
    with pytest.raises(ValueError, match="choose part="):
        charts.rollup_lines(k, "denial_shares", by="kind")


# --- the corpus brief ---------------------------------------------------------------------

def test_the_corpus_brief_has_a_rollup_section(corpus: govkit.Corpus) -> None:
    heading = repr(brief.rollup_heading(corpus, corpus))
    assert heading.startswith("## 分组汇总") and measures.DISCLOSURE_RATE_DEFINITION in heading
    assert "None" not in heading and heading.count("分母：") == 5  # the five rates
    table = repr(brief.rollup_table(corpus, corpus))
    assert "年度 | 指标 | 数值 | 分子 / 分母 | 计入报告 | 未计入" in table
    assert "2024 | 公开率 | 47.9% | 34 / 71 | 5 | 0" in table
    assert "2019 | 纠正率（复议与诉讼合计） | 无已审结案件，无法计算 | — | 6 | 0" in table
    # no report with a kind: said so, not a table of one unknown group
    unknown = dataclasses.replace(corpus, reports=corpus.reports.with_columns(
        kind=pl.lit(None, dtype=corpus.reports.schema["kind"])))
    assert repr(brief.rollup_table(unknown, unknown, by="kind")).startswith("机关类别未知")
    # data/'s kinds, by their labels: Pingtan's 27 bureau reports pooled
    by_kind = repr(brief.rollup_table(corpus, corpus, by="kind"))
    assert "政府工作部门 | 公开率 | 44.3% | 62 / 140 | 26 | 1" in by_kind
    assert "街道办事处 | 本年新收申请（件） | 0 | — | 4 | 1" in by_kind
    assert brief.rollup_chart(unknown, unknown, "disclosure_rate", by="kind") is None
    assert brief.rollup_chart(corpus, corpus, "disclosure_rate", by="kind") is not None
    denial = repr(brief.denial_table(corpus, corpus))
    assert "共 5 件不予公开，计入 41 份报告，1 份缺数未计入" in denial
    assert "属于行政执法案卷 | 80.0% | 4" in denial


def test_the_section_groups_by_kind_once_reports_tell_it(corpus: govkit.Corpus) -> None:
    kind = pl.when(pl.col("source").str.starts_with("seeds/")).then(pl.lit("街道"))
    k = dataclasses.replace(corpus, reports=corpus.reports.with_columns(kind=kind))
    table = repr(brief.rollup_table(k, k, by="kind"))
    assert table.splitlines()[1].startswith("机关类别 | 指标")
    assert "机关类别未知 | 公开率 | 44.3% | 62 / 140 | 36 | 1" in table  # all of Pingtan
    assert brief.rollup_chart(k, k, "disclosure_rate", by="kind") is not None


def test_other_briefs_have_no_rollup_section(corpus: govkit.Corpus) -> None:
    part = brief.select(corpus, years=[2023])
    assert brief.rollup_heading(corpus, part) is None
    assert brief.rollup_table(corpus, part) is None
    assert brief.denial_table(corpus, part) is None
    assert brief.rollup_chart(corpus, part, "disclosure_rate") is None


def test_disclosure_rate_by_kind_and_year_checked_by_hand(corpus: govkit.Corpus) -> None:
    # The four department reports of 2024 in data/pingtan (crawler pages whose glued rows
    # the identities split, so every cell is "derived"), total column:
    #   118_gyz_2024 投资促进局            granted 0,  partially 0, （七）总计 0  ("0000000")
    #   305_shs_2024 社会事业局            granted 2,  partially 0, （七）总计 2  ("2000002")
    #   312_zhz_2024 综合执法与应急管理局  granted 0,  partially 0, （七）总计 0
    #   319_zrz_2024 自然资源与生态环境局  granted 23, partially 9, （七）总计 69 ("690000069")
    # pooled: (0 + 2 + 0 + 32) / (0 + 2 + 0 + 69) = 34 / 71
    got = govkit.rollup(corpus, "disclosure_rate", by=("kind", "year"))
    dept = row(got, kind="department", year=2024)
    assert (dept["numerator"], dept["denominator"], dept["n_reports"], dept["n_missing"]) == (
        34, 71, 4, 0)
    assert dept["value"] == pytest.approx(34 / 71)
    # the street offices of 2020 (seeds 001 长征街道 and 002 关林街道) handled no application:
    # 0 / 0 is null, not 0
    street = row(got, kind="street_office", year=2020)
    assert (street["denominator"], street["value"], street["n_reports"]) == (0, None, 2)
    # new applications, department reports of 2024: 0 + 2 + 0 + 69
    new = row(govkit.rollup(corpus, "new_received", by=("kind", "year")),
              kind="department", year=2024)
    assert (new["value"], new["n_reports"]) == (71, 4)
