"""Segmentation set up for the genre, and keywords per report (govkit.analyze.segment, .keywords)."""

from __future__ import annotations

import math
import threading
from dataclasses import replace
from importlib import resources

import polars as pl
import pytest

import govkit
from govkit.analyze.keywords import fit_idf, report_keywords
from govkit.analyze.segment import (
    PySegmenter,
    bound_words,
    is_filler,
    segmenter,
    stopwords,
    user_words,
)

DATA_FILES = ("userdict.txt", "stopwords.txt", "bound_words.txt")


@pytest.mark.parametrize("name", DATA_FILES)
def test_word_lists_are_package_data(name: str) -> None:
    assert resources.files("govkit").joinpath("data", name).is_file()


def test_word_lists_hold_the_genre() -> None:
    words = {w for w, _, _ in user_words()}
    assert {"政务公开", "依申请公开", "主动公开", "政策解读", "保密审查", "队伍建设", "公开意识",
            "重点领域"} <= words
    assert {"进一步", "加强", "工作", "有关", "情况", "方面", "的", "和"} <= stopwords()
    assert {"信息公开", "政务公开", "建设"} <= bound_words()
    # negations carry the problem: they are never dropped as filler
    assert not {"不", "不足", "不够", "缺乏", "不到位"} & stopwords()


# Real sentences of the seed reports (002, 003, 004, 001) and how they must be cut.
CUTS = [
    ("政务公开队伍建设需进一步加强", ["政务公开", "队伍建设", "需", "进一步", "加强"]),
    ("信息公开工作认识不到位", ["信息公开", "工作", "认识", "不到位"]),
    ("特别是在办理依申请公开和行政回复能力方面",
     ["特别", "是", "在", "办理", "依申请公开", "和", "行政", "回复", "能力", "方面"]),
    ("部分信息公开不及时", ["部分", "信息公开", "不及时"]),
    ("政策解读的数量及质量有待进一步提高", ["政策解读", "的", "数量", "及", "质量", "有待",
                                          "进一步提高"]),
]


@pytest.mark.parametrize("tokenizer", ["rjieba", "jieba"])
@pytest.mark.parametrize(("text", "tokens"), CUTS)
def test_user_dictionary_keeps_genre_terms_whole(tokenizer: str, text: str,
                                                 tokens: list[str]) -> None:
    assert segmenter(tokenizer).cut(text) == tokens


def test_tokenizers_agree_on_every_statement(corpus: govkit.Corpus) -> None:
    py, rs = segmenter("jieba"), segmenter("rjieba")
    for text in corpus.problems["text"]:
        assert py.cut(text) == rs.cut(text)
        assert py.tokenize(text) == rs.tokenize(text)


@pytest.mark.parametrize(("word", "filler"), [
    ("进一步", True), ("进一步提高", True), ("切实做好", True), ("努力提高", True),
    ("队伍", False), ("应对", False), ("不到位", False), ("积极主动", False)])
def test_filler_compounds(word: str, filler: bool) -> None:
    assert is_filler(word) is filler


def test_segmenter_is_set_up_once_across_threads() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(segmenter())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in seen}) == 1


def test_jieba_cache_goes_to_the_project_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVKIT_CACHE", str(tmp_path))
    seg = PySegmenter(user_words()[:3])
    assert seg.cut("政务公开") == ["政务公开"]
    assert list((tmp_path / "jieba").glob("jieba*.cache"))


def test_idf_is_fitted_on_the_documents() -> None:
    idf = fit_idf(["能力不强", "队伍能力不足", "能力有待进一步加强，队伍力量较为薄弱"])
    assert idf["能力"] == pytest.approx(1.0)                   # in every document
    assert idf["队伍"] == pytest.approx(1 + math.log(4 / 3))   # in two of three
    assert idf["薄弱"] == pytest.approx(1 + math.log(4 / 2))   # in one
    assert "进一步" not in idf and "不足" not in idf            # filler, bare negation


def test_keywords_name_each_reports_own_problem(corpus: govkit.Corpus,
                                                ids: dict[str, str]) -> None:
    kw = report_keywords(corpus, kind="problem", top=8)
    by = {rid: kw.filter(pl.col("report_id") == rid)["keyword"].to_list() for rid in ids.values()}
    assert "不全面" in by[ids["000"]]                       # 信息公开不全面
    assert "政策解读" in by[ids["001"]]                     # 政策解读的数量及质量有待进一步提高
    assert {"力量", "兼职人员"} <= set(by[ids["002"]])       # 队伍力量不足 … 由兼职人员负责
    assert "专业知识" in by[ids["003"]]                     # 专业知识掌握不深
    assert "专业性" in by[ids["004"]]                       # 缺乏专业性
    words = set(kw["keyword"])
    assert not words & stopwords() and not words & bound_words()
    assert kw["method"].unique().to_list() == ["tfidf"]


def test_keywords_are_deterministic_and_tokenizer_independent(corpus: govkit.Corpus) -> None:
    a = report_keywords(corpus, top=10)
    assert a.equals(report_keywords(corpus, top=10))
    assert a.equals(report_keywords(corpus, top=10, tokenizer="jieba"))
    ranks = a.group_by("report_id").agg(pl.col("rank").max())["rank"]
    assert ranks.max() == 10


def test_textrank_for_a_single_report(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    one = replace(corpus, problems=corpus.problems.filter(pl.col("report_id") == ids["002"]))
    kw = report_keywords(one, top=5)
    assert kw["method"].unique().to_list() == ["textrank"]
    assert "能力" in kw["keyword"].to_list()
    with pytest.raises(ValueError, match="method"):
        report_keywords(one, method="lda")
