"""The content of a brief: which reports it covers, its key figures, its text and tables.

A brief summarizes one *selection* of a corpus — one organ, one year, or everything —
for a reader who is not a programmer.  The brief notebook (notebooks/10-brief.ipynb)
only calls these functions and the charts; ``govkit brief`` runs it once per selection.

Example:
    >>> corpus = govkit.load("data/")
    >>> part = brief.select(corpus, organs=["旧街街道办事处"])
    >>> brief.key_figures(part).select("指标", "显示")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from ..analyze import measures, rollups, yearly
from ..corpus import SCHEMAS, Corpus
from ..errors import NoReportsError
from ..labels import (
    CONTINUITY_STATUS_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    check_label,
    group_label,
    short,
)
from ..read.organs import distinct, organ_key
from ..schema import (
    APPLICANT_LABELS,
    ITEM_BY_CODE,
    MEASURE_BY_CODE,
    PROCEEDING_LABELS,
    RESULT_LABELS,
    ROW_BY_CODE,
)
from .display import Markdown, Table

BY_CHOICES = ("organ", "year", "corpus")
CORPUS_TITLE = "全部报告"


@dataclass(frozen=True, slots=True)
class Selection:
    """The reports one brief covers, as the brief notebook's parameters.

    ``kind`` is "corpus", "organ", "year" or "report" (a report whose organ or year is
    unknown gets a brief of its own); ``key`` the organ's ``organ_key``, the year or the
    source it stands for.  An organ's ``organs`` are the names its reports print.
    """

    kind: str
    key: str
    title: str
    organs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    report_ids: tuple[str, ...] = field(default=(), compare=False)
    organ_keys: tuple[str, ...] = ()

    def parameters(self) -> dict[str, object]:
        """The papermill parameters selecting these reports in the brief notebook."""
        return {"organs": list(self.organs), "organ_keys": list(self.organ_keys),
                "years": list(self.years), "sources": list(self.sources),
                "title": self.title}


def selections(corpus: Corpus, by: Iterable[str] = ("organ", "corpus")) -> list[Selection]:
    """The selections a batch of briefs covers: the whole corpus, each organ, each year.

    An organ is its ``organ_key``: its years land in one brief however each report
    spells the name, titled with the name of its latest report.  A report whose organ
    (for ``by="organ"``) or year (for ``by="year"``) is unknown gets a selection of its
    own, keyed by its source file, so nothing is left out.
    """
    by = list(by)
    unknown = [b for b in by if b not in BY_CHOICES]
    if unknown:
        raise ValueError(f"unknown --by {unknown}; choose from {', '.join(BY_CHOICES)}")
    r = corpus.reports.sort("source")
    out: list[Selection] = []
    if "corpus" in by:
        out.append(Selection("corpus", "", CORPUS_TITLE,
                             report_ids=tuple(r["report_id"])))
    orphans: dict[str, str] = {}
    for kind, col in (("organ", "organ_key"), ("year", "year")):
        if kind not in by:
            continue
        for value in r[col].drop_nulls().unique().sort():
            mine = r.filter(pl.col(col) == value)
            ids = tuple(mine["report_id"])
            if kind == "organ":
                out.append(Selection("organ", str(value), _latest_name(mine),
                                     organs=tuple(mine["organ"].unique().sort()),
                                     organ_keys=(str(value),), report_ids=ids))
            else:
                out.append(Selection("year", str(value), f"{value}年度",
                                     years=(int(value),), report_ids=ids))
        for rid, source in r.filter(pl.col(col).is_null()).select(
                "report_id", "source").iter_rows():
            orphans[source] = rid
    for source, rid in orphans.items():
        out.append(Selection("report", source, f"{source}（机关或年度不详）",
                             sources=(source,), report_ids=(rid,)))
    return out


def _latest_name(reports: pl.DataFrame) -> str:
    """The organ's name as its latest report prints it (how a reader knows it now)."""
    return str(reports.sort("year", "source", nulls_last=False)["organ"].drop_nulls()[-1])


