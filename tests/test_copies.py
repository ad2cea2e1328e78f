"""What was copied: real Pingtan reports (data/pingtan), shares checked by hand.

The pairs, read by hand:

* 013_pt-touzicjj_2025 (投资促进局 2025) prints the section 五 of 004_pt-guozij_2023
  (国有资产管理局 2023) word for word: the same two problems and two measures, down to the
  typo 需一步加大.  (The 国资局 became the 投资促进局; the two files sit in one column of the
  site, but their names are different organs.)
* 309_zhz_2021 (综合执法与应急管理局 2021) keeps two of the four passages of its 2020
  section 五 (308_zhz_2020): 下一步将积极配合区办… (67 characters without punctuation) and
  进一步细化落实《…》… (99); its opening (2021年，我局持续加大…, the year changed) and its
  problem (政务公开工作人员身兼数职…) are new: 166 of 250 characters = 0.664.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import govkit
from govkit.analyze.copying import shared_passages
from govkit.corpus import build_corpus
from govkit.read import passages
from govkit.read.pipeline import parse
from govkit.read.readers import READERS
from govkit.read.sections import split
from govkit.read.text import norm
from govkit.years import link

PINGTAN = Path(__file__).resolve().parent.parent / "data" / "pingtan"


def load(*names: str, extra: dict[str, bytes] | None = None) -> govkit.Corpus:
    blobs = {n: (PINGTAN / n).read_bytes() for n in names} | (extra or {})
    return link(build_corpus(list(blobs), [parse(b, n) for n, b in blobs.items()]))


def row(out: pl.DataFrame, corpus: govkit.Corpus, source: str, scope: str) -> dict:
    rid = corpus.reports.filter(pl.col("source") == source)["report_id"].item()
    return out.filter((pl.col("report_id") == rid) & (pl.col("scope") == scope)).row(
        0, named=True)


def rid(corpus: govkit.Corpus, source: str) -> str:
    return corpus.reports.filter(pl.col("source") == source)["report_id"].item()


@pytest.fixture(scope="module")
def pingtan() -> govkit.Corpus:
    return govkit.load(PINGTAN)


@pytest.fixture(scope="module")
def copies(pingtan: govkit.Corpus) -> pl.DataFrame:
    return govkit.copies(pingtan)


def test_section5_copied_from_another_organ_is_whole(pingtan, copies):
    r = row(copies, pingtan, "013_pt-touzicjj_2025.txt", "section5")
    assert r["organ_key"] == "平潭综合实验区投资促进局"
    assert r["chars"] == 220
    assert r["from_others"] == 1.0
    assert r["others_report_id"] == rid(pingtan, "004_pt-guozij_2023.txt")
    # its own previous report (投资促进局 2024) printed the same text already
    assert r["previous_report_id"] == rid(pingtan, "118_gyz_2024.txt")
    assert r["from_previous"] == 1.0
    # the source itself copied nothing of section 五 from anyone earlier
    src = row(copies, pingtan, "004_pt-guozij_2023.txt", "section5")
    assert src["from_others"] == 0.0 and src["others_report_id"] is None


def test_copied_passages_read_back_as_printed():
    a = (PINGTAN / "013_pt-touzicjj_2025.txt").read_bytes()
    b = (PINGTAN / "004_pt-guozij_2023.txt").read_bytes()
    five = shared_passages(a, b).filter(pl.col("section") == "五")
    assert five["chars"].to_list() == [70, 33, 89, 28]
    assert five["text"][1] == "二是重点领域信息公开的要求还需提高，广度有待进一步拓宽，深度有待进一步加强"


def test_same_organ_previous_year_share(pingtan, copies):
    r = row(copies, pingtan, "309_zhz_2021.txt", "section5")
    assert r["previous_report_id"] == rid(pingtan, "308_zhz_2020.txt")
    assert (r["chars"], r["from_previous"]) == (250, pytest.approx(166 / 250))
    assert r["from_others"] == 0.0
    text = row(copies, pingtan, "309_zhz_2021.txt", "text")
    assert text["chars"] > r["chars"] and 0 < text["from_previous"] < 1


def test_first_report_of_an_organ_has_no_previous_share(pingtan, copies):
    for source in ("115_gyz_2019.txt", "118_gyz_2024.txt"):  # 国资局's and 投资促进局's first
        for scope in ("section5", "text"):
            r = row(copies, pingtan, source, scope)
            assert r["previous_report_id"] is None
            assert r["from_previous"] is None and r["repeated_problems"] is None


def test_template_shared_by_two_reports_is_not_copying():
    # Two organs, 2022 and 2023: the same headings, and sections 三 and 四 printed
    # alike but for spaces (tables of zeros); no sentence in common.
    names = ("117_gyz_2022.txt", "311_zhz_2023.txt")
    tables = [split(READERS["text"]((PINGTAN / n).read_bytes()).lines) for n in names]
    assert len({norm(s.text("applications") + s.text("reviews")) for s in tables}) == 1
    out = govkit.copies(load(*names), repeated=False)
    assert out.height == 4
    assert out["from_others"].to_list() == [0.0, 0.0, 0.0, 0.0]
    assert out["others_report_id"].null_count() == 4


@pytest.mark.parametrize("text", [
    "五、存在的主要问题及改进情况",
    "（五）要求行政机关确认或重新出具已获取信息",
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息"
    "公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和其他需要"
    "报告的事项。",
    "平潭综合实验区综合执法与应急管理局 2022年1月12日",
    "特此报告。",
])
def test_template_labels_signatures_and_short_fragments_are_no_passages(text):
    assert list(passages.passages(text)) == []


def test_passage_key_ignores_enumerators_and_punctuation():
    a = passages.key("二是加大学习、培训，多形式开展政策解读工作。")
    b = passages.key("（3）加大学习、培训,多形式开展政策解读工作")
    assert a == b == "加大学习培训多形式开展政策解读工作"
    assert passages.digest(a) == passages.digest(b) == -7469287441919495469


def test_passages_frame(pingtan):
    p = pingtan.passages
    assert p.schema == pl.Schema({"report_id": pl.Utf8, "section": pl.Utf8, "seq": pl.Int32,
                                  "chars": pl.Int32, "digest": pl.Int64})
    assert set(p["section"].unique()) <= {"0", "一", "五", "六"}  # never the tables 二–四
    assert p["report_id"].n_unique() == pingtan.reports.height


def test_duplicate_rendering_is_skipped():
    twin = (PINGTAN / "013_pt-touzicjj_2025.txt").read_bytes() + b"\n"
    c = load("013_pt-touzicjj_2025.txt", "004_pt-guozij_2023.txt",
             extra={"013_twin.txt": twin})
    dup = c.reports.filter(pl.col("duplicate_of").is_not_null())["source"].to_list()
    assert dup == ["013_twin.txt"]
    out = govkit.copies(c, repeated=False)
    assert out.height == 4 and rid(c, "013_twin.txt") not in out["report_id"].to_list()
    r = row(out, c, "013_pt-touzicjj_2025.txt", "section5")
    assert r["from_others"] == 1.0 and r["previous_report_id"] is None


def test_repeated_problems_join_the_view(pingtan, copies):
    rep = govkit.repeated_problems(pingtan).filter(pl.col("promised"))
    expected = dict(rep.group_by("report_id").len().iter_rows())
    got = copies.filter(pl.col("scope") == "section5", pl.col("repeated_problems") > 0)
    assert dict(got.select("report_id", "repeated_problems").iter_rows()) == expected
