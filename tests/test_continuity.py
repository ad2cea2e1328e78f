"""One organ across its years: organ keys, duplicate renderings, the continuity checks and
the glued cells continuity pins — on the real Pingtan series of data/pingtan/ (37 crawler
pages of 7 organs, 2019–2025) and the two renderings of Huai'an's 2024 report."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from conftest import DATA, shared_file

import govkit
from govkit import continuity
from govkit.analyze import measures
from govkit.read.organs import organ_key

PINGTAN = DATA / "pingtan"


@pytest.fixture(scope="module")
def pingtan() -> govkit.Corpus:
    return govkit.load(PINGTAN)


def _rid(corpus: govkit.Corpus, stem: str) -> str:
    return corpus.reports.filter(pl.col("source").str.starts_with(stem))["report_id"].item()


def _cell(corpus: govkit.Corpus, stem: str, item: str, measure: str) -> tuple[float, str]:
    row = corpus.disclosures.filter(report_id=_rid(corpus, stem), item=item, measure=measure)
    return row["value"].item(), row["basis"].item()


def _findings(corpus: govkit.Corpus, stem: str, check: str) -> pl.DataFrame:
    return corpus.findings.filter(report_id=_rid(corpus, stem), check=check)


# --- organ keys ----------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("平潭综合实验区国有资产管理局", "平潭综合实验区国有资产管理局 2020年度政府信息公开工作年度报告"),
    ("关林街道", "关林街道办事处"),
    ("平潭综合实验区海坛片区管理局", "平潭综合实验区海坛片区管理局 关于2021年度"),
    ("洛龙区关林街道办", "洛龙区关林街道"),
    ("沭阳县高墟镇人民政府", "沭阳县 高墟镇"),
])
def test_one_organ_one_key(a: str, b: str) -> None:
    assert organ_key(a) == organ_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("淮安市人民政府", "淮安市人民政府办公室"),
    ("平潭综合实验区国有资产管理局", "平潭综合实验区投资促进局"),
    ("上海市人民政府办公厅", "上海市人民政府"),
])
def test_two_organs_two_keys(a: str, b: str) -> None:
    assert organ_key(a) != organ_key(b)


def test_every_pingtan_organ_is_one_series(pingtan: govkit.Corpus) -> None:
    """SOURCES.tsv names each page's organ and year; the parsed keys give the same series."""
    sources = pl.read_csv(PINGTAN / "SOURCES.tsv", separator="\t")
    got = pingtan.reports.select(pl.col("source").alias("file"), "organ_key", "year")
    both = sources.join(got, on="file")
    assert both.height == 37
    assert (both.group_by("organ").agg(pl.col("organ_key").n_unique())["organ_key"] == 1).all()
    assert both["organ_key"].n_unique() == sources["organ"].n_unique() == 7
    assert (both["year_right"] == both["year"]).all()


# --- duplicates ----------------------------------------------------------------------------

def test_pdf_and_text_of_one_report_are_counted_once(tmp_path: Path) -> None:
    for name in ("002_huaian_szf_2024.pdf", "002_huaian_szf_2024.txt"):
        (tmp_path / name).write_bytes(shared_file(name).read_bytes())
    c = govkit.load(tmp_path)
    dup = dict(c.reports.select("source", "duplicate_of").iter_rows())
    pdf = c.reports.filter(source="002_huaian_szf_2024.pdf")["report_id"].item()
    assert dup == {"002_huaian_szf_2024.pdf": None, "002_huaian_szf_2024.txt": pdf}
    assert measures.new_applications(c).height == 1
    assert c.coverage(by=None)["reports"].item() == 1
    assert c.continuity().height == 0  # one year: nothing to pair


def test_a_file_copied_byte_for_byte_is_counted_once(tmp_path: Path) -> None:
    """Same bytes, same report_id: both files keep their reports row, the figures are
    listed once."""
    src = PINGTAN / "304_shs_2023.txt"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(src.read_bytes())
    c = govkit.load(tmp_path)
    rid = c.reports["report_id"][0]
    assert c.reports["duplicate_of"].to_list() == [None, rid]
    assert c.applications.height == govkit.load(src).applications.height
    assert measures.new_applications(c)["count"].to_list() == [1]  # 304: 本年新收 1


def test_two_different_reports_of_one_year_are_both_kept(tmp_path: Path) -> None:
    """A changed figure makes it another report (a correction, say), not a copy."""
    text = (PINGTAN / "304_shs_2023.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("行政许可1396", "行政许可1397"),
                                    encoding="utf-8")
    c = govkit.load(tmp_path)
    assert c.reports["duplicate_of"].null_count() == 2


# --- the checks ----------------------------------------------------------------------------

def test_every_consecutive_pair_is_checked(pingtan: govkit.Corpus) -> None:
    pairs = continuity.pair_status(pingtan.continuity())
    assert pairs.height == 30  # 37 reports of 7 organs, no year missing
    by_check = dict(pingtan.continuity().filter(check="continuity.carried_over")
                    .group_by("status").len().iter_rows())
    assert by_check == {"consistent": 30}


def test_carried_over_broken(tmp_path: Path) -> None:
    """303 (2022) carries nothing forward; a 2023 page carrying one over breaks the link."""
    for name in ("303_shs_2022.txt", "304_shs_2023.txt"):
        text = (PINGTAN / name).read_text(encoding="utf-8")
        if name.startswith("304"):
            text = text.replace("二、上年结转政府信息公开申请数量 0000000",
                                "二、上年结转政府信息公开申请数量 1000001")
        (tmp_path / name).write_text(text, encoding="utf-8")
    c = govkit.load(tmp_path)
    f = _findings(c, "304", "continuity.carried_over").sort("scope")
    assert f.select("scope", "expected", "actual").rows() == [
        ("applications/carried_over/natural_person", "0", "1"),
        ("applications/carried_over/total", "0", "1")]
    assert "303_shs_2022.txt（2022年）" in f["message"][0]


