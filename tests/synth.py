"""Synthetic reports built from the template labels, for property tests.

The figures are random but obey every identity, so a parse can be compared cell by cell
with the truth.  Rendered as tab-separated text, the way 001 in data/ is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from govkit.schema import APPLICATION_ROWS, DISCLOSURE_LAYOUT, ITEM_BY_CODE, MEASURE_BY_CODE

PARTS = 6


@dataclass
class Truth:
    apps: dict[tuple[str, str], int]
    reviews: dict[tuple[str, str], int]
    disclosures: dict[tuple[str, str], float]


def figures(rng: random.Random) -> Truth:
    from govkit.schema import APPLICANTS, PROCEEDINGS, RESULTS

    rows = [r.code for r in APPLICATION_ROWS if "2021" in r.templates and r.code != "other"]
    outcome = [r for r in rows if r not in ("new_received", "carried_over", "total_processed",
                                            "carried_forward")]
    apps: dict[tuple[str, str], int] = {}
    for a in APPLICANTS[:PARTS]:
        for r in outcome:
            apps[(r, a)] = rng.choice([0, 0, 0, rng.randint(1, 40)])
        processed = sum(apps[(r, a)] for r in outcome)
        forward = rng.randint(0, 5)
        carried = rng.randint(0, min(5, processed + forward))
        apps[("total_processed", a)] = processed
        apps[("carried_forward", a)] = forward
        apps[("carried_over", a)] = carried
        apps[("new_received", a)] = processed + forward - carried
    for r in rows:
        apps[(r, "total")] = sum(apps[(r, a)] for a in APPLICANTS[:PARTS])
    reviews: dict[tuple[str, str], int] = {}
    for p in PROCEEDINGS:
        for res in RESULTS[:-1]:
            reviews[(p, res)] = rng.randint(0, 9)
        reviews[(p, "total")] = sum(reviews[(p, res)] for res in RESULTS[:-1])
    disclosures = {(item, m): float(rng.randint(0, 300))
                   for item, ms in DISCLOSURE_LAYOUT["2021"].items() for m in ms}
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
    for spec in APPLICATION_ROWS:
        if "2021" not in spec.templates or spec.code == "other":
            continue
        out.append("\t".join([spec.label, "", *(str(t.apps[(spec.code, a)]) for a in APPLICANTS)]))
    out += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
            "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
            "\t".join(str(t.reviews[(p, r)]) for p in PROCEEDINGS for r in RESULTS),
            "五、存在的主要问题及改进情况", "一是人员不足；二是培训不够。",
            "六、其他需要报告的事项", "无"]
    return out