def select(corpus: Corpus, organs: Sequence[str] = (), years: Sequence[int] = (),
           sources: Sequence[str] = (), organ_keys: Sequence[str] = ()) -> Corpus:
    """The corpus restricted to reports of these organs, years and sources (an empty
    list means no restriction).

    An organ in ``organs`` selects its reports in every spelling of its name (see
    :func:`govkit.read.organs.organ_key`); ``organ_keys`` selects by key.

    Raises:
        NoReportsError: when no report matches, naming the selection.
    """
    r = corpus.reports
    keep = pl.lit(True)
    if organs or organ_keys:
        keys = [*organ_keys, *(k for k in map(organ_key, organs) if k)]
        keep &= pl.col("organ").is_in(list(organs)) | pl.col("organ_key").is_in(keys)
    if years:
        keep &= pl.col("year").is_in([int(y) for y in years])
    if sources:
        keep &= pl.col("source").is_in(list(sources))
    ids = r.filter(keep)["report_id"].to_list()
    if not ids and r.height:
        raise NoReportsError(
            f"no report matches organs={list(organs)}, organ_keys={list(organ_keys)}, "
            f"years={list(years)}, "
            f"sources={list(sources)}")
    return Corpus(**{name: getattr(corpus, name).filter(pl.col("report_id").is_in(ids))
                     for name in SCHEMAS})


# --- key figures -------------------------------------------------------------------------

def _names(labels: Sequence[str], most: int = 3) -> str:
    shown = "、".join(labels[:most])
    return shown + (f" 等 {len(labels)} 份" if len(labels) > most else "")


def _count_row(key: str, label: str, values: pl.DataFrame, col: str = "count",
               note: str = "") -> dict[str, object]:
    """A summed figure: the sum of what is known, flagged incomplete when a report
    lacks it; all missing gives null (“—”), never 0."""
    known = values.filter(pl.col(col).is_not_null())
    missing = values.filter(pl.col(col).is_null())["label"].to_list()
    total = known[col].sum() if known.height else None
    shown = "—" if total is None else f"{total:g}" if isinstance(total, float) else str(total)
    notes = [note] if note else []
    if missing:
        shown += "（不完整）" if total is not None else ""
        notes.append(f"{len(missing)} 份报告未印或无法读取：{_names(missing)}")
    return {"key": key, "指标": label, "数值": None if total is None else float(total),
            "显示": shown, "说明": "；".join(notes)}


def _rate_row(key: str, label: str, frame: pl.DataFrame, num: str, den: str,
              definition: str, zero_note: str) -> dict[str, object]:
    """A pooled rate over the reports whose parts are all known."""
    complete = frame.filter(pl.col("note") != measures.NOTE_MISSING)
    left_out = frame.filter(pl.col("note") == measures.NOTE_MISSING)["label"].to_list()
    n, d = int(complete[num].sum()), int(complete[den].sum())
    notes = [definition]
    if left_out:
        notes.append(f"未计入缺数的 {len(left_out)} 份报告：{_names(left_out)}")
    if not complete.height:
        return {"key": key, "指标": label, "数值": None, "显示": "—",
                "说明": "；".join([*notes, measures.NOTE_MISSING])}
    if not d:
        return {"key": key, "指标": label, "数值": None, "显示": "无法计算",
                "说明": "；".join([*notes, zero_note])}
    rate = n / d
    return {"key": key, "指标": label, "数值": rate, "显示": f"{rate * 100:.1f}%（{n}/{d}）",
            "说明": "；".join(notes)}


