"""Split a document into the six sections of the template.

A heading is a paragraph line that starts with a Chinese numeral and 、 (or a dot) and
names a section (keys in :data:`govkit.schema.SECTIONS`).  The section is recognised by
its wording, not its numeral, because reports renumber (a narrative numbered 一…六 with
the tables renumbered) and reword (工作情况概述 for 总体情况).  Headings are accepted only
in template order, so a table row like ``四、结转下年度继续办理`` is never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..schema import SECTIONS
from .model import Line
from .text import norm

_HEADING = re.compile(r"^(?:第)?([一二三四五六七八九十]{1,2})(?:[、.,:]|部分)")
_ORDER = {s.code: i for i, s in enumerate(SECTIONS)}
_FIRST = frozenset("一二三四五六七八九十第")


@dataclass(slots=True)
class Sections:
    """Lines by section code; ``preamble`` holds what precedes the first heading."""

    preamble: list[Line] = field(default_factory=list)
    body: dict[str, list[Line]] = field(default_factory=dict)
    headings: dict[str, Line] = field(default_factory=dict)
    _text: dict[str, str] = field(default_factory=dict, repr=False)

    def text(self, code: str) -> str:
        """The section's text, one paragraph a line (see :func:`reflow`)."""
        if code not in self._text:
            self._text[code] = reflow([ln.text for ln in self.body.get(code, ())])
        return self._text[code]


def _width(s: str) -> int:
    """Printed width in half-width units: CJK (three UTF-8 bytes) counts two."""
    return (len(s.encode()) + len(s)) // 2


