"""govkit.load(store=): a folder parsed once is read back, only what changed is parsed,
a damaged store is rebuilt; every file parses within a budget of size and time."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA, SEEDS

import govkit
import govkit.corpus
from govkit.corpus import SCHEMAS
from govkit.read.model import ParsedReport
from govkit.read.pipeline import report_id

PINGTAN = DATA / "pingtan"


def assert_same(a: govkit.Corpus, b: govkit.Corpus) -> None:
    for name in SCHEMAS:
        assert getattr(a, name).equals(getattr(b, name)), name


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed (loads here run in one process)."""
    seen: list[str] = []
    real = govkit.corpus.parse

    def counting(data: bytes, name: str = "", *, strict: bool = False) -> ParsedReport:
        seen.append(Path(name).name)
        return real(data, name, strict=strict)

    monkeypatch.setattr(govkit.corpus, "parse", counting)
    return seen


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The Pingtan series (continuity findings and pins) and the seeds, and one file
    copied byte for byte (duplicate_of)."""
    f = tmp_path / "reports"
    shutil.copytree(PINGTAN, f / "pingtan")
    shutil.copytree(SEEDS, f / "seeds")
    shutil.copy(SEEDS / "000_be2d63098a052ce9.txt", f / "seeds" / "copy.txt")
    return f


def test_reload_equals_the_first_load_and_a_load_without_store(
        tmp_path: Path, folder: Path, parses: list[str]) -> None:
    plain = govkit.load(folder)
    n = len(parses)
    first = govkit.load(folder, store=tmp_path / "store")
    assert len(parses) == 2 * n - 1  # the byte-identical copy is parsed once
    again = govkit.load(folder, store=tmp_path / "store")
    assert len(parses) == 2 * n - 1
    assert_same(first, plain)
    assert_same(again, plain)
    assert plain.reports["duplicate_of"].drop_nulls().len() == 1
    assert plain.findings.filter(pl.col("check").str.starts_with("continuity")).height
    # rebuilt from the parts (no linked snapshot): the same again
    for snap in (tmp_path / "store").glob("v*/linked/*"):
        shutil.rmtree(snap)
    assert_same(govkit.load(folder, store=tmp_path / "store"), plain)
    assert len(parses) == 2 * n - 1


def test_a_new_file_is_the_only_one_parsed(tmp_path: Path, parses: list[str]) -> None:
    shutil.copytree(PINGTAN, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    parses.clear()
    shutil.copy(SEEDS / "001_03da7e1ee6363f6c.txt", tmp_path / "r" / "000_new.txt")
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert parses == ["000_new.txt"]
    assert len(list((tmp_path / "s").glob("v*/reports/part-*.parquet"))) == 2
    assert_same(c, govkit.load(tmp_path / "r"))


def test_a_changed_file_is_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    parses.clear()
    target = tmp_path / "r" / "003_23d160e7ec491542.txt"
    target.write_bytes(target.read_bytes().replace("慈音".encode(), "梵音".encode()))
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert parses == [target.name]
    assert "梵音街道" in c.reports["organ"].to_list()


def test_a_new_parser_version_parses_everything_again(
        tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    parses.clear()
    monkeypatch.setattr(govkit.corpus, "PARSER_VERSION", "test-next")
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert len(parses) == 5
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["vtest-next"]
    assert_same(c, govkit.load(tmp_path / "r"))


@pytest.mark.parametrize("damage", ["truncate part", "delete part", "bad manifest",
                                    "truncate snapshot"])
def test_a_damaged_store_is_rebuilt(tmp_path: Path, folder: Path, parses: list[str],
                                    damage: str) -> None:
    store = tmp_path / "s"
    plain = govkit.load(folder)
    govkit.load(folder, store=store)
    parses.clear()
    v = next(store.glob("v*"))
    part = v / "applications" / "part-00001.parquet"
    if damage == "truncate part":
        part.write_bytes(part.read_bytes()[:200])
    elif damage == "delete part":
        part.unlink()
    elif damage == "bad manifest":
        (v / "manifest.json").write_text("{not json", encoding="utf-8")
    else:
        snap = next(v.glob("linked/*/findings.parquet"))
        snap.write_bytes(snap.read_bytes()[:100])
    c = govkit.load(folder, store=store)
    assert_same(c, plain)
    # the parts are rebuilt by parsing again; a damaged snapshot is linked again
    assert len(parses) == (0 if damage == "truncate snapshot" else plain.reports.height - 1)
    assert_same(govkit.load(folder, store=store), plain)


def test_a_renamed_file_keeps_its_parse_under_its_new_source(
        tmp_path: Path, parses: list[str]) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    parses.clear()
    (tmp_path / "r" / "sub").mkdir()
    (tmp_path / "r" / "003_23d160e7ec491542.txt").rename(tmp_path / "r" / "sub" / "moved.txt")
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert parses == []
    assert "sub/moved.txt" in c.reports["source"].to_list()
    assert "003_23d160e7ec491542.txt" not in c.reports["source"].to_list()
    assert_same(c, govkit.load(tmp_path / "r"))


def test_a_deleted_file_disappears(tmp_path: Path, parses: list[str]) -> None:
    shutil.copytree(PINGTAN, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    gone = tmp_path / "r" / "302_shs_2021.txt"
    rid = govkit.load(gone).reports["report_id"][0]
    gone.unlink()
    parses.clear()
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert parses == []
    assert rid not in c.reports["report_id"].to_list()
    for name in SCHEMAS:
        assert rid not in getattr(c, name)["report_id"].to_list(), name
    assert_same(c, govkit.load(tmp_path / "r"))


def test_unchanged_stat_skips_hashing_and_verify_hashes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    hashed: list[str] = []
    real = govkit.corpus._file_id
    monkeypatch.setattr(govkit.corpus, "_file_id", lambda f: hashed.append(f) or real(f))
    # the files were just written: within the racy window they are hashed again
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert len(hashed) == 5
    hashed.clear()
    monkeypatch.setattr("govkit.store.RACY_NS", -10**12)
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert hashed == []
    govkit.load(tmp_path / "r", store=tmp_path / "s", verify=True)
    assert len(hashed) == 5


def test_a_file_over_the_size_budget_is_a_failed_row(tmp_path: Path, parses: list[str]) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    big = max((tmp_path / "r").iterdir(), key=lambda f: f.stat().st_size)
    limit = big.stat().st_size - 1  # only the largest file is over the budget
    for store in (None, tmp_path / "s", tmp_path / "s"):
        c = govkit.load(tmp_path / "r", store=store, max_bytes=limit)
        row = c.reports.filter(source=big.name)
        assert row["status"].to_list() == ["failed"]
        f = c.findings.filter(report_id=row["report_id"][0])
        assert f["check"].to_list() == ["parse.too_large"]
        assert f"{big.stat().st_size:,} bytes" in f["message"][0]
        assert f"{limit:,} bytes" in f["message"][0]
        assert row["report_id"][0] == report_id(big.read_bytes())
        assert c.reports.filter(status="failed").height == 1
    assert big.name not in parses
    # a larger budget: the file is parsed now
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    assert c.reports.filter(source=big.name)["status"][0] == "ok"
    with pytest.raises(govkit.ParseError, match="too large"):
        govkit.load(big, max_bytes=limit, strict=True)


def test_a_slow_file_times_out_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    real = govkit.corpus.parse

    def slow(data: bytes, name: str = "", *, strict: bool = False) -> ParsedReport:
        if name.endswith("002_c61ea60888540bc5.txt"):
            time.sleep(30)
        return real(data, name, strict=strict)

    monkeypatch.setattr(govkit.corpus, "parse", slow)
    t0 = time.perf_counter()
    c = govkit.load(tmp_path / "r", store=tmp_path / "s", timeout=0.2)
    assert time.perf_counter() - t0 < 10
    status = dict(c.reports.select("source", "status").iter_rows())
    assert status.pop("002_c61ea60888540bc5.txt") == "failed"
    assert "failed" not in status.values()
    f = c.findings.filter(check="parse.timeout")
    assert f.height == 1 and "0.2 s" in f["message"][0]
    assert "002_c61ea60888540bc5.txt" in f["message"][0]
    # kept while the budget is the same; parsed again under another budget
    monkeypatch.setattr(govkit.corpus, "parse", real)
    assert govkit.load(tmp_path / "r", store=tmp_path / "s", timeout=0.2).findings.filter(
        check="parse.timeout").height == 1
    assert govkit.load(tmp_path / "r", store=tmp_path / "s").findings.filter(
        check="parse.timeout").height == 0


def test_scan_gives_the_frames_of_the_last_load(tmp_path: Path, folder: Path) -> None:
    c = govkit.load(folder, store=tmp_path / "s")
    s = govkit.scan(tmp_path / "s")
    assert s.linked
    assert all(isinstance(getattr(s, n), pl.LazyFrame) for n in SCHEMAS)
    assert_same(s.collect(), c)


def test_scan_of_a_store_without_a_load_lists_the_parts(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "r")
    c = govkit.load(tmp_path / "r", store=tmp_path / "s")
    for snap in (tmp_path / "s").glob("v*/linked"):
        shutil.rmtree(snap)
    s = govkit.scan(tmp_path / "s")
    assert not s.linked
    assert s.applications.collect().equals(c.applications)
    with pytest.raises(govkit.NoReportsError, match="no govkit store"):
        govkit.scan(tmp_path / "r")


def test_whole_parts_in_a_new_order_are_read_without_a_join() -> None:
    """A folder parsed part by part, then new files listed before the old ones (the
    usual update): the parts are read back whole, in the load's order; a part with a
    file this load lacks, or a file listed twice, takes the join."""
    from govkit.store import _whole_runs

    stored = pl.DataFrame({"report_id": ["a", "b", "c", "d"],
                           "_part": pl.Series([1, 1, 1, 2], dtype=pl.Int32)})

    def order(ids: list[str], parts: list[int]) -> pl.DataFrame:
        return pl.DataFrame({"report_id": ids, "_part": pl.Series(parts, dtype=pl.Int32)})

    assert _whole_runs(order(["d", "a", "b", "c"], [2, 1, 1, 1]), stored) == [2, 1]
    assert _whole_runs(order(["a", "b", "c", "d"], [1, 1, 1, 2]), stored) == [1, 2]
    assert _whole_runs(order(["a", "c", "d"], [1, 1, 2]), stored) is None  # b deleted
    assert _whole_runs(order(["b", "a", "c", "d"], [1, 1, 1, 2]), stored) is None
    assert _whole_runs(order(["a", "b", "d", "c"], [1, 1, 2, 1]), stored) is None
    assert _whole_runs(order(["a", "a", "b", "c"], [1, 1, 1, 1]), stored) is None
