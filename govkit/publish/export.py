"""The frames as files for Stata, R and Excel users: Parquet, CSV, or one XLSX workbook.

* **Parquet** holds every frame exactly as :func:`govkit.load` returns it (its dtypes,
  codes and all): ``pl.read_parquet`` or R's ``arrow::read_parquet`` gives it back.
* **CSV** writes one file per frame in UTF-8 *with* a byte order mark: Excel, which most
  readers of these reports open a CSV with, reads UTF-8 Chinese correctly only with it
  (without, it guesses the ANSI code page and shows 乱码); readr, data.table, polars and
  Stata's ``import delimited`` skip it.  A null is an empty field, never 0.
* **XLSX** writes one workbook, ``govkit.xlsx``: a 说明 sheet first (what the workbook is,
  how to read null, 0 and ``basis``, and the data dictionary), then one sheet per frame.
  Numbers stay numbers, a null is an empty cell.  A sheet holds at most 1,048,575 rows,
  so a national corpus goes to Parquet or CSV instead (the export says so before writing).

CSV and XLSX write code columns as text and add each code's Chinese label beside it
(``row_label`` after ``row`` …, :data:`govkit.dictionary.ADDED`); every format writes
``DICTIONARY.md`` beside its files.  Columns come in ``corpus.SCHEMAS`` order.

The export is atomic: every file is written into a hidden temporary folder inside the
target folder and moved into place with :func:`os.replace` only when all were written, so
a failure (a full disk, a writer error) leaves the previous export as it was and no half
file; the temporary folder is removed whatever happens.

Example:
    >>> corpus = govkit.load("data/")
    >>> export.export(corpus, "frames", "xlsx", source="data/")
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ..corpus import PARSER_VERSION, SCHEMAS, Corpus
from ..dictionary import ADDED, export_columns, is_code, markdown
from ..dictionary import frame as dictionary_frame
from ..errors import ExportError
from ..labels import BASIS_LABELS

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

WORKBOOK = "govkit.xlsx"
DICTIONARY = "DICTIONARY.md"
ABOUT_SHEET = "说明"
#: An XLSX sheet holds 1,048,576 rows, the header included.
XLSX_MAX_ROWS = 1_048_575
#: …and 32,767 characters in a cell.
XLSX_MAX_CHARS = 32_767
XLSX_CUT = "…［截断 truncated: the whole text is in the CSV and Parquet exports］"
#: Integer columns written as text in XLSX: Excel keeps 15 digits of a number, and these
#: are identifiers, not figures.
XLSX_TEXT = {"passages": ("digest",)}
#: Columns of running text, given a fixed width instead of the width of their longest cell.
_WIDE = ("evidence", "message", "text", "title", "description", "codes", "rule")
_WIDE_PX = 420


@dataclass(frozen=True, slots=True)
class Written:
    """One file of an export and what it holds."""

    path: Path
    what: str


def labelled(corpus: Corpus, name: str) -> pl.DataFrame:
    """Frame ``name`` as the CSV and XLSX exports write it: its columns in ``SCHEMAS``
    order, codes (Enum, Categorical) as text, and the label columns beside them.

    Example:
        >>> export.labelled(corpus, "reviews").columns[:4]
        ['report_id', 'proceeding', 'proceeding_label', 'result']
    """
    schema = SCHEMAS[name]
    frame = getattr(corpus, name).select(list(schema))
    text = [c for c, dtype in schema.items() if is_code(dtype)]
    if text:
        frame = frame.with_columns(pl.col(text).cast(pl.String))
    added = [pl.col(a.source).cast(pl.String)
             .replace_strict(dict(a.labels), default=None, return_dtype=pl.String).alias(a.name)
             for a in ADDED.get(name, ())]
    return frame.with_columns(added).select(export_columns(name))


def about(corpus: Corpus, source: str | None, now: datetime | None = None
          ) -> list[tuple[str, str]]:
    """What an export is, as (label, text) pairs: the 说明 sheet's head and the head of
    ``DICTIONARY.md``."""
    from .. import __version__

    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    basis = "; ".join(f"{code} = {label}" for code, label in BASIS_LABELS.items())
    return [
        ("内容 what", "政府信息公开工作年度报告 read by govkit: one sheet (or file) per frame, "
                    "one row per figure; the data dictionary follows."),
        ("来源 source", source or "(not given)"),
        ("govkit 版本 version", __version__),
        ("解析器版本 parser version", PARSER_VERSION),
        ("导出时间 exported", when),
        ("报告 reports", f"{corpus.reports.height} files read: {corpus.status_counts()}"),
        ("提示 findings", f"{corpus.findings.height} (the findings sheet lists them)"),
        ("空值与 0 null vs 0",
         "An empty cell is a figure the report does not print unambiguously (null) — never "
         "read it as 0.  0 is a printed 0, or a blank the row's printed total confirms as 0."),
        ("basis", f"Where each figure comes from: {basis}.  The findings say why a figure is "
                  "null."),
        ("重复 duplicates", "A file that renders another report again has duplicate_of set "
                          "(reports): count each report once by keeping the rows where it is "
                          "empty."),
    ]


def export(corpus: Corpus, out: str | os.PathLike[str], fmt: str = "parquet", *,
           source: str | None = None, now: datetime | None = None) -> list[Written]:
    """Write every frame of ``corpus`` into folder ``out`` as ``fmt``, with
    ``DICTIONARY.md``, atomically (see the module docstring).

    Args:
        corpus: a loaded corpus.
        out: the folder to write into (created if missing); other files in it are left
            alone, and the files of this export replace those of the previous one.
        fmt: "parquet", "csv" or "xlsx".
        source: the folder the corpus was loaded from, named in the 说明 sheet.
        now: the export time recorded (default: now).

    Returns:
        The files written, in order.

    Raises:
        ExportError: the files cannot be written (nothing is replaced then), or a frame
            is too long for an XLSX sheet.
    """
    if fmt not in WRITERS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    target = Path(out)
    head = about(corpus, source, now)
    try:
        target.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".govkit-export-", dir=target))
    except OSError as exc:
        raise ExportError(f"{target}: cannot write an export there: {exc}") from exc
    try:
        written = WRITERS[fmt](corpus, tmp, head)
        (tmp / DICTIONARY).write_text(markdown(head), encoding="utf-8")
        written.append(Written(Path(DICTIONARY), "the data dictionary"))
        for w in written:
            os.replace(tmp / w.path, target / w.path)
    except OSError as exc:
        raise ExportError(f"{target}: the {fmt} export could not be written, the previous "
                          f"files are unchanged: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [Written(target / w.path, w.what) for w in written]


def _rows(n: int) -> str:
    return f"{n} row" + ("" if n == 1 else "s")


def _parquet(corpus: Corpus, folder: Path, head: Sequence[tuple[str, str]]) -> list[Written]:
    out = []
    for name, schema in SCHEMAS.items():
        frame = getattr(corpus, name).select(list(schema))
        frame.write_parquet(folder / f"{name}.parquet")
        out.append(Written(Path(f"{name}.parquet"), _rows(frame.height)))
    return out


def _csv(corpus: Corpus, folder: Path, head: Sequence[tuple[str, str]]) -> list[Written]:
    out = []
    for name in SCHEMAS:
        frame = labelled(corpus, name)
        frame.write_csv(folder / f"{name}.csv", include_bom=True)
        out.append(Written(Path(f"{name}.csv"), _rows(frame.height)))
    return out


def excel_frame(corpus: Corpus, name: str) -> pl.DataFrame:
    """Frame ``name`` as its XLSX sheet holds it: :func:`labelled`, with the identifiers
    of :data:`XLSX_TEXT` as text and any text longer than a cell holds cut, saying so."""
    frame = labelled(corpus, name)
    ids = [c for c in XLSX_TEXT.get(name, ()) if c in frame.columns]
    if ids:
        frame = frame.with_columns(pl.col(ids).cast(pl.String))
    keep = XLSX_MAX_CHARS - len(XLSX_CUT)
    return frame.with_columns(
        pl.when(pl.col(c).str.len_chars() > XLSX_MAX_CHARS)
        .then(pl.col(c).str.slice(0, keep) + pl.lit(XLSX_CUT)).otherwise(pl.col(c)).alias(c)
        for c, dtype in frame.schema.items() if dtype == pl.String)


def _sheet(frame: pl.DataFrame, workbook: Workbook, worksheet: str | Worksheet,
           position: tuple[int, int] = (0, 0)) -> None:
    frame.write_excel(
        workbook, worksheet, position=position,
        # whole numbers without thousands separators (a year is 2021, not 2,021); decimals
        # as many as the figure has (0.0125 万元 stays 0.0125)
        dtype_formats={pl.Int8: "0", pl.Int16: "0", pl.Int32: "0", pl.Int64: "0",
                       pl.UInt32: "0", pl.Float64: "General"},
        autofit=True, column_widths={c: _WIDE_PX for c in _WIDE if c in frame.columns},
        freeze_panes=(1, 0) if position == (0, 0) else None)


def _xlsx(corpus: Corpus, folder: Path, head: Sequence[tuple[str, str]]) -> list[Written]:
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    long = [f"{name} has {getattr(corpus, name).height:,} rows" for name in SCHEMAS
            if getattr(corpus, name).height > XLSX_MAX_ROWS]
    if long:
        raise ExportError(f"an XLSX sheet holds at most {XLSX_MAX_ROWS:,} rows, and "
                          + "; ".join(long) + ": export --format parquet or csv")
    path = folder / WORKBOOK
    # strings are data: a report's text starting with "=" or "http" stays text
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    try:
        sheets = _xlsx_sheets(corpus, wb, head)
    except BaseException:
        # the half-written workbook is in the temporary folder, which export() removes
        with suppress(XlsxWriterException, OSError):
            wb.close()
        raise
    try:
        wb.close()
    except XlsxWriterException as exc:  # FileCreateError and kin: the disk said no
        raise OSError(f"{path}: {exc}") from exc
    return [Written(Path(WORKBOOK), f"sheets {ABOUT_SHEET} and " + ", ".join(sheets)
                    + " (rows)")]


def _xlsx_sheets(corpus: Corpus, wb: Workbook, head: Sequence[tuple[str, str]]) -> list[str]:
    """Write the 说明 sheet and one sheet per frame; the frames' names and rows."""
    _about_sheet(wb, head)
    sheets = []
    for name in SCHEMAS:
        frame = excel_frame(corpus, name)
        _sheet(frame, wb, name)
        sheets.append(f"{name} {frame.height}")
    return sheets