def reflow(lines: list[str]) -> str:
    r"""Paragraphs from lines, undoing the hard wrapping of PDF text layers.

    Where most lines are of one printed width (a PDF's text layer breaks every line at
    the margin), a line that reaches the margin and does not end a sentence continues on
    the next line.  Renderings with real paragraphs (HTML, DOCX) have no common width and
    are left as they are.

    >>> reflow(["一是政策解读质量仍需提升，个别单位政策", "解读内容简单。", "二是队伍薄弱。"])
    '一是政策解读质量仍需提升，个别单位政策解读内容简单。\n二是队伍薄弱。'
    """
    widths = sorted(_width(x.strip()) for x in lines)
    if len(widths) < 3 or widths[len(widths) * 3 // 4] > _WRAP_MAX:
        return "\n".join(lines)
    full = widths[len(widths) * 3 // 4] * 0.9
    out: list[str] = []
    joining = False
    for raw in lines:
        x = raw.strip()
        if joining and not _HEADING.match(norm(x)):
            out[-1] += x
        else:
            out.append(x)
        joining = _width(x) >= full and not x.endswith(_SENTENCE_END)
    return "\n".join(out)


#: Wider than this (in half-width characters), a rendering's lines are paragraphs, not
#: lines wrapped at a page margin (A4 body text holds about 40 CJK characters).
_WRAP_MAX = 90
_SENTENCE_END = ("。", "！", "？", "!", "?")


def heading_section(line: Line) -> str | None:
    """The section code a line is the heading of, or None."""
    raw = line.cells[0]
    if line.table and not raw.strip():  # a row's first printed cell
        raw = next((c for c in line.cells if c.strip()), "")
    head = raw.lstrip()[:1]
    if not head or head not in _FIRST:
        return None  # cheap test first: most lines are table cells or prose
    if line.table and sum(1 for c in line.cells if c.strip()) > 1:
        return None
    return _heading_of(raw)


@lru_cache(maxsize=1 << 12)
def _heading_of(raw: str) -> str | None:
    s = norm(raw)
    m = _HEADING.match(s)
    if not m or len(s) > 40:
        return None
    rest = s[m.end():]
    for spec in SECTIONS:
        if any(k in rest for k in spec.keys):
            return spec.code
    return None


def split(lines: list[Line]) -> Sections:
    """Assign every line to a section.

    Of the heading candidates, the longest run in template order is taken; where several
    runs are as long, the later headings win.  So a narrative whose own parts are numbered
    一…六 (``二、主动公开方面`` inside 总体情况) does not capture the tables, which come
    after it under their renumbered headings, and a table row is never a heading.
    """
    lines = unflatten(lines)
    cands = [(i, code) for i, line in enumerate(lines)
             if (code := heading_section(line)) is not None]
    chosen = dict(_ordered_run(cands))
    lost = _lost_problems_heading(lines, chosen)
    if lost is not None:
        chosen[lost] = "problems"
    out = Sections()
    current: str | None = None
    for i, line in enumerate(lines):
        code = chosen.get(i)
        if code is not None:
            current = code
            out.headings[code] = line
            out.body.setdefault(code, [])
            if i != lost:
                continue
        if current is None:
            out.preamble.append(line)
        else:
            out.body[current].append(line)
    return out


_SUBHEAD = re.compile(r"^[(（]([一二三四五六七八九十]{1,2}|\d{1,2})[)）]")
_PROBLEM_KEYS = next(s.keys for s in SECTIONS if s.code == "problems")


def _lost_problems_heading(lines: list[Line], chosen: dict[int, str]) -> int | None:
    """Where section 五 starts when its heading was lost (a PDF→markdown conversion kept
    only its sub-headings, ``（一）2024年工作中存在问题的改进情况``): the first such
    sub-heading after the table sections.  The sub-heading stays in the section's text."""
    if "problems" in chosen.values():
        return None
    tables = [i for i, c in chosen.items() if c in ("applications", "reviews")]
    if not tables:
        return None
    stop = min((i for i, c in chosen.items() if c == "other"), default=len(lines))
    for i in range(max(tables) + 1, stop):
        line = lines[i]
        if line.table:
            continue
        s = norm(line.text)
        if len(s) <= 40 and _SUBHEAD.match(s) and any(k in s for k in _PROBLEM_KEYS):
            return i
    return None


def _ordered_run(cands: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The longest subsequence of candidates in strictly increasing template order;
    ties go to later candidates."""
    if not cands:
        return []
    best: list[tuple[int, int]] = []  # (length, predecessor) per candidate
    for j, (_, code) in enumerate(cands):
        length, prev = 1, -1
        for i in range(j):
            if _ORDER[cands[i][1]] < _ORDER[code] and best[i][0] + 1 >= length:
                length, prev = best[i][0] + 1, i
        best.append((length, prev))
    top = max(length for length, _ in best)
    k = max(j for j, (length, _) in enumerate(best) if length == top)
    run = []
    while k >= 0:
        run.append(cands[k])
        k = best[k][1]
    return run[::-1]


#: A line longer than this that holds section headings inside it is a page flattened to
#: one line (crawler text); it is cut before each heading.
_FLAT_MIN = 300
_EMBEDDED = re.compile(r"(?<![第（(一二三四五六七八九十])([一二三四五六七八九十]{1,2})、")
_HEAD_END = re.compile(r"情况|事项|措施")


def unflatten(lines: list[Line]) -> list[Line]:
    """Cut crawler lines that hold a whole report into heading and body lines."""
    out: list[Line] = []
    for line in lines:
        text = line.cells[0]
        if line.table or len(text) < _FLAT_MIN:
            out.append(line)
            continue
        cuts: list[int] = []
        for m in _EMBEDDED.finditer(text):
            window = norm(text[m.end():m.end() + 30])
            hit = min(((pos, key) for spec in SECTIONS for key in spec.keys
                       if (pos := window.find(key)) >= 0 and pos <= 12), default=None)
            if hit is None:
                continue
            after = m.end() + _raw_offset(text[m.end():], hit[0] + len(hit[1]))
            end = _HEAD_END.search(text, after - 2, after + 20)
            cuts += [m.start(), end.end() if end else after]
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(text)]
        for k, (a, b) in enumerate(pairwise(bounds)):
            piece = text[a:b].strip()
            if piece:
                out.append(Line([piece], f"{line.where}, part {k + 1}"))
    return out


def _raw_offset(raw: str, n_norm: int) -> int:
    """Offset in ``raw`` after which ``n_norm`` characters of its normalized form lie."""
    for i in range(len(raw) + 1):
        if len(norm(raw[:i])) >= n_norm:
            return i
    return len(raw)
