"""Manglings of real report files, and their gold figures, for tests/test_mangling.py.

Each mangling is what crawls, converters and lost pages really do to a report: the file
cut off (anywhere, mid-number too), a span deleted, a line duplicated, page chrome
inserted, and for HTML a cell's text split over two ``<p>``/``<br>`` parts or printed twice.

A mangling must leave every figure's truth recoverable — otherwise a reader that gives
the gold figure's neighbour would be blamed for what the mangling wrote.  So a span is
deleted only between tokens and never so that a row label ends up right before figures
of another row (``规章 [1 0 11 行政规范性文件] 8 26 66`` would read, to anyone, as 规章
8 26 66); noise holds no digit and no template key; a cut may fall anywhere, since the
end of the file shows that the last figure may be cut short.  Each mangling takes two
floats in [0, 1) that pick where, so Hypothesis can shrink and replay them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

#: Page chrome a crawl or a converter leaves in a text, none a figure or a template key.
NOISE = ("首页", "打印本页", "关闭窗口", "【字体：大 中 小】", "分享到：", "\u3000", "\u200b",
         "（略）", "扫一扫在手机打开当前页", "&nbsp;", "来源：本站")
HTML_NOISE = ("<span>首页</span>", "<p>&nbsp;</p>", "<!-- 2024 -->", "<o:p></o:p>",
              "<script>var n = 26;</script>", "<span style=\"font-size:9pt\"></span>",
              "<p>打印本页 关闭窗口</p>")
#: A page mark on a line of its own (text renderings drop it: ``- 3 -``, ``— 4 —``).
PAGE_MARKS = ("- 7 -", "— 12 —", "第 3 页")
_SEP = frozenset(" \t\r\n|\u3000")
_TEXT_NODE = re.compile(r">([^<>]*[^<>\s][^<>]*)<")
_TD = re.compile(r"<td\b.*?</td>", re.S | re.I)


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _pos(text: str, a: float) -> int:
    return min(len(text), int(a * len(text)))


def cut(text: str, a: float, b: float) -> str:
    """The file ends at a random point, the way a truncated download does."""
    return text[:_pos(text, a)]


def cut_in_number(text: str, a: float, b: float) -> str:
    """The file ends inside (or just after) a figure: ``…| 10690`` cut to ``…| 1``."""
    spots = [m.start() + 1 + int(b * (len(m.group()) - 1)) for m in re.finditer(r"\d{2,}", text)]
    return text[:spots[int(a * len(spots))]] if spots else text


def delete_span(text: str, a: float, b: float) -> str:
    """A span of up to ~120 characters between tokens deleted (a lost line, cells lost).

    Not applied where a row label would take another row's figures: a span holding
    figures and text (a row boundary) is deleted only when text follows it, i.e. when it
    ends at the next row's label.
    """
    i = _pos(text, a)
    j = min(len(text), i + 1 + int(b * 120))
    while i > 0 and text[i - 1] not in _SEP:
        i -= 1
    while j < len(text) and text[j] not in _SEP:
        j += 1
    span = text[i:j]
    if not span.strip():
        return text
    digits = any(_is_digit(c) for c in span)
    words = any(not _is_digit(c) and c not in _SEP for c in span)
    after = next((c for c in text[j:] if c not in _SEP), "")
    if digits and words and _is_digit(after):
        return text  # a label would take the figures after the span
    return text[:i] + text[j:]


def duplicate_line(text: str, a: float, b: float) -> str:
    """One line printed twice (a converter repeating a line across a page break)."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    k = int(a * len(lines))
    line = lines[k] if lines[k].endswith("\n") else lines[k] + "\n"
    return "".join([*lines[:k], line, *lines[k:]])


def insert_noise(text: str, a: float, b: float) -> str:
    """Page chrome between two tokens (a token of its own), or a page mark on a line of
    its own."""
    i = _pos(text, a)
    while i < len(text) and text[i] not in _SEP:
        i += 1
    options = tuple(f" {n} " for n in NOISE) + tuple(f"\n{m}\n" for m in PAGE_MARKS)
    noise = options[int(b * len(options))]
    if noise.startswith("\n"):
        i = text.find("\n", i)
        if i < 0:
            return text
    return text[:i] + noise + text[i:]


