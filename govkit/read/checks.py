"""The accounting identities (勾稽关系) and the narrative-versus-table comparison.

A broken identity is a finding, never a failure: reports break them often, and the
researcher decides what to trust.  A check runs only where every figure it needs was
read; a null figure has its own finding already.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..schema import (
    APPLICANTS,
    NARRATIVE_CLAIMS,
    NEVER,
    PROCEEDINGS,
    RESULTS,
    REVIEWS_INCLUDE_CARRIED_OVER,
    ROW_CODES,
)
from .applications import ROW_KEYS
from .model import Finding
from .text import norm

Values = Mapping[tuple[str, str], float | None]


def _fmt(x: float | None) -> str:
    if x is None:
        return "null"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _sum(vals: Values, keys: list[tuple[str, str]]) -> float | None:
    total = 0.0
    for k in keys:
        v = vals.get(k)
        if v is None:
            return None
        total += v
    return total


@dataclass(slots=True)
class Tally:
    """How many identities the tables define, how many could be evaluated (every term
    known), and how many of those are broken."""

    possible: int = 0
    checked: int = 0
    broken: int = 0

    def count(self, left: float | None, right: float | None) -> bool:
        """Count one identity; True when it is evaluated and broken."""
        self.possible += 1
        if left is None or right is None:
            return False
        self.checked += 1
        if left != right:
            self.broken += 1
            return True
        return False


def application_identities(apps: Values, outcome: tuple[str, ...],
                           tally: Tally | None = None) -> list[Finding]:
    """Section 三's identities, each evaluated where every term is known.

    ``outcome`` names the rows that add up to （七）总计 (the 2021 template's three （六）
    sub-rows, or its single row; see :func:`govkit.read.applications.outcome_rows`)."""
    tally = tally if tally is not None else Tally()
    out: list[Finding] = []
    for a, (lk, rk) in zip(APPLICANTS, _BALANCE_KEYS, strict=True):
        left = _sum(apps, lk)
        right = _sum(apps, rk)
        if tally.count(left, right):
            out.append(Finding(
                "identity.balance", f"applications/{a}",
                f"一(新收)+二(上年结转)={_fmt(left)}，三(七)总计+四(结转下年度)={_fmt(right)}，"
                f"二者不等 (new + carried over ≠ processed + carried forward)",
                _fmt(left), _fmt(right)))
    rows = [r for r in ROW_CODES if any(k in apps for k in ROW_KEYS[r])]
    for row in rows:
        parts = _sum(apps, ROW_KEYS[row][:-1])
        total = apps.get((row, "total"))
        if tally.count(parts, total):
            out.append(Finding(
                "identity.row_total", f"applications/{row}",
                f"总计列为{_fmt(total)}，六类申请人之和为{_fmt(parts)} "
                f"(total column ≠ sum of the six applicant columns)",
                _fmt(parts), _fmt(total)))
    for a in APPLICANTS:
        parts = _sum(apps, [(r, a) for r in outcome])
        total = apps.get(("total_processed", a))
        if tally.count(parts, total):
            out.append(Finding(
                "identity.outcome_total", f"applications/total_processed/{a}",
                f"(七)总计为{_fmt(total)}，办理结果(一)至(六)之和为{_fmt(parts)} "
                f"(total processed ≠ sum of the outcome rows)", _fmt(parts), _fmt(total)))
    return out


#: The keys the balance identity adds up, built once: (一, 二) and (三(七), 四) per
#: applicant.
_BALANCE_KEYS = [([("new_received", a), ("carried_over", a)],
                  [("total_processed", a), ("carried_forward", a)]) for a in APPLICANTS]


def review_identities(reviews: Values, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally()
    out: list[Finding] = []
    for p in PROCEEDINGS:
        parts = _sum(reviews, [(p, r) for r in RESULTS[:-1]])
        total = reviews.get((p, "total"))
        if tally.count(parts, total):
            out.append(Finding(
                "identity.review_total", f"reviews/{p}",
                f"总计为{_fmt(total)}，维持+纠正+其他+尚未审结为{_fmt(parts)} "
                f"(total ≠ upheld + corrected + other + pending)", _fmt(parts), _fmt(total)))
    return out


def _table_value(claim_table: str, k1: str, k2: str, tables: Mapping[str, Values]
                 ) -> float | None:
    reviews = tables.get("reviews", {})
    if claim_table == "reviews" and k1 == "litigation":
        return _sum(reviews, [("litigation_direct", k2), ("litigation_after_reconsideration", k2)])
    return tables.get(claim_table, {}).get((k1, k2))


@lru_cache(maxsize=8)
def narrative_claims(text: str) -> tuple[tuple[str, float, str], ...]:
    """(claim name, stated number, the sentence) for each figure the narrative states.

    Cached: a parse asks twice (to pin glued figures, then to compare with the tables)."""
    out: list[tuple[str, float, str]] = []
    s = norm(text)
    for spec in NARRATIVE_CLAIMS:
        for m in re.finditer(spec.pattern, s):
            out.append((spec.name, float(m.group(1)), _sentence(s, m.start())))
        if spec.none_pattern == NEVER:
            continue
        for m in re.finditer(spec.none_pattern, s):
            out.append((spec.name, 0.0, _sentence(s, m.start())))
    return tuple(out)


def _sentence(s: str, pos: int) -> str:
    start = max(s.rfind(c, 0, pos) for c in "。；;\n") + 1
    ends = [e for e in (s.find(c, pos) for c in "。；;\n") if e >= 0]
    return s[start : min(ends) + 1 if ends else len(s)][:120]


def stated_figures(text: str, table: str) -> dict[tuple[str, str], float]:
    """The figures the narrative states for cells of ``table``, where it states one value.

    >>> stated_figures("集中公开现行有效行政规范性文件698件。", "disclosures")
    {('normative_documents', 'in_force'): 698.0}
    """
    specs = {c.name: c for c in NARRATIVE_CLAIMS}
    seen: dict[tuple[str, str], set[float]] = {}
    for name, stated, _ in narrative_claims(text):
        spec = specs[name]
        if spec.table == table:
            seen.setdefault((spec.key1, spec.key2), set()).add(stated)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def narrative_mismatches(text: str, apps: Values, reviews: Values,
                         disclosures: Values | None = None) -> list[Finding]:
    specs = {c.name: c for c in NARRATIVE_CLAIMS}
    tables = {"applications": apps, "reviews": reviews, "disclosures": disclosures or {}}
    out: list[Finding] = []
    for name, stated, sentence in narrative_claims(text):
        spec = specs[name]
        table = _table_value(spec.table, spec.key1, spec.key2, tables)
        if table is None or table == stated:
            continue
        out.append(Finding(
            "narrative.mismatch", f"{spec.table}/{spec.key1}/{spec.key2}",
            f"正文称{_fmt(stated)}，表格为{_fmt(table)}：“{sentence}” "
            f"(the narrative states {_fmt(stated)}, the table prints {_fmt(table)})",
            _fmt(table), _fmt(stated)))
    return out


def review_scope(text: str) -> list[Finding]:
    """A finding when the report says its review counts include cases carried over.

    >>> [f.check for f in review_scope("注：行政复议、行政诉讼数量含上年度结转数量。")]
    ['reviews.includes_carried_over']
    """
    m = re.search(REVIEWS_INCLUDE_CARRIED_OVER, norm(text))
    if m is None:
        return []
    return [Finding(
        "reviews.includes_carried_over", "reviews",
        f"报告说明行政复议、行政诉讼数量包含上年结转案件：“{m.group()}” (the report says its "
        f"review and litigation counts include cases carried over from earlier years; they "
        f"are not the year's new cases)")]
