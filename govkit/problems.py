"""Section 五 split into problem statements and improvement measures, in order.

Reports enumerate with 一是/二是…, 1、2、…, （1）… or （一）…; they separate problems from
measures by a sub-heading (（二）改进情况), by a lead-in (下步打算：, 改进措施,) or both.  A
list is a list of improvements when the words introducing it say so; otherwise it is a
list of problems.  A part with no enumeration is one statement.
"""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十"
_ENUM = re.compile(
    rf"(?:^|(?<=[\s。；;：:！!？?，,]))(?:[\-•·]\s*)?"
    rf"(?:(?P<cn>[{_CN}]{{1,2}})是|(?P<ar>\d{{1,2}})\s*[、.．)](?!\d)|[(（](?P<par>\d{{1,2}}|[{_CN}]{{1,2}})[)）])")
_SUBHEAD = re.compile(
    rf"^\s*(?:[(（][{_CN}\d]{{1,2}}[)）]|[{_CN}\d]{{1,2}}[、.．])\s*(?P<title>[^。；;]{{2,24}}?)[：:。]?\s*$")
_LEAD_HEAD = re.compile(
    rf"^\s*(?:[(（][{_CN}\d]{{1,2}}[)）]|[{_CN}\d]{{1,2}}[、.．])\s*(?P<title>[^。；;：:，,]{{2,16}})[。：:]")
_IMPROVE = ("改进", "整改", "措施", "下步", "下一步", "今后", "打算", "计划", "努力方向", "举措",
            "思路", "工作安排", "将从以下")
_PROBLEM = ("问题", "不足", "短板", "差距", "薄弱", "表现在")


def _cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.index(s[1]) + 1
    if len(s) == 2 and s[1] == "十":
        return (_CN.index(s[0]) + 1) * 10
    return _CN.index(s[0]) + 1


def _kind_of(lead: str, default: str) -> str:
    """Which kind a lead-in introduces: the last keyword in it decides."""
    last_imp = max((lead.rfind(k) for k in _IMPROVE), default=-1)
    last_prob = max((lead.rfind(k) for k in _PROBLEM), default=-1)
    if last_imp < 0 and last_prob < 0:
        return default
    return "improvement" if last_imp > last_prob else "problem"


def split_statements(text: str) -> list[tuple[str, str]]:
    """(kind, statement) pairs in printed order.

    >>> split_statements("存在问题：一是队伍力量不足；二是能力不强。改进措施：一是落实专人。")
    [('problem', '队伍力量不足'), ('problem', '能力不强'), ('improvement', '落实专人')]
    """
    out: list[tuple[str, str]] = []
    kind = "problem"
    for block in _blocks(text.replace("**", "")):
        head = _SUBHEAD.match(block)
        if head and any(k in head.group("title") for k in _IMPROVE + _PROBLEM) and len(block) <= 30:
            kind = _kind_of(head.group("title"), kind)
            continue
        # a sub-heading run into its paragraph: "（二）整改措施。为进一步…一是…"
        head = _LEAD_HEAD.match(block)
        if head and any(k in head.group("title") for k in _IMPROVE + _PROBLEM):
            kind = _kind_of(head.group("title"), kind)
            block = block[head.end():]
        kind = _split_block(block, kind, out)
    return out


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in text.splitlines() if b.strip()]


def _split_block(block: str, kind: str, out: list[tuple[str, str]]) -> str:
    marks = list(_ENUM.finditer(block))
    items: list[tuple[int, int, int]] = []  # (start of marker, end of marker, number)
    for m in marks:
        num = (_cn_value(m.group("cn")) if m.group("cn")
               else int(m.group("ar") or 0) if m.group("ar")
               else (int(m.group("par")) if m.group("par").isdigit()
                     else _cn_value(m.group("par"))))
        items.append((m.start(), m.end(), num))
    # keep only markers that continue a count (1, 2, 3 …), restarting at 1
    kept: list[tuple[int, int, int]] = []
    for it in items:
        if it[2] == 1 or it[0] == 0 or (kept and it[2] == kept[-1][2] + 1):
            kept.append(it)
    if not kept:
        # an unnumbered list of statements is separated by semicolons
        kind = _kind_of(block[:12], kind) if len(block) > 30 else kind
        for part in re.split(r"[；;]", block):
            stmt = _tidy(part)
            if stmt:
                out.append((kind, stmt))
        return kind
    pos = 0
    for i, (start, end, num) in enumerate(kept):
        lead = block[pos:start]
        if num == 1:
            kind = _kind_of(lead, kind) if lead.strip() else kind
        elif lead.strip() and i > 0:
            pass
        stop = kept[i + 1][0] if i + 1 < len(kept) else len(block)
        body = block[end:stop]
        # a list's last item may run on into the lead-in of the next list
        if i + 1 < len(kept) and kept[i + 1][2] == 1:
            cut = _lead_in_start(body)
            if cut is not None:
                stop = end + cut
                body = block[end:stop]
        stmt = _tidy(body)
        if stmt:
            out.append((kind, stmt))
        pos = stop
    return kind


def _lead_in_start(body: str) -> int | None:
    """Where a sentence introducing the next list starts, if it mentions a kind keyword."""
    sentences = [m.end() for m in re.finditer(r"[。；;！!]", body)]
    for end in sentences:
        rest = body[end:]
        if rest.strip() and any(k in rest for k in _IMPROVE + _PROBLEM):
            return end
    return None


def _tidy(s: str) -> str:
    s = s.strip().strip("；;，,、：: \u3000")
    s = re.sub(r"\s+", " ", s)
    return s.rstrip("；;，, ")