def key_figures(corpus: Corpus) -> pl.DataFrame:
    """The figures a brief opens with, summed over the selection.

    Columns: key (a stable code), 指标, 数值 (Float64, null when unknown), 显示 (as
    printed in the brief), 说明 (definition, and which reports lack the figure).  A sum
    over reports where some lack the figure is the sum of the known ones, marked
    “（不完整）”; a rate leaves such reports out and says so.
    """
    labels = measures.report_labels(corpus)
    status = dict(labels.group_by("status").len().iter_rows())
    years = sorted(int(y) for y in labels["year"].drop_nulls())
    span = ("" if not years else f"{years[0]}年度" if years[0] == years[-1]
            else f"{years[0]}–{years[-1]}年度")
    rows: list[dict[str, object]] = [{
        "key": "reports", "指标": "报告份数", "数值": float(labels.height),
        "显示": str(labels.height),
        "说明": "；".join(x for x in [span, "、".join(
            f"{label} {status[s]} 份" for s, label in STATUS_LABELS.items() if s in status)]
            if x)}]
    apps = measures.application_rows(
        corpus, ["new_received", "carried_over", "total_processed", "carried_forward"])
    label = {code: figure.label for code, figure in yearly.FIGURES.items()}
    for code in ("new_received", "carried_over", "total_processed", "carried_forward"):
        rows.append(_count_row(code, label[code], apps.filter(pl.col("row") == code),
                               note=ROW_BY_CODE[code].label))
    rows.append(_disclosure(corpus))
    rev = measures.reviews(corpus, with_total=True)
    totals = rev.filter(pl.col("result") == "total")
    rows.append(_count_row("reconsideration", label["reconsideration"],
                           totals.filter(pl.col("proceeding") == "reconsideration"),
                           note=PROCEEDING_LABELS["reconsideration"] + "总计"))
    rows.append(_count_row("litigation", label["litigation"], measures.litigation(corpus),
                           note="未经复议直接起诉与复议后起诉之和"))
    corr = measures.correction_rate(corpus).filter(
        pl.col("proceeding") == measures.ALL_PROCEEDINGS)
    rows.append(_rate_row("correction_rate", label["correction_rate"], corr, "corrected",
                          "decided", measures.CORRECTION_RATE_DEFINITION, "没有已审结案件"))
    rows.append(_count_row("pending", "尚未审结（件）", corr, col="pending",
                           note="复议与诉讼合计"))
    disc = measures.report_labels(corpus)
    for item in ("admin_penalty", "admin_licensing"):
        got = corpus.disclosures.filter((pl.col("item") == item)
                                        & (pl.col("measure") == "decisions"))
        values = disc.join(got.select("report_id", "value"), on="report_id", how="left")
        rows.append(_count_row(item, f"{ITEM_BY_CODE[item].label}决定（件）", values, col="value",
                               note=f"二、主动公开：{MEASURE_BY_CODE['decisions'].label}"))
    kinds = corpus.problems.group_by("kind").len()
    n_kind = dict(kinds.iter_rows())
    for kind in ("problem", "improvement"):
        n = n_kind.get(kind, 0)
        rows.append({"key": f"{kind}s", "指标": f"{KIND_LABELS[kind]}（条）", "数值": float(n),
                     "显示": str(n), "说明": "五、存在的主要问题及改进情况"})
    nf, nr = corpus.findings.height, corpus.findings["report_id"].n_unique()
    rows.append({"key": "findings", "指标": "数据质量提示（条）", "数值": float(nf),
                 "显示": str(nf), "说明": f"涉及 {nr} 份报告" if nf else "所有数字均通过检查"})
    return pl.DataFrame(rows, schema={"key": pl.Utf8, "指标": pl.Utf8, "数值": pl.Float64,
                                      "显示": pl.Utf8, "说明": pl.Utf8})


def _disclosure(corpus: Corpus) -> dict[str, object]:
    rate = measures.disclosure_rate(corpus).with_columns(
        (pl.col("granted") + pl.col("partially_granted")).alias("granted_parts"))
    return _rate_row("disclosure_rate", yearly.FIGURES["disclosure_rate"].label, rate,
                     "granted_parts", "total_processed",
                     measures.DISCLOSURE_RATE_DEFINITION, "无办结申请（总计为 0）")


# --- text and tables ---------------------------------------------------------------------

