"""Section 五 split into statements: problems and improvement measures, with a scope.

The genre is narrow.  A report states its problems and its measures as enumerations
(一是/二是…, （一）/（二）…, 1、/2.…, 第一/第二…, 首先/其次…), as sentences, or as a
"；" list, and introduces each group in one of three ways:

- a sub-heading, on its own line or glued to the text (``（二）改进措施一是…``,
  ``存在问题：``), whose wording says the kind (问题 / 改进措施) and sometimes the year
  (``（一）上年度存在问题``, ``（一）2024 年工作中存在问题的改进情况``);
- a lead-in, which is never a statement itself: a concession (``虽取得一定成效，但仍存在一些
  不足，主要表现在：``), a sentence running into the list or ending in a colon
  (``下一步，我局将从以下几方面抓好改进：``), or one announcing what follows
  (``采取以下措施加以改进。``, ``针对上述问题，…。`` before a list);
- nothing: the statement says its own kind.  A problem names a shortcoming (不足, 不够,
  有待, 欠缺, 滞后…); a measure opens on a plan (下一步, 今后, 对此, 我局将…) or a verb
  (加强, 完善, 进一步…).

A sub-heading decides the kind of what stands under it (but a sentence opening on 对此/
下一步… under a problems heading is a measure, and a heading naming both, 上年度存在问题
整改情况, only sets the default); otherwise a list takes the kind of its lead-in, or of
its first item, and a sentence its own, falling back on what came before.  Enumerated
items are kept whole (a title and its explanation) up to the next item, a lead-in, or the
sentence that turns from problems to measures; a list begun inside an item (``（三）狠抓
落实。继续…，一是…二是…``) replaces it.  Unnumbered, each sentence and each "；" part is a
statement.

Scope is "previous" from a heading about an earlier year's problems (上年度…, or a year
before the report's) and under the improvement heading that answers them; "current" from
the next heading about problems or the coming year.  Without sub-headings, a lead-in about
an earlier year's problems does the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

PROBLEM, IMPROVEMENT = "problem", "improvement"
CURRENT, PREVIOUS = "current", "previous"

_CN = "一二三四五六七八九十"
_ORD = {"首先": 1, "其次": 2, "再次": 3}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

#: List markers, each after a sentence or clause boundary.  A digit glued to the next
#: word after a stop (``制度：2加强``, crawler text that lost the dot) counts only when it
#: continues an open list (see :func:`_marks`).
_ENUM = re.compile(
    rf"(?:^|(?<=[\s。；;：:！!？?，,]))(?:[\-•·]\s*)?(?:"
    rf"(?P<shi>[{_CN}]{{1,2}})[是要]"
    rf"|第(?P<di>[{_CN}]{{1,2}})(?:是|[，,、：:])"
    rf"|(?P<ar>\d{{1,2}})\s*[、.．)）](?!\d)"
    rf"|[(（](?P<par>[{_CN}]{{1,2}}|\d{{1,2}})[)）]"
    rf"|(?P<dun>[{_CN}]{{1,2}})、"
    rf"|(?P<circ>[{_CIRCLED}])"
    rf"|(?P<ord>首先|其次|再次|最后)[，,、：:]"
    rf"|(?P<side>(?:另)?一方面)[，,、：:]"
    rf")|(?<=[：:；;。])(?P<bare>\d)(?=[\u4e00-\u9fff])")

# Sub-headings are made of a small vocabulary: modifiers, then a head noun.
_HEAD_NOUN = (r"(?:问题|不足之处|不足|困难|短板|差距|薄弱环节|改进|整改|措施|情况|打算|计划"
              r"|举措|方向|思路|安排|设想|重点|工作)")
_HEAD_MOD = (r"(?:\d{4}\s*年度?|上一?年度?|本年度?|今年|下一?年度?|明年|下一?步|今后|工作中?"
             r"|存在|主要|面临|当前|目前|其他|需要|努力|具体|的|及|和|与|、|\s)")
_TITLE = rf"(?:{_HEAD_MOD}*{_HEAD_NOUN})+"
_HEAD_MARK = rf"(?:[(（][{_CN}\d]{{1,2}}[)）]|[{_CN}]{{1,2}}[、.．]|\d{{1,2}}[、.．])"
#: A numbered sub-heading may be glued to its text (crawler pages): ``（一）主要问题今年…``.
#: An unnumbered one must end at a stop or a list marker: ``改进措施,一是…``.
#: A line that is only a numbered title may word it freely before the vocabulary:
#: ``（一）政府信息公开工作存在的主要问题``.
_HEADING = re.compile(
    rf"(?:^[#\s]*(?P<m1>{_HEAD_MARK})\s*(?P<line_title>[^。；;：:\n]{{0,16}}?{_TITLE})"
    rf"[：:。.]?[ \t]*$"
    rf"|(?:^|(?<=[\s。；;！!？?]))[#\s]*(?P<m2>{_HEAD_MARK})\s*(?P<num_title>{_TITLE})"
    rf"[\s：:。.，,]*"
    rf"|(?:^|(?<=[。；;！!？?]))[#\s]*(?P<title>{_TITLE})"
    rf"(?:[：:，,。]\s*|\s*$|(?=[{_CN}]是|\d[、.．]|[(（]\S[)）])))",
    re.M)
_LINE_MARK = re.compile(
    rf"^[#\s]*(?P<m>{_HEAD_MARK})\s*(?P<title>[^。；;！!？?\n]*)(?P<stop>[。；;！!？?]?)", re.M)
#: A part on "other matters" (the template's 六 is 其他需要报告的事项): no statements.
_OTHER = re.compile(r"^其他|^其它")
_BOTH = re.compile(r"(?:问题|不足)[^的]{0,4}?(?:及|和|与|、)[^的]{0,4}?(?:改进|整改|措施)")
_IMP_TITLE = re.compile(r"改进|整改|措施|打算|计划|举措|方向|思路|安排|设想|下一?步|今后|下阶段")
_PROB_TITLE = re.compile(r"问题|不足|困难|短板|差距|薄弱")

_PREV = re.compile(r"上一?年度?|去年|前一年")
_FUTURE = re.compile(r"下一?年度?|明年|下一?步|今后|下阶段")
_YEAR = re.compile(r"(\d{4})\s*年")
_RECTIFY = re.compile(r"问题[^。；]{0,6}?(?:改进|整改)|整改情况|改进情况")
#: A lead-in about earlier problems: ``针对 2024 年工作中存在的主要问题，…``.
_PREV_PROBLEMS = re.compile(
    r"(?:上一?年度?|去年|(?P<y>\d{4})\s*年度?)[^。；，,]{0,10}?(?:存在的?)?(?:主要)?问题")

_GAP = r"(?:问题|不足之处|不足|困难|薄弱环节|短板|弱项|差距|地方|瑕疵|缺陷)"
#: The concession that opens a list of problems: ``…虽取得一定成效，但仍存在一些不足，
#: 主要表现在：`` / ``…还有一定的差距，主要存在`` / ``…一些薄弱环节，如``.  It needs an
#: adverb and a quantifier, so that ``还存在薄弱环节`` (a problem itself) is not one.
_CONCEDE = re.compile(
    rf"^[^。；;]*?(?:但|仍|还|也|尚|依然|依旧|同时)[^，,。；;]{{0,4}}?(?:存在|有)着?"
    rf"(?:一些|一定的?|几点|几个|许多|不少|诸多|以下|如下|若干|某些)[^，,。；;：:、]{{0,10}}?"
    rf"{_GAP}(?:[和与及、]{_GAP})*(?:[，,：:\s]+|(?=[。！!])|$)"
    rf"(?:(?:主要|具体)?(?:表现|体现)(?:在|为)|主要(?:有|是|存在|包括)|具体(?:有|是|如下)"
    rf"|例如|比如|如)?[：:，,]?")
_INTRO = re.compile(r"^(?:例如|比如|如)[：:，,]|^主要(?:存在|有|是)[：:]?")
#: A sentence that announces a list rather than saying something: ``…采取以下措施加以改进。``
_BACK_TO_PROBLEMS = re.compile(r"^针对(?!性)")
_ANNOUNCE = re.compile(r"(?:以下|如下)[^。；，,]{0,12}[。：:]?\s*$")

#: A lead-in announcing measures (else it announces problems).  ``改进的地方/空间`` is a
#: shortcoming (``还有一些需要加强和改进的地方``), not a measure.
_LEAD_IMP = re.compile(r"将|措施|整改|改进(?!的地方|的空间)|下一?步|今后|接下来|下阶段|打算|计划"
                       r"|举措|以下几?[个两三四五六]?方面")
_LEAD_PROB = re.compile(r"存在|问题|不足|差距|薄弱|困难|短板|表现|体现")
#: A sentence that turns to measures: a plan, a reaction, or "we will".
_MEASURE_OPEN = re.compile(
    r"^(?:对此|为此|针对(?!性)|下一?步|下一?阶段|下一?年度?|明年|新的一年|今后|接下来|未来"
    r"|为(?:了|进一步|更好|切实|推动|确保|加强|规范|做好|提升|提高|全面|继续)[^，,。；;]{0,20}[，,]"
    r"|(?:\d{4}\s*年度?[，,]?\s*)?(?:我|本)[\u4e00-\u9fff]{0,6}?(?:将|拟|计划))")
_DEFICIENT = re.compile(
    r"不足|不够|不强|不高|不到位|不及时|不全面|不规范|不完善|不准|不熟|不深|不明确|不细|不便"
    r"|不广|不多|不能|未能|尚未|有待|待进一步|亟待|亟需|仍需|还需|尚需|需进一步|需要进一步"
    r"|欠缺|缺乏|缺少|滞后|薄弱|单一|较弱|较低|较少|较差|差距|(?<!补)短板|等问题|的空间")
_VERB_FIRST = re.compile(
    r"^(?:进一步|继续|持续|不断|加强|加大|加快|强化|完善|健全|建立|优化|提升|提高|推进|推动|深化"
    r"|丰富|拓宽|拓展|细化|落实|做好|做实|确保|增强|严格|认真|切实|着力|坚持|扎实|努力|抓好"
    r"|抓实|开展|组织|定期|创新|探索|畅通|压实|梳理|审慎|自查|围绕|聚焦|依托|结合)")

_PIECE = re.compile(r"[^。！？!?\n]*[。！？!?]+|[^。！？!?\n]+")
_SEMI = re.compile(r"[；;]+")
#: Section 六 glued to the end of section 五 on some crawler pages; never part of 五.
_SECTION_SIX = re.compile(r"[六6][、.．]\s*其他需要?报告的事项")
_TURN = re.compile(r"[，,](?=下一?步|下阶段|今后|接下来)")
#: Lines that are no statement: a PDF page number (``- 5 -``); at the end, the signature
#: (organ, date, 此件主动公开) when section 六 is missing.
_PAGE_NO = re.compile(r"^[ \t]*[-—–][ \t]*\d{1,3}[ \t]*[-—–][ \t]*\n?", re.M)
_TAIL = re.compile(r"(?:\n[^。；;，,：:！!？?\n]{0,30})?\n\s*"
                   r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[(（]此件[^)）\n]{0,8}[)）])"
                   r"[ \t]*(?:\n[\s\S]*)?$")
_COLON = re.compile(r"[：:]")
_NOTHING = re.compile(r"^(?:本年度?|今年|全年)?(?:暂无|无|没有)[。.]?$"
                      r"|^[^。；;]{0,16}?(?:不存在|未发现|没有|无)(?:明显|突出)?的?问题[。.]?$")
_NEWLINE = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"[ \t\u3000\u2002\u2003]+")
_TRIM = "；;，,、：: \u3000\u2002\u2003\t\r\n"


class _Mark(NamedTuple):
    start: int
    end: int
    style: str
    num: int


class _Chunk(NamedTuple):
    mark: _Mark | None
    start: int  # span of the text (after the marker)
    end: int
    runs_on: bool  # no stop before the next marker: the sentence runs into the list


@dataclass(slots=True)
class _State:
    year: int | None
    kind: str = PROBLEM  # the kind of what came last
    scope: str = CURRENT
    headed: bool = False  # the scope was set by a sub-heading


def split_statements(text: str, year: int | None = None) -> list[tuple[str, str, str]]:
    """(kind, scope, text) triples in printed order.

    ``year`` is the year reported on; it tells a heading about an earlier year's problems
    (scope "previous") from one about this year's.

    >>> split_statements("存在问题：一是队伍力量不足；二是能力不强。改进措施：一是落实专人。")
    [('problem', 'current', '队伍力量不足'), ('problem', 'current', '能力不强。'), \
('improvement', 'current', '落实专人。')]
    >>> split_statements("（一）上年度存在问题\\n一是内容不全面。\\n（二）本年度改进措施\\n"
    ...                  "细化公开事项。\\n（三）本年度存在问题\\n但仍存在一些不足，主要体现在："
    ...                  "更新不及时等。")[1:]
    [('improvement', 'previous', '细化公开事项。'), ('problem', 'current', '更新不及时等。')]
    """
    text = text.replace("**", "")
    six = _SECTION_SIX.search(text)
    if six:
        text = text[:six.start()]
    text = _TAIL.sub("", _PAGE_NO.sub("", text))
    st = _State(year)
    out: list[tuple[str, str, str]] = []
    pos, fixed = 0, None
    skip = False
    for start, end, title in _headings(text):
        kind = _heading_kind(title)
        if not skip:
            _part(text[pos:start], fixed, st, out)
        skip = kind is None and bool(_OTHER.match(title))
        # a heading that names both (上年度存在问题整改情况) sets the default only: such a
        # part restates the problems before the measures taken
        fixed = None if _PROB_TITLE.search(title) and _IMP_TITLE.search(title) else kind
        _heading_scope(title, kind, st)
        st.headed = bool(title)
        if kind:
            st.kind = kind
        pos = end
    if not skip:
        _part(text[pos:], fixed, st, out)
    return out


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of the sub-headings.  A line opening with the next number of
    the headings' own numbering is one too, whatever it says (（二）原因分析, （三）其他…)."""
    found: list[tuple[int, int, str, str | None, bool]] = []  # …, marker, by its words
    for h in _HEADING.finditer(text):
        title = h.group("line_title") or h.group("num_title") or h.group("title")
        if _heading_kind(title) is not None or _BOTH.search(title):
            found.append((h.start(), h.end(), title, h.group("m1") or h.group("m2"), True))
    if not any(mark for _, _, _, mark, _ in found):
        return [(a, b, title) for a, b, title, _, _ in found]
    for m in _LINE_MARK.finditer(text):
        if not any(a <= m.start() < b for a, b, _, _, _ in found):
            # a title line is the heading; a glued text keeps its words
            end = m.end("m") if m.group("stop") else m.end()
            found.append((m.start(), end, m.group("title"), m.group("m"), False))
    out: list[tuple[int, int, str]] = []
    last: dict[tuple[bool, bool], int] = {}  # numbering form -> number of the last heading
    for a, b, title, mark, by_words in sorted(found):
        form, num = _mark_number(mark) if mark else ((False, False), 0)
        if by_words or last.get(form) == num - 1:
            out.append((a, b, title))
            if mark:
                last[form] = num
    return out


