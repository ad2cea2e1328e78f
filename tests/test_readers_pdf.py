"""The PDF reader on the real PDF in ../shared/corpus (淮安市人民政府 2024), read from
the PDF itself; its text layer (.txt beside it) must give the same figures.  Its tables
are found from their rules (stroked lines on pages 3-5, stacked filled boxes on page 1)."""

from __future__ import annotations

import io

import polars as pl
import pypdfium2
import pytest
from conftest import SHARED, shared_file

import govkit
from govkit.read.model import Line
from govkit.read.pipeline import parse
from govkit.read.readers import pdf, ruling

PDF = SHARED / "corpus" / "002_huaian_szf_2024.pdf"
TXT = PDF.with_suffix(".txt")


@pytest.fixture(scope="module")
def corpus() -> govkit.Corpus:
    return govkit.load(shared_file(PDF.name))


def test_meta(corpus: govkit.Corpus) -> None:
    r = corpus.reports.row(0, named=True)
    assert (r["format"], r["organ"], r["year"], r["template"], r["status"]) == (
        "pdf", "淮安市人民政府", 2024, "2021", "ok")


def test_lines_from_the_pdf() -> None:
    lines = pdf.read(shared_file(PDF.name).read_bytes()).lines
    texts = [ln.text for ln in lines]
    assert not any(t.strip() in ("- 3 -", "- 4 -") for t in texts)  # page numbers dropped
    rows = [ln.cells for ln in lines if ln.table]
    # the label printed one character per line (三、\n本\n年\n度…) is one cell again
    assert ["三、本年度办理结果", "（一）予以公开", "1288", "21", "0", "0", "50", "3", "1362"] in rows
    # the table breaks across pages 4 and 5; the row after the break keeps its figures
    assert any(r[-8:] == ["2.没有现成信息需要另行制作", "11", "0", "0", "0", "0", "0", "11"]
               for r in rows)


def test_figures(corpus: govkit.Corpus) -> None:
    apps = {(r["row"], r["applicant"]): r["count"] for r in corpus.applications.iter_rows(named=True)}
    assert [apps[("new_received", a)] for a in ("natural_person", "commercial_enterprise",
            "research_institution", "social_welfare_org", "legal_service_org", "other_org",
            "total")] == [3001, 53, 0, 0, 61, 4, 3119]
    assert apps[("other.other", "total")] == 110
    assert apps[("carried_forward", "total")] == 103
    revs = {(r["proceeding"], r["result"]): r["count"] for r in corpus.reviews.iter_rows(named=True)}
    assert revs[("reconsideration", "total")] == 351
    assert revs[("litigation_after_reconsideration", "pending")] == 6
    disc = {(r["item"], r["measure"]): r["value"] for r in corpus.disclosures.iter_rows(named=True)}
    assert disc[("admin_licensing", "decisions")] == 447228
    assert disc[("admin_fees", "fee_amount")] == 96171.6


def test_totals_check_against_parts(corpus: govkit.Corpus) -> None:
    assert corpus.findings.filter(pl.col("check").str.starts_with("identity")).is_empty()
    assert corpus.applications["count"].null_count() == 0


def test_same_figures_as_its_text_layer(corpus: govkit.Corpus) -> None:
    if not TXT.exists():
        pytest.skip("no text layer beside the PDF")
    txt = govkit.load(TXT)
    for frame in ("applications", "reviews", "disclosures"):
        a = getattr(corpus, frame).drop("report_id", "basis", "evidence")
        b = getattr(txt, frame).drop("report_id", "basis", "evidence")
        assert a.equals(b), frame


@pytest.fixture(scope="module")
def lines() -> list[Line]:
    return pdf.read(shared_file(PDF.name).read_bytes()).lines


