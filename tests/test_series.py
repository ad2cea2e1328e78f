"""An organ year by year: ``govkit.series`` and ``govkit.changes`` on the Pingtan series in
data/pingtan/, hand-checked against the report texts; the chart and the brief section."""

from __future__ import annotations

import shutil
from pathlib import Path

import altair as alt
import nbformat
import polars as pl
import pytest
from conftest import DATA, ROOT, shared_file
from test_measures import corpus_of, report

import govkit
from govkit.analyze import yearly
from govkit.publish import brief, charts
from govkit.publish.charts import theme


@pytest.fixture(scope="module")
def corpus() -> govkit.Corpus:
    """All of data/: the five seeds and the Pingtan series (what `make brief` reads)."""
    return govkit.load(DATA)


SHS = "平潭综合实验区社会事业局"
ZRZ = "平潭综合实验区自然资源与生态环境局"


def rows_of(frame: pl.DataFrame, organ_key: str) -> dict[int, dict[str, object]]:
    return {r["year"]: r for r in frame.filter(pl.col("organ_key") == organ_key)
            .iter_rows(named=True)}


def test_govkit_series_and_changes_are_the_functions() -> None:
    assert govkit.series is yearly.series and govkit.changes is yearly.changes
    assert "series" in govkit.__all__ and "changes" in govkit.__all__


def test_the_series_of_one_bureau_is_what_its_seven_reports_print(
        corpus: govkit.Corpus) -> None:
    s = govkit.series(corpus)
    assert s.columns == ["organ_key", "organ", "year", "report_id", *yearly.FIGURES]
    shs = rows_of(s, SHS)
    assert sorted(shs) == list(range(2019, 2026))
    assert {r["organ"] for r in shs.values()} == {SHS}
    # 300_shs_2019: 一、本年新收 "1 0 0 0 0 0 1"; (一)予以公开 1; (七)总计 1; 四 all 0;
    # 五: 一是…四是
    first = shs[2019]
    assert [first[c] for c in ("new_received", "carried_over", "total_processed", "granted",
                               "partially_granted", "denied", "carried_forward",
                               "reconsideration", "litigation", "n_problems")] == [
        1, 0, 1, 1, 0, 0, 0, 0, 0, 4]
    assert first["disclosure_rate"] == 1.0
    assert first["correction_rate"] is None  # no case decided: no rate, not 0 %
    # 303_shs_2022: 新收 "3000003", 予以公开 "1000001", 部分公开 "1000001"
    assert (shs[2022]["new_received"], shs[2022]["granted"], shs[2022]["partially_granted"]
            ) == (3, 1, 1)
    assert shs[2022]["disclosure_rate"] == pytest.approx(2 / 3)
    # 306_shs_2025: section 四 "2 1 0 0 3 | 3 3 0 0 6 | 2 0 0 0 2" (glued, pinned by totals)
    assert (shs[2025]["reconsideration"], shs[2025]["litigation"]) == (3, 6 + 2)
    assert shs[2025]["correction_rate"] == pytest.approx((1 + 3 + 0) / 11)


def test_a_figure_not_printed_unambiguously_stays_null(corpus: govkit.Corpus) -> None:
    s = govkit.series(corpus)
    # 305_shs_2024 prints section 四 as "00202000001324015": 17 digits for 15 cells
    shs = rows_of(s, SHS)
    assert shs[2024]["reconsideration"] is None and shs[2024]["litigation"] is None
    assert shs[2024]["new_received"] == 2
    # 318_zrz_2023: (七)总计 "191000019" fits no split (19+1 ≠ 19); 新收 "190000019" does
    zrz = rows_of(s, ZRZ)[2023]
    assert zrz["new_received"] == 19 and zrz["granted"] == 6
    assert zrz["total_processed"] is None and zrz["disclosure_rate"] is None
    # ... and a change to or from it is unknown, not a fall to 0
    c = govkit.changes(corpus, ["total_processed"]).filter(pl.col("organ_key") == ZRZ)
    to_2023 = c.filter(pl.col("year_to") == 2023).row(0, named=True)
    assert (to_2023["before"], to_2023["after"], to_2023["delta"], to_2023["share"]) == (
        30.0, None, None, None)


