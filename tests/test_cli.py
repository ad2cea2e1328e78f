"""The command line: every command documented, errors as clean messages."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from conftest import DATA, ROOT, SEEDS

from govkit import dictionary
from govkit.cli import COMMANDS, main, parser


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default store under a temporary $GOVKIT_CACHE, not the checkout's .cache."""
    monkeypatch.setenv("GOVKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """The subcommands as the parser itself holds them."""
    [sub] = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def readme_command_line() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]


def test_every_command_and_option_is_in_the_readme() -> None:
    section = readme_command_line()
    commands = subcommands()
    assert set(commands) == set(COMMANDS) >= {"summary", "export", "findings", "brief",
                                              "dictionary"}
    help_text = parser().format_help()
    for name, sub in commands.items():
        assert COMMANDS[name][0] and name in help_text
        assert f"govkit {name}" in section, f"README's Command line lacks `govkit {name}`"
        options = [o for a in sub._actions for o in a.option_strings
                   if o.startswith("--") and o != "--help"]
        assert options or name == "dictionary"
        for option in options:
            assert f"`{option}" in section, f"README's Command line lacks {name} {option}"


def test_every_command_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for name in COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        out = capsys.readouterr().out
        examples = out.split("\nexamples:\n", 1)[1]
        assert examples.count(f"  govkit {name} ") >= 2, name


def test_summary_prints_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(DATA)]) == 0
    out, err = capsys.readouterr()
    assert "42 reports" in out
    # the Pingtan series: 37 reports of 7 organs, every consecutive year paired
    assert "continuity (30 pairs of consecutive years, 7 organs)" in out
    assert "continuity.carried_over  30 consistent, 0 inconsistent, 0 undecidable" in out
    # the closing summary, on stderr: the figures of the README's summary and coverage
    assert err.splitlines() == [
        "govkit summary: 42 files read: 35 ok, 7 partial, 0 failed",
        "  findings    113: table 65, identity 25, narrative 4, continuity 15, template 4",
        "  identities  1671 evaluated: 1646 held, 25 broken"]


def test_every_command_ends_with_the_closing_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["summary", str(SEEDS)], ["findings", str(SEEDS), "--check", "identity"],
                 ["export", str(SEEDS), "--out", str(tmp_path)]):
        assert main(argv) == 0
        err = capsys.readouterr().err.splitlines()
        i = err.index(f"govkit {argv[0]}: 5 files read: 4 ok, 1 partial, 0 failed")
        assert err[i + 1] == "  findings    18: table 16, narrative 1, template 1"
        assert err[i + 2] == "  identities  167 evaluated: 167 held, 0 broken"
    assert err[-1] == f"  wrote       9 files (parquet and DICTIONARY.md) to {tmp_path}"


def test_failed_files_exit_0_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    # four of the five seeds are over 6,000 bytes: failed rows, listed, not a crash
    tiny = ["findings", str(SEEDS), "--max-mb", "0.006", "--no-store"]
    assert main(tiny) == 0
    err = capsys.readouterr().err
    assert "govkit findings: 5 files read: 0 ok, 1 partial, 4 failed" in err
    assert ("  failed      000_be2d63098a052ce9.txt (parse.too_large)\n"
            "              001_03da7e1ee6363f6c.txt (parse.too_large)\n") in err
    assert "              003_23d160e7ec491542.txt (parse.too_large)\n" in err
    assert "  exit        0: 4 file(s) failed (--strict would exit 1)" in err
    assert main([*tiny, "--strict"]) == 1
    assert "  exit        1: 4 file(s) failed and --strict was given" in capsys.readouterr().err
    # broken identities are findings about the reports, not failures: strict still exits 0
    assert main(["summary", str(DATA), "--strict"]) == 0
    assert "25 broken" in capsys.readouterr().err


def test_the_closing_summary_names_the_first_failed_files_only() -> None:
    import govkit
    from govkit.cli import closing_text

    corpus = govkit.load(SEEDS, max_bytes=6000)
    text, status = closing_text(corpus, "summary", failed_shown=2, strict=True)
    assert status == 1
    assert text.splitlines()[1:4] == [
        "  failed      000_be2d63098a052ce9.txt (parse.too_large)",
        "              001_03da7e1ee6363f6c.txt (parse.too_large)",
        "              … and 2 more (govkit findings PATH --check parse)"]


def test_the_brief_command_ends_with_the_closing_summary() -> None:
    from sample_briefs import sample_briefs

    batch = sample_briefs()  # `govkit brief data --out …`, run once for the whole suite
    assert batch.proc.returncode == 0, batch.proc.stderr
    err = batch.proc.stderr.splitlines()
    i = err.index("govkit brief: 42 files read: 35 ok, 7 partial, 0 failed")
    assert err[i + 3] == f"  wrote       13 of 13 briefs and index.html to {batch.out}"


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
    assert (tmp_path / "DICTIONARY.md").is_file()


def test_export_writes_one_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "frames"
    assert main(["export", str(SEEDS), "--out", str(folder), "--format", "xlsx"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"{folder / 'govkit.xlsx'}  sheets 说明 and reports 5, applications 847, reviews 75, "
        "disclosures 86, problems 32, readings 0, findings 18, passages 130 (rows)")
    wb = openpyxl.load_workbook(folder / "govkit.xlsx", read_only=True)
    assert wb.sheetnames[0] == "说明" and len(wb.sheetnames) == 9
    assert sorted(p.name for p in folder.iterdir()) == ["DICTIONARY.md", "govkit.xlsx"]


def test_an_export_that_cannot_be_written_is_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert main(["export", str(SEEDS), "--out", str(tmp_path / "file" / "x")]) == 2
    assert "govkit export: " in capsys.readouterr().err


def test_the_dictionary_command_writes_the_committed_markdown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dictionary"]) == 0
    assert capsys.readouterr().out == dictionary.markdown()
    assert main(["dictionary", "--out", str(tmp_path / "dd.md")]) == 0
    assert (tmp_path / "dd.md").read_text("utf-8") == (
        ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["dd.md"]


def test_missing_folder_is_a_message_not_a_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "govkit", "summary", "/nonexistent/x"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "no such file or folder" in proc.stderr and "Traceback" not in proc.stderr