def _mark_number(mark: str) -> tuple[tuple[bool, bool], int]:
    """A heading marker's form (bracketed?, arabic?) and number."""
    core = mark.strip("()（）、.． ")
    form = (mark[0] in "(（", core.isdigit())
    return form, int(core) if core.isdigit() else _cn_value(core)


def _heading_kind(title: str) -> str | None:
    if _BOTH.search(title):
        return None  # 存在的主要问题及改进情况: the section's own title
    if _IMP_TITLE.search(title):
        return IMPROVEMENT
    return PROBLEM if _PROB_TITLE.search(title) else None


def _heading_scope(title: str, kind: str | None, st: _State) -> None:
    years = [int(y) for y in _YEAR.findall(title)]
    if st.year is None:  # without the report's year, only a rectification names an earlier one
        earlier, later = bool(years) and bool(_RECTIFY.search(title)), False
    else:
        earlier = bool(years) and max(years) < st.year
        later = bool(years) and min(years) > st.year
    if _PREV.search(title) or earlier:
        st.scope = PREVIOUS
    elif kind != IMPROVEMENT or later or _FUTURE.search(title):
        st.scope = CURRENT
    # an improvement heading with no time of its own answers the problems above it


def _lead_scope(lead: str, kind: str | None, st: _State) -> None:
    """A lead-in sets the scope only where no heading has (text without sub-headings)."""
    if st.headed:
        return
    m = _PREV_PROBLEMS.search(lead)
    if m and (m.group("y") is None or (int(m.group("y")) < st.year if st.year
                                       else kind == IMPROVEMENT)):
        st.scope = PREVIOUS
    elif kind == PROBLEM or _FUTURE.search(lead):
        st.scope = CURRENT


