"""The content of a brief: selections, key figures and the text a reader sees."""

from __future__ import annotations

import polars as pl
import pytest
from test_measures import corpus_of, report

import govkit
from govkit.publish import brief
from govkit.publish.display import Table


def figures(corpus: govkit.Corpus) -> dict[str, tuple[float | None, str]]:
    kf = brief.key_figures(corpus)
    return {k: (v, shown) for k, v, shown in kf.select("key", "数值", "显示").iter_rows()}


def test_selections_by_organ_year_and_corpus(corpus: govkit.Corpus) -> None:
    sels = brief.selections(corpus, ["organ", "year", "corpus"])
    kinds = [s.kind for s in sels]
    assert kinds == ["corpus"] + ["organ"] * 5 + ["year"] * 3
    assert [s.key for s in sels if s.kind == "year"] == ["2020", "2021", "2023"]
    assert {s.title for s in sels if s.kind == "organ"} == {
        "旧街街道办事处", "梁园区长征街道办事处", "关林街道", "慈音街道", "南山区六号街道"}
    assert len(sels[0].report_ids) == 5
    assert sels[1].parameters() == {"organs": [sels[1].title], "organ_keys": [sels[1].key],
                                    "years": [], "sources": [], "title": sels[1].title}


def test_a_report_without_organ_gets_its_own_brief() -> None:
    c = corpus_of(report("a", "甲街道", 2021), report("b", None, 2021))
    sels = brief.selections(c, ["organ"])
    assert [(s.kind, s.key) for s in sels] == [("organ", "甲街道"), ("report", "b.txt")]
    assert brief.select(c, sources=["b.txt"]).reports["report_id"].to_list() == ["b"]
    with pytest.raises(ValueError):
        brief.selections(c, ["province"])


def test_select_restricts_every_frame(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    one = brief.select(corpus, organs=["旧街街道办事处"])
    assert one.reports["report_id"].to_list() == [ids["000"]]
    for frame in (one.applications, one.reviews, one.disclosures, one.problems):
        assert frame["report_id"].unique().to_list() == [ids["000"]]
    assert brief.select(corpus, years=[2020]).reports.height == 2
    with pytest.raises(govkit.NoReportsError, match="不存在街道"):
        brief.select(corpus, organs=["不存在街道"])


def test_key_figures_of_one_organ(corpus: govkit.Corpus) -> None:
    f = figures(brief.select(corpus, organs=["旧街街道办事处"]))
    assert f["admin_penalty"] == (15.0, "15")  # 000 reports 15 行政处罚 decisions
    assert f["new_received"] == (0.0, "0")
    assert f["disclosure_rate"] == (None, "无法计算")  # nothing processed: not 0 %
    assert f["findings"] == (0.0, "0")


def test_key_figures_of_the_corpus_flag_what_is_incomplete(corpus: govkit.Corpus) -> None:
    kf = brief.key_figures(corpus)
    f = figures(corpus)
    assert f["reports"] == (5.0, "5")
    assert f["new_received"] == (0.0, "0（不完整）")  # 004 prints no 本年新收
    assert f["admin_penalty"] == (15.0, "15（不完整）")
    assert f["findings"] == (18.0, "18")
    # the seeds' gold statements: 13 problems and 19 improvements
    assert f["problems"] == (13.0, "13") and f["improvements"] == (19.0, "19")
    note = kf.filter(pl.col("key") == "new_received")["说明"].item()
    assert "南山区六号街道（2021）" in note
    assert kf.filter(pl.col("key") == "reports")["说明"].item() \
        == "2020–2023年度；完整 4 份、部分可读 1 份"


def test_key_figures_when_every_report_lacks_a_figure(corpus: govkit.Corpus) -> None:
    f = figures(brief.select(corpus, organs=["南山区六号街道"]))
    assert f["new_received"] == (None, "—")
    assert f["disclosure_rate"] == (None, "—")


def test_pooled_rate_over_complete_reports() -> None:
    c = corpus_of(
        report("a", "甲街道", 2021, apps={"granted": 3, "partially_granted": 1,
                                         "total_processed": 8}),
        report("b", "甲街道", 2022, apps={"granted": 2, "partially_granted": 0,
                                         "total_processed": 2}),
        report("c", "甲街道", 2023, apps={"granted": None, "partially_granted": 0,
                                         "total_processed": 5}))
    kf = brief.key_figures(c).filter(pl.col("key") == "disclosure_rate").row(0, named=True)
    assert kf["数值"] == pytest.approx(0.6) and kf["显示"] == "60.0%（6/10）"
    assert "未计入缺数的 1 份报告" in kf["说明"]


def test_heading_names_the_selection_and_warns_about_missing_figures(
        corpus: govkit.Corpus) -> None:
    text = repr(brief.heading(brief.select(corpus, organs=["慈音街道"])))
    assert text.startswith("# 慈音街道：政府信息公开工作年度报告简报")
    assert "**不等于 0**" in text and "共有 **1** 条数据质量提示" in text
    assert repr(brief.heading(corpus)).startswith("# 全部报告：")


def test_findings_in_plain_chinese(corpus: govkit.Corpus) -> None:
    table = brief.findings_table(brief.select(corpus, organs=["慈音街道"]))
    assert table.rows() == [[
        "慈音街道（2023）", "正文数字与表格不一致", "四、复议诉讼 / 行政诉讼 / 总计",
        "正文称1，表格为0：“2023年慈音街道办收到行政诉讼1条,未收到行政复议、依申请公开件。”"]]
    assert brief.plain_message(
        "表格中未找到此行，数字记为空值 (row not found in the table; figures null)") \
        == "表格中未找到此行，数字记为空值"
    assert brief.plain_message(
        "(七)总计为0，办理结果(一)至(六)之和为1 (total processed ≠ sum of the outcome rows)") \
        == "(七)总计为0，办理结果(一)至(六)之和为1"
    assert brief.plain_scope("applications/carried_over/natural_person") \
        == "三、依申请公开 / 上年结转政府信息公开申请数量 / 自然人"


def test_problem_statements_in_report_order(corpus: govkit.Corpus) -> None:
    rows = brief.problems_table(brief.select(corpus, organs=["关林街道"])).rows()
    assert [r[1] for r in rows] == ["存在问题", "存在问题", "改进措施", "改进措施", "改进措施"]
    assert rows[0][3] == "队伍力量不足。政务信息公开力量较为薄弱，由兼职人员负责"


def test_table_shows_nulls_as_dashes_and_escapes_html() -> None:
    t = Table(pl.DataFrame({"名称": ["<b>甲</b>", None], "数值": [1.5, None]}))
    assert repr(t) == "名称 | 数值\n<b>甲</b> | 1.5\n— | —"
    assert "&lt;b&gt;甲&lt;/b&gt;" in t._repr_html_() and "<td>—</td>" in t._repr_html_()
    assert repr(Table(pl.DataFrame({"a": []}), empty="无")) == "无"


def test_recurring_problems_name_what_several_reports_share(corpus: govkit.Corpus) -> None:
    table = brief.recurring_table(corpus)
    rows = {r[0]: r for r in table.rows()}
    # 003 and 004 both say their staff's 认识不到位; 002 and 003 both name the 队伍
    assert rows["认识不到位"][1:3] == ["2", "40"]
    assert "【认识不到位】" in rows["认识不到位"][3]
    assert rows["队伍"][1] == "2"
    one = brief.recurring_table(brief.select(corpus, organs=["关林街道"]))
    assert one.frame.is_empty() and "1 份报告" in one.empty
