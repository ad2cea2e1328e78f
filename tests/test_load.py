"""govkit.load on files and folders, including files that cannot be read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA, SEEDS

import govkit
from govkit.corpus import SCHEMAS


def test_every_frame_has_the_contract_schema(corpus: govkit.Corpus) -> None:
    for name, schema in SCHEMAS.items():
        frame = getattr(corpus, name)
        assert dict(frame.schema) == schema, name


def test_report_id_is_stable_and_derived_from_bytes(tmp_path: Path) -> None:
    src = SEEDS / "000_be2d63098a052ce9.txt"
    copy = tmp_path / "renamed.txt"
    shutil.copy(src, copy)
    a = govkit.load(src).reports["report_id"][0]
    b = govkit.load(copy).reports["report_id"][0]
    assert a == b == "7f228a9c9a514528"


def test_folder_is_searched_recursively_and_sources_are_relative(tmp_path: Path) -> None:
    (tmp_path / "2021" / "街道").mkdir(parents=True)
    shutil.copy(SEEDS / "000_be2d63098a052ce9.txt", tmp_path / "2021" / "街道" / "a.txt")
    shutil.copy(SEEDS / "001_03da7e1ee6363f6c.txt", tmp_path / "b.txt")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SEEDS / "002_c61ea60888540bc5.txt", tmp_path / ".hidden" / "c.txt")
    c = govkit.load(tmp_path)
    assert sorted(c.reports["source"]) == ["2021/街道/a.txt", "b.txt"]


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "000_be2d63098a052ce9.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "menu.html").write_bytes("<html><body>首页 | 关于我们</body></html>".encode())
    c = govkit.load(tmp_path)
    status = dict(zip(c.reports["source"], c.reports["status"], strict=True))
    assert status["good.txt"] == "ok"
    assert status["empty.txt"] == status["junk.txt"] == status["menu.html"] == "failed"
    failed = c.reports.filter(status="failed")["report_id"]
    errors = c.findings.filter(pl.col("report_id").is_in(failed.to_list()), check="parse.error")
    assert errors["report_id"].n_unique() == 3
    assert errors["message"].str.contains("no readable text|no section").all()
    # a failed report invents no figures
    assert c.applications.filter(pl.col("report_id").is_in(failed.to_list()))["count"].null_count() == \
        c.applications.filter(pl.col("report_id").is_in(failed.to_list())).height


def test_strict_mode_raises_with_the_file_name(tmp_path: Path, monkeypatch) -> None:
    from govkit.read.readers import READERS

    def boom(data: bytes) -> None:
        raise ValueError("broken table")

    monkeypatch.setitem(READERS, "text", boom)
    (tmp_path / "x.txt").write_bytes(b"x")
    assert govkit.load(tmp_path).reports["status"][0] == "failed"
    with pytest.raises(govkit.ParseError, match=r"x\.txt.*broken table"):
        govkit.load(tmp_path, strict=True)


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(govkit.NoReportsError, match="no such file or folder"):
        govkit.load(tmp_path / "nope")


def test_parallel_and_cached_loads_equal_the_serial_load(tmp_path: Path,
                                                        corpus: govkit.Corpus) -> None:
    cache = tmp_path / "cache"
    par = govkit.load(SEEDS, workers=2, store=cache)
    # cache_dir is the former name of store
    again = govkit.load(SEEDS, cache_dir=cache)
    assert len(list(cache.glob("v*/reports/part-*.parquet"))) == 1
    for name in SCHEMAS:
        assert getattr(par, name).equals(getattr(corpus, name)), name
        assert getattr(again, name).equals(getattr(corpus, name)), name


def test_summary_names_years_templates_status_and_checks(corpus: govkit.Corpus) -> None:
    text = corpus.summary_text()
    assert "5 reports (4 ok, 1 partial, 0 failed)" in text
    assert "2019" in text and "2021" in text
    # 004 is a 2021 report whose tables follow the 2019 form: the tables decide, a finding
    # says the year expected the other generation
    assert "template.conflict" in text
    assert "narrative.mismatch" in text and "table.ambiguous" in text


def test_a_script_without_a_main_guard_loads_in_parallel(tmp_path: Path) -> None:
    # Pool workers start from a fork server (forking a process that runs polars' threads
    # can hang); they must not run the researcher's script again, guard or no guard.
    script = tmp_path / "explore.py"
    script.write_text(
        "import govkit\n"
        "print('script body runs')\n"
        f"corpus = govkit.load({str(DATA / 'pingtan')!r}, workers=2, progress=False)\n"
        "print(corpus.reports.height, 'reports')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["script body runs", "37 reports"]
