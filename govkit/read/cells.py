"""Table cells as a stream: what every template table is read from.

Renderings disagree on where a row ends but agree on order: a row label, then its
figures.  So a table region is read as one stream of cells (:class:`Tok`) in which a run
of label cells (a header, a group label, a label wrapped over several cells) is followed
by a run of figures (:class:`Segment`).  The three tables (:mod:`govkit.read.tables`,
:mod:`govkit.read.applications`) are read from segments; this module holds what they share:
the tokens, laying printed figures onto columns without guessing (:func:`align`), and the
blank-cell rule of rows that print their own total (:func:`resolve_sum_row`).

The blank-cell rule.  A printed blank (an empty cell, ``&nbsp;``, ``-``, ``/``, ``无``) is
a cell only where the rendering shows it is one: on a grid (HTML, DOCX, PDF tables) every
blank after the row's label; in text, only a blank between two figures of one line.  In a
row whose last column totals the others (section 三's 总计, section 四's 总计) the blanks
are 0 — basis "blank_zero" — exactly when the printed total equals the sum of the printed
parts; otherwise each is null with a ``table.blank`` finding.  A blank total beside fully
printed parts is their sum, basis "derived".  Section 二 has no totals: its blanks are
null.  A cell that prints a figure nobody can read (``26`` over ``26``, ``3-5``, the last
digits of a cut-off file) is null with a ``table.unreadable`` finding, never a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import glue
from .model import Figure, Finding, Line
from .text import CellKind, clean, figure_cells, norm, read_cell

EVIDENCE_CHARS = 240


@dataclass(slots=True)
class Tok:
    raw: str
    n: str
    kind: CellKind
    value: float | None
    line: Line
    glued: bool = False  # a figure whose digits may hold several cells (see glue.py)


@dataclass(slots=True)
class Segment:
    """A run of label cells and the run of figure cells after it."""

    labels: list[Tok] = field(default_factory=list)
    values: list[Tok] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "".join([t.n for t in self.labels])

    def evidence(self, from_char: int = 0) -> str:
        """The row as printed, from the label cell holding ``from_char`` on."""
        toks: list[Tok] = []
        pos = 0
        for t in self.labels:
            if pos + len(t.n) > from_char:
                toks.append(t)
            pos += len(t.n)
        return evidence(toks + self.values)


@dataclass(slots=True)
class TableResult:
    """What reading one template table gives: its figures by (row/item, column), the
    findings, the row or item codes printed (in printed order) and, for section 二, the
    column heads seen."""

    figures: dict[tuple[str, str], Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    measures_seen: set[str] = field(default_factory=set)
    #: Rows printed without cell boundaries that still read several ways: their cells
    #: and the readings the report's own identities leave (see :mod:`govkit.continuity`,
    #: which may narrow them with the organ's other years).
    open: list[OpenRow] = field(default_factory=list)


class OpenRow(NamedTuple):
    scope: str
    keys: Sequence[tuple[str, str]]
    readings: Sequence[glue.Reading]


class Names:
    """The template's names for rows, items or columns (code -> keys of
    :mod:`govkit.schema`), found in the text of a label run.

    :meth:`find` gives (code, start, end, key) in printed order; where two names overlap
    the longer one wins (其他法律行政法规禁止公开 holds 其他).  Cached per label: every
    report prints the same labels.
    """

    def __init__(self, names: Iterable[tuple[str, Sequence[str]]]) -> None:
        self._keys = [(code, key) for code, keys in names for key in keys]
        self.find = lru_cache(maxsize=1 << 14)(self._find)

    def _find(self, label: str) -> tuple[tuple[str, int, int, str], ...]:
        spans: list[tuple[int, int, str, str]] = []
        for code, key in self._keys:
            start = 0
            while (pos := label.find(key, start)) >= 0:
                spans.append((pos, pos + len(key), code, key))
                start = pos + 1
        spans.sort(key=lambda sp: (sp[0] - sp[1], sp[0]))
        taken: list[tuple[int, int, str, str]] = []
        for sp in spans:
            if all(sp[1] <= t[0] or sp[0] >= t[1] for t in taken):
                taken.append(sp)
        return tuple((code, a, b, key) for a, b, code, key in sorted(taken))


def tie(seg: Segment, start: int, end: int) -> str:
    """How the rendering ties the name at ``start:end`` of a segment's label to the
    figures after it: printed in the same table row (``line``) or line of text
    (``text``) — the name itself, or the name wrapped onto the figures' line
    (``…逾期不补`` / ``正、… 67 3 0``) — or on the line before (``next``).  Words after
    the name on the figures' line do not tie it: they may be another label's."""
    first = seg.values[0].line
    at = 0
    for t in seg.labels:
        if at < end and at + len(t.n) > start and t.line is first:
            return "line" if first.table else "text"
        at += len(t.n)
    return "next"


def token_at(labels: Sequence[Tok], pos: int) -> Tok:
    """The label cell holding character ``pos`` of the run's text."""
    at = 0
    for t in labels:
        at += len(t.n)
        if at > pos:
            return t
    return labels[-1]


