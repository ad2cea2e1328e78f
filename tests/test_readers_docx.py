"""The DOCX reader, on a Word file built from a real report's text and figures
(淮安市人民政府 2024; tests/fixtures/build_docx.py) with the merges Word authors make."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

import govkit
from govkit.read.readers import docx, sniff

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from build_docx import APPLICATIONS, REVIEWS, build


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(tmp_path_factory.mktemp("docx") / "huaian_2024.docx").read_bytes()


@pytest.fixture(scope="module")
def corpus(data: bytes) -> govkit.Corpus:
    return govkit.load_bytes(data, "huaian_2024.docx")


def test_sniffed_as_docx_by_name_or_bytes(data: bytes) -> None:
    assert sniff(data, "a.docx") == "docx"
    assert sniff(data, "") == "docx"


def test_meta(corpus: govkit.Corpus) -> None:
    r = corpus.reports.row(0, named=True)
    assert (r["format"], r["organ"], r["year"], r["template"], r["status"]) == (
        "docx", "淮安市人民政府", 2024, "2021", "ok")


def test_body_order_and_runs_joined(data: bytes) -> None:
    lines = docx.read(data).lines
    texts = [ln.text for ln in lines if not ln.table]
    # headings typed in two runs come back whole, in document order
    heads = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert heads == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                     "六、其他需要报告的事项"]


def test_merged_cells_appear_once(data: bytes) -> None:
    rows = [ln.cells for ln in docx.read(data).lines if ln.table]
    # 三、本年度办理结果 spans 22 rows and （三）不予公开 8: each is printed once
    assert sum(c.count("三、本年度办理结果") for c in rows) == 1
    assert sum(c.count("（三）不予公开") for c in rows) == 1
    assert ["2.其他法律行政法规禁止公开", "30", "1", "0", "0", "0", "0", "31"] in rows
    # a label merged over three columns is one cell
    assert ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"] in rows


def test_every_figure_as_printed(corpus: govkit.Corpus) -> None:
    apps = {(r["row"], r["applicant"]): r["count"] for r in corpus.applications.iter_rows(named=True)}
    assert apps[("new_received", "natural_person")] == 3001
    assert apps[("unable.not_held", "total")] == 769
    assert apps[("other.no_correction", "total")] == 71
    assert apps[("total_processed", "total")] == 3050
    printed = sum(len(f.split()) for *_, f in APPLICATIONS)
    assert corpus.applications.filter(pl.col("basis").is_in(["printed", "blank_zero"])).height \
        == printed
    revs = corpus.reviews.sort("proceeding", "result")
    assert sorted(revs["count"].to_list()) == sorted(int(x) for x in REVIEWS.split())
    d = corpus.disclosures.filter(item="admin_penalty")
    assert d["value"].to_list() == [3985758.0]


def test_blank_cell_confirmed_by_total(corpus: govkit.Corpus) -> None:
    cell = corpus.applications.filter(row="carried_forward", applicant="commercial_enterprise")
    assert (cell["count"][0], cell["basis"][0]) == (0, "blank_zero")


def test_identities_hold_and_problems_split(corpus: govkit.Corpus) -> None:
    assert corpus.findings.filter(pl.col("check").str.starts_with("identity")).is_empty()
    kinds = corpus.problems["kind"].to_list()
    assert kinds.count("problem") == 2 and kinds.count("improvement") == 2