def test_changes_are_consecutive_years_largest_first(corpus: govkit.Corpus) -> None:
    c = govkit.changes(corpus)
    assert c.columns == list(yearly.CHANGES_SCHEMA)
    top = c.row(0, named=True)
    # 319_zrz_2024 新收 69 after 318_zrz_2023's 19: the largest change in data/pingtan
    assert (top["organ_key"], top["figure"], top["label"], top["year_from"], top["year_to"],
            top["before"], top["after"], top["delta"]) == (
        ZRZ, "new_received", "本年新收申请（件）", 2023, 2024, 19.0, 69.0, 50.0)
    assert top["share"] == pytest.approx(50 / 19)
    sizes = c["delta"].abs()
    known = sizes.drop_nulls().to_list()
    assert known == sorted(known, reverse=True)
    assert sizes.is_null().arg_true().min() == len(known)  # nulls last
    # 304_shs_2023 prints 5 lawsuits after none in 2022: a change from 0 has no share
    lit = c.filter((pl.col("organ_key") == SHS) & (pl.col("figure") == "litigation")
                   & (pl.col("year_to") == 2023)).row(0, named=True)
    assert (lit["before"], lit["after"], lit["delta"], lit["share"]) == (0.0, 5.0, 5.0, None)
    # every pair is an organ's next report: 7 years of 社会事业局 give 6 steps per figure
    steps = c.filter((pl.col("organ_key") == SHS) & (pl.col("figure") == "new_received"))
    assert sorted(steps["year_from"]) == list(range(2019, 2025))
    assert (steps["year_to"] - steps["year_from"]).to_list() == [1] * 6


def test_a_rendering_twice_is_counted_once(tmp_path: Path) -> None:
    # ../shared/corpus: 淮安市人民政府 2024 as PDF and as its text layer
    for name in ("002_huaian_szf_2024.pdf", "002_huaian_szf_2024.txt"):
        shutil.copy(shared_file(name), tmp_path / name)
    shutil.copy(ROOT / "data" / "pingtan" / "300_shs_2019.txt", tmp_path)
    corpus = govkit.load(tmp_path)
    assert corpus.reports["duplicate_of"].drop_nulls().len() == 1
    s = govkit.series(corpus, ["new_received"])
    assert s.height == 2
    assert s.filter(pl.col("organ_key") == "淮安市政府")["year"].to_list() == [2024]
    assert govkit.changes(corpus).is_empty()  # one year each: nothing to compare


def test_spellings_of_one_organ_are_one_series_and_one_brief() -> None:
    c = corpus_of(report("a", "关林街道办事处", 2020, apps={"new_received": 4}),
                  report("b", "关林街道", 2021, apps={"new_received": 6}),
                  report("c", None, 2021), report("d", "慈音街道", None))
    s = govkit.series(c, ["new_received"])  # no organ or no year: no series
    assert s.select("organ_key", "organ", "year", "new_received").rows() == [
        ("关林街道", "关林街道办事处", 2020, 4), ("关林街道", "关林街道", 2021, 6)]
    change = govkit.changes(c, ["new_received"]).row(0, named=True)
    assert (change["organ"], change["delta"], change["share"]) == ("关林街道", 2.0, 0.5)
    organ = [sel for sel in brief.selections(c, ["organ"]) if sel.kind == "organ"]
    assert [(sel.key, sel.title, sel.organs) for sel in organ] == [
        ("关林街道", "关林街道", ("关林街道", "关林街道办事处")), ("慈音街道", "慈音街道", ("慈音街道",))]
    assert organ[0].parameters()["organ_keys"] == ["关林街道"]
    for chosen in (brief.select(c, organ_keys=["关林街道"]),
                   brief.select(c, organs=["关林街道办事处"])):  # either spelling: both years
        assert sorted(chosen.reports["report_id"]) == ["a", "b"]


def test_two_different_reports_of_one_year_are_both_kept() -> None:
    c = corpus_of(report("a", "甲街道", 2020, apps={"new_received": 1}),
                  report("b", "甲街道", 2021, apps={"new_received": 2}),
                  report("c", "甲街道", 2021, apps={"new_received": 5}))
    s = govkit.series(c, ["new_received"])
    assert s["new_received"].to_list() == [1, 2, 5]
    pairs = govkit.changes(c, ["new_received"])
    assert pairs.select("report_from", "report_to", "delta").rows() == [
        ("a", "c", 4.0), ("a", "b", 1.0)]


