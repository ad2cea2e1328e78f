"""Recurring phrases of section 五 on the seeds' real statements (govkit.analyze.phrases)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import altair as alt
import polars as pl
import pytest

import govkit
from govkit.analyze.phrases import PHRASES, REPEATED, kwic, maximal
from govkit.analyze.segment import bound_words, stopwords
from govkit.corpus import SCHEMAS
from govkit.publish.charts.phrases import recurring_phrases as phrases_chart

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

#: Words a careful reader would call filler if a "recurring problem" were made of them,
#: whether or not the stopword list has them.
FILLERS = {"进一步", "加强", "工作", "有关", "情况", "方面", "相关", "有待", "提高", "提升",
           "不断", "切实", "积极", "存在", "问题", "一些", "部分", "主要", "一定", "方式", "程度",
           "做好", "进一步提高", "进一步加强", "取得", "成效", "不足之处", "我街", "街道", "的",
           "和", "需", "还", "仍", "对", "将", "等"}


def _reports(frame: pl.DataFrame, ids: dict[str, str]) -> dict[str, set[str]]:
    seed = {rid: n for n, rid in ids.items()}
    return {p: {seed.get(r, r) for r in rs} for p, rs in frame.select("phrase", "report_ids")
            .iter_rows()}


def test_workforce_problem_recurs_in_002_003_004(corpus: govkit.Corpus,
                                                 ids: dict[str, str]) -> None:
    # 002 队伍力量不足 … 由兼职人员负责; 003 政务公开队伍建设需进一步加强 … 专业知识掌握不深;
    # 004 工作开展起来缺乏专业性 (its fix: 加强队伍建设工作).
    words = _reports(govkit.recurring_phrases(corpus, ngram=(1, 1), top=None), ids)
    assert words["队伍"] == {"002", "003"}
    assert words["专业"] == {"003", "004"}
    whole = _reports(govkit.recurring_phrases(corpus, kind=None, ngram=(1, 1), top=None), ids)
    assert {"002", "003", "004"} <= whole["队伍"]
    assert whole["队伍建设"] == {"003", "004"}


def test_shared_phrase_with_example(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    # 003 信息公开工作认识不到位; 004 重要性、必要性认识不到位
    top = govkit.recurring_phrases(corpus)
    row = top.row(0, named=True)
    assert (row["phrase"], row["n_reports"], row["reports_total"]) == ("认识 不到位", 2, 5)
    assert row["share"] == pytest.approx(0.4)
    assert row["example"] == "信息公开工作【认识不到位】,对应当主动公开的范围认识不…"
    assert row["example_source"].startswith("003_")
    assert _reports(top, ids)["认识 不到位"] == {"003", "004"}
    assert top.schema == pl.Schema(PHRASES)


def _both(corpus: govkit.Corpus) -> govkit.Corpus:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repo")
    more = govkit.load(SHARED_CORPUS)
    return govkit.Corpus(**{name: pl.concat([getattr(corpus, name), getattr(more, name)],
                                            how="diagonal_relaxed")
                            for name in SCHEMAS})


@pytest.mark.parametrize("where", ["data", "data+corpus"])
@pytest.mark.parametrize("ngram", [(2, 4), (1, 4), (1, 1)])
def test_top_15_problem_phrases_hold_no_filler(corpus: govkit.Corpus, where: str,
                                               ngram: tuple[int, int]) -> None:
    c = corpus if where == "data" else _both(corpus)
    top = govkit.recurring_phrases(c, top=15, ngram=ngram)
    assert top.height > 0
    for phrase in top["phrase"]:
        words = set(phrase.split())
        assert not words & FILLERS, phrase
        assert not words & stopwords(), phrase
        assert not words <= bound_words(), phrase


def test_runs_are_deterministic(corpus: govkit.Corpus) -> None:
    for kw in ({}, {"by": "year", "top": None}, {"kind": None, "ngram": (1, 4)}):
        assert govkit.recurring_phrases(corpus, **kw).equals(
            govkit.recurring_phrases(corpus, **kw))
    # the order is fixed: more reports, more mentions, longer, then code-point order
    top = govkit.recurring_phrases(corpus, kind=None, ngram=(1, 4), top=None)
    keys = list(zip(-top["n_reports"], -top["n_mentions"], -top["n_tokens"], top["phrase"],
                    strict=True))
    assert keys == sorted(keys)


def test_by_year_counts_within_each_year(corpus: govkit.Corpus) -> None:
    overall = govkit.recurring_phrases(corpus, kind=None, ngram=(1, 1), top=None)
    by = govkit.recurring_phrases(corpus, kind=None, ngram=(1, 1), by="year", top=None)
    assert by.columns == ["year", *PHRASES]
    years = dict(corpus.reports.group_by("year").len().iter_rows())
    for year, total in by.select("year", "reports_total").unique().iter_rows():
        assert total == years[year]
    assert by.select((pl.col("share") - pl.col("n_reports") / pl.col("reports_total"))
                     .abs().max()).item() < 1e-12
    summed = by.group_by("phrase").agg(pl.col("n_reports").sum())
    assert dict(summed.iter_rows()) == dict(overall.select("phrase", "n_reports").iter_rows())
    assert govkit.recurring_phrases(corpus, by="year", top=1).group_by("year").len()["len"].max() == 1
    with pytest.raises(ValueError, match="by"):
        govkit.recurring_phrases(corpus, by="colour")


# 000 prints this sentence (as the lead-in of its problems, which govkit drops from the
# statements); other organs' reports copy it with their own year and pronoun (and one copy
# with a word changed: near-identical counts too).
TEMPLATE = ("{}年，{}政府信息公开工作做到应公开尽公开，取得了较大进展，但仍存在一些不足之处，"
            "主要体现在：公开信息不全面、格式不规范、更新不及时等。")


def test_template_sentences_are_set_aside(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    extra = pl.DataFrame({"report_id": [ids["000"], ids["001"], ids["002"], ids["003"]],
                          "kind": ["problem"] * 4, "scope": ["current"] * 4,
                          "seq": [90, 90, 90, 90],
                          "text": [TEMPLATE.format(2021, "我街"),
                                   TEMPLATE.format(2020, "我街道"), TEMPLATE.format(2020, "我局"),
                                   TEMPLATE.format(2023, "慈音街道").replace("不及时", "不够及时")]},
                         schema=corpus.problems.schema)
    c = replace(corpus, problems=pl.concat([corpus.problems, extra]))
    found = govkit.template_sentences(c)
    assert found.height == 1
    assert found.row(0, named=True)["n_organs"] == 4
    assert found["sentence"][0].startswith("2021年，我街政府信息公开工作做到应公开尽公开")
    kept = govkit.recurring_phrases(c, drop_boilerplate=False, top=None)["phrase"].to_list()
    assert "公开 尽 公开" in kept  # counted, the template would look like a shared problem
    assert "公开 尽 公开" not in govkit.recurring_phrases(c, top=None)["phrase"].to_list()
    assert govkit.template_sentences(corpus).is_empty()


def test_repeated_problems_empty_with_one_report_per_organ(corpus: govkit.Corpus) -> None:
    out = govkit.repeated_problems(corpus)
    assert out.is_empty() and out.schema == pl.Schema(REPEATED)


def test_repeated_problem_after_a_promise(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    # 000 reports last year's problems (（一）上年度存在问题: 信息公开不全面), last year's
    # promise (（二）本年度改进措施: 确保政府信息及时、准确、全面地公开) and this year's
    # problems (（三）: 公开信息不全面、格式不规范、更新不及时).  As two reports of one organ:
    rid = ids["000"]
    rep = corpus.reports.filter(pl.col("report_id") == rid)
    reports = pl.concat([
        rep.with_columns(report_id=pl.lit("y2020"), year=pl.lit(2020, pl.Int16),
                         source=pl.lit("000_2020.txt")),
        rep.with_columns(report_id=pl.lit("y2021"), source=pl.lit("000_2021.txt"))])
    problems = (corpus.problems.filter(pl.col("report_id") == rid)
                .with_columns(report_id=pl.when(pl.col("seq") <= 4).then(pl.lit("y2020"))
                              .otherwise(pl.lit("y2021"))))
    out = govkit.repeated_problems(replace(corpus, reports=reports, problems=problems))
    assert out.select("organ", "phrase", "previous_year", "year", "promised").rows() == [
        ("旧街街道办事处", "不全面", 2020, 2021, True)]
    row = out.row(0, named=True)
    assert row["previous_example"] == "信息公开【不全面】，内容局限于上级要求公开的内…"
    assert "公开信息【不全面】、格式不规范" in row["example"]
    assert "准确、【全面】地公开" in row["promise"]
    # the 2021 report spelling the organ 旧街街道 (no 办事处) is the same organ
    renamed = reports.with_columns(
        organ=pl.when(pl.col("report_id") == "y2021").then(pl.lit("旧街街道"))
        .otherwise(pl.col("organ")),
        organ_key=pl.lit("旧街街道"))
    again = govkit.repeated_problems(replace(corpus, reports=renamed, problems=problems))
    assert again.select("organ", "phrase", "previous_year", "year").rows() == [
        ("旧街街道", "不全面", 2020, 2021)]


def test_maximal_and_kwic() -> None:
    sets = {"队伍": frozenset("ab"), "队伍建设": frozenset("ab"), "政务公开 队伍建设": frozenset("ab"),
            "能力": frozenset("abc")}
    assert maximal(sets) == {"政务公开 队伍建设", "能力"}
    assert kwic("一二三四五六七八九十", 4, 6, width=2) == "…三四【五六】七八…"
    assert kwic("队伍力量不足", 0, 2) == "【队伍】力量不足"


def test_chart(corpus: govkit.Corpus) -> None:
    chart = phrases_chart(corpus, ngram=(1, 4))
    spec = chart.to_dict()
    assert spec["title"]["text"] == "反复出现的表述：存在的主要问题"
    values = next(iter(spec["datasets"].values()))
    assert {"phrase", "year_label", "part", "example"} <= set(values[0])
    assert "队伍" in {v["phrase"] for v in values}
    one = replace(corpus, problems=corpus.problems.head(2))
    assert isinstance(phrases_chart(one), alt.Chart)  # says why it is empty, not a blank box
