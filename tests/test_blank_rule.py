"""The blank-cell rule of SCHEMA.md, on a real row shape in a grid rendering."""

from __future__ import annotations

import polars as pl

from govkit.corpus import build_corpus
from govkit.read.model import Document, Line
from govkit.read.pipeline import build

HEAD = ["三、收到和处理政府信息公开申请情况", "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]


def app_row(cells: list[str]) -> dict[str, object]:
    lines = [Line([h], f"p{i}") for i, h in enumerate(HEAD)]
    lines.append(Line(["一、本年新收政府信息公开申请数量", *cells], "table 1 row 3",
                      table=True, grid=True))
    c = build_corpus(["x.html"], [build("r", Document(lines))])
    rows = c.applications.filter(row="new_received").sort("applicant")
    return {"values": dict(zip(rows["applicant"], rows["count"], strict=True)),
            "basis": dict(zip(rows["applicant"], rows["basis"], strict=True)),
            "findings": c.findings.filter(pl.col("check") == "table.blank").height}


def test_blank_confirmed_by_printed_total_is_zero() -> None:
    got = app_row(["3", "", "", "", "", "1", "4"])
    assert got["values"]["commercial_enterprise"] == 0
    assert got["basis"]["commercial_enterprise"] == "blank_zero"
    assert got["findings"] == 0


def test_blank_not_confirmed_by_total_is_null_with_finding() -> None:
    got = app_row(["3", "", "", "", "", "1", "9"])
    assert got["values"]["commercial_enterprise"] is None
    assert got["basis"]["commercial_enterprise"] == "missing"
    assert got["values"]["total"] == 9
    assert got["findings"] == 4


def test_blank_total_beside_printed_parts_is_derived() -> None:
    got = app_row(["3", "0", "0", "0", "0", "1", ""])
    assert got["values"]["total"] == 4 and got["basis"]["total"] == "derived"
