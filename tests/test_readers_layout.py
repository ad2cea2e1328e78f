"""Layout text (``pdftotext -layout``): table figures read by column position.

Real text throughout: the Huai'an report's own text layer, and PDFs rendered here from
HTML reports whose empty cells print nothing at all in the text, so only the figures'
positions say which column each stands in.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
from conftest import SHARED, shared_file
from synth import as_2019, figures, html_report

import govkit
from govkit.read.readers import layout, text

PDFTOTEXT = shutil.which("pdftotext")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext is not installed (apt-get install poppler-utils)")


def cells(c: govkit.Corpus, table: str) -> dict[tuple[str, str], tuple[float | None, str]]:
    k1, k2, v = {"applications": ("row", "applicant", "count"),
                 "reviews": ("proceeding", "result", "count"),
                 "disclosures": ("item", "measure", "value")}[table]
    return {(r[k1], r[k2]): (r[v], r["basis"]) for r in getattr(c, table).iter_rows(named=True)}


def row(c: govkit.Corpus, code: str) -> list[float | None]:
    got = cells(c, "applications")
    return [got[(code, a)][0] for a in ("natural_person", "commercial_enterprise",
            "research_institution", "social_welfare_org", "legal_service_org", "other_org",
            "total")]


def pdftotext(pdf: Path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


# --- the Huai'an report, as pdftotext -layout prints it ----------------------------------

# Section 三 of 002_huaian_szf_2024.pdf: heads wrapped over three lines (商业企 / 业), the
# vertical group label 三、/本/年/度…, a label wrapped around its figure line.
HUAIAN = """\
      三、收到和处理政府信息公开申请情况
                                                         申请人情况


（本列数据的勾稽关系为：第一项加第二项之和，                  法人或其他组织
等于第三项加第四项之和）
                               自然人                                              总计
                                        商业企      科研机     社会公益     法律服务
                                                                           其他
                                        业        构       组织       机构


一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119

二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34

      （一）予以公开                   1288        21       0        0    50       3   1362

      （二）部分公开（区分处理的，只计这一情
                                447         7        0        0        0    0   454
      形，不计其他情形）


             1.属于国家秘密            2          0        0        0        0    0    2
三、

本            2.其他法律行政法规禁止公开     30          1        0        0        0    0    31
"""


def test_huaian_excerpt() -> None:
    grid = [ln.cells for ln in text.lines(HUAIAN) if ln.grid]
    assert grid == [
        ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"],
        ["二、上年结转政府信息公开申请数量", "34", "0", "0", "0", "0", "0", "34"],
        ["（一）予以公开", "1288", "21", "0", "0", "50", "3", "1362"],
        ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447", "7", "0", "0", "0", "0",
         "454"],
        ["1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"],
        ["2.其他法律行政法规禁止公开", "30", "1", "0", "0", "0", "0", "31"],
    ]
    c = govkit.load_bytes(HUAIAN.encode(), "x.txt")
    assert row(c, "new_received") == [3001, 53, 0, 0, 61, 4, 3119]
    assert row(c, "partially_granted") == [447, 7, 0, 0, 0, 0, 454]
    assert row(c, "denied.prohibited_by_law") == [30, 1, 0, 0, 0, 0, 31]


def test_huaian_excerpt_with_blank_cells() -> None:
    # the same rows with the zeros printed as empty cells: the figures keep their columns
    blanked = re.sub(r"(?<=  )0(?=  )", " ", HUAIAN)
    c = govkit.load_bytes(blanked.encode(), "x.txt")
    assert row(c, "new_received") == [3001, 53, 0, 0, 61, 4, 3119]
    assert row(c, "granted") == [1288, 21, 0, 0, 50, 3, 1362]
    assert cells(c, "applications")[("granted", "research_institution")] == (0, "blank_zero")
    assert row(c, "denied.prohibited_by_law") == [30, 1, 0, 0, 0, 0, 31]


@needs_pdftotext
def test_huaian_layout_text_against_gold() -> None:
    pdf = shared_file("002_huaian_szf_2024.pdf")
    gold = json.loads((SHARED / "gold" / "corpus" / "002_huaian_szf_2024.txt.json").read_text())
    layout_text = pdftotext(pdf)
    assert layout.is_layout(layout_text)
    c = govkit.load_bytes(layout_text.encode(), "002_huaian_szf_2024.txt")
    n = 0
    for table in ("applications", "reviews", "disclosures"):
        got = cells(c, table)
        for k1, by_k2 in gold[table].items():
            for k2, want in by_k2.items():
                assert got[(k1, k2)][0] == want, (table, k1, k2)
                n += 1
    assert n == 200
    assert c.findings.filter(pl.col("check").str.starts_with("identity")).is_empty()


# Section 三 of a report rendered here (9pt, cells padded 1px): pdftotext interleaves the
# group labels with the item labels (（六）其 / 他处理 between the lines of 2.申请人逾期…),
# squeezes figures together (``81 55 566``) and shifts its grid from 7.属于行政执法案卷 on.
SQUEEZED = """\
三、收到和处理政府信息公开申请情况

                                                      申请人情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三          自            法人或其他组织
                  项加第四项之和）                                   总
                                    然 商业 科研     社会公 法律服 其 计
                                    人 企业 机构     益组织 务机构 他