# The messages end in an English gloss "(…)" — no CJK inside — and may carry the
# evidence line after " — ".
_ENGLISH_GLOSS = re.compile(r"\s*\((?=[A-Za-z0-9])[^\u3000-\u9fff\uff00-\uffef]*\)\s*$")
_CODE = re.compile(r"[a-z_]+(?:\.[a-z_]+)?")
_ROWS = {code: short(spec.label) for code, spec in ROW_BY_CODE.items()}
_ITEMS = {code: spec.label for code, spec in ITEM_BY_CODE.items()}
_MEASURES = {code: spec.label for code, spec in MEASURE_BY_CODE.items()}
_PROCEEDINGS = {**PROCEEDING_LABELS, "litigation": "行政诉讼"}
#: How a finding's scope ``table/key1/key2`` reads: the table's name, then its keys.
_SCOPES: dict[str, tuple[str, tuple[dict[str, str], ...]]] = {
    "applications": ("三、依申请公开", (_ROWS, APPLICANT_LABELS)),
    "reviews": ("四、复议诉讼", (_PROCEEDINGS, RESULT_LABELS)),
    "disclosures": ("二、主动公开", (_ITEMS, _MEASURES)),
    "template": ("模板", ()), "file": ("文件", ()),
}
#: Codes a message may name (rows and items, mostly), and what a reader calls them.
_VOCABULARY = {**_MEASURES, **_ITEMS, **_ROWS}


def _words(text: str) -> str:
    return _CODE.sub(lambda m: _VOCABULARY.get(m[0], m[0]), text)


def plain_message(message: str) -> str:
    """A finding's message for Chinese readers: without the English gloss and the
    evidence line, codes replaced by their labels.

    >>> plain_message("表格中未找到此行，数字记为空值 (row not found in the table; figures null)")
    '表格中未找到此行，数字记为空值'
    """
    text = _ENGLISH_GLOSS.sub("", message.split(" — ", 1)[0]).strip()
    return _words(text) if text else message


def plain_scope(scope: str) -> str:
    """A finding's scope in words.

    >>> plain_scope("reviews/litigation_direct/other")
    '四、复议诉讼 / 未经复议直接起诉 / 其他结果'
    """
    table, *keys = scope.split("/")
    if table not in _SCOPES:
        return " / ".join(_words(p) for p in scope.split("/"))
    name, vocabularies = _SCOPES[table]
    words = [vocabularies[i].get(k, k) if i < len(vocabularies) else _words(k)
             for i, k in enumerate(keys)]
    return " / ".join([name, *words])


def heading(corpus: Corpus, title: str = "") -> Markdown:
    """The brief's title and opening lines: what it covers, the headline figures, and
    how to read missing figures."""
    labels = measures.report_labels(corpus)
    figures = key_figures(corpus)
    reports = corpus.reports
    one_organ = reports["organ_key"].drop_nulls().n_unique() == 1
    title = title or (_latest_name(reports) if one_organ else CORPUS_TITLE)
    headline = figures.filter(pl.col("key").is_in(list(HEADLINE)))
    n_find = corpus.findings.height
    lines = [
        f"# {title}：政府信息公开工作年度报告简报",
        "",
        f"本简报汇总 **{labels.height}** 份年度报告：{figures_line(labels)}。",
        "",
        *(f"- {name}：**{shown}**" for name, shown in headline.select("指标", "显示").iter_rows()),
        "",
        "阅读提示：“—”或“未印/无法读取”表示报告没有印出或无法读取该数字，**不等于 0**；"
        "“（不完整）”表示合计缺少部分报告的数字。"
        + (f"共有 **{n_find}** 条数据质量提示，见“数据质量”一节。" if n_find
           else "所有数字均通过了一致性检查。"),
    ]
    return Markdown("\n".join(lines))


#: The key figures the opening lines repeat.
HEADLINE = ("new_received", "disclosure_rate", "reconsideration", "litigation",
            "correction_rate")


def figures_line(labels: pl.DataFrame) -> str:
    """“关林街道（2020）、…” — the reports a brief covers, in one line."""
    return "、".join(labels.sort("order")["label"].to_list()) or "无"


def key_figures_table(corpus: Corpus) -> Table:
    """:func:`key_figures` as the table a brief prints."""
    return Table(key_figures(corpus).select("指标", "显示", "说明")
                 .rename({"显示": "数值"}))


