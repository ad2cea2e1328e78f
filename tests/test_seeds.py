"""Real figures from the five sample reports, read back through govkit.load."""

from __future__ import annotations

import polars as pl

import govkit


def cell(frame: pl.DataFrame, rid: str, **where: str) -> dict:
    rows = frame.filter(pl.col("report_id") == rid, **where).to_dicts()
    assert len(rows) == 1, (where, rows)
    return rows[0]


def test_reports_frame_meets_the_contract(corpus: govkit.Corpus) -> None:
    r = corpus.reports
    assert r.schema["year"] == pl.Int16 and r.schema["n_findings"] == pl.Int32
    got = {src[:3]: (organ, year, tpl, status)
           for src, organ, year, tpl, status in r.select(
               "source", "organ", "year", "template", "status").iter_rows()}
    assert got == {
        "000": ("旧街街道办事处", 2021, "2021", "ok"),
        "001": ("梁园区长征街道办事处", 2020, "2019", "ok"),
        "002": ("关林街道", 2020, "2019", "ok"),
        "003": ("慈音街道", 2023, "2021", "ok"),
        # a 2021 report whose section 二 prints the 2019 heads (本年新制作数量 …): the
        # tables follow the 2019 form, and a finding says the year expected 2021
        "004": ("南山区六号街道", 2021, "2019", "partial"),
    }
    rid = r.filter(pl.col("source").str.starts_with("004"))["report_id"][0]
    conflict = corpus.findings.filter(report_id=rid, check="template.conflict")
    assert conflict.select("expected", "actual").row(0) == ("2021", "2019")


def test_000_prints_15_administrative_penalties(corpus: govkit.Corpus, ids: dict) -> None:
    row = cell(corpus.disclosures, ids["000"], item="admin_penalty", measure="decisions")
    assert row["value"] == 15.0 and row["basis"] == "printed"
    assert "行政处罚" in row["evidence"] and "15" in row["evidence"]


def test_000_is_2021_template_with_other_row_derived(corpus: govkit.Corpus, ids: dict) -> None:
    apps = corpus.applications.filter(pl.col("report_id") == ids["000"])
    assert apps.height == 26 * 7  # 25 printed rows + the derived (六)其他处理
    other = cell(apps, ids["000"], row="other", applicant="total")
    assert other["count"] == 0 and other["basis"] == "derived"
    assert set(apps.filter(pl.col("row") != "other")["basis"]) == {"printed"}


def test_001_is_2019_template_with_single_other_row(corpus: govkit.Corpus, ids: dict) -> None:
    apps = corpus.applications.filter(pl.col("report_id") == ids["001"])
    assert not apps.filter(pl.col("row").cat.starts_with("other.")).height
    assert cell(apps, ids["001"], row="other", applicant="total")["basis"] == "printed"
    d = corpus.disclosures.filter(pl.col("report_id") == ids["001"])
    assert cell(d, ids["001"], item="central_procurement",
                measure="procurement_amount")["value"] == 0.0
    assert set(d["measure"]) >= {"new_made", "prior_year", "change", "procurement_count"}


def test_004_missing_new_received_row_is_null_with_finding(corpus: govkit.Corpus,
                                                           ids: dict) -> None:
    rid = ids["004"]
    new = corpus.applications.filter(pl.col("report_id") == rid, row="new_received")
    assert new.height == 7 and new["count"].null_count() == 7
    assert set(new["basis"]) == {"missing"}
    f = corpus.findings.filter(pl.col("report_id") == rid)
    assert f.filter(check="table.missing", scope="applications/new_received").height == 1


def test_004_rows_printing_6_of_7_cells_are_not_guessed(corpus: govkit.Corpus,
                                                        ids: dict) -> None:
    rid = ids["004"]
    carried = corpus.applications.filter(pl.col("report_id") == rid, row="carried_over")
    assert carried["count"].null_count() == 7
    amb = corpus.findings.filter(pl.col("report_id") == rid, check="table.ambiguous")
    assert "applications/carried_over" in amb["scope"].to_list()
    msg = amb.filter(scope="applications/carried_over")["message"][0]
    assert "6" in msg and "7" in msg and "上年结转" in msg
    assert corpus.findings.filter(pl.col("report_id") == rid, check="table.truncated",
                                  scope="applications").height == 1