一、本年新收政府信息公开申请数量                    27 107 99    205  84 55 577
二、上年结转政府信息公开申请数量                     0   2  1      4   1 2 10
 三、本年                    （一）予以公开     0  20  0      0  12 0 32
 度办理结                    （二）部分公开     0      0          0 24 24
    果 （三）不 1.属于国家秘密                  0   6  0      0  11 0 17
         予公开 2.其他法律行政法规禁止公开          0   2 40     14      0 56
               3.危及“三安全一稳定”          0   0 19      0  38     57
               4.保护第三方合法权益           0      0          0      0
               5.属于三类内部事务信息          0   0  0      0   0 0    0
               6.属于四类过程性信息              30  0      0      0 30

           7.属于行政执法案卷                     0           0        40          0    40
           8.属于行政查询事项                     0      0    0        20      0        20
           1.本机关不掌握相关政府信息                        1              0          0     1
      （四）无
           2.没有现成信息需要另行制作                 0                     7      0         7
       法提供
           3.补正后申请内容仍不明确                              0        39      0        39
           1.信访举报投诉类申请                   24           0        15               39
           2.重复申请                                9             12          31   52
      （五）不 3.要求提供公开出版物                           6              0                6
       予处理 4.无正当理由大量反复申请                         0   36        16               52
           5.要求行政机关确认或重新出具已获
                                          0                    31      0   0    31
           取信息
           1.申请人无正当理由逾期不补正、行
           政机关不再处理其政府信息公开申                0      0    0         0     20        20
           请
      （六）其
           2.申请人逾期未按收费通知要求缴纳
       他处理
           费用、行政机关不再处理其政府信                0     30             13          0    43
           息公开申请
           3.其他                           0           0      0                0
                       （七）总计             24   104    95    207        81 55 566
四、结转下年度继续办理                               3     5     5      2         4 2 21
"""


def test_squeezed_table_with_interleaved_labels() -> None:
    c = govkit.load_bytes(SQUEEZED.encode(), "x.txt")
    assert row(c, "new_received") == [27, 107, 99, 205, 84, 55, 577]
    assert row(c, "partially_granted") == [0, 0, 0, 0, 0, 24, 24]
    assert row(c, "denied.process_information") == [0, 30, 0, 0, 0, 0, 30]
    assert row(c, "unable.unclear_after_correction") == [0, 0, 0, 39, 0, 0, 39]
    assert row(c, "not_processed.confirmation") == [0, 0, 0, 31, 0, 0, 31]
    assert row(c, "other.no_correction") == [0, 0, 0, 0, 20, 0, 20]
    assert row(c, "other.unpaid_fee") == [0, 30, 0, 13, 0, 0, 43]
    assert row(c, "total_processed") == [24, 104, 95, 207, 81, 55, 566]
    # where the grid has shifted, rows no model places unambiguously stay unread (null)
    for code in ("denied.enforcement_files", "denied.inquiry_matter", "unable.not_held",
                 "not_processed.duplicate"):
        assert row(c, code) == [None] * 7, code
    whole = [ln.cells[0] for ln in text.lines(SQUEEZED) if ln.grid]
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in whole


# Section 四 of another rendered report: litigation_direct/upheld printed empty.  The heads
# of the second and third group are squeezed into single-spaced pieces, so where they
# stand says nothing; the row must not be read with the first group's total (19) moved
# into the next group's first column.
SQUEEZED_HEADS = """\
四、政府信息公开行政复议、行政诉讼情况

                 行政复议                                                      行政诉讼
                             未经复议直接起诉         复议后起诉
