"""One report, bytes in, :class:`~govkit.read.model.ParsedReport` out.

The whole path, in order::

    bytes --sniff/read--> Document --split--> Sections --read_tables--> figures
          --template/expected rows--> checks --> ParsedReport

:func:`parse` is a pure function of the file's bytes (the name only hints the format),
so files parse in parallel and results cache by content hash.
"""

from __future__ import annotations

import hashlib

from ..errors import ParseError
from ..schema import (
    APPLICANTS,
    APPLICATION_ROWS,
    DISCLOSURE_LAYOUT,
    OTHER_SUBROWS,
    PROCEEDINGS,
    RESULTS,
)
from . import checks, meta, organ_kinds, passages, problems
from .applications import ROW_KEYS, outcome_rows
from .model import Document, Figure, Finding, Line, ParsedReport
from .readers import READERS, sniff
from .sections import split
from .tables import TableResult, Tables, read_tables

_NARRATIVE = {"overview", "problems", "other"}
#: Findings that say part of a template table is absent from the file: the report is then
#: "partial".  A printed cell that cannot be read is null with its own finding, but the
#: report is still whole ("ok").
_ABSENT = frozenset({"table.missing", "table.truncated"})
_M2021 = {"issued", "repealed", "in_force", "fee_amount"}
_M2019 = {"new_made", "new_published", "total_published", "prior_year", "change",
          "procurement_count", "procurement_amount"}