def _cell_text_nodes(html: str) -> list[re.Match[str]]:
    cells = [(m.start(), m.end()) for m in _TD.finditer(html)]
    nodes = []
    for m in _TEXT_NODE.finditer(html):
        if any(s <= m.start() < e for s, e in cells) and not m.group(1).strip().startswith("&"):
            nodes.append(m)
    return nodes


def split_cell_text(html: str, a: float, b: float) -> str:
    """A cell's text split over two ``<p>``/``<br>`` parts (``26`` → ``2<br>6``), as word
    processors do in a narrow column: still one cell, one figure."""
    nodes = _cell_text_nodes(html)
    if not nodes:
        return html
    m = nodes[int(a * len(nodes))]
    s = m.group(1).strip()
    if len(s) < 2:
        return html
    k = 1 + int(b * (len(s) - 1))
    brk = "<br>" if b < 0.5 else "</p><p>"
    start = m.start(1) + m.group(1).index(s)
    return html[:start] + s[:k] + brk + s[k:] + html[start + len(s):]


def duplicate_cell_text(html: str, a: float, b: float) -> str:
    """A cell's text printed twice on two lines (``26<br>26``): still the one figure 26."""
    nodes = _cell_text_nodes(html)
    if not nodes:
        return html
    m = nodes[int(a * len(nodes))]
    s = m.group(1)
    brk = "<br>" if b < 0.5 else "</p><p>"
    return html[:m.start(1)] + s + brk + s + html[m.end(1):]


def insert_html_noise(html: str, a: float, b: float) -> str:
    """Markup without figures between two tags (menus, comments, scripts, empty spans)."""
    i = html.find(">", _pos(html, a))
    if i < 0:
        return html
    noise = HTML_NOISE[int(b * len(HTML_NOISE))]
    return html[:i + 1] + noise + html[i + 1:]


Mangling = Callable[[str, float, float], str]
TEXT_MANGLINGS: dict[str, Mangling] = {
    "cut": cut, "cut_in_number": cut_in_number, "delete_span": delete_span,
    "duplicate_line": duplicate_line, "insert_noise": insert_noise,
}
HTML_MANGLINGS: dict[str, Mangling] = {
    "cut": cut, "cut_in_number": cut_in_number, "duplicate_line": duplicate_line,
    "split_cell_text": split_cell_text, "duplicate_cell_text": duplicate_cell_text,
    "insert_noise": insert_html_noise,
}


def manglings_for(name: str) -> dict[str, Mangling]:
    return HTML_MANGLINGS if name.endswith((".html", ".htm")) else TEXT_MANGLINGS


def apply(text: str, name: str, steps: list[tuple[str, float, float]]) -> str:
    """``steps`` in order; a cut ends the list (nothing follows the end of a file)."""
    table = manglings_for(name)
    for kind, a, b in steps:
        text = table[kind](text, a, b)
        if kind.startswith("cut"):
            break
    return text


# --- gold --------------------------------------------------------------------------

FRAMES = (("applications", "row", "applicant", "count"),
          ("reviews", "proceeding", "result", "count"),
          ("disclosures", "item", "measure", "value"))
OTHER_SUBROWS = ("other.no_correction", "other.unpaid_fee", "other.other")


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def acceptable(gold: dict, table: str, k1: str, k2: str) -> set[float] | None:
    """The values a reading of this cell may take besides null (SHARED/README.md's gold
    notation); None when the gold does not cover the cell.

    A number: that number.  "blank": 0.  {"derivable": n}: n.  null: nothing.  The 2021
    template's （六）其他处理, which the gold leaves out, is the sum of its sub-rows.
    """
    row = gold.get(table, {}).get(k1)
    if row is None and table == "applications" and k1 == "other" and gold["template"] == "2021":
        parts = [acceptable(gold, table, sub, k2) for sub in OTHER_SUBROWS]
        if any(p is None or len(p) != 1 for p in parts):
            return None
        return {sum(next(iter(p)) for p in parts if p)}
    if row is None or k2 not in row:
        return None
    want = row[k2]
    if want is None:
        return set()
    if want == "blank":
        return {0.0}
    if isinstance(want, dict):
        return {float(want["derivable"])}
    return {float(want)}
