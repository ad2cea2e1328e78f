"""Synthetic reports built from the template labels, for property tests.

The figures are random but obey every identity, so a parse can be compared cell by cell
with the truth.  Two renderings: tab-separated rows, the way 001 in data/ is
(:func:`render`), and PDF→markdown, where each row's label is a line of its own and its
figures a pipe row on the next line (:func:`render_split`, the way the converters print
../shared/corpus/004_shanghai): there a label is easily displaced from its figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from govkit.schema import APPLICATION_ROWS, DISCLOSURE_LAYOUT, ITEM_BY_CODE, MEASURE_BY_CODE

PARTS = 6
ROWS_2021 = tuple(r for r in APPLICATION_ROWS if "2021" in r.templates and r.code != "other")


@dataclass
class Truth:
    apps: dict[tuple[str, str], int]
    reviews: dict[tuple[str, str], int]
    disclosures: dict[tuple[str, str], float]


@dataclass
class Rendering:
    """A report as lines, and which lines are row labels standing alone (split rendering)."""

    lines: list[str]
    labels: list[int]


def figures(rng: random.Random, *, distinct: bool = False, high: int = 40, zeros: int = 3,
            review_high: int = 9, disclosure_high: int = 300) -> Truth:
    """Random figures that obey every identity.

    ``distinct``: every table row prints a different vector, none all zero, and section
    二 and 四 print pairwise different figures — so a row read under another row's label
    (or a figure in another column) can never pass for the truth.

    A part of section 三 is 0 with odds ``zeros`` to 1, else up to ``high``; a review
    cell is up to ``review_high``, a section 二 figure up to ``disclosure_high`` (the
    defaults: a district office's report).
    """
    from govkit.schema import APPLICANTS, PROCEEDINGS, RESULTS

    rows = [r.code for r in ROWS_2021]
    outcome = [r for r in rows if r not in ("new_received", "carried_over", "total_processed",
                                            "carried_forward")]
    zero = [0] if distinct else [0] * zeros  # real tables are mostly zeros, but not all
    while True:
        apps: dict[tuple[str, str], int] = {}
        for a in APPLICANTS[:PARTS]:
            for r in outcome:
                apps[(r, a)] = rng.choice([*zero, rng.randint(1, high)])
            processed = sum(apps[(r, a)] for r in outcome)
            forward = rng.randint(0, 5)
            carried = rng.randint(0, min(5, processed + forward))
            apps[("total_processed", a)] = processed
            apps[("carried_forward", a)] = forward
            apps[("carried_over", a)] = carried
            apps[("new_received", a)] = processed + forward - carried
        for r in rows:
            apps[(r, "total")] = sum(apps[(r, a)] for a in APPLICANTS[:PARTS])
        if not distinct:
            break
        vectors = [tuple(apps[(r, a)] for a in APPLICANTS) for r in rows]
        if len(set(vectors)) == len(vectors) and all(any(v) for v in vectors):
            break
    reviews: dict[tuple[str, str], int] = {}
    cells = [(p, res) for p in PROCEEDINGS for res in RESULTS[:-1]]
    values = (rng.sample(range(1, 60), len(cells)) if distinct
              else [rng.randint(0, review_high) for _ in cells])
    reviews.update(zip(cells, values, strict=True))
    for p in PROCEEDINGS:
        reviews[(p, "total")] = sum(reviews[(p, res)] for res in RESULTS[:-1])
    keys = [(item, m) for item, ms in DISCLOSURE_LAYOUT["2021"].items() for m in ms]
    amounts = rng.sample(range(1, 400), len(keys)) if distinct else [
        rng.randint(0, disclosure_high) for _ in keys]
    disclosures = {k: float(v) for k, v in zip(keys, amounts, strict=True)}
    return Truth(apps, reviews, disclosures)


def render(t: Truth, organ: str = "测试街道办事处", year: int = 2022) -> list[str]:
    """The report as lines of text (tab-separated table rows)."""
    from govkit.schema import APPLICANTS, PROCEEDINGS, RESULTS

    out = [f"{organ}{year}年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体平稳。",
           "二、主动公开政府信息情况"]
    for item, measures in DISCLOSURE_LAYOUT["2021"].items():
        out.append("\t".join(["信息内容", *(MEASURE_BY_CODE[m].label for m in measures)]))
        out.append("\t".join([ITEM_BY_CODE[item].label,
                              *(f"{t.disclosures[(item, m)]:g}" for m in measures)]))
    out += ["三、收到和处理政府信息公开申请情况",
            "\t".join(["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)",
                       "申请人情况"]),
            "\t".join(["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                       "其他", "总计"])]
    for spec in ROWS_2021:
        out.append("\t".join([spec.label, "", *(str(t.apps[(spec.code, a)]) for a in APPLICANTS)]))
    out += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
            "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
            "\t".join(str(t.reviews[(p, r)]) for p in PROCEEDINGS for r in RESULTS),
            "五、存在的主要问题及改进情况", "一是人员不足；二是培训不够。",
            "六、其他需要报告的事项", "无"]
    return out


def pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_split(t: Truth, organ: str = "测试街道办事处", year: int = 2022) -> Rendering:
    """The report as PDF→markdown prints it: a row's label on one line, its figures as a
    pipe row on the next (``（二）部分公开`` / ``| 2 | 0 | 0 | 0 | 0 | 0 | 2 |``).

    ``labels`` are the indices of the label lines of sections 二 and 三 — the lines a
    converter displaces.
    """
    from govkit.schema import APPLICANTS, PROCEEDINGS, RESULTS

    out = [f"{organ}{year}年政府信息公开工作年度报告", "一、总体情况", "本年度工作总体平稳。",
           "二、主动公开政府信息情况"]
    labels: list[int] = []
    for item, measures in DISCLOSURE_LAYOUT["2021"].items():
        out.append(pipe(["信息内容", *(MEASURE_BY_CODE[m].label for m in measures)]))
        labels.append(len(out))
        out.append(ITEM_BY_CODE[item].label)
        out.append(pipe([f"{t.disclosures[(item, m)]:g}" for m in measures]))
    out += ["三、收到和处理政府信息公开申请情况",
            pipe(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                  "申请人情况"]),
            pipe(["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                  "其他", "总计"])]
    for spec in ROWS_2021:
        labels.append(len(out))
        out.append(spec.label)
        out.append(pipe([str(t.apps[(spec.code, a)]) for a in APPLICANTS]))
    out += ["四、政府信息公开行政复议、行政诉讼情况", pipe(["行政复议", "行政诉讼"]),
            pipe(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
            pipe([str(t.reviews[(p, r)]) for p in PROCEEDINGS for r in RESULTS]),
            "五、存在的主要问题及改进情况", "一是人员不足；二是培训不够。",
            "六、其他需要报告的事项", "无"]
    return Rendering(out, labels)


def displace(r: Rendering, moves: list[tuple[int, str, int]]) -> list[str]:
    """Move, drop or duplicate label lines of a split rendering.

    Each move is (which label, "move" | "drop" | "copy", by how many lines ±): the label
    is taken among those still present (modulo their number); "copy" leaves it in place
    and prints it again ``by`` lines away.  A label passes figure and header lines but
    never another label: converters pull a label away from its figures and pile labels
    up, but keep their order — two labels swapped would read clean, and wrong, to any
    reader, since each figure row would sit under one label.
    """
    lines: list[tuple[str, bool]] = [(s, i in r.labels) for i, s in enumerate(r.lines)]
    for which, op, by in moves:
        at = [i for i, (_, is_label) in enumerate(lines) if is_label]
        if not at:
            break
        i = at[which % len(at)]
        item = lines[i]
        if op == "drop":
            del lines[i]
            continue
        step = 1 if by > 0 else -1
        j = i  # the label goes right after line j (step > 0) or right before it
        for _ in range(abs(by)):
            k = j + step
            if not 0 <= k < len(lines) or lines[k][1]:
                break
            j = k
        if op == "move":
            del lines[i]
            lines.insert(j, item)
        else:
            lines.insert(j + 1 if step > 0 else j, item)
    return [s for s, _ in lines]
# --- the same figures as an HTML report, with printed empty cells -----------------------

#: The group labels of section 三's outcome rows, printed in a column of their own.
_GROUPS = {"denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
           "other": "（六）其他处理"}
_SUBTABLES = {
    "2021": (("第二十条第（一）项", ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("admin_licensing",)),
             ("第二十条第（六）项", ("admin_penalty", "admin_coercion")),
             ("第二十条第（八）项", ("admin_fees",))),
    "2019": (("第二十条第（一）项", ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("admin_licensing", "other_admin_services")),
             ("第二十条第（六）项", ("admin_penalty", "admin_coercion")),
             ("第二十条第（八）项", ("admin_fees",)),
             ("第二十条第（九）项", ("central_procurement",))),
}
REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def as_2019(t: Truth, rng: random.Random, disclosure_high: int = 300) -> Truth:
    """The figures as a 2019-template report prints them: one （六）其他处理 row, and
    section 二's 2019 columns."""
    from govkit.schema import APPLICANTS

    apps = dict(t.apps)
    for a in APPLICANTS:
        apps[("other", a)] = sum(apps.pop((r, a))
                                 for r in ("other.no_correction", "other.unpaid_fee", "other.other"))
    disclosures = {(item, m): float(rng.randint(0, disclosure_high))
                   for item, ms in DISCLOSURE_LAYOUT["2019"].items() for m in ms}
    return Truth(apps, t.reviews, disclosures)


def html_report(t: Truth, rng: random.Random, blank: float, template: str = "2021",
                title: str = "测试街道办事处2022年政府信息公开工作年度报告", filler: int = 0,
                overview: list[str] | None = None, problems: str = "一是人员不足；二是培训不够。",
                other: str = "无") -> tuple[str, set[tuple[str, str, str]]]:
    """The report as an HTML fragment laid out like the template's tables (merged group
    labels, heads over two rows), and the cells printed empty: a zero part (never a
    total) is left empty with probability ``blank``.  Keys are ("applications", row,
    applicant), ("reviews", proceeding, result), ("disclosures", item, measure).

    ``overview`` (paragraphs), ``problems`` and ``other`` are the running text of
    sections 一, 五 and 六; without ``overview``, ``filler`` copies of one sentence."""
    from govkit.schema import APPLICANTS, PROCEEDINGS, RESULTS

    blanks: set[tuple[str, str, str]] = set()

    def td(key: tuple[str, str, str], value: float, span: int = 1, may_blank: bool = True) -> str:
        empty = may_blank and value == 0 and rng.random() < blank
        if empty:
            blanks.add(key)
        return f"<td colspan='{span}'>{'' if empty else f'{value:g}'}</td>"

    h = [f"<h2>{title}</h2>", "<p>一、总体情况</p>"]
    if overview is None:
        overview = ["本年度政务公开工作有序推进，主动公开水平不断提高，依申请公开办理规范。"] * filler
    h += [f"<p>{x}</p>" for x in overview]
    h.append("<p>二、主动公开政府信息情况</p><table>")
    for head, items in _SUBTABLES[template]:
        measures = DISCLOSURE_LAYOUT[template][items[0]]
        spans = {1: (3,), 2: (1, 2), 3: (1, 1, 1)}[len(measures)]
        h.append(f"<tr><td colspan='4'>{head}</td></tr><tr><td>信息内容</td>" + "".join(
            f"<td colspan='{s}'>{MEASURE_BY_CODE[m].label}</td>"
            for s, m in zip(spans, measures, strict=True)) + "</tr>")
        for item in items:
            h.append(f"<tr><td>{ITEM_BY_CODE[item].label}</td>" + "".join(
                td(("disclosures", item, m), t.disclosures[(item, m)], s)
                for s, m in zip(spans, measures, strict=True)) + "</tr>")
    h.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>"
             "<tr><td colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，"
             "等于第三项加第四项之和）</td><td colspan='7'>申请人情况</td></tr>"
             "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td>"
             "<td rowspan='2'>总计</td></tr><tr><td>商业企业</td><td>科研机构</td>"
             "<td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    rows = [r for r in APPLICATION_ROWS if template in r.templates
            and (template == "2019" or r.code != "other")]
    outcome = [r for r in rows if r.group]
    groups_seen: set[str] = set()
    for r in rows:
        figs = "".join(td(("applications", r.code, a), t.apps[(r.code, a)], may_blank=a != "total")
                       for a in APPLICANTS)
        if not r.group and r.code != "total_processed":
            label = f"<td colspan='3'>{r.label}</td>"
        else:
            label = f"<td rowspan='{len(outcome) + 1}'>三、本年度办理结果</td>" if r is outcome[0] else ""
            if r.group in _GROUPS and len([x for x in outcome if x.group == r.group]) > 1:
                if r.group not in groups_seen:
                    groups_seen.add(r.group)
                    n = sum(1 for x in outcome if x.group == r.group)
                    label += f"<td rowspan='{n}'>{_GROUPS[r.group]}</td>"
                label += f"<td>{r.label}</td>"
            else:
                label += f"<td colspan='2'>{r.label}</td>"
        h.append(f"<tr>{label}{figs}</tr>")
    h.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
             "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr><tr>"
             + "".join(f"<td rowspan='2'>{x}</td>" for x in REVIEW_HEADS)
             + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr><tr>"
             + "".join(f"<td>{x}</td>" for x in REVIEW_HEADS * 2) + "</tr><tr>"
             + "".join(td(("reviews", p, r), t.reviews[(p, r)], may_blank=r != "total")
                       for p in PROCEEDINGS for r in RESULTS)
             + f"</tr></table><p>五、存在的主要问题及改进情况</p><p>{problems}</p>"
             f"<p>六、其他需要报告的事项</p><p>{other}</p>")
    return "\n".join(h), blanks