def test_in_force_broken(pingtan: govkit.Corpus) -> None:
    """116 (2021) prints 规章 1 0 1; 117 (2022) prints 0 0 0: one rule in force vanished
    without being repealed."""
    f = _findings(pingtan, "117", "continuity.in_force")
    assert f.select("scope", "expected", "actual").rows() == [
        ("disclosures/regulations/in_force", "1", "0")]


def test_prior_year_broken(pingtan: govkit.Corpus) -> None:
    """307 (2019) prints 行政许可 13 0 0; 308 (2020) starts its year from 0 projects."""
    f = _findings(pingtan, "308", "continuity.prior_year")
    assert f.select("scope", "expected", "actual").rows() == [
        ("disclosures/admin_licensing/prior_year", "13", "0")]


# --- glued rows pinned by continuity -------------------------------------------------------

def test_glued_rows_pinned_by_the_next_year(pingtan: govkit.Corpus) -> None:
    """318 prints 行政规范性文件2135 (2|1|35, 2|13|5 or 21|3|5) and 319 prints 2433 (2|4|33,
    2|43|3 or 24|3|3): only 35 + 2 − 4 = 33 carries the stock of documents over."""
    assert [_cell(pingtan, "318", "normative_documents", m) for m in
            ("issued", "repealed", "in_force")] == [(2, "derived"), (1, "derived"),
                                                    (35, "derived")]
    assert [_cell(pingtan, "319", "normative_documents", m)[0] for m in
            ("issued", "repealed", "in_force")] == [2, 4, 33]
    f = _findings(pingtan, "318", "continuity.pinned")
    assert "319_zrz_2024.txt（2024年）" in f["message"].item()
    # the narrowed readings are what the frame keeps
    kept = pingtan.readings.filter(report_id=_rid(pingtan, "318"))
    assert kept["reading"].n_unique() == 1


def test_2019_template_projects_pinned(pingtan: govkit.Corpus) -> None:
    """300 (2019): 行政许可 72 0 0.  301 (2020) prints 72171051: its prior year must be 72,
    and 302 (2021, 89741888) then starts from 72 + 17 = 89."""
    assert [_cell(pingtan, "301", "admin_licensing", m)[0] for m in
            ("prior_year", "change", "decisions")] == [72, 17, 1051]
    assert _cell(pingtan, "302", "admin_licensing", "prior_year") == (89, "derived")
    # 302's change and decisions (74|1888, 741|888 …) stay open: nothing follows them
    assert _cell(pingtan, "302", "admin_licensing", "change")[0] is None


def test_printed_figures_never_change(pingtan: govkit.Corpus) -> None:
    """Each report parsed alone and within its series prints the same figures; the series
    only fills cells that were null."""
    for stem in ("301_shs_2020", "318_zrz_2023", "013_pt-touzicjj_2025"):
        alone = govkit.load(PINGTAN / f"{stem}.txt").disclosures
        together = pingtan.disclosures.filter(report_id=alone["report_id"][0])
        both = alone.join(together, on=["report_id", "item", "measure"], suffix="_s")
        printed = both.filter(pl.col("value").is_not_null())
        assert (printed["value"] == printed["value_s"]).all()
        assert (printed["basis"] == printed["basis_s"]).all()
        filled = both.filter(pl.col("value").is_null() & pl.col("value_s").is_not_null())
        assert (filled["basis_s"] == "derived").all()


def test_no_neighbour_no_pin(tmp_path: Path) -> None:
    """Alone, 318's glued row stays null: the report itself does not pin it."""
    c = govkit.load(PINGTAN / "318_zrz_2023.txt")
    assert c.disclosures.filter(item="normative_documents")["value"].null_count() == 3
    assert c.readings["reading"].n_unique() == 3


# --- in the organ brief --------------------------------------------------------------------

def test_the_brief_shows_continuity_and_copying(pingtan: govkit.Corpus) -> None:
    from govkit.publish import brief

    htp = brief.select(pingtan, organ_keys=["平潭综合实验区海坛片区管理局"])
    cont = brief.continuity_table(htp)
    assert cont is not None
    rows = {r["年度"]: r for r in cont.frame.iter_rows(named=True)}
    assert list(rows) == [f"{y}→{y + 1}" for y in range(2019, 2025)]
    assert all(r["申请结转（二 = 上年四）"] == "一致" for r in rows.values())
    # 320 (2019) prints 其他对外管理服务事项033 (0 projects, 3 added); 321 (2020) starts from 2
    assert rows["2019→2020"]["上一年项目数量（2019 模板）"] == (
        "不一致（二、主动公开 / 其他对外管理服务事项 / 上一年项目数量：应为 3，印为 2）")
    assert rows["2023→2024"]["现行有效件数"] == "一致"

    invest = brief.select(pingtan, organ_keys=["平潭综合实验区投资促进局"])
    copied = brief.copied_table(pingtan, invest)
    assert copied is not None
    by_year = {r["年度"]: r for r in copied.frame.iter_rows(named=True)}
    # 2025's section 五 is 2024's, and both are the 国有资产管理局's of 2023
    assert by_year["2025"]["第五部分与上年相同"] == "100%"
    assert by_year["2024"]["第五部分与上年相同"] is None  # no earlier report
    assert by_year["2024"]["第五部分与其他机关相同"] == "100%"
    assert by_year["2024"]["主要来源"] == "平潭综合实验区国有资产管理局（2023）"
    one_year = brief.select(pingtan, sources=["300_shs_2019.txt"])
    assert brief.continuity_table(one_year) is None
    assert brief.copied_table(pingtan, one_year) is None