结果 结果 其他 尚未           总
维持 纠正 结果 审结           计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
                        维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
    1   5    8    5   19      2    4        8    14        8     3    7     8   26
"""


def test_squeezed_heads_do_not_place_a_figure() -> None:
    c = govkit.load_bytes(SQUEEZED_HEADS.encode(), "x.txt")
    got = cells(c, "reviews")
    assert got[("litigation_direct", "upheld")][0] in (None, 0)
    assert got[("reconsideration", "total")][0] in (None, 19)


# --- small texts for single rules ----------------------------------------------------------


def test_text_aligned_for_display() -> None:
    # aligned in a terminal (CJK two columns wide): in characters the rows disagree
    rows = [("一、本年新收政府信息公开申请数量", "3 1 0 0 0 0 4"),
            ("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"),
            ("（一）予以公开", "2 . . . . . 2"),
            ("（二）部分公开", ". 1 . . . . 1"),
            ("（七）总计", "3 1 0 0 0 0 4")]
    lines = ["三、收到和处理政府信息公开申请情况", "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for label, figs in rows:
        pad = 40 - sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "（）、" else 1 for ch in label)
        lines.append(label + " " * pad + "".join(f"{'' if f == '.' else f:>6}" for f in figs.split()))
    got = govkit.load_bytes("\n".join(lines).encode(), "x.txt")
    assert row(got, "granted") == [2, 0, 0, 0, 0, 0, 2]
    assert row(got, "partially_granted") == [0, 1, 0, 0, 0, 0, 1]
    assert cells(got, "applications")[("partially_granted", "natural_person")][1] == "blank_zero"


def test_figure_between_two_columns_is_not_placed() -> None:
    # the middle row prints one figure halfway between two columns: never guessed
    t = ("三、收到和处理政府信息公开申请情况\n"
         "一、本年新收政府信息公开申请数量   1    0    0    0    0    0    1\n"
         "二、上年结转政府信息公开申请数量   1       0    0    0    0    1\n"
         "四、结转下年度继续办理             0    0    0    0    0    0    0\n")
    lines = text.lines(t)
    assert [ln.grid for ln in lines] == [False, True, False, True]
    c = govkit.load_bytes(t.encode(), "x.txt")
    assert row(c, "carried_over") == [None] * 7
    assert "table.ambiguous" in c.findings["check"].to_list()


def test_prose_is_left_alone() -> None:
    # outside the tables a layout text reads exactly as plain text does
    t = ("一、总体情况\n   2024 年，全市共受理申请 3119 件，答复   3050   件，共计  95\n"
         "二、主动公开政府信息情况\n信息内容          本年制发件数     本年废止件数   现行有效件数\n"
         "规章            1          0        11\n")
    got = text.lines(t)
    assert [ln.cells for ln in got[:3]] == [
        ["一、总体情况"], ["2024 年，全市共受理申请 3119 件，答复   3050   件，共计  95"],
        ["二、主动公开政府信息情况"]]
    assert got[-1].cells == ["规章", "1", "0", "11"] and got[-1].grid


def test_detection() -> None:
    assert layout.is_layout("规章            1          0        11")
    assert not layout.is_layout("规章\t1\t0\t11")  # tab-separated: the text reader's
    assert not layout.is_layout("规章 1 0 11\n行政规范性文件 8 26 66")
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        assert not layout.is_layout(seed.read_text(encoding="utf-8", errors="replace"))


# --- PDFs with empty cells, rendered here ------------------------------------------------

#: How the reports are set: font size, table width, cell padding, how figures align.
STYLES = (
    ("10.5pt", "100%", "3px 6px", "center"),
    ("12pt", "100%", "6px 10px", "center"),
    ("9pt", "auto", "1px 3px", "right"),
    ("10.5pt", "90%", "3px 6px", "left"),
    ("14px", "100%", "4px 8px", "right"),
    ("10.5pt", "100%", "2px 4px", "center"),
)
REPORTS = 12


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, set, str]]:
    """(truth, cells printed empty, layout text) of each report; all in one PDF."""
    if CHROMIUM is None or PDFTOTEXT is None:
        pytest.skip("needs chromium and pdftotext (apt-get install chromium poppler-utils)")
    tmp = tmp_path_factory.mktemp("layout")
    body, css, truths = [], [], []
    for k in range(REPORTS):
        rng = random.Random(k)
        template = "2019" if k % 4 == 3 else "2021"
        t = figures(rng)
        if template == "2019":
            t = as_2019(t, rng)
        size, width, pad, align = STYLES[k % len(STYLES)]
        css.append(f"#r{k}{{font-size:{size};page-break-before:always}}"
                   f"#r{k} table{{border-collapse:collapse;width:{width}}}"
                   f"#r{k} td{{border:1px solid #000;padding:{pad};text-align:{align}}}")
        html, blanks = html_report(t, rng, blank=0.4, template=template,
                                   title=f"测试街道办事处{2001 + k}年政府信息公开工作年度报告",
                                   filler=rng.randint(0, 24))
        body.append(f"<div id='r{k}'>{html}</div>")
        truth = ({("applications", *key): v for key, v in t.apps.items()}
                 | {("reviews", *key): v for key, v in t.reviews.items()}
                 | {("disclosures", *key): v for key, v in t.disclosures.items()})
        truths.append((truth, blanks))
    page = tmp / "reports.html"
    page.write_text("<html><head><meta charset='utf-8'><style>body{font-family:"
                    "'WenQuanYi Micro Hei'}" + "".join(css) + "</style></head><body>"
                    + "".join(body) + "</body></html>", encoding="utf-8")
    pdf = tmp / "reports.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={tmp / 'profile'}",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    texts = re.split(r"(?m)^(?=\s*测试街道办事处\d{4}年)", pdftotext(pdf))
    texts = [x for x in texts if "测试街道办事处" in x]
    assert len(texts) == REPORTS
    return [(truth, blanks, x) for (truth, blanks), x in zip(truths, texts, strict=True)]


def _read(rendered: list[tuple[dict, set, str]]):  # type: ignore[no-untyped-def]
    for truth, blanks, layout_text in rendered:
        c = govkit.load_bytes(layout_text.encode(), "x.txt")
        got = {(table, *k): v for table in ("applications", "reviews", "disclosures")
               for k, v in cells(c, table).items()}
        yield truth, blanks, got


def test_blank_cells_never_shift_a_figure(rendered: list[tuple[dict, set, str]]) -> None:
    for truth, blanks, got in _read(rendered):
        for key, want in truth.items():
            value, basis = got[key]
            if key in blanks:  # printed empty: 0 where the row total confirms it, or null
                assert value is None or (value == 0 and basis == "blank_zero"), key
            else:
                assert value is None or value == want, key


def test_blank_cells_are_read(rendered: list[tuple[dict, set, str]]) -> None:
    printed = read = blank = confirmed = 0
    for truth, blanks, got in _read(rendered):
        for key in truth:
            value = got[key][0]
            if key in blanks:
                blank += 1
                confirmed += value == 0
            else:
                printed += 1
                read += value is not None
    assert blank > 300
    # measured when written: 98% of printed figures and 98.6% of blank cells read (the
    # text reader before column positions: 41% and none)
    assert read / printed > 0.95
    assert confirmed / blank > 0.9


def test_blank_cells_become_grid_blanks(rendered: list[tuple[dict, set, str]]) -> None:
    grid = [ln.cells for ln in text.lines(rendered[0][2]) if ln.grid]
    assert any("" in cells for cells in grid)
