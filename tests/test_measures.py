"""The rates and totals behind the charts and briefs: real figures from data/, and small
hand-made reports where the sample's zeros cannot show a rate."""

from __future__ import annotations

import polars as pl
import pytest

import govkit
from govkit.analyze import measures
from govkit.corpus import build_corpus
from govkit.read.model import Figure, Finding, ParsedReport


def report(rid: str, organ: str | None, year: int | None, template: str | None = "2021", *,
           apps: dict[str, int | None] | None = None,
           reviews: dict[tuple[str, str], int | None] | None = None,
           findings: int = 0) -> ParsedReport:
    """A parsed report with total-column figures only: enough for the measures."""
    return ParsedReport(
        rid, organ=organ, year=year, template=template,
        applications=[Figure(row, "total", v, "missing" if v is None else "printed", None)
                      for row, v in (apps or {}).items()],
        reviews=[Figure(p, r, v, "missing" if v is None else "printed", None)
                 for (p, r), v in (reviews or {}).items()],
        findings=[Finding("identity.row_total", "applications/granted", "x")] * findings)


def corpus_of(*reports: ParsedReport) -> govkit.Corpus:
    return build_corpus([f"{r.report_id}.txt" for r in reports], list(reports))


def test_new_applications_are_zero_in_the_samples_and_null_where_not_printed(
        corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    new = measures.new_applications(corpus)
    by_id = dict(zip(new["report_id"], new["count"], strict=True))
    assert [by_id[ids[n]] for n in ("000", "001", "002", "003")] == [0, 0, 0, 0]
    assert by_id[ids["004"]] is None  # 004 does not print 本年新收: null, never 0
    assert new.filter(pl.col("report_id") == ids["004"])["basis"].item() == "missing"


def test_labels_are_organ_and_year_in_a_stable_order(corpus: govkit.Corpus) -> None:
    labels = measures.report_labels(corpus)
    assert labels["order"].to_list() == list(range(5))
    assert "旧街街道办事处（2021）" in labels["label"].to_list()
    assert labels["label"].n_unique() == 5


def test_outcome_rows_follow_each_reports_template(corpus: govkit.Corpus,
                                                   ids: dict[str, str]) -> None:
    rows = measures.outcomes(corpus).group_by("report_id").agg(pl.col("row"))
    got = dict(zip(rows["report_id"], rows["row"].to_list(), strict=True))
    assert "other" not in got[ids["000"]] and "other.unpaid_fee" in got[ids["000"]]  # 2021
    assert "other" in got[ids["001"]] and "other.unpaid_fee" not in got[ids["001"]]  # 2019
    assert len(got[ids["000"]]) == 21 and len(got[ids["001"]]) == 19


def test_rates_of_the_samples_are_null_with_the_reason(corpus: govkit.Corpus,
                                                        ids: dict[str, str]) -> None:
    rate = measures.disclosure_rate(corpus)
    assert rate["rate"].null_count() == 5  # nothing processed anywhere: no 0 %
    notes = dict(zip(rate["report_id"], rate["note"], strict=True))
    assert notes[ids["004"]] == measures.NOTE_MISSING
    assert notes[ids["000"]].startswith("无办结申请")
    corr = measures.correction_rate(corpus)
    assert corr.height == 5 * 4  # three proceedings and their sum, per report
    assert corr["rate"].null_count() == 20 and corr["pending"].to_list() == [0] * 20


def test_disclosure_rate_is_granted_and_partial_over_total() -> None:
    c = corpus_of(
        report("a", "甲街道", 2021, apps={"granted": 3, "partially_granted": 1,
                                         "total_processed": 8}),
        report("b", "乙街道", 2021, apps={"granted": 2, "partially_granted": None,
                                         "total_processed": 4}))
    rate = measures.disclosure_rate(c).sort("report_id")
    assert rate["rate"].to_list() == [0.5, None]
    assert rate["note"].to_list() == ["", measures.NOTE_MISSING]


def test_correction_rate_leaves_pending_cases_out_of_the_denominator() -> None:
    c = corpus_of(report("a", "甲街道", 2021, reviews={
        ("reconsideration", "corrected"): 1, ("reconsideration", "pending"): 1,
        ("reconsideration", "total"): 5,
        ("litigation_direct", "corrected"): 0, ("litigation_direct", "pending"): 0,
        ("litigation_direct", "total"): 3,
        ("litigation_after_reconsideration", "corrected"): None,
        ("litigation_after_reconsideration", "pending"): 0,
        ("litigation_after_reconsideration", "total"): 0}))
    corr = measures.correction_rate(c)
    rates = dict(zip(corr["proceeding"], corr["rate"], strict=True))
    assert rates["reconsideration"] == pytest.approx(1 / 4)  # 1 / (5 − 1)
    assert rates["litigation_direct"] == 0.0  # decided cases, none corrected: a real 0 %
    assert rates["litigation_after_reconsideration"] is None  # a part unreadable
    assert rates[measures.ALL_PROCEEDINGS] is None  # so the sum is unknown too


def test_findings_by_check_and_by_report(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    by_check = measures.findings_by_check(corpus)
    top = by_check.row(0, named=True)
    assert (top["check"], top["n"], top["reports"]) == ("table.ambiguous", 12, 1)
    assert by_check.filter(pl.col("check") == "narrative.mismatch")["check_label"].item() \
        == "正文数字与表格不一致"
    by_report = measures.findings_by_report(corpus)
    totals = dict(by_report.select("report_id", "total").unique().iter_rows())
    assert totals == {ids["000"]: 0, ids["001"]: 0, ids["002"]: 1, ids["003"]: 1,
                      ids["004"]: 16}
    assert by_report.filter(pl.col("report_id") == ids["003"])["check"].to_list() \
        == ["narrative.mismatch"]
    clean = by_report.filter(pl.col("report_id") == ids["000"])
    assert clean["check"].to_list() == [None] and clean["n"].to_list() == [0]