#: The 说明 sheet's columns (the dictionary's), in characters; the about texts span B:E.
_ABOUT_WIDTHS = {"frame": 26, "column": 20, "dtype": 22, "unit": 14, "description": 60,
                 "codes": 56, "rule": 64, "in": 11}
_ABOUT_SPAN = 4
#: Points per line of the dictionary's 9-point text, and Excel's tallest row.
_LINE_PT, _MAX_ROW_PT = 12, 409


def _lines(text: str | None, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide (a Chinese character
    takes two)."""
    if not text:
        return 1
    return sum(max(1, -(-sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
                             for ch in par) // int(width)))
               for par in text.split("\n"))


def _about_sheet(wb: Workbook, head: Sequence[tuple[str, str]]) -> None:
    """The 说明 sheet: what the workbook is, then the data dictionary as a table.

    Rows get explicit heights: Excel and LibreOffice do not grow a row to its wrapped text
    on opening a file, so the text would hide behind the next row."""
    ws = wb.add_worksheet(ABOUT_SHEET)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # printed: as wide as the page, as long as it takes
    widths = list(_ABOUT_WIDTHS.values())
    for i, width in enumerate(widths):
        ws.set_column(i, i, width)
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.write_string(0, 0, "govkit 导出说明 · about this workbook", title)
    span = sum(widths[1:1 + _ABOUT_SPAN])
    for i, (label, text) in enumerate(head, start=2):
        ws.write_string(i, 0, label, bold)
        ws.merge_range(i, 1, i, _ABOUT_SPAN, text, wrap)
        ws.set_row(i, 15 * _lines(text, span))
    start = len(head) + 3
    ws.write_string(start, 0, "数据字典 data dictionary: one row per column of the sheets "
                              "that follow", title)
    table = dictionary_frame()
    small = {"font_size": 9, "text_wrap": True, "valign": "top"}
    table.write_excel(wb, ws, position=(start + 1, 0), autofit=False,
                      column_formats={c: dict(small) for c in table.columns},
                      header_format={"bold": True, "font_size": 9})
    for i, row in enumerate(table.iter_rows(), start=start + 2):
        lines = max(_lines(v, w / 0.82) for v, w in zip(row, widths, strict=True))
        ws.set_row(i, min(_MAX_ROW_PT, _LINE_PT * lines + 3))


Writer = Callable[[Corpus, Path, Sequence[tuple[str, str]]], list[Written]]
WRITERS: dict[str, Writer] = {"parquet": _parquet, "csv": _csv, "xlsx": _xlsx}
FORMATS: tuple[str, ...] = tuple(WRITERS)
