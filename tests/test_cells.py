"""Reading a cell and laying a row's cells onto columns: inputs and outputs side by side."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govkit.read.cells import align, tokens
from govkit.read.model import Line
from govkit.read.text import norm, read_cell

CELLS = [
    ("0", ("number", 0.0)),
    ("\u3000\u300015", ("number", 15.0)),          # 000: ideographic spaces before 15
    ("\xa00", ("number", 0.0)),                    # 000: no-break space
    ("0\xa0", ("number", 0.0)),
    ("１２", ("number", 12.0)),                     # full-width digits
    ("1,234", ("number", 1234.0)),
    ("0.52", ("number", 0.52)),
    ("22（其中修订16件）", ("number", 22.0)),        # a note beside the figure
    ("15件", ("number", 15.0)),
    ("", ("blank", None)),
    ("\xa0", ("blank", None)),
    ("—", ("blank", None)),
    ("/", ("blank", None)),
    ("无", ("blank", None)),
    ("1.属于国家秘密", ("text", None)),
    ("第二十条第（一）项", ("text", None)),
    ("采购总金额（单位：万元，保留4位小数）", ("text", None)),
    ("2.5倍", ("text", None)),
]


@pytest.mark.parametrize(("raw", "want"), CELLS)
def test_read_cell(raw: str, want: tuple) -> None:
    assert read_cell(raw) == want


@pytest.mark.parametrize(("raw", "want"), [
    ("（七）总　计", "(七)总计"),
    ("三、 本 年 度 办 理 结 果", "三、本年度办理结果"),
    ("**一**是", "一是"),
    ("危及“三安全一稳定”", '危及"三安全一稳定"'),
])
def test_norm(raw: str, want: str) -> None:
    assert norm(raw) == want


@given(st.integers(0, 10**9))
def test_any_printed_integer_reads_back(n: int) -> None:
    assert read_cell(f" {n} ") == ("number", float(n))
    assert read_cell(f"{n:,}") == ("number", float(n))


@given(st.text(alphabet=st.characters(categories=["Lo"]), min_size=1))
def test_chinese_text_is_never_a_number(s: str) -> None:
    assert read_cell(s)[0] != "number" or s in ("无", "空")


def toks(*values: str) -> list:
    return tokens([Line(["label", *values], "line 1", table=True)])[1:]


def test_align_exact() -> None:
    cells, exact = align(toks("1", "2", "3"), 3)
    assert exact and [c.value for c in cells] == [1, 2, 3]


def test_align_missing_cell_is_never_guessed() -> None:
    cells, exact = align(toks("0", "0", "0", "0", "0", "0"), 7)
    assert not exact and cells == [None] * 7


def test_align_extra_cell_resolves_only_where_every_alignment_agrees() -> None:
    cells, exact = align(toks("5", "5", "2", "2"), 3)
    # column 0 is 5 either way, column 2 is 2 either way, column 1 is 5 or 2: unknown
    assert not exact and [c and c.value for c in cells] == [5, None, 2]


def test_text_rows_ignore_layout_blanks_but_keep_blanks_between_figures() -> None:
    line = Line(["一、本年新收", "", "3", "", "4", ""], "line 9", table=True)
    assert [t.kind for t in tokens([line])] == ["text", "number", "blank", "number"]


def test_grid_rows_keep_every_blank_after_the_label() -> None:
    line = Line(["一、本年新收", "3", "", "4", ""], "table 1 row 2", table=True, grid=True)
    assert [t.kind for t in tokens([line])] == ["text", "number", "blank", "number", "blank"]
