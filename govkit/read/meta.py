"""Who reports, for which year, on which template generation.

The title says it: ``旧街街道办事处2021年政府信息公开工作年度报告``.  Where a text has lost
its title (a crawler kept only the body) the narrative does: the year most often named in
section 一 and the organ named there (``2020年关林街道以…``).  The template generation is
read from the tables' own column heads and rows, never assumed from the year; where the
evidence disagrees it is left null with a finding.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Finding, Line
from .text import norm

_TITLE_WORDS = ("年度报告", "年报", "工作报告")
_TITLE = re.compile(
    r"^(?P<organ>.*?)(?:关于)?(?P<year>(?:19|20)\d{2})年(?:度)?(?P<rest>.*?)(?:政府信息公开|政务公开|信息公开)")
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})年(?:度)?(?!政府信息公开|政务公开|信息公开)(?P<organ>.+?)"
    r"(?:政府信息公开|政务公开|信息公开)")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_ORGAN_SUFFIX = (r"街道办事处|街道办|街道|人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|"
                 r"管理委员会|管委会|委员会|局|厅|委|办|镇|乡|中心|院|署")
#: An organ named as the subject right after the year a narrative opens with:
#: ``2020年关林街道以…``, ``2023年，慈音街道…``.
_ORGAN = re.compile(
    rf"(?:19|20)\d{{2}}年(?:度)?[,，、]?([\u4e00-\u9fa5]{{2,14}}?(?:{_ORGAN_SUFFIX}))")
#: Words a subject never starts with: pronouns, quantifiers and the verbs and prepositions
#: of running text (``将政府信息公开工作纳入街道`` is a clause, not an organ).
_NOT_ORGAN = ("我", "本", "各", "全", "该", "有关", "相关", "上级", "区委", "市委", "县委", "认真",
              "坚持", "深入", "进一步", "将", "把", "对", "在", "按", "根据", "为", "以", "由",
              "向", "共", "经", "从", "通过", "围绕", "按照", "结合", "加强", "推进", "落实",
              "持续", "不断", "积极", "严格", "切实", "规范", "完善", "做好", "开展", "组织")


_LABEL_PREFIX = re.compile(r"^(?:标题|名称|题目|文章标题)[:：]")


def title_line(preamble: list[Line]) -> str | None:
    """The report's title among the first lines, joined when it wraps over two lines
    (``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``), without a crawler's
    ``标题：`` label."""
    texts = [_LABEL_PREFIX.sub("", norm(ln.text)) for ln in preamble[:8] if not ln.table]
    for i, s in enumerate(texts):
        if len(s) > 80:
            continue
        candidates = [s]
        if i + 1 < len(texts) and len(s) <= 40:
            candidates.append(s + texts[i + 1])
        for c in candidates:
            if any(w in c for w in _TITLE_WORDS) and len(c) <= 80 and _YEAR.search(c):
                return c
    return None


def from_title(title: str) -> tuple[str | None, int | None]:
    m = _TITLE_YEAR_FIRST.match(title)
    if m:
        return _organ_or_none(m.group("organ")), int(m.group("year"))
    m = _TITLE.match(title)
    if m:
        return _organ_or_none(m.group("organ")), int(m.group("year"))
    return None, None


def _organ_or_none(s: str) -> str | None:
    s = s.strip(" :：,，、-_《》\"'")
    return s if len(s) >= 2 else None


def year_from_text(text: str) -> int | None:
    """The year a narrative talks about most (ties: the earlier, the reported year)."""
    years = Counter(int(y) for y in _YEAR.findall(norm(text)) if 2007 <= int(y) <= 2035)
    if not years:
        return None
    top = max(years.values())
    return min(y for y, c in years.items() if c == top)


def organ_from_text(text: str) -> str | None:
    """The organ a narrative names as its subject, where the title is lost.

    Only a name the narrative opens a sentence with right after the year
    (``2020年关林街道以…``), ending in an organ's suffix (街道, 局, 人民政府 …), not
    starting like a clause (将…, 规范…), and printed at least twice: a fragment that
    happens to end in 办 or 街道 is no organ, and a wrong organ is a fabricated field.
    Where two names are as likely, it is null.
    """
    s = norm(text)
    names: Counter[str] = Counter()
    for m in _ORGAN.finditer(s):
        name = m.group(1)
        if name.startswith(_NOT_ORGAN) or "《" in name:
            continue
        names[name] = s.count(name)
    ranked = [(n, c) for n, c in names.most_common() if c >= 2]
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]
                      and ranked[1][0] not in ranked[0][0] and ranked[0][0] not in ranked[1][0]):
        return None
    return ranked[0][0]


def template_of(votes: dict[str, set[str]], year: int | None) -> tuple[str | None, list[Finding]]:
    """Decide the template from table evidence; ``votes`` maps generation -> evidence.

    The tables decide, not the year: an organ that filled in the 2019 form for its 2022
    report has a 2019 table, and a finding says the year expected the other one.  Where
    the tables show both generations, or speak only through the single （六）其他处理
    row (which 2021 reports often keep) for a year after 2020, it is null.
    """
    gens = {g for g, ev in votes.items() if ev}
    if len(gens) == 1:
        gen = next(iter(gens))
        weak = votes[gen] == {WEAK_2019}
        if year is not None and (year >= 2021) != (gen == "2021"):
            if weak:
                return None, []
            return gen, [Finding(
                "template.conflict", "template",
                f"表格按{gen}年版模板填写（{'、'.join(sorted(votes[gen]))}），但报告年度为{year}年，"
                f"应使用{'2021' if year >= 2021 else '2019'}年版 (the tables follow the {gen} "
                f"template although the report is for {year})",
                expected="2021" if year >= 2021 else "2019", actual=gen)]
        return gen, []
    if len(gens) == 2:
        return None, [Finding(
            "template.conflict", "template",
            f"表格同时具有2019年版（{'、'.join(sorted(votes['2019']))}）和2021年版"
            f"（{'、'.join(sorted(votes['2021']))}）特征 (tables mix both template generations)")]
    return None, []


#: The vote of a single （六）其他处理 row: the 2019 form, but weak evidence of it.
WEAK_2019 = "三:(六)其他处理"
