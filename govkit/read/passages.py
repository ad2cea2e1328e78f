"""A report's prose as fingerprints: what :mod:`govkit.analyze.copying` compares across reports.

Copying between reports is verbatim: a sentence of last year's section 五, or of another
organ's report, printed again.  Comparing texts pairwise would cost the square of the
corpus; instead each report keeps, at parse time, one 64-bit digest per passage
(a sentence or a "；" clause), and the corpus finds shared digests by a join.

What counts as prose, and what does not:

* the narrative sections (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项)
  and the sentences of the preamble (the 根据《条例》… introduction);
* never the table sections 二–四, nor any table row: every report prints the template's
  labels, and a table of zeros is the same in hundreds of reports — neither is copying;
* never a line of the preamble that ends no sentence: the title, the date, a crawler's
  ``发布机构: …`` fields;
* never a passage that is a template label or heading (``（一）存在的主要问题``), nor a
  signature (``XX局 2025年1月28日``), nor one of fewer than :data:`MIN_CJK` Chinese
  characters (``无。``, ``特此报告。``): too short to say anything was copied.

A passage is compared without whitespace, punctuation or its leading enumerator
(一是 / 1. / （一）), after the fold of :func:`govkit.read.text.norm`, so a copy that renumbers
its list or swaps full-width commas for ASCII ones is still the same passage.  Digits
stay: a sentence with other figures or another year is not a verbatim copy.

The digest is BLAKE2b (8 bytes, as a signed 64-bit integer): Python's ``hash`` of a
string differs between processes, and reports are parsed in worker processes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..schema import APPLICANT_LABELS, APPLICATION_ROWS, SECTIONS
from .model import Line
from .sections import Sections, reflow
from .text import norm

#: Passages with fewer Chinese characters than this are not counted.
MIN_CJK = 8
#: The sections whose text is prose (the others are the template's tables).
PROSE_SECTIONS = ("overview", "problems", "other")
#: Section code → the template's numeral, as the ``passages`` frame names sections;
#: the preamble (before 一) is ``"0"``.
NUMERAL = {s.code: s.numeral for s in SECTIONS}
PREAMBLE = "0"

_BREAK = re.compile(r"[。；;！!？?\n]+")
_CN = "一二三四五六七八九十"
#: Leading enumerators, repeatable (``（一）1.``), on folded text.
_LEAD = re.compile(
    rf"^(?:[(\[【][{_CN}\d]{{1,2}}[)\]】]|[{_CN}]{{1,2}}[是要、.,]|第[{_CN}]{{1,2}}[是、,:]?"
    rf"|\d{{1,2}}[.、)](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|(?:首先|其次|再次|最后)[,、:]?)+")
_DROP = re.compile(r"[\W_]+")  # punctuation and symbols; letters, digits and CJK stay
_NON_CJK = re.compile(r"[^\u3400-\u9fff]+")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
#: A signature: a name (no clause in it) followed by a date and nothing else.
_SIGNATURE = re.compile(r"^\D{2,40}?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日?$")


def digest(key: str) -> int:
    """The passage's fingerprint: BLAKE2b-64 of its key, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big",
                          signed=True)


def key(fragment: str) -> str:
    """What two copies of a passage share: folded, without its enumerator, whitespace
    and punctuation.

    >>> key("二是重点领域信息公开的要求还需提高，广度有待进一步拓宽")
    '重点领域信息公开的要求还需提高广度有待进一步拓宽'
    >>> key("（一）1. 政策解读形式单一")
    '政策解读形式单一'
    """
    return _bare(norm(fragment))


def _bare(folded: str) -> str:
    return _DROP.sub("", _LEAD.sub("", folded))


def fragments(text: str) -> list[str]:
    """The sentences and "；" clauses of ``text`` (line breaks end them too)."""
    return [part for part in _BREAK.split(text) if part.strip()]


def passages(text: str) -> Iterator[tuple[str, str]]:
    """(fragment as printed, key) of every passage of ``text`` that can show copying."""
    frags = fragments(text.replace(_SEP, ""))
    if not frags:
        return
    # one fold for the whole text, not one per fragment (a fold costs microseconds a
    # call, a report has dozens of fragments); NUL survives the fold and splits it back
    folded = norm(_SEP.join(frags)).split(_SEP)
    for frag, f in zip(frags, folded, strict=True):
        k = _bare(f)
        if (len(_NON_CJK.sub("", k)) >= MIN_CJK and not _SIGNATURE.match(k)
                and not _is_template(k)):
            yield frag.strip(), k


_SEP = "\x00"


def prose(secs: Sections) -> Iterator[tuple[str, str, str]]:
    """(section numeral, fragment as printed, key) of each passage of a report's prose.

    Lines are reflowed first (:func:`govkit.read.sections.reflow`): a PDF's text layer breaks
    sentences at the margin, and a copy must match whatever the rendering.
    """
    lead = [x for x in _prose(secs.preamble).split("\n") if _SENTENCE_END.search(x)]
    parts = [(PREAMBLE, "\n".join(lead))]
    for code in PROSE_SECTIONS:
        lines = secs.body.get(code)
        if lines:
            # the section's text is already reflowed (and cached) when it holds no table
            text = _prose(lines) if any(ln.table for ln in lines) else secs.text(code)
            parts.append((NUMERAL[code], text))
    for section, text in parts:
        for frag, k in passages(text):
            yield section, frag, k


def fingerprint(secs: Sections) -> list[tuple[str, int, int]]:
    """(section numeral, chars, digest) of each passage of a report's prose, in order.

    ``chars`` is the passage's length without punctuation (what shares are weighed by).
    """
    return [(section, len(k), digest(k)) for section, _, k in prose(secs)]


def _prose(lines: Iterable[Line]) -> str:
    return reflow([ln.cells[0] for ln in lines if not ln.table])


def _is_template(k: str) -> bool:
    """A template label or heading, or a passage made mostly of them (``本报告包括总体情况、
    主动公开政府信息情况、…和其他需要报告的事项``, the template's own introduction)."""
    labels = _template_keys()
    if k in labels:
        return True
    rest = k
    for label in _section_labels():
        rest = rest.replace(label, "")
    return len(rest) * 2 < len(k)


#: Section headings as the 2019 template words them, beside the 2021 wording in
#: :data:`govkit.schema.SECTIONS`.
_HEADINGS_2019 = ("因政府信息公开申请行政复议、提起行政诉讼的情况",
                  "政府信息公开工作存在的主要问题及改进情况")


@cache
def _section_labels() -> tuple[str, ...]:
    """Keys of the section headings, longest first (so a longer one is removed whole)."""
    keys = {key(s.label) for s in SECTIONS} | {key(h) for h in _HEADINGS_2019}
    return tuple(sorted(keys, key=len, reverse=True))


@cache
def _template_keys() -> frozenset[str]:
    """Keys of the template's own wording: section headings and table labels.

    A report that prints them as prose (a table flattened into its narrative) has copied
    nothing."""
    labels = [s.label for s in SECTIONS] + [r.label for r in APPLICATION_ROWS]
    labels += [*APPLICANT_LABELS.values(), *_HEADINGS_2019]
    labels += [f"{s.numeral}、{s.label}" for s in SECTIONS]
    return frozenset(key(x) for x in labels)
