"""The HTML reader, on the real page in ../shared/corpus and on small pages that isolate
one habit of government sites each (merged cells, split text, &nbsp;, chrome, charsets)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import SHARED, shared_file

import govkit
from govkit.read.readers import html, sniff

PAGE = SHARED / "corpus" / "014_shuyang_fgj_2023.html"


def frames(data: bytes, name: str = "x.html") -> govkit.Corpus:
    return govkit.load_bytes(data, name)


def cells(c: govkit.Corpus, table: str, k1: str) -> dict[str, object]:
    k1col, k2col, v = {"applications": ("row", "applicant", "count"),
                       "reviews": ("proceeding", "result", "count"),
                       "disclosures": ("item", "measure", "value")}[table]
    f = getattr(c, table).filter(pl.col(k1col) == k1)
    return dict(zip(f[k2col], f[v], strict=True))


@pytest.fixture(scope="module")
def shuyang() -> govkit.Corpus:
    return govkit.load(shared_file(PAGE.name))


def test_real_page_meta(shuyang: govkit.Corpus) -> None:
    r = shuyang.reports.row(0, named=True)
    assert (r["format"], r["organ"], r["year"], r["template"], r["status"]) == (
        "html", "沭阳县发展和改革局", 2023, "2021", "ok")


def test_real_page_figures(shuyang: govkit.Corpus) -> None:
    # 26 applications from natural persons; the five other applicant columns print blank
    new = cells(shuyang, "applications", "new_received")
    assert new["natural_person"] == 26 and new["total"] == 26
    assert new["commercial_enterprise"] == 0  # blank, confirmed by the printed total
    basis = shuyang.applications.filter(row="new_received", applicant="legal_service_org")
    assert basis["basis"][0] == "blank_zero"
    assert cells(shuyang, "applications", "granted")["total"] == 26
    assert cells(shuyang, "reviews", "reconsideration") == {
        "upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert cells(shuyang, "disclosures", "normative_documents") == {
        "issued": 8.0, "repealed": 0.0, "in_force": 18.0}


def test_real_page_sections(shuyang: govkit.Corpus) -> None:
    # 五、存在的主要问题及整改措施: a heading variant, split over two <font> tags
    kinds = shuyang.problems["kind"].to_list()
    assert kinds.count("problem") >= 3 and kinds.count("improvement") >= 2
    assert shuyang.findings.filter(pl.col("check").str.starts_with("identity")).is_empty()


def test_chrome_dropped_and_inline_text_joined() -> None:
    page = """<html><head><title>t</title><script>var x = "一、总体情况";</script></head>
    <body><div class="mainNav"><a>首页</a><a>政务公开</a></div>
    <h1>测<span>试</span>局<font>2022</font>年政府信息公开工作年度报告</h1>
    <p><span>一、</span><font>总体</font><b>情况</b></p><p>全年收到申请5件。</p>
    <div class="footer">版权所有 电话 12345</div></body></html>"""
    doc = html.read(page.encode())
    texts = [ln.text for ln in doc.lines]
    assert texts[0] == "测试局2022年政府信息公开工作年度报告"
    assert "一、总体情况" in texts
    assert not any("首页" in t or "版权" in t or "var x" in t for t in texts)


def test_rowspan_colspan_cells_once_in_column_order() -> None:
    page = """<table>
      <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为…）</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td rowspan="2">（三）不予公开</td>
          <td>1.属于国家秘密</td><td>1</td><td>1</td></tr>
      <tr><td>2.其他法律行政法规禁止公开</td><td>&nbsp;</td><td>2</td></tr>
    </table>"""
    rows = [ln.cells for ln in html.read(page.encode()).lines]
    assert rows == [["（本列数据的勾稽关系为…）", "申请人情况"], ["自然人", "总计"],
                    ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "1", "1"],
                    ["2.其他法律行政法规禁止公开", "", "2"]]  # &nbsp; is blank
    assert all(ln.grid for ln in html.read(page.encode()).lines)




def app_page(*rows: tuple[str, list[str]]) -> bytes:
    body = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cs) + "</tr>"
                   for label, cs in rows)
    return (f"<html><body><p>三、收到和处理政府信息公开申请情况</p><table>"
            f"<tr><td>申请人情况</td><td>自然人</td><td>商业企业</td><td>科研机构</td>"
            f"<td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
            f"{body}</table></body></html>").encode()


def test_blank_rule_in_a_grid() -> None:
    c = frames(app_page(("一、本年新收政府信息公开申请数量", ["3", "&nbsp;", "", "", "", "1", "4"]),
                        ("二、上年结转政府信息公开申请数量", ["3", "", "", "", "", "1", "9"]),
                        ("（一）予以公开", ["2", "0", "0", "0", "0", "1", ""])))
    new = c.applications.filter(row="new_received").sort("applicant")
    assert cells(c, "applications", "new_received")["commercial_enterprise"] == 0
    assert set(new.filter(pl.col("count") == 0)["basis"]) == {"blank_zero"}
    # the printed total (9) does not confirm the blanks: null, each with a finding
    assert cells(c, "applications", "carried_over")["research_institution"] is None
    assert c.findings.filter(pl.col("check") == "table.blank").height == 4
    # a blank total beside printed parts is derived from them
    granted = c.applications.filter(row="granted", applicant="total")
    assert (granted["count"][0], granted["basis"][0]) == (3, "derived")


def test_units_and_notes_in_cells() -> None:
    page = ("<p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年制发件数</td>"
            "<td>本年废止件数</td><td>现行有效件数</td></tr><tr><td>规章</td><td>22（其中修订16件）"
            "</td><td>3件</td><td>235</td></tr></table>").encode()
    assert cells(frames(page), "disclosures", "regulations") == {
        "issued": 22.0, "repealed": 3.0, "in_force": 235.0}


def test_meta_charset_gbk_is_honoured() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><h1>某某街道2021年政府信息公开工作年度报告</h1></body></html>")
    data = page.encode("gb18030")
    assert sniff(data, "page.shtml") == "html"
    doc = html.read(data)
    assert doc.encoding == "gb18030"
    assert doc.lines[0].text == "某某街道2021年政府信息公开工作年度报告"


def test_site_metadata_table_is_not_reported_as_ignored_figures(shuyang: govkit.Corpus) -> None:
    # the page opens with its own 名称/索引号/发布机构 table, whose empty cells are no figures
    assert shuyang.findings.filter(check="table.unlabelled").is_empty()