def findings_table(corpus: Corpus, most: int = 60) -> Table:
    """The findings, report by report, in plain Chinese: which figures to distrust."""
    labels = measures.report_labels(corpus).select("report_id", "label", "order")
    f = (corpus.findings.with_row_index("i").join(labels, on="report_id", how="left")
         .sort("order", "i"))
    rows = pl.DataFrame({
        "报告": f["label"],
        "检查项": [check_label(c) for c in f["check"]],
        "位置": [plain_scope(x) for x in f["scope"]],
        "说明": [plain_message(m) for m in f["message"]],
    }, schema={"报告": pl.Utf8, "检查项": pl.Utf8, "位置": pl.Utf8, "说明": pl.Utf8})
    caption = (f"共 {rows.height} 条，仅列前 {most} 条" if rows.height > most else None)
    return Table(rows.head(most), caption=caption, empty="没有数据质量提示。")


def problems_table(corpus: Corpus) -> Table:
    """Section 五's statements — problems and improvements — report by report."""
    labels = measures.report_labels(corpus).select("report_id", "label", "order")
    p = corpus.problems.join(labels, on="report_id", how="left").sort("order", "seq")
    rows = pl.DataFrame({
        "报告": p["label"],
        "类别": [KIND_LABELS.get(k, k) for k in p["kind"]],
        "序号": p["seq"],
        "内容": p["text"],
    }, schema={"报告": pl.Utf8, "类别": pl.Utf8, "序号": pl.Int32, "内容": pl.Utf8})
    return Table(rows, empty="报告中没有可识别的问题或改进措施。")


def recurring_table(corpus: Corpus, top: int = 10) -> Table:
    """Problems several reports of the selection state in the same words (section 五).

    Words and phrases of one to four tokens, ranked by how many reports use them; the
    example shows the phrase in 【】 in one report's own sentence.
    """
    from ..analyze.phrases import recurring_phrases

    r = recurring_phrases(corpus, "problem", top=top, ngram=(1, 4))
    rows = r.select(pl.col("phrase").str.replace_all(" ", "").alias("表述"),
                    pl.col("n_reports").alias("报告数"),
                    (pl.col("share") * 100).round(0).cast(pl.Int32).alias("占比（%）"),
                    pl.col("example").alias("例句"))
    n = corpus.reports.height
    return Table(rows, empty=(f"简报只涵盖 {n} 份报告，无从比较。" if n < 2 else
                              "各报告所述问题没有共同的表述。"))


def sources_table(corpus: Corpus) -> Table:
    """The files behind the brief, so every figure can be traced to its report."""
    r = (measures.report_labels(corpus).select("report_id", "label", "status_label", "order")
         .join(corpus.reports.select("report_id", "source", "template"), on="report_id")
         .sort("order"))
    return Table(r.select(pl.col("label").alias("报告"), pl.col("source").alias("文件"),
                          pl.col("template").alias("模板"),
                          pl.col("status_label").alias("解析状态"),
                          pl.col("report_id").alias("报告编号")))


# --- one organ across its years ----------------------------------------------------------

#: The figures the section's charts draw: requests, then how many were granted.
SERIES_CHARTS = ("new_received", "disclosure_rate")
#: How many of the largest changes the section lists.
TOP_CHANGES = 8


def organ_series(corpus: Corpus) -> pl.DataFrame | None:
    """:func:`govkit.series` of the selection when it is one organ with two or more
    years — what the “历年变化” section shows — else None (the section is skipped)."""
    s = yearly.series(corpus)
    if s["organ_key"].n_unique() != 1 or s["year"].n_unique() < 2:
        return None
    return s


def _shown(value: float | None, rate: bool) -> str | None:
    if value is None:
        return None
    return f"{value * 100:.1f}%" if rate else f"{value:g}"


def series_heading(corpus: Corpus) -> Markdown | None:
    """The “历年变化” heading and how to read the section; None when it is skipped."""
    s = organ_series(corpus)
    if s is None:
        return None
    years = s["year"].unique().sort().to_list()
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    missing = f"；{'、'.join(map(str, gaps))} 年度没有报告" if gaps else ""
    return Markdown("\n".join([
        "## 历年变化", "",
        f"本机关 {years[0]}–{years[-1]} 年度共 {len(years)} 个年度的报告{missing}。"
        "同一报告的不同版本只计一次；“—”表示该年度未印、无法读取或无法计算，**不等于 0**，"
        "也不参与变化的计算。"]))


