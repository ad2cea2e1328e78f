"""Every figure on the row the report ties it to, proven by the identities, or null.

Real report text, trimmed to the rows that matter, for each way reports in the wild
have moved numbers: labels a converter printed away from their figures, tables run on
from a sentence, cells whose figures cannot be read, damaged header cells and label
areas that span grid columns.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import shared_file

import govkit
from govkit.schema import APPLICANTS


def frames(text: str, name: str = "x.txt") -> govkit.Corpus:
    return govkit.load_bytes(text.encode(), name)


def row(c: govkit.Corpus, code: str) -> list[int | None]:
    f = c.applications.filter(row=code)
    by = dict(zip(f["applicant"], f["count"], strict=True))
    return [by.get(a) for a in APPLICANTS]


def checks(c: govkit.Corpus) -> set[str]:
    return set(c.findings["check"])


HEAD = ("某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
        "三、收到和处理政府信息公开申请情况\n")

# --- labels displaced from their figures (PDF→markdown: 004_shanghai_szfbgt_2025) -----

# 004 prints the labels of 5.要求行政机关确认… and 1.申请人无正当理由逾期不补正 before the
# tied row 3.补正后…, and their figure rows later, after 4.无正当理由大量反复申请.
SHANGHAI_ROWS = """\
| 一、本年新收政府信息公开申请数量 | 1259 | 36 | 0 | 0 | 0 | 0 | 1295 |
| 二、上年结转政府信息公开申请数量 | 170 | 15 | 0 | 0 | 4 | 0 | 189 |
| （一）予以公开 | 201 | 5 | 0 | 0 | 0 | 0 | 206 |
（二）部分公开（区分处理的，只计这一情
形，不计其他情形）
| 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |
| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |
| 3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 | 1 |  |
| （三）不 | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 予公开 | 5.属于三类内部事务信息 | 8 | 0 | 0 | 0 | 1 | 0 | 9 |
| 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |  |
| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |
| 8.属于行政查询事项 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |  |
| 1.本机关不掌握相关政府信息 | 484 | 28 | 0 | 0 | 1 | 0 | 513 |  |
| 2.没有现成信息需要另行制作 | 47 | 1 | 0 | 0 | 0 | 0 | 48 |
5.要求行政机关确认或重新出具
已获取信息
1.申请人无正当理由逾期不补正、
| 3.补正后申请内容仍不明确 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 1.信访举报投诉类申请 | 61 | 1 | 0 | 0 | 0 | 0 | 62 |
| 2.重复申请 | 16 | 0 | 0 | 0 | 0 | 0 | 16 |  |
| （五）不 | 3.要求提供公开出版物 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 予处理 | 4.无正当理由大量反复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |
| 缴纳费用、 | 行政机关不再处理其政 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.其他 | 264 | 12 | 0 | 0 | 0 | 0 | 276 |
| （七）总计 | 1139 | 48 | 0 | 0 | 4 | 0 | 1191 |
| 四、结转下年度继续办理 | 290 | 3 | 0 | 0 | 0 | 0 | 293 |
"""


def test_displaced_labels_are_placed_by_order_and_proven() -> None:
    c = frames(HEAD + SHANGHAI_ROWS, "x.md")
    assert row(c, "not_processed.confirmation") == [0] * 7
    assert row(c, "other.no_correction") == [40, 1, 0, 0, 2, 0, 43]
    assert row(c, "unable.unclear_after_correction") == [3, 0, 0, 0, 0, 0, 3]
    assert row(c, "total_processed") == [1139, 48, 0, 0, 4, 0, 1191]
    # in a table that displaces labels, a label on the line before its figures (（二）) is
    # no tie either: it too is placed by order, and proven
    placed = c.findings.filter(check="table.placed")
    assert set(placed["scope"]) == {"applications/partially_granted",
                                    "applications/not_processed.confirmation",
                                    "applications/other.no_correction"}
    assert all("勾稽关系成立" in m for m in placed["message"])
    assert not any(k.startswith("identity") for k in checks(c))


def test_a_placement_the_identities_contradict_is_null() -> None:
    # the same rows with one figure of the 确认 row changed: 5.要求…确认 now adds 1 to the
    # outcome rows, so （七）总计 no longer equals their sum and the placement is not proven
    text = SHANGHAI_ROWS.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 行政机关",
                                 "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 行政机关")
    c = frames(HEAD + text, "x.md")
    assert row(c, "not_processed.confirmation") == [None] * 7
    assert row(c, "other.no_correction") == [None] * 7
    assert row(c, "partially_granted") == [None] * 7
    unproven = c.findings.filter(check="table.unproven")
    assert set(unproven["scope"]) == {"applications/partially_granted",
                                      "applications/not_processed.confirmation",
                                      "applications/other.no_correction"}
    # rows tied by the rendering keep their printed figures
    assert row(c, "unable.unclear_after_correction") == [3, 0, 0, 0, 0, 0, 3]


def test_two_labels_before_one_row_do_not_shift_it() -> None:
    # （二）'s label moved up beside （一）'s, both before their two figure rows: the order
    # places both, and the identities prove it (before: （一）'s figures went to （二）)
    text = SHANGHAI_ROWS.replace(
        "| （一）予以公开 | 201 | 5 | 0 | 0 | 0 | 0 | 206 |\n（二）部分公开（区分处理的，只计这一情\n"
        "形，不计其他情形）\n",
        "（一）予以公开\n（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n"
        "| 201 | 5 | 0 | 0 | 0 | 0 | 206 |\n")
    assert text != SHANGHAI_ROWS
    c = frames(HEAD + text, "x.md")
    assert row(c, "granted") == [201, 5, 0, 0, 0, 0, 206]
    assert row(c, "partially_granted") == [2, 0, 0, 0, 0, 0, 2]


def test_an_order_placement_the_identities_cannot_check_is_null() -> None:
    # only three rows printed: nothing can prove which figures are （一）'s and which （二）'s
    text = HEAD + ("（一）予以公开\n（二）部分公开\n| 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                   "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
                   "| （七）总计 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n")
    c = frames(text, "x.md")
    assert row(c, "granted") == row(c, "partially_granted") == [None] * 7
    unproven = c.findings.filter(check="table.unproven")
    assert all("无法核对" in m for m in unproven["message"]) and unproven.height == 2
    assert row(c, "total_processed") == [7, 0, 0, 0, 0, 0, 7]


def test_real_pdf_markdown_report() -> None:
    c = govkit.load(shared_file("004_shanghai_szfbgt_2025_pdftext.md"))
    assert row(c, "other.no_correction") == [40, 1, 0, 0, 2, 0, 43]
    assert row(c, "not_processed.confirmation") == [0] * 7
    assert c.reports["identities_broken"][0] == 0


# --- crawler pages: tables introduced by a sentence, glued digits ------------------------

# ../shared/wild/314_zrz_2019.txt: narrative runs straight from the heading into the table
ZRZ_2019 = ("平潭综合实验区自然资源与生态环境局2019年政府信息公开年度报告 一、总体情况一是新梳理汇总"
            "政府信息公开目录。二、主动公开政府信息情况2019年度，主动公开政府信息475条。历年累计主动"
            "公开政府信息2979条。其中公示公告类159条，政策规范性文件类信息12条，行政处罚类12条。 第二"
            "十条第（一）项信息内容本年新制作数量本公开数量对外公开总数量规章000规范性文件121212第二十"
            "条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可000其他对外管理服务事项000"
            "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费00三、收到和处理政府信息公"
            "开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自"
            "然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开"
            "申请数量 30 0 0 0 03 二、上年结转政府信息公开申请数量0 0 00 0 0 0三、本年度办理结果（一）"
            "予以公开10 00001（四）无法提供1.本机关不掌握相关政府信息2 0 000022.没有现成信息需要另行"
            "制作0 0000 00（六）其他处理0000000（七）总计3 000003四、结转下年度继续办理0000000 四、政府信"
            "息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接"
            "起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 0 00 0"
            " 0 0 00 0 00 0 0 0 0五、存在的主要问题及改进情况信息公开界定不够准确。")


def test_a_table_introduced_by_a_sentence_is_read() -> None:
    c = frames(ZRZ_2019)
    assert not any(s in ("disclosures", "applications", "reviews")
                   for s in c.findings.filter(check="table.missing")["scope"])
    d = {(i, m): v for i, m, v in c.disclosures.select("item", "measure", "value").iter_rows()}
    assert [d[("regulations", m)] for m in ("new_made", "new_published", "total_published")] \
        == [0.0, 0.0, 0.0]
    assert d[("admin_licensing", "decisions")] == 0.0
    # the narrative's 475 / 2979 / 159 / 12 are not cells of any table
    assert not set(c.disclosures["value"].drop_nulls()) & {475.0, 2979.0, 159.0, 12.0}
    assert row(c, "new_received") == [3, 0, 0, 0, 0, 0, 3]
    assert row(c, "unable.not_held") == [2, 0, 0, 0, 0, 0, 2]


def test_a_run_that_splits_one_way_is_read_even_where_the_report_breaks_its_total() -> None:
    # ../shared/wild/325_htp_2024.txt prints seven digits for seven cells in every row, its
    # 总计 column always 0: one digit a cell is the only reading, and the report's own
    # broken row total is a finding, not a reason to drop what it printed
    c = frames(HEAD + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
               "一、本年新收政府信息公开申请数量5100000二、上年结转政府信息公开申请数量0000000")
    assert row(c, "new_received") == [5, 1, 0, 0, 0, 0, 0]
    assert set(c.applications.filter(row="new_received")["basis"]) == {"derived"}
    broken = c.findings.filter(check="identity.row_total")
    assert broken["scope"].to_list() == ["applications/new_received"]


# --- cells whose figures cannot be read -----------------------------------------------

def test_digits_over_two_lines_of_one_html_cell_are_not_one_figure() -> None:
    page = ("<html><body><p>某局2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
            "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td>"
            "<td>现行有效件数</td></tr><tr><td>规章</td><td>1</td><td>0</td>"
            "<td><p>26</p><p>26</p></td></tr></table></body></html>")
    c = frames(page, "x.html")
    d = c.disclosures.filter(item="regulations").sort("measure")
    assert dict(zip(d["measure"], d["value"], strict=True)) == {
        "in_force": None, "issued": 1.0, "repealed": 0.0}
    assert "table.unreadable" in checks(c)


def test_a_figure_that_ends_where_the_file_ends_is_not_a_figure() -> None:
    text = (HEAD + "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
            "（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t6")
    c = frames(text)  # cut off in the middle of 62
    assert row(c, "carried_forward") == [0, 0, 0, 0, 0, 0, None]
    assert "table.unreadable" in checks(c)
    assert row(c, "total_processed") == [3, 0, 0, 0, 0, 0, 3]


def test_digits_joined_by_a_dash_are_unreadable() -> None:
    c = frames("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
               "信息内容\t本年处理决定数量\n行政许可\t12-15\n行政处罚\t7\n")
    d = dict(c.disclosures.filter(measure="decisions").select("item", "value").iter_rows())
    assert d["admin_licensing"] is None and d["admin_penalty"] == 7.0


# --- headers and label areas ----------------------------------------------------------

def test_a_doubled_header_cell_never_adds_a_column() -> None:
    # the suite's once-flaky example: 现行有效件数 printed twice and 298 doubled
    c = frames("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
               "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t现行有效件数\n"
               "规章\t5\t3\t298\t298\n")
    d = c.disclosures.filter(item="regulations").sort("measure")
    assert dict(zip(d["measure"], d["value"], strict=True)) == {
        "in_force": 298.0, "issued": None, "repealed": None}


def test_a_missing_header_cell_never_shifts_a_column() -> None:
    c = frames("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
               "信息内容\t本年制发件数\t现行有效件数\n规章\t5\t3\t298\n")
    d = c.disclosures.filter(item="regulations").sort("measure")
    assert dict(zip(d["measure"], d["value"], strict=True)) == {
        "in_force": 298.0, "issued": 5.0, "repealed": 3.0}


GRID_HEAD = ("<html><body><p>某街道办事处2022年政府信息公开工作年度报告</p>"
             "<p>三、收到和处理政府信息公开申请情况</p><table>"
             "<tr><td rowspan='3' colspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加"
             "第四项之和）</td><td colspan='7'>申请人情况</td><td></td></tr>"
             "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td>"
             "<td rowspan='2'>总计</td><td></td></tr>"
             "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
             "<td>其他</td><td></td></tr>")


def _cells(*xs: object) -> str:
    return "".join(f"<td>{x}</td>" for x in xs)


def test_grid_header_total_is_a_column_and_label_areas_span_columns() -> None:
    # the header's 总计 (beside printed blanks) is a column head, not the （七）总计 row;
    # （七）总计 spans two label columns with colspan, and （六）其他处理 prints a blank
    # label cell before its seven figures (merged label areas in a real PDF)
    page = (GRID_HEAD
            + "<tr><td colspan='3'>一、本年新收政府信息公开申请数量</td>" + _cells(4, 1, 0, 0, 0, 0, 5)
            + "</tr><tr><td colspan='3'>二、上年结转政府信息公开申请数量</td>"
            + _cells(0, 0, 0, 0, 0, 0, 0)
            + "</tr><tr><td rowspan='3'>三、本年度办理结果</td><td colspan='2'>（一）予以公开</td>"
            + _cells(3, 1, 0, 0, 0, 0, 4)
            + "</tr><tr><td>（六）其他处理</td><td></td>" + _cells(1, 0, 0, 0, 0, 0, 1)
            + "</tr><tr><td colspan='2'>（七）总计</td>" + _cells(4, 1, 0, 0, 0, 0, 5)
            + "</tr><tr><td colspan='3'>四、结转下年度继续办理</td>" + _cells(0, 0, 0, 0, 0, 0, 0)
            + "</tr></table></body></html>")
    c = frames(page, "x.html")
    assert row(c, "total_processed") == [4, 1, 0, 0, 0, 0, 5]
    assert row(c, "other") == [1, 0, 0, 0, 0, 0, 1]
    assert not checks(c) & {"table.ambiguous", "table.unlabelled", "table.unplaced"}


# --- template and organ ---------------------------------------------------------------

def test_a_2021_report_that_keeps_the_single_other_row() -> None:
    # ../shared/wild/309_zhz_2021.txt: the 2021 section 二 heads, the 2019 （六） row
    text = ("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
            "三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
            "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n"
            "（七）总计\t2\t0\t0\t0\t0\t0\t2\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n")
    c = frames(text)
    assert c.reports["template"][0] == "2021"
    assert "template.conflict" not in checks(c) and "table.combined" in checks(c)
    assert row(c, "other") == [1, 0, 0, 0, 0, 0, 1]
    assert c.applications.filter(pl.col("row").cat.starts_with("other.")).is_empty()
    # the outcome identity is evaluated with the single row (here: 1 + 1 = 2, it holds)
    r = c.reports.row(0, named=True)
    assert r["identities_checked"] > 0 and r["identities_broken"] == 0


@pytest.mark.parametrize(("narrative", "organ"), [
    ("2020年关林街道以习近平新时代中国特色社会主义思想为指导。2020年，关林街道高度重视。", "关林街道"),
    # a clause that happens to end in 街道, and a fragment ending in 办: no organ
    ("2021年，将政府信息公开工作纳入街道重点工作。", None),
    ("2021年，规范办理流程，规范办公开。", None),
])
def test_organ_from_the_narrative_only_when_it_is_named(narrative: str, organ: str | None) -> None:
    c = frames(f"一、总体情况\n{narrative}\n二、主动公开政府信息情况\n")
    assert c.reports["organ"][0] == organ


def test_identities_of_a_partial_table_are_counted() -> None:
    # one unreadable figure in 一: its balance and row identities cannot be evaluated, the
    # others are, and the report says how many of each
    text = (HEAD + "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
            "（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n")
    full = frames(text).reports.row(0, named=True)
    cut = frames(text.replace("数量\t3\t0", "数量\t3-4\t0")).reports.row(0, named=True)
    assert full["identities_possible"] == cut["identities_possible"]
    assert cut["identities_checked"] < full["identities_checked"]
    assert full["identities_broken"] == cut["identities_broken"] == 0


# --- what the fuzzer found (make fuzz): each now a fixed case ---------------------------

# ../shared/corpus/002_huaian_szf_2024.txt (PDF text) with the lines from 4.无正当理由…'s
# figures to the middle of the next label deleted: 4.'s label now runs into words of
# another label, then that row's figures
HUAIAN_TAIL = """\
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119
二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34
（一）予以公开 1288 21 0 0 50 3 1362
2.重复申请 25 0 0 0 0 0 25
（五）不 3.要求提供公开出版物 0 0 0 0 0 0 0
予处理
4.无正当理由大量反复申请
正、行政机关不再处理其政府信 67 3 0 0 1 0 71
息公开申请
（六）其
2、申请人逾期未按收费通知要
他处理
求缴纳费用、行政机关不再处理 6 0 0 0 0 0 6
其政府信息公开申请
3、其他 108 2 0 0 0 0 110
（七）总计 2932 53 0 0 61 4 3050
四、结转下年度继续办理 103 0 0 0 0 0 103
"""


def test_words_after_a_label_do_not_tie_it_to_the_figures_beside_them() -> None:
    c = frames("某市2024年政府信息公开工作年度报告\n" + HUAIAN_TAIL)
    # 67 3 0 0 1 0 71 are （六）1's figures, whose name was deleted: not 4.'s
    assert row(c, "not_processed.excessive") == [None] * 7
    assert row(c, "other.unpaid_fee") == [6, 0, 0, 0, 0, 0, 6]


def test_figures_run_together_from_two_lines_are_not_weighed_as_extra_cells() -> None:
    # 004_shanghai with a span deleted: 4.无正当理由…'s row lost five of its figures and
    # runs on into the next row's seven
    text = HEAD + ("| （五）不 | 3.要求提供公开出版物 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
                   "| 予处理 | 4.无正当理由大量反复申请 | 0 | 1 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    c = frames(text, "x.md")
    assert row(c, "not_processed.excessive") == [None] * 7


def test_a_file_cut_after_a_decimal_point() -> None:
    # 002's 行政事业性收费 96171.6 cut to 96171.: not 9617, not 96171
    c = frames("淮安市人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
               "信息内容 本年收费金额（单位：万元）\n行政事业性收费 96171.")
    assert c.disclosures.filter(item="admin_fees")["value"].to_list() == [None]


def test_two_rows_spliced_on_one_line_are_not_read_as_a_doubled_cell() -> None:
    # 004_shanghai with a span deleted inside a line: 6.'s figures lost five cells and run
    # on into 7.'s; every window of the 总计 column reads 0, but 6. prints 1 there
    text = HEAD + "| 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    c = frames(text, "x.md")
    assert row(c, "denied.process_information") == [None] * 7
    # a zero printed twice in a row of zeros still reads: the row adds up
    c = frames(HEAD + "| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "x.md")
    assert row(c, "denied.enforcement_files") == [0] * 7
    assert "table.misaligned" in checks(c)