def evidence(toks: Sequence[Tok]) -> str:
    """Where the cells were printed and what they print: ``line 50: 行政处罚 | 15``."""
    where = toks[0].line.where if toks else ""
    text = " | ".join([clean(t.raw) or "␣" for t in toks])
    if len(text) > EVIDENCE_CHARS:
        text = text[: EVIDENCE_CHARS - 1] + "…"
    return f"{where}: {text}"


def tokens(lines: Iterable[Line]) -> list[Tok]:
    """Cells of the lines in order, with their kind.

    In text renderings a blank cell counts only between two figures of the same line;
    elsewhere it is layout (merged label columns, trailing tabs).  In grid renderings
    every blank after the row's last label cell is a printed blank.
    """
    out: list[Tok] = []
    for line in lines:
        out += line_tokens(line)
    return out


def line_tokens(line: Line) -> list[Tok]:
    """The cells of one line (see :func:`tokens`)."""
    if not line.table:
        return _text_tokens(line)
    return [Tok(raw, n, kind, value, line)
            for raw, n, kind, value in _row_cells(tuple(line.cells), line.grid)]


@lru_cache(maxsize=1 << 16)
def _cell(raw: str) -> tuple[str, str, CellKind, float | None]:
    """A cell as (raw, folded text, kind, figure): one cache lookup where a row's cells
    (``0``, ``规章``) recur, instead of one for :func:`read_cell` and one for :func:`norm`."""
    return (raw, norm(raw), *read_cell(raw))


@lru_cache(maxsize=1 << 14)
def _row_cells(cells: tuple[str, ...], grid: bool
               ) -> tuple[tuple[str, str, CellKind, float | None], ...]:
    # Cached by the row's text: template rows ("规章\t0\t0\t0") recur across reports.
    read = [_cell(c) for c in cells]
    kinds = [c[2] for c in read]
    if "blank" not in kinds:  # the common case: no blank to keep or drop
        return tuple(read)
    last_text = max((i for i, k in enumerate(kinds) if k == "text"), default=-1)
    nums = [i for i, k in enumerate(kinds) if k == "number" or k == "unreadable"]
    out = []
    for i, c in enumerate(read):
        if kinds[i] == "blank":
            if grid:
                if i < last_text:
                    continue
            elif not nums or i < nums[0] or i > nums[-1] or i < last_text:
                continue
        out.append(c)
    return tuple(out)


def _text_tokens(line: Line) -> list[Tok]:
    """A paragraph line in a table section: a table row whose cells were printed as text
    (``规章 1 0 11``, or with the boundaries lost: ``规章000行政规范性文件8855698``).
    The sentences of running text around it (a table introduced by a sentence, a note
    after it) are prose: one label each, their numbers no figures (see :func:`prose`)."""
    out = []
    for piece, is_prose in prose(line.cells[0]):
        if is_prose:
            out.append(Tok(piece, norm(piece), "text", None, line))
            continue
        for raw, glued in figure_cells(piece):
            kind, value = read_cell(raw)
            out.append(Tok(raw, norm(raw), kind, value, line, glued and kind == "number"))
    return out


#: A sentence ends here (not inside brackets, where table labels put their commas).
_SENTENCE_END = frozenset("。！？")
_OPEN, _CLOSE = frozenset("（(《"), frozenset("）)》")
_PUNCT = re.compile("[（(《）)》。！？]")


def prose(text: str) -> list[tuple[str, bool]]:
    """Cut running text into (piece, is_prose): each sentence ended by 。 is prose; what
    follows the last full stop is table text.

    Crawler pages run a section's narrative straight into its table
    (``2019年度，主动公开政府信息475条。…第二十条第（一）项信息内容…规章000``): the
    numbers of the narrative are not cells.  Table rows never end in a full stop, but a
    note may be glued to the table's last row (``…继续办理0000000注：…。``): the row
    before the note is table text.

    >>> prose("主动公开政府信息475条。规章000规范性文件121212")
    [('主动公开政府信息475条。', True), ('规章000规范性文件121212', False)]
    """
    if "。" not in text and "！" not in text and "？" not in text:  # str's own search
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    depth = 0
    start = 0
    for m in _PUNCT.finditer(text):
        ch, i = m.group(), m.start()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            piece = text[start:i + 1]
            note = _NOTE_AFTER_FIGURE.search(piece)
            if note:
                out += [(piece[:note.start() + 1], False), (piece[note.start() + 1:], True)]
            else:
                out.append((piece, True))
            start = i + 1
    if start < len(text) and text[start:].strip():
        out.append((text[start:], False))
    return [(p.strip(), is_prose) for p, is_prose in out if p.strip()]


