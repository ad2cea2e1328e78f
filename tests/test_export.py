"""Exports for Stata, R and Excel users: the XLSX workbook of data/ read back cell by
cell, CSV and Parquet round trips, label columns, and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
from conftest import DATA

import govkit
from govkit import dictionary
from govkit.corpus import SCHEMAS, Corpus
from govkit.errors import ExportError
from govkit.labels import CHECK_LABELS
from govkit.publish import export


@pytest.fixture(scope="module")
def data() -> Corpus:
    """All of data/: the five seeds and the Pingtan series."""
    return govkit.load(DATA)


@pytest.fixture(scope="module")
def workbook(data: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx")
    export.export(data, out, "xlsx", source="data/")
    return out / export.WORKBOOK


def records(ws: Any, header_at: int = 1) -> list[dict[str, Any]]:
    """The rows of a sheet below its header row, as dicts."""
    rows = ws.iter_rows(min_row=header_at, values_only=True)
    header = next(rows)
    return [dict(zip(header, r, strict=True)) for r in rows]


def test_the_workbook_has_the_about_sheet_then_one_sheet_per_frame(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook, read_only=True)
    assert wb.sheetnames == ["说明", *SCHEMAS]


def about_and_dictionary(workbook: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    ws = openpyxl.load_workbook(workbook, read_only=True)["说明"]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[:2] == ("frame", "column"))
    about = {r[0]: r[1] for r in rows[:at] if r[0] and r[1]}
    header = rows[at]
    return about, [dict(zip(header, r, strict=True)) for r in rows[at + 1:]]


def test_the_about_sheet_says_what_the_workbook_is(workbook: Path) -> None:
    about, _ = about_and_dictionary(workbook)
    assert about["来源 source"] == "data/"
    assert about["govkit 版本 version"] == govkit.__version__
    assert about["解析器版本 parser version"] == govkit.corpus.PARSER_VERSION
    assert about["报告 reports"] == "42 files read: 35 ok, 7 partial, 0 failed"
    assert about["提示 findings"].startswith("113 ")
    assert "never read it as 0" in about["空值与 0 null vs 0"]
    assert "blank_zero = 空白，经核对为 0" in about["basis"]


def test_the_about_sheet_lists_every_column_of_every_sheet(workbook: Path) -> None:
    _, rows = about_and_dictionary(workbook)
    listed = [(r["frame"], r["column"]) for r in rows]
    wb = openpyxl.load_workbook(workbook, read_only=True)
    on_sheets = [(name, c) for name in SCHEMAS
                 for c in next(wb[name].iter_rows(max_row=1, values_only=True))]
    assert listed == on_sheets
    # the schema's 64 columns and the 15 label columns the export adds
    assert len(rows) == sum(len(s) for s in SCHEMAS.values()) + 15 == 79
    added = {(r["frame"], r["column"]) for r in rows if r["in"] == "CSV, XLSX"}
    assert {("applications", "row_label"), ("reviews", "result_label"),
            ("disclosures", "unit"), ("findings", "check_label")} <= added
    row = next(r for r in rows if (r["frame"], r["column"]) == ("applications", "row"))
    assert "denied.state_secret  1.属于国家秘密" in row["codes"].splitlines()
    value = next(r for r in rows if (r["frame"], r["column"]) == ("disclosures", "value"))
    assert "万元: fee_amount, procurement_amount" in value["unit"]


def sheet(workbook: Path, name: str) -> list[dict[str, Any]]:
    return records(openpyxl.load_workbook(workbook, read_only=True)[name])


def test_real_figures_read_back_from_their_cells(workbook: Path) -> None:
    ids = {r["source"]: r["report_id"] for r in sheet(workbook, "reports")}
    disclosures = sheet(workbook, "disclosures")

    def cell(rows: list[dict[str, Any]], source: str, **keys: str) -> dict[str, Any]:
        [found] = [r for r in rows if r["report_id"] == ids[source]
                   and all(r[k] == v for k, v in keys.items())]
        return found

    # data/seeds/000_be2d63098a052ce9.txt, line 43: "行政处罚 | 15"
    penalty = cell(disclosures, "seeds/000_be2d63098a052ce9.txt", item="admin_penalty",
                   measure="decisions")
    assert (penalty["value"], penalty["unit"], penalty["basis"]) == (15, "件", "printed")
    assert (penalty["item_label"], penalty["measure_label"]) == ("行政处罚", "本年处理决定数量")
    assert penalty["evidence"] == "line 43: 行政处罚 | 15"
    # data/pingtan/300_shs_2019.txt, line 10: "政府集中采购 | 2 | 45.82" (万元)
    amount = cell(disclosures, "pingtan/300_shs_2019.txt", item="central_procurement",
                  measure="procurement_amount")
    assert (amount["value"], amount["unit"]) == (45.82, "万元")
    # data/pingtan/304_shs_2023.txt, section 四 printed glued: 000003001410001 → 4 lawsuits
    lawsuits = cell(sheet(workbook, "reviews"), "pingtan/304_shs_2023.txt",
                    proceeding="litigation_direct", result="total")
    assert (lawsuits["count"], lawsuits["basis"], lawsuits["proceeding_label"]) == (
        4, "derived", "未经复议直接起诉")
    # seeds/004 is cut off mid-table: the cell is empty (null), not 0
    lost = cell(sheet(workbook, "applications"), "seeds/004_40c7b6f28b90a743.txt",
                row="granted", applicant="total")
    assert (lost["count"], lost["basis"], lost["row_label"]) == (None, "missing", "（一）予以公开")


def test_every_sheet_reads_back_as_its_frame(data: Corpus, workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook, read_only=True)
    for name in SCHEMAS:
        expected = export.excel_frame(data, name)
        header, *rows = wb[name].iter_rows(values_only=True)
        assert list(header) == expected.columns
        assert rows == expected.rows(), name
        # numbers are numbers and text is text (nulls are empty cells)
        for i, dtype in enumerate(expected.dtypes):
            kinds = {type(r[i]) for r in rows} - {type(None)}
            assert kinds <= ({str} if dtype == pl.String else {int, float}), (name, i, kinds)


def test_the_digest_is_text_in_the_workbook(data: Corpus, workbook: Path) -> None:
    first = sheet(workbook, "passages")[0]
    assert first["digest"] == str(data.passages["digest"][0])  # all 19 digits


def test_csv_round_trip_with_a_byte_order_mark(data: Corpus, tmp_path: Path) -> None:
    written = export.export(data, tmp_path, "csv")
    assert [w.path.name for w in written] == [f"{n}.csv" for n in SCHEMAS] + ["DICTIONARY.md"]
    for name in SCHEMAS:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads the Chinese as UTF-8
        expected = export.labelled(data, name)
        assert pl.read_csv(tmp_path / f"{name}.csv", schema=expected.schema).equals(expected)
    header = (tmp_path / "applications.csv").read_text("utf-8-sig").splitlines()[0]
    assert header == ("report_id,row,row_label,applicant,applicant_label,count,basis,"
                      "basis_label,evidence")


def test_parquet_round_trip_is_the_corpus(data: Corpus, tmp_path: Path) -> None:
    export.export(data, tmp_path, "parquet")
    for name, schema in SCHEMAS.items():
        back = pl.read_parquet(tmp_path / f"{name}.parquet")
        assert back.schema == pl.Schema(schema)
        assert back.equals(getattr(data, name)), name


def test_every_export_writes_the_dictionary_beside_it(data: Corpus, tmp_path: Path) -> None:
    export.export(data, tmp_path, "parquet", source="data/")
    text = (tmp_path / "DICTIONARY.md").read_text("utf-8")
    assert "| 来源 source | data/ |" in text
    assert "| 报告 reports | 42 files read: 35 ok, 7 partial, 0 failed |" in text
    assert text.endswith(dictionary.markdown().split("\n", 2)[2])  # then the dictionary


def test_codes_are_written_as_text_whatever_their_dtype(
        data: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    # the frames' code columns may become pl.Enum: the CSV and XLSX still get plain text
    rows = pl.Enum(list(dictionary.ROW_LABELS))
    monkeypatch.setitem(SCHEMAS, "applications", {**SCHEMAS["applications"], "row": rows})
    enum = Corpus(**{n: getattr(data, n) for n in SCHEMAS} | {
        "applications": data.applications.with_columns(pl.col("row").cast(rows))})
    out = export.labelled(enum, "applications")
    assert out["row"].dtype == pl.String
    assert out.equals(export.labelled(data, "applications"))


def test_a_check_without_a_label_has_an_empty_label(data: Corpus) -> None:
    odd = pl.DataFrame({"report_id": ["x"], "check": ["table.new_kind"], "scope": ["file"],
                        "expected": [None], "actual": [None], "message": ["m"]},
                       schema=SCHEMAS["findings"])
    corpus = Corpus(**{n: getattr(data, n) for n in SCHEMAS} | {"findings": odd})
    assert export.labelled(corpus, "findings")["check_label"].to_list() == [None]


def test_text_longer_than_a_cell_holds_is_cut_and_says_so(
        data: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "XLSX_MAX_CHARS", 100)
    evidence = export.excel_frame(data, "applications")["evidence"].drop_nulls()
    assert evidence.str.len_chars().max() == 100
    cut = evidence.filter(evidence.str.ends_with(export.XLSX_CUT))
    # data/ has evidence lines of up to 139 characters; the short ones stay whole
    assert 0 < cut.len() < evidence.len()
    assert export.labelled(data, "applications")["evidence"].str.len_chars().max() == 139


def test_a_corpus_too_long_for_a_sheet_is_refused_before_writing(
        data: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 1000)
    with pytest.raises(ExportError, match=r"applications has 7,245 rows.*parquet or csv"):
        export.export(data, tmp_path, "xlsx")
    assert os.listdir(tmp_path) == []


def small(data: Corpus) -> Corpus:
    return Corpus(**{n: getattr(data, n).head(20) for n in SCHEMAS})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_failed_csv_export_leaves_the_previous_one_untouched(
        data: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export.export(data, tmp_path, "csv", source="first")
    before = snapshot(tmp_path)
    calls = []
    real = pl.DataFrame.write_csv

    def disk_full(self: pl.DataFrame, file: Any = None, **kw: Any) -> Any:
        calls.append(file)
        if len(calls) == 3:  # two frames written, the third fails half-way
            Path(file).write_bytes(b"report_id,tab")
            raise OSError(28, "No space left on device")
        return real(self, file, **kw)

    monkeypatch.setattr(pl.DataFrame, "write_csv", disk_full)
    with pytest.raises(ExportError, match=r"previous files are unchanged.*No space left"):
        export.export(small(data), tmp_path, "csv", source="second")
    assert len(calls) == 3
    assert snapshot(tmp_path) == before  # no half file, no temporary folder, nothing new


def test_a_failed_xlsx_export_leaves_the_previous_workbook_untouched(
        data: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export.export(small(data), tmp_path, "xlsx")
    before = snapshot(tmp_path)
    real = pl.DataFrame.write_excel
    sheets: list[object] = []

    def fails_on_findings(self: pl.DataFrame, workbook: Any = None, worksheet: Any = None,
                          **kw: Any) -> Any:
        sheets.append(worksheet)
        if worksheet == "findings":
            raise OSError(5, "Input/output error")
        return real(self, workbook, worksheet, **kw)

    monkeypatch.setattr(pl.DataFrame, "write_excel", fails_on_findings)
    with pytest.raises(ExportError, match="Input/output error"):
        export.export(small(data), tmp_path, "xlsx")
    assert "findings" in sheets
    assert snapshot(tmp_path) == before


def test_an_export_replaces_only_its_own_files(data: Corpus, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    export.export(small(data), tmp_path, "parquet")
    export.export(small(data), tmp_path, "xlsx")
    names = sorted(os.listdir(tmp_path))
    assert names == sorted(["notes.txt", "DICTIONARY.md", "govkit.xlsx",
                            *(f"{n}.parquet" for n in SCHEMAS)])


def test_the_about_sheet_rows_are_as_tall_as_their_text(workbook: Path) -> None:
    # Excel and LibreOffice keep a row's height on opening, so wrapped text needs it set
    ws = openpyxl.load_workbook(workbook)["说明"]
    rows = {(r[0].value, r[1].value): r[0].row for r in ws.iter_rows(min_col=1, max_col=2)}
    check = ws.row_dimensions[rows[("findings", "check")]].height
    assert 12 * len(CHECK_LABELS) <= check <= 409  # every check code on a line of its own
    assert ws.row_dimensions[rows[("findings", "report_id")]].height < 40
