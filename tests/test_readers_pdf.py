"""The PDF reader on the real PDF in ../shared/corpus (淮安市人民政府 2024), read from
the PDF itself; its text layer (.txt beside it) must give the same figures."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import SHARED, shared_file

import govkit
from govkit.readers import pdf

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