def series_table(corpus: Corpus) -> Table | None:
    """The organ's key figures, one column per year (a year with two reports that are
    not copies of each other gets a column for each, named by file)."""
    s = organ_series(corpus)
    if s is None:
        return None
    s = s.join(corpus.reports.select("report_id", "source"), on="report_id", how="left")
    twice = pl.len().over("year") > 1
    columns = s.select(pl.when(twice).then(pl.format("{}（{}）", "year", "source"))
                       .otherwise(pl.format("{}", "year")))[:, 0].to_list()
    rows: dict[str, list[str | None]] = {"指标": [f.label for f in yearly.FIGURES.values()]}
    for column, row in zip(columns, s.iter_rows(named=True), strict=True):
        rows[column] = [_shown(row[code], f.rate) for code, f in yearly.FIGURES.items()]
    return Table(pl.DataFrame(rows, schema={c: pl.Utf8 for c in rows}),
                 caption="；".join(f.formula for f in yearly.FIGURES.values() if f.rate))


def series_chart(corpus: Corpus, figure: str) -> object | None:
    """:func:`govkit.publish.charts.series_lines` of ``figure`` for the section; None when the
    section is skipped."""
    if organ_series(corpus) is None:
        return None
    from .charts import series_lines  # Altair loads only for a brief that draws

    return series_lines(corpus, figure)


def _change(delta: float, rate: bool) -> str:
    return f"{delta * 100:+.1f} 个百分点" if rate else f"{delta:+g}"


def changes_table(corpus: Corpus, top: int = TOP_CHANGES) -> Table | None:
    """The ``top`` largest changes from one year to the organ's next (by the size of the
    change, as :func:`govkit.changes` orders them); unchanged and unknown ones left out."""
    if organ_series(corpus) is None:
        return None
    c = yearly.changes(corpus).filter(pl.col("delta").is_not_null() & (pl.col("delta") != 0))
    rate = {code: f.rate for code, f in yearly.FIGURES.items()}
    rows = [{"指标": label, "年度": f"{y0}→{y1}", "之前": _shown(before, rate[code]),
             "之后": _shown(after, rate[code]), "变化": _change(delta, rate[code]),
             "变幅": None if share is None else f"{share * 100:+.0f}%"}
            for code, label, y0, y1, before, after, delta, share in c.head(top).select(
                "figure", "label", "year_from", "year_to", "before", "after", "delta",
                "share").iter_rows()]
    schema = {k: pl.Utf8 for k in ("指标", "年度", "之前", "之后", "变化", "变幅")}
    caption = (f"共 {c.height} 处变化，列出变化最大的 {top} 处" if c.height > top else None)
    return Table(pl.DataFrame(rows, schema=schema), caption=caption,
                 empty="各年度之间的数字没有变化。")


#: The continuity checks as the brief's columns (see :mod:`govkit.continuity`).
CONTINUITY_COLUMNS = {"continuity.carried_over": "申请结转（二 = 上年四）",
                      "continuity.in_force": "现行有效件数",
                      "continuity.prior_year": "上一年项目数量（2019 模板）"}


def continuity_table(corpus: Corpus) -> Table | None:
    """Each pair of the organ's consecutive years: whether the figures that carry over
    agree (see :mod:`govkit.continuity`); a break names the figure, what last year's
    report implies and what this year's prints."""
    if organ_series(corpus) is None:
        return None
    from ..continuity import pairs

    p = pairs(corpus)
    broken = (corpus.findings.filter(pl.col("check").is_in(list(CONTINUITY_COLUMNS)))
              .group_by("report_id", "check", maintain_order=True).first())
    detail = {(rid, check): f"{plain_scope(scope)}：应为 {exp}，印为 {act}"
              for rid, check, scope, exp, act in broken.select(
                  "report_id", "check", "scope", "expected", "actual").iter_rows()}
    rows: dict[tuple[int, int], dict[str, str | None]] = {}
    for y0, y1, rid, check, status in p.select(
            "year_from", "year_to", "report_id", "check", "status").iter_rows():
        row = rows.setdefault((y0, y1), {"年度": f"{y0}→{y1}"})
        text = CONTINUITY_STATUS_LABELS[status]
        if status == "inconsistent" and (rid, check) in detail:
            text += f"（{detail[(rid, check)]}）"
        row[CONTINUITY_COLUMNS[check]] = text
    schema = {"年度": pl.Utf8} | {c: pl.Utf8 for c in CONTINUITY_COLUMNS.values()}
    frame = pl.DataFrame([rows[k] for k in sorted(rows)], schema=schema)
    return Table(frame, caption=("年度衔接：上年报告结转、现行有效的数字本年是否接得上；“—”表示两份"
                          "报告的模板没有该项"),
                 empty="没有相邻年度的报告可以核对。")