#: A note glued to the figure that ends a table: ``0注：``, ``0 说明：``.
_NOTE_AFTER_FIGURE = re.compile(r"\d\s*(?:注|备注|说明)[：:]")


def segments(toks: Sequence[Tok]) -> list[Segment]:
    out: list[Segment] = []
    cur = Segment()
    for t in toks:
        if t.kind == "text":
            if cur.values:
                out.append(cur)
                cur = Segment()
            cur.labels.append(t)
        else:
            cur.values.append(t)
    if cur.labels or cur.values:
        out.append(cur)
    return out


def align(values: Sequence[Tok], n: int) -> tuple[list[Tok | None], bool]:
    """Lay printed cells onto ``n`` columns; returns (cells, whether counts matched).

    With k extra cells, column i may hold any of cells i..i+k: it is determined only if
    they all read the same.  With cells missing, any column may be the missing one, so
    none is determined.  Extra cells are weighed so only within one printed line (a cell
    printed twice): figures run together from several lines may be one row's figures
    short of some and another's beside them, and then no window holds the column.
    """
    if len(values) == n:
        return list(values), True
    k = len(values) - n
    if k < 0 or any(v.line is not values[0].line for v in values):
        return [None] * n, False
    out: list[Tok | None] = []
    for i in range(n):
        window = values[i : i + k + 1]
        first = window[0]
        same = all(w.kind == first.kind and w.value == first.value for w in window)
        out.append(first if same and first.kind != "unreadable" else None)
    return out, False


def prove_extra(cells: list[Tok | None], totals: Sequence[tuple[Sequence[int], int]]
                ) -> list[Tok | None]:
    """The cells laid from a row that prints extra figures, kept only where every column
    is determined and the row's totals hold (``totals``: parts, total as column indexes).

    A cell printed twice leaves the row whole; figures of two rows run together on one
    line (one row's figures short of some, the other's beside them) may fill every
    window with the same figure and still be another row's: the totals tell them apart.
    """
    if any(c is None or c.kind != "number" for c in cells):
        return [None] * len(cells)
    vals = [c.value or 0.0 for c in cells]  # type: ignore[union-attr]
    if all(sum(vals[i] for i in parts) == vals[t] for parts, t in totals):
        return cells
    return [None] * len(cells)


def trim_label_area(values: Sequence[Tok], n: int) -> Sequence[Tok]:
    """Drop grid blanks that lie in the label area: a label spanning two grid columns
    (merged （五）/（六） cells, a ``colspan`` label) leaves an empty cell before the
    row's figures, which is layout, not a printed blank."""
    k = 0
    while (len(values) - k > n and values[k].kind == "blank" and values[k].line.grid
           and values[k].line is values[-1].line):
        k += 1
    return values[k:]


_new = tuple.__new__


def resolve_sum_row(
    cells: list[Tok | None], keys: Sequence[tuple[str, str]], evidence: str, scope: str,
    findings: list[Finding],
) -> list[Figure]:
    """Figures of a row whose last column is the total of the others.

    A blank cell is 0 only if the printed total equals the sum of the printed parts; a
    blank total beside printed parts is derived from them.  Otherwise it is null.
    """
    if all(c is not None and c.kind == "number" for c in cells):  # the common case
        # tuple.__new__ directly: the named tuple's own __new__ is a Python function, and
        # this runs for most figures of every report
        return [_new(Figure, (k1, k2, c.value, "printed", evidence))  # type: ignore[union-attr]
                for (k1, k2), c in zip(keys, cells, strict=True)]
    *parts, total = cells
    printed = [c.value for c in parts
               if c is not None and c.kind == "number" and c.value is not None]
    blanks = [i for i, c in enumerate(parts) if c is not None and c.kind == "blank"]
    unknown = any(c is None or c.kind == "unreadable" for c in parts)
    figs: list[Figure] = []
    total_printed = total is not None and total.kind == "number"
    zero_ok = (total_printed and not unknown and total is not None
               and sum(printed) == total.value)
    derive_total = (total is not None and total.kind == "blank" and not unknown
                    and not blanks)
    for i, c in enumerate(cells):
        k1, k2 = keys[i]
        if c is None:
            figs.append(Figure(k1, k2, None, "missing", evidence))
        elif c.kind == "number":
            figs.append(Figure(k1, k2, c.value, "printed", evidence))
        elif c.kind == "unreadable":
            figs.append(Figure(k1, k2, None, "missing", evidence))
            findings.append(unreadable(f"{scope}/{k2}", evidence))
        elif i < len(parts) and zero_ok:
            figs.append(Figure(k1, k2, 0.0, "blank_zero", evidence))
        elif i == len(parts) and derive_total:
            figs.append(Figure(k1, k2, float(sum(printed)), "derived", evidence))
        else:
            figs.append(Figure(k1, k2, None, "missing", evidence))
            findings.append(Finding(
                "table.blank", f"{scope}/{k2}",
                f"空白单元格无法由本行合计确认为0，记为空值 (blank cell not confirmed as 0 by "
                f"the row total; left null) — {evidence}"))
    return figs