def _marks(body: str) -> list[_Mark]:
    """The list markers of a part that open a list (number 1) or continue one."""
    out: list[_Mark] = []
    last: dict[str, int] = {}
    for m in _ENUM.finditer(body):
        style = m.lastgroup or ""
        raw = m.group(style)
        if style == "bare":
            style = "ar"
        if style == "par":
            style, num = ("par_ar", int(raw)) if raw.isdigit() else ("par_cn", _cn_value(raw))
        elif style == "ar":
            num = int(raw)
        elif style == "circ":
            num = _CIRCLED.index(raw) + 1
        elif style == "ord":
            num = _ORD.get(raw, last.get("ord", 0) + 1)
        elif style == "side":
            num = 2 if raw.startswith("另") else 1
        else:
            num = _cn_value(raw)
        if num == 1 and m.lastgroup != "bare":
            last[style] = 1
        elif last.get(style) == num - 1:
            last[style] = num
        else:
            continue
        out.append(_Mark(m.start(), m.end(), style, num))
    return out


def _cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.index(s[1]) + 1
    if len(s) == 2 and s[1] == "十":
        return (_CN.index(s[0]) + 1) * 10
    return _CN.index(s[0]) + 1


def _chunks(body: str, marks: list[_Mark]) -> list[_Chunk]:
    """Sentences of a part; the first sentence after a marker carries the marker."""
    out: list[_Chunk] = []
    mark: _Mark | None = None
    pos = 0
    for i in range(len(marks) + 1):
        stop = marks[i].start if i < len(marks) else len(body)
        first = True
        for p in _PIECE.finditer(body, pos, stop):
            if not body[p.start():p.end()].strip(_TRIM):
                continue
            runs_on = i < len(marks) and p.end() == stop and body[p.end() - 1] not in "。！？!?"
            out.append(_Chunk(mark if first else None, p.start(), p.end(), runs_on))
            first = False
        if first and mark is not None:  # a marker with nothing after it
            out.append(_Chunk(mark, pos, pos, i < len(marks)))
        if i < len(marks):
            mark, pos = marks[i], marks[i].end
    return out