def test_grid_cells_from_the_rules(lines: list[Line]) -> None:
    rows = {ln.where: ln.cells for ln in lines if ln.table}
    assert all(ln.grid for ln in lines if ln.table)
    # 第二十条第（一）项: four ruled columns, a figure per cell
    assert rows["page 3 table 2 row 4"] == ["行政规范性文件", "8", "26", "66"]
    # section 四: fifteen figure cells in one row, each its own cell (26 is not 2612)
    assert rows["page 5 table 2 row 4"] == [
        "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_merged_label_given_once(lines: list[Line]) -> None:
    rows = {ln.where: ln.cells for ln in lines if ln.table}
    # （三）不予公开 spans eight rows: printed in the first, left out of the seven below
    assert rows["page 4 table 2 row 8"][:2] == ["（三）不予公开", "1.属于国家秘密"]
    assert rows["page 4 table 2 row 9"] == ["2.其他法律行政法规禁止公开", "30", "1", "0", "0",
                                            "0", "0", "31"]
    assert not any("（三）不予公开" in rows[f"page 4 table 2 row {r}"] for r in range(9, 16))
    # 行政复议 and 行政诉讼 head five and ten columns each: one cell apiece
    assert rows["page 5 table 2 row 1"] == ["行政复议", "行政诉讼"]


def test_framed_box_is_prose(lines: list[Line]) -> None:
    # page 1's introduction sits in seven stacked filled boxes: a table of one column
    box = [ln for ln in lines if ln.where.startswith("page 1 table 1")]
    assert box and not any(ln.table for ln in box)
    assert box[0].text == "本报告由淮安市人民政府办公室根据《中华人民共和国政府"


@pytest.mark.parametrize(("printed", "read"), [
    ("三、\n本\n年\n度\n办\n理\n结\n果", "三、本年度办理结果"),  # one character per line
    ("（二）部分公开（区分处理的，只计\n这一情形，不计其他情形）",
     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("26\n26", "26\n26"),  # two figures on two lines stay two figures
    ("", ""),
    (None, None),  # a position covered by a merged cell
])
def test_cell_lines(printed: str | None, read: str | None) -> None:
    assert pdf._cell(printed) == read


def test_rules_to_cells() -> None:
    # a rule drawn as a thin filled box has two sides 0.5pt apart: one rule; a rule drawn
    # cell by cell is one rule; the short sides of the thin box are not rules
    assert ruling.merge([(10.0, 0.0, 100.0), (10.5, 0.0, 100.0), (40.0, 0.0, 50.0),
                         (40.0, 51.0, 100.0), (70.0, 0.0, 0.5)]) == [
        (10.25, 0.0, 100.0), (40.0, 0.0, 100.0)]
    # two rows, a label merged down the left column:  | A | B |
    #                                                  |   | C |
    h = [(0.0, 0.0, 30.0), (10.0, 10.0, 30.0), (20.0, 0.0, 30.0)]
    v = [(0.0, 0.0, 20.0), (10.0, 0.0, 20.0), (30.0, 0.0, 20.0)]
    (table,) = ruling.tables(ruling.cells(h, v))
    assert ruling.rows(table) == [[(0.0, 0.0, 10.0, 20.0), (10.0, 0.0, 30.0, 10.0)],
                                  [None, (10.0, 10.0, 30.0, 20.0)]]
    assert ruling.bbox(table) == (0.0, 0.0, 30.0, 20.0)
    # a lone framed cell is not a table
    assert ruling.tables(ruling.cells([(0.0, 0.0, 9.0), (5.0, 0.0, 9.0)],
                                      [(0.0, 0.0, 5.0), (9.0, 0.0, 5.0)])) == []


def _pdf(draw_scan: bool) -> bytes:
    doc = pypdfium2.PdfDocument.new()
    page = doc.new_page(595, 842)
    if draw_scan:  # a page that is only a picture, as a scanner makes it
        bitmap = pypdfium2.PdfBitmap.new_native(200, 100, pypdfium2.raw.FPDFBitmap_BGR)
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, 200, 100)
        bitmap.fill_rect((0, 0, 0, 255), 20, 40, 160, 3)
        image = pypdfium2.PdfImage.new(doc)
        image.set_bitmap(bitmap)
        image.set_matrix(pypdfium2.PdfMatrix().scale(400, 200).translate(100, 500))
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("draw_scan", [False, True], ids=["blank page", "image only"])
def test_no_text_layer(draw_scan: bool) -> None:
    data = _pdf(draw_scan)
    doc = pdf.read(data)
    assert doc.lines == []
    assert [f.check for f in doc.findings] == ["parse.no_text"]
    rep = parse(data, "scan.pdf")
    assert rep.fmt == "pdf" and "parse.no_text" in {f.check for f in rep.findings}