def test_unknown_figures_are_refused(corpus: govkit.Corpus) -> None:
    with pytest.raises(ValueError, match="choose from new_received"):
        govkit.series(corpus, ["applications"])


def _marks(spec: dict[str, object]) -> set[str]:
    layers = spec.get("spec", spec)["layer"]  # type: ignore[index]
    return {(m["mark"] if isinstance(m["mark"], str) else m["mark"]["type"]) for m in layers}


def test_the_chart_draws_lines_and_small_multiples_past_six_organs(
        corpus: govkit.Corpus) -> None:
    every = charts.series_lines(corpus)  # 12 organs in data/
    assert isinstance(every, alt.FacetChart)
    spec = every.to_dict()
    assert spec["facet"]["field"] == "name" and spec["columns"] == 3
    assert _marks(spec) == {"line", "point"}

    one = brief.select(corpus, organs=[SHS])
    rate = charts.series_lines(one, "disclosure_rate")
    assert isinstance(rate, alt.LayerChart)
    spec = rate.to_dict()
    assert _marks(spec) == {"line", "point"}
    line = next(m for m in spec["layer"] if m["mark"]["type"] == "line")
    assert line["mark"]["invalid"] == "break-paths-show-domains"  # a gap, not a 0
    assert line["encoding"]["y"]["axis"]["format"] == "%"
    svg = theme.svg(rate)
    assert "历年变化：公开率" in svg and "年度" in svg
    assert "2 个年度的数字未印、无法读取、分母为 0 无法计算或没有报告" in svg  # 2020, 2021
    assert f"<title>{SHS}，2022年度：66.7%</title>" in svg  # the hover title

    two = charts.series_lines(brief.select(corpus, organs=[SHS, ZRZ])).to_dict()
    assert two["layer"][0]["encoding"]["color"]["field"] == "name"


def test_the_chart_says_when_there_is_nothing_to_draw(corpus: govkit.Corpus) -> None:
    nanshan = brief.select(corpus, organs=["南山区六号街道"])  # 004 prints no 本年新收
    svg = theme.svg(charts.series_lines(nanshan))
    assert "没有可比较的年度数字" in svg


def test_the_brief_of_a_multi_year_organ_has_its_years(corpus: govkit.Corpus) -> None:
    one = brief.select(corpus, organ_keys=[SHS])
    assert "## 历年变化" in repr(brief.series_heading(one))
    table = brief.series_table(one)
    assert table is not None
    assert table.frame.columns == ["指标", *map(str, range(2019, 2026))]
    lines = repr(table).splitlines()
    assert "本年新收申请（件） | 1 | 0 | 0 | 3 | 1 | 2 | 3" in lines
    assert "行政诉讼（件） | 0 | 0 | 0 | 0 | 5 | — | 8" in lines  # 2024 unreadable: —
    changes = brief.changes_table(one)
    assert changes is not None and changes.frame.height == brief.TOP_CHANGES
    assert changes.rows()[0] == ["行政诉讼（件）", "2022→2023", "0", "5", "+5", "—"]
    assert isinstance(brief.series_chart(one, "new_received"), alt.LayerChart)


def test_the_section_is_skipped_for_one_year_or_many_organs(corpus: govkit.Corpus) -> None:
    for part in (brief.select(corpus, organs=["旧街街道办事处"]), corpus):
        assert brief.organ_series(part) is None
        assert brief.series_heading(part) is None and brief.series_table(part) is None
        assert brief.series_chart(part, "new_received") is None
        assert brief.changes_table(part) is None


def test_the_brief_notebook_calls_the_section() -> None:
    nb = nbformat.read(ROOT / "notebooks" / "10-brief.ipynb", as_version=4)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert "organ_keys = []" in sources[0] and "organ_keys=organ_keys" in sources[1]
    for call in ("brief.series_heading(selection)", "brief.series_table(selection)",
                 'brief.series_chart(selection, "new_received")',
                 'brief.series_chart(selection, "disclosure_rate")',
                 "brief.changes_table(selection)"):
        assert call in sources