def copied_table(corpus: Corpus, selection: Corpus) -> Table | None:
    """For each of the organ's reports: how much of its section 五 and of its prose is
    printed word for word in its previous report, or in another organ's report (the
    largest source named), and how many problems promised fixed are reported again.
    ``corpus`` is what the copies are looked for in (the whole folder loaded), and
    ``selection`` the organ's reports (see :func:`govkit.copies`)."""
    if organ_series(selection) is None:
        return None
    from ..analyze.copying import copies

    ids = selection.reports["report_id"].to_list()
    c = copies(corpus).filter(pl.col("report_id").is_in(ids))
    labels = dict(measures.report_labels(corpus).select("report_id", "label").iter_rows())

    def share(v: float | None) -> str | None:
        return None if v is None else f"{v * 100:.0f}%"

    rows = []
    by = {(r["report_id"], r["scope"]): r for r in c.iter_rows(named=True)}
    for rid, year in (distinct(selection.reports).sort("year")
                      .select("report_id", "year").iter_rows()):
        s5, text = by.get((rid, "section5")), by.get((rid, "text"))
        if s5 is None or text is None:
            continue
        source = labels.get(s5["others_report_id"] or "") if s5["from_others"] else None
        rows.append({
            "年度": str(year), "第五部分（字）": str(s5["chars"]),
            "第五部分与上年相同": share(s5["from_previous"]),
            "第五部分与其他机关相同": share(s5["from_others"]),
            "主要来源": source, "全文与上年相同": share(text["from_previous"]),
            "再次出现的已承诺问题": (None if s5["repeated_problems"] is None
                               else str(s5["repeated_problems"]))})
    schema = {k: pl.Utf8 for k in ("年度", "第五部分（字）", "第五部分与上年相同",
                                    "第五部分与其他机关相同", "主要来源", "全文与上年相同",
                                    "再次出现的已承诺问题")}
    return Table(pl.DataFrame(rows, schema=schema),
                 caption=("照搬情况：与上年或其他机关报告逐字相同的比例（按句比较，不计标点、"
                          "表格与模板用语）；“—”表示没有上一年度的报告"),
                 empty="没有可比较的文字。")


# --- the corpus in groups: the corpus brief's roll-up section -----------------------------

#: The metrics the roll-up tables list, in this order (see :data:`govkit.analyze.rollups.METRICS`).
ROLLUP_METRICS = ("new_received", "disclosure_rate", "correction_rate", "carry_over_rate",
                  "litigation_per_100")
#: Columns of ``reports`` the section groups by besides the year, once reports carry them:
#: ``rollup_table(corpus, selection, by=c)`` and ``rollup_chart(…, by=c)`` of each are
#: cells of notebooks/10-brief.ipynb, and say “机关类别未知” until some report has a value.
ROLLUP_GROUPS = ("kind", "level")


def _whole(corpus: Corpus, selection: Corpus) -> bool:
    """Whether the brief covers every report of the corpus: the section is the corpus
    brief's (an organ's or a year's brief has too few reports to group)."""
    return selection.reports.height == corpus.reports.height > 0


def _known(corpus: Corpus, column: str) -> bool:
    """Whether some report names its ``column`` (kind, level …)."""
    r = corpus.reports
    return column in r.columns and distinct(r)[column].drop_nulls().len() > 0