def test_004_truncated_review_header_still_reads_15_zeros(corpus: govkit.Corpus,
                                                          ids: dict) -> None:
    r = corpus.reviews.filter(pl.col("report_id") == ids["004"])
    assert r.height == 15 and r["count"].to_list() == [0] * 15


def test_003_narrative_litigation_contradicts_table(corpus: govkit.Corpus, ids: dict) -> None:
    f = corpus.findings.filter(pl.col("report_id") == ids["003"], check="narrative.mismatch")
    assert f.height == 1
    row = f.row(0, named=True)
    assert row["scope"] == "reviews/litigation/total"
    assert (row["expected"], row["actual"]) == ("0", "1")
    assert "收到行政诉讼1条" in row["message"]


def test_002_sixteen_zeros_for_fifteen_review_columns(corpus: govkit.Corpus, ids: dict) -> None:
    r = corpus.reviews.filter(pl.col("report_id") == ids["002"])
    assert r["count"].to_list() == [0] * 15
    f = corpus.findings.filter(pl.col("report_id") == ids["002"], check="table.misaligned")
    assert f.height == 1 and (f["expected"][0], f["actual"][0]) == ("15", "16")


def test_no_identity_breaks_in_consistent_seeds(corpus: govkit.Corpus) -> None:
    assert corpus.findings.filter(pl.col("check").str.starts_with("identity.")).is_empty()


def test_problem_statements_in_order(corpus: govkit.Corpus, ids: dict) -> None:
    p = corpus.problems

    def texts(key: str, kind: str) -> list[str]:
        return (p.filter(pl.col("report_id") == ids[key], kind=kind)
                .sort("seq")["text"].to_list())

    assert texts("002", "problem")[0].startswith("队伍力量不足")
    assert texts("002", "improvement")[0].startswith("今后将落实专职专人")
    assert len(texts("002", "improvement")) == 3
    assert len(texts("001", "problem")) == 2 and len(texts("001", "improvement")) == 3
    assert texts("001", "problem")[0].startswith("信息公开时间节点把握不准")
    # 003 runs problems and measures together in one paragraph
    assert texts("003", "problem")[2].startswith("少数干部对政务信息公开工作重视程度")
    assert "改进措施" not in texts("003", "problem")[2]
    assert texts("003", "improvement")[0].startswith("加强组织领导")
    # 004 wraps the enumerators in markdown bold
    assert texts("004", "problem")[1].startswith("工作开展起来缺乏专业性")
    assert texts("004", "improvement")[2].startswith("加强队伍建设工作")
    # 000: (一)上年度存在问题 一是…三是, (二) a paragraph of three measures, (三) one more
    # problem, (四) four measures; each sentence of an unnumbered paragraph is one measure
    assert len(texts("000", "problem")) == 4 and len(texts("000", "improvement")) == 7
    scopes = p.filter(pl.col("report_id") == ids["000"]).sort("seq")["scope"].to_list()
    assert scopes == ["previous"] * 6 + ["current"] * 5
    seqs = p.filter(pl.col("report_id") == ids["000"])["seq"].to_list()
    assert seqs == sorted(seqs) == list(range(1, len(seqs) + 1))


def test_every_figure_is_traceable(corpus: govkit.Corpus) -> None:
    for name in ("applications", "reviews", "disclosures"):
        f = getattr(corpus, name)
        printed = f.filter(basis="printed")
        assert printed["evidence"].null_count() == 0
        assert printed["evidence"].cast(pl.String).str.contains(r"^line \d+: ").all()


def test_null_counts_only_with_basis_missing(corpus: govkit.Corpus) -> None:
    for name, col in (("applications", "count"), ("reviews", "count"),
                      ("disclosures", "value")):
        f = getattr(corpus, name)
        assert f.filter(pl.col(col).is_null() != (pl.col("basis") == "missing")).is_empty()
