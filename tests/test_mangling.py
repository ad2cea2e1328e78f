"""Real reports mangled, read against their gold: a figure govkit reads is the gold figure
of that cell (0 for a printed blank, the implied value for a derivable one), or null —
never another number.

The files are ../shared/corpus's text and HTML renderings with gold in
../shared/gold/corpus (the PDF is left out: its bytes do not survive a text mangling, and
its text layer is 002_huaian_szf_2024.txt).  The manglings are in tests/mangle.py;
``make test`` tries a fixed set, ``make fuzz`` thousands of random ones.
"""

from __future__ import annotations

import pytest
from conftest import SHARED, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from mangle import FRAMES, HTML_MANGLINGS, TEXT_MANGLINGS, acceptable, apply, load_gold

import govkit

GOLD = SHARED / "gold" / "corpus"
CORPUS = SHARED / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("*") if (GOLD / f"{p.name}.json").exists()
               and p.suffix != ".pdf") if GOLD.exists() else []
TEXT_FILES = [n for n in FILES if not n.endswith(".html")]
HTML_FILES = [n for n in FILES if n.endswith(".html")]
pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus and its gold are not beside the repo")

UNIT = st.floats(0, 1, exclude_max=True)


def steps(kinds: dict) -> st.SearchStrategy[list[tuple[str, float, float]]]:
    return st.lists(st.tuples(st.sampled_from(sorted(kinds)), UNIT, UNIT), min_size=1, max_size=3)


def wrong_figures(c: govkit.Corpus, gold: dict) -> list[str]:
    """Every figure read that the gold does not allow, as 'cell: read X, gold Y (evidence)'."""
    out = []
    for table, k1, k2, col in FRAMES:
        for row in getattr(c, table).iter_rows(named=True):
            if row[col] is None:
                continue
            ok = acceptable(gold, table, row[k1], row[k2])
            if ok is not None and float(row[col]) not in ok:
                want = gold[table].get(row[k1], {}).get(row[k2], ok)
                out.append(f"{table}[{row[k1]},{row[k2]}]: read {row[col]:g}, gold {want} "
                           f"({row['basis']}; {row['evidence']})")
    return out


def read_mangled(name: str, mangled: str) -> govkit.Corpus:
    c = govkit.load_bytes(mangled.encode("utf-8"), name)
    assert c.reports.height == 1
    assert c.reports["status"][0] in ("ok", "partial", "failed")
    return c


def assert_reads_gold(name: str, mangled: str, gold: dict) -> None:
    wrong = wrong_figures(read_mangled(name, mangled), gold)
    assert not wrong, "\n".join(wrong)


def original(name: str) -> tuple[str, dict]:
    return (CORPUS / name).read_text(encoding="utf-8"), load_gold(GOLD / f"{name}.json")


@pytest.mark.parametrize("name", FILES)
def test_unmangled_files_read_no_wrong_figure(name: str) -> None:
    text, gold = original(name)
    assert_reads_gold(name, text, gold)


@pytest.mark.parametrize("name", TEXT_FILES)
@settings(max_examples=examples(120))
@given(how=steps(TEXT_MANGLINGS))
def test_mangled_text_never_moves_or_invents_a_number(name: str,
                                                      how: list[tuple[str, float, float]]) -> None:
    text, gold = original(name)
    assert_reads_gold(name, apply(text, name, how), gold)


@pytest.mark.parametrize("name", HTML_FILES)
@settings(max_examples=examples(120))
@given(how=steps(HTML_MANGLINGS))
def test_mangled_html_never_moves_or_invents_a_number(name: str,
                                                      how: list[tuple[str, float, float]]) -> None:
    text, gold = original(name)
    assert_reads_gold(name, apply(text, name, how), gold)


# --- the cases of the issue, as fixed examples ----------------------------------------

@pytest.mark.parametrize(("name", "ends_with"), [
    # 1.信访举报投诉类申请 56 6 0 0 0 0 62: the total cut to 6
    ("002_huaian_szf_2024.txt", "1.信访举报投诉类申请 56 6 0 0 0 0 6"),
    # 行政许可10690 (glued crawler text): cut to 1
    ("010_pingtan_2022_pagetxt.txt", "行政许可1"),
])
def test_a_file_cut_mid_number_never_reads_the_stub(name: str, ends_with: str) -> None:
    text, gold = original(name)
    cut = text[:text.index(ends_with) + len(ends_with)]
    assert_reads_gold(name, cut, gold)


def _html_total_cell(row_label: str) -> tuple[str, dict, int]:
    """014's page, its gold, and where the 总计 cell's 26 of a section 三 row starts."""
    name = "014_shuyang_fgj_2023.html"
    if name not in HTML_FILES:
        pytest.skip(f"{name} is not in ../shared/corpus")
    text, gold = original(name)
    cell = ">26</span>"
    first = text.index(cell, text.index(row_label))  # 自然人 prints 26, and so does 总计
    return text, gold, text.index(cell, first + 1) + 1


def test_an_html_cell_holding_its_figure_twice_reads_it_once() -> None:
    """``26<br>26`` in the 总计 cell of 一、本年新收 is still the one figure 26 (or null)."""
    text, gold, at = _html_total_cell("、本年新收政府信息公开申请数量")
    assert_reads_gold("014_shuyang_fgj_2023.html", text[:at] + "26<br>" + text[at:], gold)


def test_an_html_page_cut_mid_number_never_reads_the_stub() -> None:
    """The page ends inside the 总计 cell of （七）总计: ``<span>26`` cut to ``<span>2``."""
    text, gold, at = _html_total_cell(">七</span>")  # the page prints （|七|）|总计 in four spans
    assert_reads_gold("014_shuyang_fgj_2023.html", text[:at + 1], gold)