def unreadable(scope: str, evidence: str) -> Finding:
    return Finding(
        "table.unreadable", scope,
        f"单元格印有数字但无法读取（数字跨行、被连字符或断字隔开，或文件在数字中间截断），记为空值 "
        f"(the cell prints a figure that cannot be read: digits split over lines or tags, "
        f"joined by a dash, or cut off with the file; left null) — {evidence}")


def misaligned(scope: str, got: int, want: int, resolved: bool, evidence: str) -> Finding:
    if resolved:
        msg = (f"本行印有{got}个数字，模板为{want}列；各种对齐方式结果相同，已读取 "
               f"({got} figures printed for {want} columns; every alignment agrees) — {evidence}")
        return Finding("table.misaligned", scope, msg, str(want), str(got))
    msg = (f"本行印有{got}个数字，模板为{want}列，无法确定对应关系，记为空值 "
           f"({got} figures printed for {want} columns; cannot tell which is which, left "
           f"null) — {evidence}")
    return Finding("table.ambiguous", scope, msg, str(want), str(got))


# --- figures printed without cell boundaries (see govkit.read.glue) ----------------------------

def is_glued(values: Sequence[Tok]) -> bool:
    return any(v.glued for v in values) and all(v.kind == "number" for v in values)


def readings(values: Sequence[Tok], n: int,
             accept: Callable[[glue.Reading], bool]) -> list[glue.Reading] | None:
    """The splits of glued figures into ``n`` cells that ``accept`` admits.

    A run that splits only one way (``5100000`` for seven cells: one digit a cell) is
    read that way even where it breaks an identity: the report printed it so, and the
    broken identity is the report's own finding.
    """
    chunks = [v.raw.strip() for v in values]
    if (isinstance(accept, glue.SumRow) and len(values) == 1 and values[0].glued
            and n % (accept.parts + 1) == 0 and chunks[0].isascii() and chunks[0].isdigit()):
        # one run of digits and a row total: count the readings, and where there are
        # several list only those adding up (the same answer, without listing them all)
        counts = glue.counts(chunks[0])
        ways = counts[n - 1] if n <= len(counts) else 0
        if ways > glue.MAX_READINGS:
            return None
        if ways > 1:
            return glue.summed(chunks[0], accept.parts, n // (accept.parts + 1))
    found = glue.readings(chunks, [v.glued for v in values], n)
    if found is None or len(found) == 1:
        return found
    return [r for r in found if accept(r)]


#: Readings of one open row kept for the corpus to narrow; a row reading more ways than
#: this is left as it is (no neighbouring year would pin it either).
MAX_OPEN_READINGS = 64


def glued_figures(keys: Sequence[tuple[str, str]], opts: list[glue.Reading] | None, ev: str,
                  scope: str, res: TableResult) -> list[Figure]:
    findings = res.findings
    values = glue.agreed(opts or [], len(keys))
    if opts and any(v is None for v in values) and len(opts) <= MAX_OPEN_READINGS:
        res.open.append(OpenRow(scope, list(keys), list(opts)))
    if any(v is None for v in values):
        why = ("没有一种拆分满足本行的勾稽关系" if opts == [] else
               "拆分方式过多" if opts is None else f"有{len(opts)}种拆分都满足勾稽关系")
        findings.append(Finding(
            "table.glued", scope,
            f"本行数字之间的单元格分隔已丢失，{why}，无法确定的单元格记为空值 (the row's "
            f"cells were printed without boundaries and the identities do not pin every "
            f"split; undetermined cells left null) — {ev}",
            actual=str(0 if opts is None else len(opts))))
    return [Figure(k1, k2, v, "derived" if v is not None else "missing", ev)
            for (k1, k2), v in zip(keys, values, strict=True)]
