"""Corpus.coverage: what a folder without gold can confirm, checked by hand on data/ and
against the referee ../shared/tools/wild_check.py on ../shared/wild."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import polars as pl
import pytest
from conftest import ROOT, SEEDS, SHARED

import govkit
from govkit.coverage import COUNTS, null_cells

WILD = SHARED / "wild"
WILD_CHECK = SHARED / "tools" / "wild_check.py"


def test_data_totals_as_counted_by_hand(corpus: govkit.Corpus) -> None:
    t = corpus.coverage(by=None).row(0, named=True)
    # cells: applications 182 (2021: 26 rows × 7) ×2 + 161 (2019: 23 rows) ×3 (004's
    # tables follow the 2019 form, though it reports on 2021); reviews 15 × 5;
    # disclosures 10 (2021) ×2 + 22 (2019) ×3
    assert t["reports"] == 5
    assert t["cells"] == 182 * 2 + 161 * 3 + 15 * 5 + 10 * 2 + 22 * 3 == 1008
    # 004 reads only 规章 0 0 0 and the 15 zeros of section 四
    assert t["cells_read"] == 1008 - (161 + 19) == 828
    assert t["cells_read_share"] == pytest.approx(828 / 1008)
    # the derived cells are 000's and 003's （六）其他处理, summed from its three sub-rows
    assert (t["printed"], t["blank_zero"], t["derived"], t["missing"]) == (814, 0, 14, 180)
    assert t["tables_lost"] == t["reports_with_table_lost"] == 0
    assert t["reports_without_problem"] == t["reports_without_improvement"] == 0
    # the seeds' statements, as the hand annotation counts them
    assert (t["problems"], t["improvements"]) == (4 + 2 + 2 + 3 + 2, 7 + 3 + 3 + 3 + 3)
    assert (t["nulls_explained"], t["nulls_unexplained"]) == (180, 0)


def test_every_null_of_004_has_its_reason(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    nulls = null_cells(corpus).filter(report_id=ids["004"])
    by = dict(nulls.group_by("check").len().iter_rows())
    # 一、本年新收 is lost (7 cells); 12 rows print 6 figures for 7 columns; after
    # (四)1. the table breaks off: 10 rows of section 三 (the 2019 form: （六） is one
    # row) and 19 cells of section 二
    assert by == {"table.missing": 7, "table.ambiguous": 12 * 7, "table.truncated": 10 * 7 + 19}
    one = nulls.filter(key1="denied.state_secret", key2="total").row(0, named=True)
    assert (one["check"], one["scope"]) == ("table.ambiguous", "applications/denied.state_secret")


def test_per_report_rows_add_up_to_the_total(corpus: govkit.Corpus, ids: dict[str, str]) -> None:
    per = corpus.coverage()
    assert per["source"].to_list() == sorted(corpus.reports["source"])
    total = corpus.coverage(by=None)
    for col in COUNTS:
        assert per[col].sum() == total[col][0], col
    r004 = per.filter(report_id=ids["004"]).row(0, named=True)
    assert (r004["cells"], r004["cells_read"]) == (161 + 15 + 22, 15 + 3)
    assert r004["cells_read_share"] == pytest.approx(18 / 198)
    # held = checked − broken, whatever the checks count
    assert (per["identities_held"] == per["identities_checked"] - per["identities_broken"]).all()
    assert (per["identities_checked"] <= per["identities_possible"]).all()
    by_year = corpus.coverage(by="year")
    assert by_year["year"].to_list() == [2020, 2021, 2023]
    assert by_year["cells"].sum() == 1008
    assert by_year.filter(year=2021)["reports"][0] == 2


def test_a_lost_table_and_a_failed_file_are_counted(tmp_path) -> None:
    text = (SEEDS / "000_be2d63098a052ce9.txt").read_text(encoding="utf-8")
    head, _, rest = text.partition("四、政府信息公开行政复议")
    _, _, tail = rest.partition("五、")
    (tmp_path / "no_reviews.txt").write_text(head + "五、" + tail, encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    c = govkit.load(tmp_path)
    per = c.coverage().sort("source")
    lost = per.filter(source="no_reviews.txt").row(0, named=True)
    assert (lost["tables_lost"], lost["reports_with_table_lost"]) == (1, 1)
    assert per.filter(source="junk.txt")["status"][0] == "failed"
    # a file read as nothing has lost every table it should print, as wild_check counts it
    junk = per.filter(source="junk.txt").row(0, named=True)
    assert (junk["tables_lost"], junk["cells_read"]) == (3, 0)
    text = c.coverage_text()
    assert "4 in 2 of 2 reports (applications 1, reviews 2, disclosures 1)" in text
    assert "failed reports       1 of 2: nothing read" in text


def test_by_must_name_a_reports_column(corpus: govkit.Corpus) -> None:
    with pytest.raises(ValueError, match=r"columns of corpus\.reports"):
        corpus.coverage(by="nope")


def test_text_block_on_data(corpus: govkit.Corpus) -> None:
    text = corpus.coverage_text()
    assert "template cells read  828 of 1008 (82.1%): printed 814, blank_zero 0, derived 14, missing 180" in text
    assert "180: 180 explained by a finding (table.truncated 89, table.ambiguous 84, table.missing 7), 0 unexplained" in text
    assert re.search(r"004_40c7b6f28b90a743\.txt\s+9\.1% \(18 of 198", text)


@pytest.mark.skipif(not (WILD.is_dir() and WILD_CHECK.exists()),
                    reason="../shared/wild and its referee are not beside the repo")
def test_wild_totals_agree_with_the_referee() -> None:
    proc = subprocess.run([sys.executable, str(WILD_CHECK), str(WILD)], capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=600)
    out = proc.stdout
    cells = re.search(r"wild cells read ([\d.]+)% of template cells; tables lost (\d+)/(\d+)", out)
    holds = re.search(r"all identities hold in (\d+);", out)
    assert cells and holds, out + proc.stderr
    c = govkit.load(WILD)
    t = c.coverage(by=None).row(0, named=True)
    assert f"{t['cells_read_share']:.1%}" == f"{cells.group(1)}%"
    assert (t["reports_with_table_lost"], t["reports"]) == (int(cells.group(2)), int(cells.group(3)))
    per = c.coverage()
    assert per.filter(pl.col("identity_findings") == 0).height == int(holds.group(1))