def report_id(data: bytes) -> str:
    """Stable id of a report: the first 16 hex digits of the BLAKE2b hash of its bytes."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def parse(data: bytes, name: str = "", *, strict: bool = False) -> ParsedReport:
    """Parse one report.  Never raises unless ``strict``: a file that cannot be read at
    all comes back with status "failed" and a ``parse.error`` finding saying why."""
    rid = report_id(data)
    try:
        fmt = sniff(data, name)
        doc = READERS[fmt](data)
        rep = build(rid, doc)
        rep.fmt = fmt
        return rep
    except Exception as exc:  # one bad file must never stop a batch; strict mode re-raises
        if strict:
            raise ParseError(f"{name or rid}: {type(exc).__name__}: {exc}") from exc
        return ParsedReport(rid, status="failed", findings=[Finding(
            "parse.error", "file",
            f"无法解析文件 (could not parse {name or 'file'}): {type(exc).__name__}: {exc}")])


def build(rid: str, doc: Document) -> ParsedReport:
    rep = ParsedReport(rid, encoding=doc.encoding, findings=list(doc.findings))
    if not doc.lines:
        rep.status = "failed"
        rep.findings.append(Finding("parse.error", "file", "文件没有可读文本 (no readable text)"))
        return rep
    secs = split(doc.lines)
    title = meta.title_line(secs.preamble)
    rep.title = title
    if title:
        rep.organ, rep.year = meta.from_title(title)
    narrative = secs.text("overview") or "\n".join(ln.text for ln in doc.lines[:40])
    if rep.year is None:
        rep.year = meta.year_from_text(narrative)
    if rep.organ is None:
        rep.organ = meta.organ_from_text(narrative)

    table_lines: list[Line] = [ln for ln in secs.preamble if ln.table]
    section_of: list[str | None] = [None] * len(table_lines)
    for code, lines in secs.body.items():
        if code in _NARRATIVE:
            continue
        table_lines += lines
        section_of += [code] * len(lines)
    overview = secs.text("overview")
    rep.who = organ_kinds.of_report(rep.organ, [
        title or "", *(ln.text for ln in secs.preamble if not ln.table), overview])
    tables = read_tables(table_lines, section_of,
                         pins=checks.stated_figures(overview, "disclosures"))

    votes = _template_votes(tables)
    rep.template, found = meta.template_of(votes, rep.year)
    rep.findings += found
    layout_gen = rep.template or _only(votes, {"2019", "2021"}) or None

    rep.applications = _application_figures(tables.applications, rep.template, rep.findings)
    printed_subrows = any(r in tables.applications.found for r in OTHER_SUBROWS)
    rep.reviews = _review_figures(tables.reviews, rep.findings)
    rep.disclosures = _disclosure_figures(tables.disclosures, layout_gen, rep.findings)
    for name, res in (("disclosures", tables.disclosures),
                      ("applications", tables.applications), ("reviews", tables.reviews)):
        rep.findings += res.findings
        for row in res.open:
            rep.readings += [(name, row.scope, n, k1, k2, v)
                             for n, reading in enumerate(row.readings)
                             for (k1, k2), v in zip(row.keys, reading, strict=True)]

    apps = {(k1, k2): v for k1, k2, v, _, _ in rep.applications if k1 != "other"
            or not printed_subrows}
    revs = {(k1, k2): v for k1, k2, v, _, _ in rep.reviews}
    tally = checks.Tally()
    if tables.applications.found:
        rep.findings += checks.application_identities(
            apps, outcome_rows(tables.applications.found), tally)
    if tables.reviews.found:
        rep.findings += checks.review_identities(revs, tally)
    rep.identities_possible = tally.possible
    rep.identities_checked = tally.checked
    rep.identities_broken = tally.broken
    apps = {(k1, k2): v for k1, k2, v, _, _ in rep.applications}
    discs = {(k1, k2): v for k1, k2, v, _, _ in rep.disclosures}
    rep.findings += checks.narrative_mismatches(overview, apps, revs, discs)
    # each text on its own: the overview's fold is already cached, a joined text is not
    rep.findings += checks.review_scope(secs.text("reviews")) or checks.review_scope(overview)

    rep.problems = problems.split_statements(secs.text("problems"), rep.year)
    rep.passages = passages.fingerprint(secs)
    if "problems" not in secs.body:
        rep.findings.append(Finding(
            "section.missing", "problems",
            "未找到第五部分（存在的主要问题及改进情况） (section 五 not found)"))

    figures = rep.applications + rep.reviews + rep.disclosures
    if not any(f.value is not None for f in figures) and not secs.body:
        rep.status = "failed"
        rep.findings.append(Finding(
            "parse.error", "file",
            "未识别出年度报告的任何部分或表格 (no section or table of an annual report found)"))
    elif any(f.check in _ABSENT for f in rep.findings):
        rep.status = "partial"
    return rep


def _only(votes: dict[str, set[str]], gens: set[str]) -> str | None:
    have = [g for g in gens if votes.get(g)]
    return have[0] if len(have) == 1 else None


def _template_votes(t: Tables) -> dict[str, set[str]]:
    """What the tables say about their template generation, by generation.

    A single （六）其他处理 row is the 2019 form, but 2021 reports often keep it too: it
    counts only where nothing else in the tables speaks (key ``"2019?"``)."""
    v2019: set[str] = set()
    v2021: set[str] = set()
    v2021 |= {f"二:{m}" for m in t.disclosures.measures_seen & _M2021}
    v2019 |= {f"二:{m}" for m in t.disclosures.measures_seen & _M2019}
    v2019 |= {f"二:{i}" for i in t.disclosures.found
              if i in ("other_admin_services", "central_procurement")}
    subrows = [r for r in t.applications.found if r in OTHER_SUBROWS]
    if subrows:
        v2021.add("三:" + "/".join(subrows))
    elif "other" in t.applications.found and not v2021 and not v2019:
        v2019.add(meta.WEAK_2019)
    return {"2019": v2019, "2021": v2021}


def _expected_rows(template: str | None, found: list[str]) -> list[str]:
    """The rows a report of this template must print, in order.  The （六） block is what
    the report prints: its three sub-rows, or the single row (2019, and 2021 reports that
    keep the old row); where neither is printed, what the template asks for."""
    subrows = any(r in found for r in OTHER_SUBROWS)
    single = "other" in found and not subrows
    out = []
    for spec in APPLICATION_ROWS:
        if spec.code == "other":
            keep = single or (not subrows and template == "2019")
        elif spec.code in OTHER_SUBROWS:
            keep = subrows or (not single and template == "2021")
        else:
            keep = True
        if keep:
            out.append(spec.code)
    return out


def _gap_findings(table: str, expected: list[str], found: list[str], out: list[Finding]) -> None:
    """Missing rows before the last printed one are gaps; after it, a truncation."""
    if not found:
        out.append(Finding(
            "table.missing", table,
            f"未找到{_TABLE_CN[table]}表格，相关数字均记为空值 "
            f"(table not found; its figures are null)"))
        return
    present = set(found)
    last = max(expected.index(c) for c in found if c in expected) if present & set(expected) else -1
    gaps = [c for c in expected[: last + 1] if c not in present]
    tail = [c for c in expected[last + 1 :] if c not in present]
    for code in gaps:
        out.append(Finding(
            "table.missing", f"{table}/{code}",
            "表格中未找到此行，数字记为空值 (row not found in the table; figures null)"))
    if tail:
        out.append(Finding(
            "table.truncated", table,
            f"表格在此后中断，缺少{len(tail)}行：{', '.join(tail)} (table breaks off; "
            f"{len(tail)} rows missing)", actual=str(len(tail))))


_TABLE_CN = {"applications": "第三部分（收到和处理政府信息公开申请）",
             "reviews": "第四部分（行政复议、行政诉讼）",
             "disclosures": "第二部分（主动公开）"}


def _application_figures(res: TableResult, template: str | None,
                         findings: list[Finding]) -> list[Figure]:
    expected = _expected_rows(template, res.found)
    _gap_findings("applications", expected, res.found, findings)
    out: list[Figure] = []
    figures = res.figures
    for code in expected:
        out += [figures.get(k) or Figure(*k, None, "missing", None) for k in ROW_KEYS[code]]
    if "other" in expected and template == "2021":
        # a 2021 report that keeps the single （六） row: its sub-rows are not itemized
        findings.append(Finding(
            "table.combined", "applications/other",
            "报告按旧版模板只列（六）其他处理一行，未分列三个子项 (the report prints （六）"
            "其他处理 as one row, as the 2019 template did; its three sub-rows are not "
            "itemized, so the frame holds the row as printed and no sub-rows)"))
    elif "other" not in expected:
        for a in APPLICANTS:
            if ("other", a) in res.figures:
                out.append(res.figures[("other", a)])
                continue
            subs = [res.figures.get((r, a)) for r in OTHER_SUBROWS]
            vals = [s.value for s in subs if s is not None and s.value is not None]
            if len(vals) == len(OTHER_SUBROWS):
                out.append(Figure("other", a, float(sum(vals)), "derived",
                                  "（六）其他处理 = 1 + 2 + 3 (sum of its sub-rows)"))
            else:
                out.append(Figure("other", a, None, "missing", None))
    return out


def _review_figures(res: TableResult, findings: list[Finding]) -> list[Figure]:
    if not res.figures:
        findings.append(Finding(
            "table.missing", "reviews",
            f"未找到{_TABLE_CN['reviews']}表格，相关数字均记为空值 "
            f"(table not found; figures null)"))
    return [res.figures.get((p, r)) or Figure(p, r, None, "missing", None)
            for p in PROCEEDINGS for r in RESULTS]


def _disclosure_figures(res: TableResult, gen: str | None,
                        findings: list[Finding]) -> list[Figure]:
    layout = DISCLOSURE_LAYOUT.get(gen or "", {})
    if layout or not res.found:
        _gap_findings("disclosures", list(layout), res.found, findings)
    out: list[Figure] = []
    for item, measures in layout.items():
        for m in measures:
            out.append(res.figures.get((item, m)) or Figure(item, m, None, "missing", None))
    known = {(f.key1, f.key2) for f in out}
    out += [f for k, f in res.figures.items() if k not in known]
    return out