def _part(body: str, fixed: str | None, st: _State, out: list[tuple[str, str, str]]) -> None:
    """Statements of the text between two sub-headings; ``fixed`` is the heading's kind."""
    if not body.strip(_TRIM):
        return
    chunks = _chunks(body, _marks(body))
    item: list[_Chunk] = []
    item_kind = st.kind
    lists: list[tuple[str, str]] = []  # open lists, outermost first: (style, kind)
    lead: str | None = None  # the kind announced by the lead-in just read

    def flush() -> None:
        if item:
            _emit(item_kind, st.scope, body[item[0].start:item[-1].end], st, out)
            item.clear()

    for i, ch in enumerate(chunks):
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        s = body[ch.start:ch.end].strip()
        if ch.mark is not None:
            styles = [sty for sty, _ in lists]
            if ch.mark.style in styles and ch.mark.num > 1:
                del lists[styles.index(ch.mark.style) + 1:]
                flush()
                item_kind = lists[-1][1]
            elif item and item[-1].runs_on and ch.mark.style not in styles:
                # a list inside an item (（三）狠抓落实。继续…，一是…；二是…): its items
                # are the statements, the item's own words their lead-in
                item.clear()
                lists.append((ch.mark.style, item_kind))
            else:
                flush()
                # unannounced, a list says its kind by its first item
                first = body[ch.start:ch.end].strip(_TRIM)
                item_kind = fixed or lead or _kind_by_meaning(first, st.kind)
                lists = [(ch.mark.style, item_kind)]
            lead = None
            item.append(ch)
            continue
        if item:
            turns = item_kind == PROBLEM and _MEASURE_OPEN.match(s)
            if not (_announces(s, nxt) or turns):
                item.append(ch)  # the item's explanation
                continue
            flush()
        if ch.runs_on or _announces(s, nxt):
            kind = _lead_kind(s)
            _lead_scope(s, kind, st)
            lead = kind or lead
            if kind:
                st.kind = kind
            continue
        _prose(s, fixed, lead, st, out)
        lead = None
    flush()


