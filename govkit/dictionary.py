"""The data dictionary: every column of every frame, declared once as data.

The dtypes live in :data:`govkit.corpus.SCHEMAS` and the codes' Chinese labels in
:mod:`govkit.schema` and :mod:`govkit.labels`; this module adds what a reader of an
export needs beside them — what each column means, its unit, and the rule that fills it —
and the label columns the CSV and XLSX exports add beside the codes (``row_label`` next to
``row`` …).  ``docs/data-dictionary.md``, the ``DICTIONARY.md`` of every export and the
说明 sheet of the workbook are generated from here (:func:`markdown`, :func:`frame`), and
:func:`validate` holds the declaration to ``SCHEMAS``: a column added there without a doc
here fails the tests.

Example:
    >>> from govkit import dictionary
    >>> dictionary.validate()
    []
    >>> dictionary.export_columns("applications")[:4]
    ['report_id', 'row', 'row_label', 'applicant']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from .corpus import SCHEMAS
from .labels import BASIS_LABELS, CHECK_LABELS, KIND_LABELS, STATUS_LABELS
from .read.passages import NUMERAL, PREAMBLE, PROSE_SECTIONS
from .read.problems import CURRENT, PREVIOUS
from .read.readers import READERS
from .schema import (
    APPLICANT_LABELS,
    APPLICATION_ROWS,
    DISCLOSURE_ITEMS,
    DISCLOSURE_MEASURES,
    LEVEL_LABELS,
    ORGAN_KIND_LABELS,
    PROCEEDING_LABELS,
    RESULT_LABELS,
    SECTIONS,
)

#: What each ``reports.region_basis`` code means (schema.REGION_BASES, in order).
_REGION_BASES: dict[str, str] = {
    "named": "名称含地名 (the name prints the place; the table gives its parents)",
    "text": "正文标明 (the title or opening prints the place with its parents)",
    "zone": "特殊区域 (a special zone, govkit.read.regions.SPECIAL_ZONES)",
    "ambiguous": "地名重名 (the place is two or more divisions; only what they share)",
    "conflict": "地名不相隶属 (the places printed do not nest: 淮安市沭阳县)",
    "unknown": "地名不在区划表中 (looks like a place the table lacks)",
    "unnamed": "名称无地名 (the name prints no place: 旧街街道办事处)",
}


@dataclass(frozen=True, slots=True)
class Doc:
    """One column: what it holds, its unit, the codes it can hold and how it is filled.

    ``codes`` maps each code to its Chinese label (or, where the template has none, to
    what it means); a column whose dtype is a ``pl.Enum`` must list exactly its categories.
    """

    description: str
    unit: str | None = None
    codes: Mapping[str, str] | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Added:
    """A column the CSV and XLSX exports add: ``labels`` of the codes in ``source``,
    placed right after the column ``after``.  A code without a label leaves it empty."""

    name: str
    source: str
    after: str
    labels: Mapping[str, str]
    description: str


ROW_LABELS = {r.code: r.label for r in APPLICATION_ROWS}
ITEM_LABELS = {i.code: i.label for i in DISCLOSURE_ITEMS}
MEASURE_LABELS = {m.code: m.label for m in DISCLOSURE_MEASURES}
MEASURE_UNITS = {m.code: m.unit for m in DISCLOSURE_MEASURES}
SECTION_LABELS = {s.code: s.label for s in SECTIONS}
FIGURE_TABLES = ("applications", "reviews", "disclosures")


def _by_unit() -> str:
    """``disclosures.value``'s unit, from the measures' declared units."""
    units: dict[str, list[str]] = {}
    for code, unit in MEASURE_UNITS.items():
        units.setdefault(unit, []).append(code)
    return "; ".join(f"{u}: {', '.join(codes)}" for u, codes in units.items())


_REPORT_ID = Doc("The report the row belongs to: join `reports` on it for organ, year and "
                 "source.")
_BASIS = Doc(
    "Where the figure comes from.", codes=BASIS_LABELS,
    rule="`printed`: read as the report prints it. `blank_zero`: a blank cell read as 0 "
         "because the row's printed total equals the sum of its printed cells. `derived`: "
         "computed from the accounting identities (勾稽关系) — a run of digits printed "
         "without cell boundaries that only one split satisfies (or that only one reading "
         "carries over from the neighbouring year, `continuity.pinned`), an empty total "
         "beside its printed parts, the 2021 template's （六）其他处理 as the sum of its "
         "three sub-rows. `missing`: the figure is null (not printed, cut off or "
         "unreadable); a finding says why.")
_EVIDENCE = Doc("The source text the figure was read from: the line (and part of a glued "
                "line) and the row as printed, trimmed, e.g. `line 43: 行政处罚 | 15`.")
_NULL_NOT_ZERO = ("Null where the report does not print the figure unambiguously (never 0 "
                  "for a blank nobody can confirm); see `basis` and `findings`.")


def _figures(**docs: Doc) -> dict[str, Doc]:
    """A figure frame's columns: ``report_id``, its two codes and its figure (``docs``, in
    order), then the ``basis`` and ``evidence`` every figure carries."""
    return {"report_id": _REPORT_ID, **docs, "basis": _BASIS, "evidence": _EVIDENCE}


FRAMES: dict[str, str] = {
    "reports": "One row per file read: what govkit learnt about the report as a whole.",
    "applications": "Section 三 (收到和处理政府信息公开申请情况), one row per cell: the "
                    "template's row × applicant column.",
    "reviews": "Section 四 (行政复议、行政诉讼), one row per cell: proceeding × result.",
    "disclosures": "Section 二 (主动公开政府信息情况), one row per cell: Article 20 item × "
                   "measure (the columns differ between the 2019 and 2021 templates).",
    "problems": "Section 五 (存在的主要问题及改进情况) split into statements.",
    "readings": "Rows printed without cell boundaries (`0000000`) that can be split several "
                "ways: every way, one row per reading and cell.  The published cells of such "
                "a row are null (or derived where every reading agrees).",
    "findings": "Everything a careful reader would flag: broken identities, lost tables, "
                "cells that could not be read, narrative figures the tables contradict.",
    "passages": "The prose (sections 一, 五, 六 and the preamble) as one fingerprint per "
                "sentence, for finding text copied between reports (govkit.copies).",
}

COLUMNS: dict[str, dict[str, Doc]] = {
    "reports": {
        "report_id": Doc(
            "The report's identity, stable across runs: a BLAKE2b digest (16 hex digits) of "
            "the file's bytes.  Read it as text: an id of digits only is not a number.",
            rule="Two files with the same bytes share it; the second has `duplicate_of`."),
        "source": Doc("The file's path relative to the folder loaded (its name when one "
                      "file was loaded)."),
        "organ": Doc("The organ (机关) that published the report, as its title or "
                     "signature names it; null when none is found."),
        "year": Doc("The year reported on (not the year of publication); null when the "
                    "report does not say.", unit="年"),
        "template": Doc(
            "The State Council template generation the tables follow.",
            codes={"2019": "国办公开办函〔2019〕60号 (reports for 2019–2020)",
                   "2021": "国办公开办函〔2021〕30号 (reports for 2021 on)"},
            rule="From the tables' column heads and rows (section 二's columns, section 三's "
                 "（六） sub-rows); null where they do not tell (a `template.conflict` "
                 "finding where the year and the rows disagree)."),
        "status": Doc(
            "Whether the report was read whole.", codes=STATUS_LABELS,
            rule="`ok`: every table found whole. `partial`: a table, or rows of one, absent "
                 "from the file (truncated or lost). `failed`: the file could not be read at "
                 "all (a `parse.*` finding says why); it has no figures.  A printed cell that "
                 "cannot be read is null with its finding and does not make a report "
                 "partial."),
        "n_findings": Doc("Rows of `findings` for this report (continuity findings "
                          "included).", unit="条"),
        "title": Doc("The report's title as printed; null when none is found."),
        "format": Doc("The rendering the file was read as.",
                      codes={"text": "text (.txt, .md; crawler pages, extracted text)",
                             "html": "HTML page", "pdf": "PDF (its text layer)",
                             "docx": "Word .docx"},
                      rule="From the file's extension, then its first bytes."),
        "encoding": Doc("The text encoding the file was decoded with (utf-8, gb18030 …); "
                        "`decode.*` findings say where it had to be guessed."),
        "n_problems": Doc("Statements of section 五 of kind `problem`.", unit="条"),
        "n_improvements": Doc("Statements of section 五 of kind `improvement`.", unit="条"),
        "identities_possible": Doc(
            "Accounting identities (勾稽关系) the template defines for the tables the "
            "report prints.", unit="个",
            rule="Per applicant column 一 + 二 = 三(七) + 四; per row of section 三 总计 = the "
                 "six applicant columns; 三(七)总计 = the outcome rows; per proceeding of "
                 "section 四 总计 = 维持 + 纠正 + 其他 + 尚未审结."),
        "identities_checked": Doc("Identities every term of which is known (evaluated); "
                                  "the rest were left open by null cells.", unit="个"),
        "identities_broken": Doc("Evaluated identities that do not hold, each with an "
                                 "`identity.*` finding.", unit="个"),
        "organ_key": Doc(
            "The organ with the spellings of one name folded to one key, linking an organ's "
            "years; null when `organ` is.",
            rule="govkit.read.organs: spaces and punctuation dropped, the title's running-on "
                 "(…2020年度报告) cut, 人民政府 written 政府, a street office's 办事处 and a "
                 "township's 政府 dropped.  Nothing else: two organs never share a key."),
        "duplicate_of": Doc(
            "The `report_id` of the report this file renders again (same `organ_key` and "
            "year, every figure both print equal: the PDF and the HTML of one report); null "
            "for the first rendering.",
            rule="Count each report once: keep the rows where it is null."),
        "kind": Doc(
            "What the organ is: a government, its general office, a department, a street "
            "office, a township, a zone's administrative body; null when the name's ending "
            "says none of these (…中心, …站).", codes=ORGAN_KIND_LABELS,
            rule="govkit.read.organ_kinds: the ending of `organ` after its places, matched in the "
                 "order of schema.ORGAN_KINDS (narrow endings first: 人民政府外事办公室 is a "
                 "department, not the general office)."),
        "level": Doc(
            "The administrative level of the organ (a department takes its government's); "
            "null when the name does not say it (教育部, a 片区 of a zone).", codes=LEVEL_LABELS,
            rule="govkit.read.regions: the lowest place the name prints (县级市 and 市辖区 are "
                 "county level), or township for street offices, towns and townships."),
        "province": Doc(
            "The province-level division the organ belongs to, full official name "
            "(江苏省, 上海市); null when neither the name nor the text prints it.",
            rule="govkit.read.regions, from the division table govkit/data/divisions.tsv "
                 "(2019–2024): a place printed in the name, or a unique one's parents; see "
                 "`region_basis`."),
        "city": Doc(
            "The prefecture-level division (宿迁市; a municipality is its own city); null "
            "when unknown or, for a county run by its province (济源市), none.",
            rule="As `province`."),
        "county": Doc(
            "The county-level division (沭阳县, 南山区); null for a city- or province-level "
            "organ and when unknown.", rule="As `province`."),
        "region_basis": Doc(
            "How province, city and county were found, or why they are null.",
            codes=_REGION_BASES,
            rule="govkit.read.regions: places are matched only as whole official names read from "
                 "the start of the organ's name; an ambiguous one is settled only by the "
                 "report's own title or opening printing it with its parents."),
    },
    "applications": _figures(
        row=Doc("The template row of section 三.", codes=ROW_LABELS,
                rule="一 new, 二 carried over, 三 the outcomes (一)…(七)总计, 四 carried "
                     "forward.  The 2019 template prints （六）其他处理 as one row (`other`); "
                     "the 2021 template prints three sub-rows (`other.*`), and there `other` "
                     "is their sum, `derived`."),
        applicant=Doc("The applicant column.", codes=APPLICANT_LABELS,
                      rule="`total` (总计) is the sum of the six applicant columns."),
        count=Doc("Applications in this row and column.  " + _NULL_NOT_ZERO, unit="件")),
    "reviews": _figures(
        proceeding=Doc("The proceeding: administrative reconsideration, or litigation with "
                       "or without reconsideration first.", codes=PROCEEDING_LABELS),
        result=Doc("The result column.", codes=RESULT_LABELS,
                   rule="`total` (总计) = 维持 + 纠正 + 其他结果 + 尚未审结."),
        count=Doc("Cases with this proceeding and result.  " + _NULL_NOT_ZERO, unit="件")),
    "disclosures": _figures(
        item=Doc("The Article 20 item (a row of section 二).", codes=ITEM_LABELS),
        measure=Doc("The column of section 二.", codes=MEASURE_LABELS,
                    rule="The 2021 template prints issued / repealed / in_force, decisions "
                         "and fee_amount; the 2019 template new_made / new_published / "
                         "total_published, prior_year / change / decisions and the "
                         "procurement columns."),
        value=Doc("The figure.  " + _NULL_NOT_ZERO, unit="by measure — " + _by_unit())),
    "problems": {
        "report_id": _REPORT_ID,
        "kind": Doc("Whether the statement names a problem or an improvement measure.",
                    codes=KIND_LABELS,
                    rule="From the sub-heading it stands under (存在的主要问题 / 改进情况), else "
                         "its lead-in."),
        "scope": Doc(
            "Which year's problems the statement is about.",
            codes={CURRENT: "this year's (本年度)",
                   PREVIOUS: "an earlier year's (上年度…) and the improvements answering them"},
            rule="`previous` under a heading about an earlier year's problems and under the "
                 "improvement heading that answers them; `current` otherwise."),
        "seq": Doc("The statement's order within the report (1, 2, … over both kinds)."),
        "text": Doc("The statement as printed (一是… split off, whitespace trimmed)."),
    },
    "readings": {
        "report_id": _REPORT_ID,
        "table": Doc("The figure frame the row belongs to.",
                     codes={t: SECTION_LABELS[t] for t in FIGURE_TABLES}),
        "scope": Doc("The row: `table/row code` (`applications/granted`)."),
        "reading": Doc("The number of one way to split the row (0, 1, …): the cells of one "
                       "reading belong together."),
        "key1": Doc("The cell's first code, as `row`, `proceeding` or `item` of the figure "
                    "frame."),
        "key2": Doc("The cell's second code, as `applicant`, `result` or `measure`."),
        "value": Doc("The cell's value under this reading.",
                     unit="as the figure frame's (件; by measure in disclosures)"),
    },
    "findings": {
        "report_id": _REPORT_ID,
        "check": Doc(
            "What was found.", codes=CHECK_LABELS,
            rule="The part before the dot is the family: parse (nothing read), table (cells "
                 "or rows lost), identity (the report's own sums disagree), narrative, "
                 "continuity (with the neighbouring year's report), section, template, "
                 "decode, reviews."),
        "scope": Doc("What the finding is about: `file`, a table (`applications`), a row "
                     "(`applications/granted`) or a cell (`applications/granted/total`)."),
        "expected": Doc("The value the identity (or the other source) requires, as text; "
                        "null where it does not apply."),
        "actual": Doc("What the report prints instead, as text; null where it does not "
                      "apply."),
        "message": Doc("The finding in plain Chinese and English, naming the row or column."),
    },
    "passages": {
        "report_id": _REPORT_ID,
        "section": Doc("The section the sentence stands in, by its numeral.",
                       codes={PREAMBLE: "the preamble (before 一)",
                              **{NUMERAL[s]: SECTION_LABELS[s] for s in PROSE_SECTIONS}}),
        "seq": Doc("The passage's order within the report."),
        "chars": Doc("Characters of the passage as compared (whitespace, punctuation and "
                     "leading enumerators removed).", unit="字"),
        "digest": Doc("A 64-bit BLAKE2b fingerprint of the passage (signed): equal digests, "
                      "equal passages.  Not a figure; the XLSX writes it as text, since Excel "
                      "keeps only 15 digits of a number."),
    },
}

#: Columns the CSV and XLSX exports add beside codes, for readers without the codebook.
ADDED: dict[str, tuple[Added, ...]] = {
    "reports": (Added("status_label", "status", "status", STATUS_LABELS,
                      "The label of `status`."),
                Added("kind_label", "kind", "kind", ORGAN_KIND_LABELS,
                      "The label of `kind` (the organ's kind)."),
                Added("level_label", "level", "level", LEVEL_LABELS,
                      "The label of `level`.")),
    "applications": (
        Added("row_label", "row", "row", ROW_LABELS, "The template's label of `row`."),
        Added("applicant_label", "applicant", "applicant", APPLICANT_LABELS,
              "The template's label of `applicant`."),
        Added("basis_label", "basis", "basis", BASIS_LABELS, "The label of `basis`."),
    ),
    "reviews": (
        Added("proceeding_label", "proceeding", "proceeding", PROCEEDING_LABELS,
              "The template's label of `proceeding`."),
        Added("result_label", "result", "result", RESULT_LABELS,
              "The template's label of `result`."),
        Added("basis_label", "basis", "basis", BASIS_LABELS, "The label of `basis`."),
    ),
    "disclosures": (
        Added("item_label", "item", "item", ITEM_LABELS, "The template's label of `item`."),
        Added("measure_label", "measure", "measure", MEASURE_LABELS,
              "The template's label of `measure` (the column head)."),
        Added("unit", "measure", "value", MEASURE_UNITS, "The unit of `value`: 件, 项 or 万元, "
              "by measure."),
        Added("basis_label", "basis", "basis", BASIS_LABELS, "The label of `basis`."),
    ),
    "problems": (Added("kind_label", "kind", "kind", KIND_LABELS, "The label of `kind`."),),
    "findings": (Added("check_label", "check", "check", CHECK_LABELS,
                       "What `check` means, in Chinese (empty for a check without a label)."),),
}


def dtype_name(dtype: pl.DataType | type[pl.DataType]) -> str:
    """A dtype as the dictionary prints it: ``String``, ``Int64``, ``Enum`` …"""
    return (dtype if isinstance(dtype, type) else type(dtype)).__name__


def is_code(dtype: pl.DataType | type[pl.DataType]) -> bool:
    """Whether a column holds codes the text formats write as text (Enum, Categorical)."""
    return dtype_name(dtype) in ("Enum", "Categorical")


def export_columns(name: str) -> list[str]:
    """The columns of frame ``name`` as the CSV and XLSX exports write them, in order:
    ``SCHEMAS`` order, each added column right after its ``after`` column."""
    out = list(SCHEMAS[name])
    for added in ADDED.get(name, ()):
        out.insert(out.index(added.after) + 1, added.name)
    return out


def validate() -> list[str]:
    """What is wrong with the declaration, as messages (empty: nothing).

    Every frame and column of ``SCHEMAS`` needs a doc, and no doc may name a column that
    is not there; an added column must label a column of its frame and take a free name;
    a ``pl.Enum`` column's categories must be the codes its doc lists, in order; the
    formats listed are the readers of :data:`govkit.read.readers.READERS`.
    """
    problems: list[str] = []
    for name, schema in SCHEMAS.items():
        docs = COLUMNS.get(name)
        if docs is None or name not in FRAMES:
            problems.append(f"frame {name}: no description in govkit.dictionary")
            continue
        problems += [f"{name}.{c}: in corpus.SCHEMAS but not documented in "
                     f"govkit.dictionary.COLUMNS" for c in schema if c not in docs]
        problems += [f"{name}.{c}: documented but not in corpus.SCHEMAS" for c in docs
                     if c not in schema]
        for column, dtype in schema.items():
            doc = docs.get(column)
            if doc is not None and isinstance(dtype, pl.Enum) and (
                    doc.codes is None or list(doc.codes) != dtype.categories.to_list()):
                problems.append(f"{name}.{column}: the Enum's categories are not the codes "
                                "its doc lists")
        names = set(schema)
        for added in ADDED.get(name, ()):
            if added.source not in schema or added.after not in names:
                problems.append(f"{name}.{added.name}: labels {added.source!r} after "
                                f"{added.after!r}, not both columns of {name}")
            if added.name in names:
                problems.append(f"{name}.{added.name}: added twice or named as a column")
            names.add(added.name)
    problems += [f"frame {n}: documented but not in corpus.SCHEMAS"
                 for n in sorted({*COLUMNS, *FRAMES, *ADDED}) if n not in SCHEMAS]
    formats = COLUMNS["reports"]["format"].codes or {}
    if set(formats) != set(READERS):
        problems.append(f"reports.format: the codes {sorted(formats)} are not the readers "
                        f"{sorted(READERS)}")
    return problems


def _check() -> None:
    problems = validate()
    if problems:
        raise ValueError("the data dictionary does not match corpus.SCHEMAS:\n  "
                         + "\n  ".join(problems))


@dataclass(frozen=True, slots=True)
class Entry:
    """One column as the dictionary lists it."""

    frame: str
    column: str
    dtype: str
    unit: str | None
    description: str
    codes: Mapping[str, str] | None
    rule: str | None
    added: bool


def entries() -> list[Entry]:
    """Every column of every frame, added label columns included, in export order."""
    _check()
    out: list[Entry] = []
    for name, schema in SCHEMAS.items():
        added = {a.name: a for a in ADDED.get(name, ())}
        for column in export_columns(name):
            if column in added:
                a = added[column]
                out.append(Entry(name, column, "String", None, a.description, None,
                                 f"Added by the CSV and XLSX exports from `{a.source}`.", True))
            else:
                doc = COLUMNS[name][column]
                dtype = schema[column]
                kind = dtype_name(dtype) + (" (text in CSV/XLSX)" if is_code(dtype) else "")
                out.append(Entry(name, column, kind, doc.unit, doc.description, doc.codes,
                                 doc.rule, False))
    return out


def frame() -> pl.DataFrame:
    """The dictionary as a frame, one row per column (the 说明 sheet's table)."""
    rows = entries()
    return pl.DataFrame({
        "frame": [e.frame for e in rows],
        "column": [e.column for e in rows],
        "dtype": [e.dtype for e in rows],
        "unit": [e.unit for e in rows],
        "description": [e.description for e in rows],
        "codes": ["\n".join(f"{k}  {v}" for k, v in e.codes.items()) if e.codes else None
                  for e in rows],
        "rule": [e.rule for e in rows],
        "in": ["CSV, XLSX" if e.added else "all formats" for e in rows],
    }, schema={c: pl.String for c in ("frame", "column", "dtype", "unit", "description",
                                      "codes", "rule", "in")})


def _cell(text: str | None) -> str:
    return "" if text is None else text.replace("|", "\\|").replace("\n", " ")


def markdown(about: Sequence[tuple[str, str]] = ()) -> str:
    """The dictionary as Markdown: ``docs/data-dictionary.md``, and each export's
    ``DICTIONARY.md`` with ``about`` (what the export is) as a table first."""
    lines = ["# govkit data dictionary", ""]
    if about:
        lines += ["| | |", "|---|---|", *(f"| {_cell(k)} | {_cell(v)} |" for k, v in about),
                  ""]
    lines += [
        "Generated from `govkit/dictionary.py` and `govkit.corpus.SCHEMAS` "
        "(`govkit dictionary` writes it); do not edit by hand.",
        "",
        "A null (an empty cell in CSV and XLSX) is a figure the report does not print "
        "unambiguously; 0 is a printed 0 (or a blank the row's printed total confirms as 0). "
        "Every figure's `basis` says which, and `findings` says why a figure is null.  CSV "
        "and XLSX write codes as text and add a Chinese label column beside them "
        "(marked *added*); Parquet holds the frames exactly as `govkit.load` returns them.",
        "",
    ]
    rows = entries()
    for name in SCHEMAS:
        lines += [f"## {name}", "", FRAMES[name], "",
                  "| column | type | unit | description | how it is filled |",
                  "|---|---|---|---|---|"]
        mine = [e for e in rows if e.frame == name]
        for e in mine:
            col = f"`{e.column}`" + (" *added*" if e.added else "")
            lines.append(f"| {col} | {e.dtype} | {_cell(e.unit)} | {_cell(e.description)} "
                         f"| {_cell(e.rule)} |")
        lines.append("")
        for e in mine:
            if e.codes:
                lines += [f"Codes of `{name}.{e.column}`:", "", "| code | label |", "|---|---|",
                          *(f"| `{k}` | {_cell(v)} |" for k, v in e.codes.items()), ""]
    return "\n".join(lines).rstrip() + "\n"
