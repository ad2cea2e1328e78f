"""Crawler text whose table cells lost their boundaries (``713000074`` for 71, 3, 0, 0, 0,
0, 74): a split is taken only where the identities pin it, and then marked derived."""

from __future__ import annotations

import random

import polars as pl
import pytest
from conftest import SHARED, examples, shared_file
from hypothesis import given, settings
from hypothesis import strategies as st
from synth import figures
from test_properties import check_against_truth

import govkit
from govkit.read import glue
from govkit.schema import (
    APPLICANTS,
    APPLICATION_ROWS,
    DISCLOSURE_LAYOUT,
    ITEM_BY_CODE,
    MEASURE_BY_CODE,
    PROCEEDINGS,
    RESULTS,
)

PINGTAN_2022 = SHARED / "corpus" / "010_pingtan_2022_pagetxt.txt"
PINGTAN_2019 = SHARED / "corpus" / "007_pingtan_2019_pagetxt.txt"


def frames(text: str | bytes, name: str = "x.txt") -> govkit.Corpus:
    return govkit.load_bytes(text.encode() if isinstance(text, str) else text, name)


def row(c: govkit.Corpus, code: str) -> tuple[list[int | None], set[str]]:
    f = c.applications.filter(row=code)
    by = dict(zip(f["applicant"], f["count"], strict=True))
    return [by[a] for a in APPLICANTS], set(f["basis"])


@pytest.mark.parametrize(("digits", "want"), [
    ("713000074", [(71, 3, 0, 0, 0, 0, 74)]),   # the example: one split adds up
    ("0000000", [(0,) * 7]),
    ("370000037", [(37, 0, 0, 0, 0, 0, 37)]),
    ("0200002", [(0, 2, 0, 0, 0, 0, 2)]),        # no cell is printed with a leading zero
])
def test_row_total_pins_the_split(digits: str, want: list[tuple[int, ...]]) -> None:
    got = [r for r in glue.readings([digits], [True], 7) if glue.sum_row(6)(r)]
    assert got == [tuple(float(x) for x in w) for w in want]


def test_two_splits_that_add_up_leave_cells_null() -> None:
    # 0|1|2|0|2|12|17 and 0|12|0|2|1|2|17 both add up; only 0 and 17 are certain
    got = [r for r in glue.readings(["012021217"], [True], 7) if glue.sum_row(6)(r)]
    assert len(got) == 2
    assert glue.agreed(got, 7) == [0.0, None, None, None, None, None, 17.0]


HEAD = ("某区2022年度政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
        "三、收到和处理政府信息公开申请情况\n申请人情况 自然人 法人或其他组织 总计 "
        "商业企业 科研机构 社会公益组织 法律服务机构 其他\n")


def test_ambiguous_row_is_null_with_a_finding() -> None:
    c = frames(HEAD + "一、本年新收政府信息公开申请数量012021217二、上年结转政府信息公开申请数量0000000\n")
    values, basis = row(c, "new_received")
    assert values == [0, None, None, None, None, None, 17]
    assert basis == {"derived", "missing"}
    glued = c.findings.filter(pl.col("check") == "table.glued")
    assert glued["scope"].to_list() == ["applications/new_received"]
    assert row(c, "carried_over") == ([0] * 7, {"derived"})


def test_column_identities_pin_what_the_row_total_cannot() -> None:
    # 上年结转 reads two ways; only one satisfies 一 + 二 = 三(七) + 四 in every column
    c = frames(HEAD + "一、本年新收政府信息公开申请数量75301016二、上年结转政府信息公开申请数量"
               "012021217三、本年度办理结果（七）总计764031131四、结转下年度继续办理0010012\n")
    assert row(c, "carried_over") == ([0, 1, 2, 0, 2, 12, 17], {"derived"})
    assert row(c, "total_processed") == ([7, 6, 4, 0, 3, 11, 31], {"derived"})
    assert c.findings.filter(pl.col("check") == "table.glued").is_empty()


@pytest.fixture(scope="module")
def pingtan_2022() -> govkit.Corpus:
    return govkit.load(shared_file(PINGTAN_2022.name))


def test_real_crawler_page(pingtan_2022: govkit.Corpus) -> None:
    r = pingtan_2022.reports.row(0, named=True)
    assert (r["organ"], r["year"], r["template"], r["status"]) == ("平潭综合实验区", 2022, "2021", "ok")
    assert row(pingtan_2022, "new_received") == ([71, 3, 0, 0, 0, 0, 74], {"derived"})
    assert row(pingtan_2022, "total_processed") == ([72, 3, 0, 0, 0, 0, 75], {"derived"})
    assert row(pingtan_2022, "other.other") == ([0, 2, 0, 0, 0, 0, 2], {"derived"})
    # "行政法复议" (sic) still heads section 四; its 15 figures are spaced, so printed
    revs = pingtan_2022.reviews.filter(proceeding="reconsideration").sort("result")
    assert dict(zip(revs["result"], revs["count"], strict=True)) == {
        "corrected": 1, "other": 1, "pending": 0, "total": 2, "upheld": 0}
    assert set(pingtan_2022.reviews["basis"]) == {"printed"}