def _announces(s: str, nxt: _Chunk | None) -> bool:
    """A lead-in by its words: ends on a colon, announces a list, or points back at the
    problems just before a list (``针对上述问题，…。一是…``)."""
    return (s.endswith(("：", ":")) or bool(_ANNOUNCE.search(s))
            or (_BACK_TO_PROBLEMS.match(s) is not None and nxt is not None and nxt.mark is not None
                and nxt.mark.num == 1)
            or _concession_only(s))


def _concession_only(s: str) -> bool:
    m = _CONCEDE.match(s)
    return m is not None and not s[m.end():].strip(_TRIM + "。")


def _lead_kind(s: str) -> str | None:
    if _CONCEDE.match(s):
        return PROBLEM
    if _LEAD_IMP.search(s):
        return IMPROVEMENT
    return PROBLEM if _LEAD_PROB.search(s) else None


def _prose(s: str, fixed: str | None, lead: str | None, st: _State,
           out: list[tuple[str, str, str]]) -> None:
    """Statements of an unnumbered sentence, after its own lead-in if it has one."""
    hint = lead
    colon = _COLON.search(s)
    if colon:
        before, s = s[:colon.start()], s[colon.end():]
        hint = _lead_kind(before) or hint
        _lead_scope(before, hint, st)
    m = _CONCEDE.match(s)
    if m:
        s, hint = s[m.end():], PROBLEM
        _lead_scope("", PROBLEM, st)
    s = _INTRO.sub("", s.strip(_TRIM))
    for piece in _pieces(s):
        if piece.strip(_TRIM):
            piece = piece.strip(_TRIM)
            kind = fixed or _kind_by_meaning(piece, hint or st.kind)
            if kind == PROBLEM and _MEASURE_OPEN.match(piece):
                kind = IMPROVEMENT  # 对此/下一步…: a measure, even under a problems heading
            _emit(kind, st.scope, piece, st, out)


def _pieces(s: str) -> list[str]:
    """A sentence's statements: its "；" parts, and a problem cut from the plan that
    follows it in the same sentence (``…有待提高，下一步将加强…``)."""
    out: list[str] = []
    for part in _SEMI.split(s):
        turn = _TURN.search(part)
        if turn and _DEFICIENT.search(part[:turn.start()]):
            out += [part[:turn.start()], part[turn.end():]]
        else:
            out.append(part)
    return out


def _kind_by_meaning(s: str, default: str) -> str:
    if _MEASURE_OPEN.match(s):
        return IMPROVEMENT
    if _DEFICIENT.search(s):
        return PROBLEM
    return IMPROVEMENT if _VERB_FIRST.match(s) else default


def _emit(kind: str, scope: str, text: str, st: _State, out: list[tuple[str, str, str]]) -> None:
    text = _tidy(text)
    if len(text) >= 4 and not _NOTHING.match(text):
        out.append((kind, scope, text))
        st.kind = kind


def _tidy(s: str) -> str:
    s = _NEWLINE.sub("\n", s.strip(_TRIM))
    return _SPACES.sub(" ", s).rstrip(_TRIM)
