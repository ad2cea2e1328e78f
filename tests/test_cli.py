"""The command line: every command documented, errors as clean messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA, ROOT

from govkit.cli import COMMANDS, main, parser


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default store under a temporary $GOVKIT_CACHE, not the checkout's .cache."""
    monkeypatch.setenv("GOVKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = parser().format_help()
    for name, (help_, _, _) in COMMANDS.items():
        assert help_ and name in help_text
        assert f"govkit {name}" in readme, f"README does not document `govkit {name}`"


def test_summary_prints_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "42 reports" in out
    # the Pingtan series: 37 reports of 7 organs, every consecutive year paired
    assert "continuity (30 pairs of consecutive years, 7 organs)" in out
    assert "continuity.carried_over  30 consistent, 0 inconsistent, 0 undecidable" in out


def test_the_default_store_is_used_unless_no_store(cache: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["findings", str(DATA / "seeds"), "--no-store"]) == 0
    assert not cache.exists()
    plain = capsys.readouterr().out
    assert main(["findings", str(DATA / "seeds")]) == 0
    first = capsys.readouterr().out
    assert first == plain
    assert list(cache.glob("store/v*/manifest.json"))
    assert main(["findings", str(DATA / "seeds"), "--store", str(tmp_path / "own")]) == 0
    assert capsys.readouterr().out == first
    assert list((tmp_path / "own").glob("v*/manifest.json"))


def test_a_file_over_max_mb_is_listed_as_too_large(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["findings", str(DATA / "seeds"), "--max-mb", "0.006", "--check", "parse"]) == 0
    out = capsys.readouterr().out
    assert "parse.too_large" in out and "6,000 bytes" in out


def test_export_writes_every_frame(tmp_path: Path) -> None:
    assert main(["export", str(DATA), "--out", str(tmp_path), "--format", "csv"]) == 0
    apps = pl.read_csv(tmp_path / "applications.csv")
    assert apps.filter(pl.col("count").is_null()).height > 0  # 004's nulls stay null


def test_missing_folder_is_a_message_not_a_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "govkit", "summary", "/nonexistent/x"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "no such file or folder" in proc.stderr and "Traceback" not in proc.stderr