def test_narrative_pins_a_split_no_identity_can(pingtan_2022: govkit.Corpus) -> None:
    # 行政规范性文件8855698: section 二 has no identity, but the narrative states
    # 现行有效…698件 and 制发的规范性文件88件, which leaves one split: 88 | 55 | 698
    d = pingtan_2022.disclosures.filter(item="normative_documents").sort("measure")
    assert dict(zip(d["measure"], d["value"], strict=True)) == {
        "in_force": 698.0, "issued": 88.0, "repealed": 55.0}
    assert set(d["basis"]) == {"derived"}
    assert pingtan_2022.disclosures.filter(item="admin_fees")["value"].to_list() == [9116.36]


def test_unpinned_splits_stay_null() -> None:
    c = govkit.load(shared_file(PINGTAN_2019.name))
    # 规范性文件898989 and 行政许可3960181: nothing pins them
    assert c.disclosures.filter(item="normative_documents")["value"].null_count() == 3
    assert c.disclosures.filter(item="regulations")["value"].to_list() == [0.0, 0.0, 0.0]
    assert c.findings.filter(scope="disclosures/admin_licensing")["check"].to_list() == [
        "table.glued"]
    # 230 000023 and 23 0 00 0 023: the spaces the page kept are boundaries
    assert row(c, "new_received") == ([23, 0, 0, 0, 0, 0, 23], {"derived"})
    assert row(c, "total_processed")[0] == [23, 0, 0, 0, 0, 0, 23]


def glued_report(rng: random.Random, spaces: float) -> tuple[str, object]:
    """A synthetic report flattened the way crawlers do: no cell boundaries, one line."""
    t = figures(rng)

    def cut() -> str:
        return " " if rng.random() < spaces else ""
    parts = ["测试街道2022年度政府信息公开工作年度报告 一、总体情况 本年度工作平稳。",
             "二、主动公开政府信息情况"]
    for item, measures in DISCLOSURE_LAYOUT["2021"].items():
        parts.append("信息内容" + "".join(MEASURE_BY_CODE[m].label for m in measures))
        parts.append(ITEM_BY_CODE[item].label
                     + "".join(f"{t.disclosures[(item, m)]:g}" + cut() for m in measures))
    parts.append("三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计")
    for spec in APPLICATION_ROWS:
        if "2021" in spec.templates and spec.code != "other":
            parts.append(spec.label + "".join(str(t.apps[(spec.code, a)]) + cut()
                                              for a in APPLICANTS))
    parts.append("四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 "
                 + "结果维持结果纠正其他结果尚未审结总计" * 3)
    parts.append("".join(str(t.reviews[(p, r)]) + cut() for p in PROCEEDINGS for r in RESULTS))
    parts.append("五、存在的主要问题及改进情况 一是人员不足；二是培训不够。六、其他需要报告的事项 无")
    return "".join(parts), t


@settings(max_examples=examples(40))
@given(seed=st.integers(0, 2**32 - 1), spaces=st.sampled_from([0.0, 0.3]))
def test_glued_digits_never_invent_a_number(seed: int, spaces: float) -> None:
    text, truth = glued_report(random.Random(seed), spaces)
    c = frames(text)
    assert c.reports["status"][0] in ("ok", "partial")
    # the identities pin most splits: the test reads figures, it does not only skip them
    assert c.applications["count"].null_count() < c.applications.height // 2
    check_against_truth(c, truth)


def test_a_city_scale_glued_run_is_counted_not_listed() -> None:
    """A city's four-digit figures glued into one run have millions of cuts: counting
    them says "too many" at once (it used to take seconds and gigabytes to list them)."""
    import time

    run = "1234" * 8  # 32 digits for seven cells
    start = time.perf_counter()
    assert glue.readings([run], [True], 7) is None
    assert time.perf_counter() - start < 0.5
    # the count agrees with the listing wherever the listing is small
    for chunk in ("8855698", "10203", "000", "1201", "12.50"):
        counts = glue._counts(chunk, glue.MAX_READINGS)
        assert [len(glue._cuts(chunk, k)) for k in range(1, len(chunk) + 1)] == counts
    # the same run in a crawler page: the row is null with its finding, the file parses
    page = ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量"
            f"{run}\n").encode()
    start = time.perf_counter()
    c = govkit.load_bytes(page, "city.txt")
    assert time.perf_counter() - start < 2
    assert c.applications.filter(row="new_received")["count"].null_count() == 7
    assert "拆分方式过多" in c.findings.filter(check="table.glued")["message"].item()