def rollup_heading(corpus: Corpus, selection: Corpus) -> Markdown | None:
    """The “分组汇总” heading, how its figures are pooled and their formulas; None for a
    brief that does not cover the whole corpus."""
    if not _whole(corpus, selection):
        return None
    rates = [rollups.METRICS[n] for n in (*ROLLUP_METRICS, "denial_shares")]
    return Markdown("\n".join([
        "## 分组汇总", "",
        "各报告的数字按年度加总（报告标明机关类别、层级后，也按类别、层级加总）。"
        "比率 = 各报告分子之和 ÷ 分母之和，只计入分子和分母都印出的报告；缺数的报告不计入，"
        "**不当作 0**。“计入报告”是每个数字背后的报告份数，“未计入”是缺数而未计入的份数；"
        "同一报告的不同版本只计一次；分母为 0 时写明无法计算。", "",
        *(f"- {m.formula}。分母：{m.denominator_text}。" for m in rates if m.is_rate)]))


def _rollup_rows(corpus: Corpus, by: str) -> pl.DataFrame:
    frames = []
    for i, name in enumerate(ROLLUP_METRICS):
        m = rollups.METRICS[name]
        r = rollups.rollup(corpus, name, by=by)
        label = pl.lit(m.label)
        if m.part:
            r = r.filter(pl.col(m.part) == m.default_part)
            label = pl.format("{}（{}）", label, pl.col(f"{m.part}_label"))
        parts = (pl.format("{} / {}", "numerator", "denominator") if m.is_rate
                 else pl.lit(None, pl.Utf8))
        frames.append(r.select(
            by, pl.lit(i).alias("_order"), rollups.group_shown(by).alias(group_label(by)[0]),
            label.alias("指标"), rollups.shown(m).alias("数值"),
            pl.when(pl.col("value").is_null()).then(None).otherwise(parts).alias("分子 / 分母"),
            pl.col("n_reports").alias("计入报告"), pl.col("n_missing").alias("未计入")))
    return pl.concat(frames).sort(by, "_order", nulls_last=True).drop(by, "_order")


def rollup_table(corpus: Corpus, selection: Corpus, by: str = "year") -> Table | Markdown | None:
    """The metrics of :data:`ROLLUP_METRICS` for each group of ``by`` (a column of
    reports), with the reports behind each figure; None outside the corpus brief.

    For a column of :data:`ROLLUP_GROUPS` that no report fills yet, a line saying so
    (“机关类别未知：…”) instead of a table.
    """
    if not _whole(corpus, selection):
        return None
    heading, unknown = group_label(by)
    if by in ROLLUP_GROUPS and not _known(selection, by):
        return Markdown(f"{unknown}：报告尚未标明{heading}，暂不按{heading}汇总。")
    return Table(_rollup_rows(selection, by),
                 caption=f"按{heading}汇总：比率只计入分子、分母都印出的报告")


def denial_table(corpus: Corpus, selection: Corpus) -> Table | None:
    """The reasons of 不予公开 over the whole corpus, each one's share of all denials;
    None outside the corpus brief."""
    if not _whole(corpus, selection):
        return None
    m = rollups.METRICS["denial_shares"]
    r = rollups.rollup(selection, m.name, by=())
    first = r.row(0, named=True)
    rows = (r.filter(pl.col("value").is_not_null())
            .select(pl.col("reason_label").alias("理由"), rollups.shown(m).alias("占比"),
                    pl.col("numerator").alias("件数")))
    caption = (f"{m.formula}：共 {first['denominator']} 件不予公开，计入 {first['n_reports']} 份"
               f"报告，{first['n_missing']} 份缺数未计入" if rows.height else None)
    return Table(rows, caption=caption, empty="所涵盖的报告没有可计算占比的不予公开申请"
                 f"（{first['note']}）。")


def rollup_chart(corpus: Corpus, selection: Corpus, metric: str, by: str | None = None
                 ) -> object | None:
    """:func:`govkit.publish.charts.rollup_lines` of ``metric`` for the section, one line per
    group of ``by`` (None: the corpus); None outside the corpus brief, or when no report
    fills ``by`` yet (its table says so)."""
    if not _whole(corpus, selection) or (by is not None and not _known(selection, by)):
        return None
    from .charts import rollup_lines  # Altair loads only for a brief that draws

    return rollup_lines(selection, metric, by=by)
