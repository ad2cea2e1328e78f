"""Chinese labels the charts and briefs need beyond those :mod:`govkit.schema` declares.

Every row, applicant, proceeding, result and item label comes from ``govkit.schema``;
this module only adds what the schema does not (yet) hold — the outcome groups of
section 三, the checks behind ``findings`` and the report statuses — plus
:func:`short`, which drops a label's printed numbering for chart axes.  When the schema
grows these tables, they should move there and this module shrink to :func:`short`.
"""

from __future__ import annotations

import re

from .schema import APPLICATION_ROWS, ROW_BY_CODE

_NUMERAL = "[一二三四五六七八九十]+"
_NUMBERING = re.compile(rf"^(?:[（(]{_NUMERAL}[)）]|{_NUMERAL}、|\d+[.．、])+")


def short(label: str) -> str:
    """A printed label without its numbering: ``（三）1.属于国家秘密`` → ``属于国家秘密``.

    >>> short("（一）予以公开")
    '予以公开'
    """
    return _NUMBERING.sub("", label).strip() or label


#: The outcome groups of section 三 in template order.  The template prints the
#: group headings 不予公开 / 无法提供 / 不予处理 above their sub-rows; schema.py records
#: only each row's group code.
OUTCOME_GROUPS: tuple[str, ...] = tuple(dict.fromkeys(
    r.group for r in APPLICATION_ROWS if r.group))
OUTCOME_GROUP_LABELS: dict[str, str] = {
    "granted": short(ROW_BY_CODE["granted"].label),
    "partially_granted": short(ROW_BY_CODE["partially_granted"].label),
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": short(ROW_BY_CODE["other"].label),
}

#: What each ``findings.check`` means, for a reader who does not know the codes.
CHECK_LABELS: dict[str, str] = {
    "identity.balance": "收支不平衡（新收+结转≠办结+结转下年）",
    "identity.row_total": "行合计不等于各类申请人之和",
    "identity.outcome_total": "办理结果之和不等于总计",
    "identity.review_total": "复议/诉讼分项之和不等于总计",
    "narrative.mismatch": "正文数字与表格不一致",
    "table.missing": "表格缺行或缺表",
    "table.truncated": "表格中断、不完整",
    "table.ambiguous": "数字个数与列数不符，无法对应",
    "table.misaligned": "数字个数与列数不符，已按唯一方式读取",
    "table.blank": "空白单元格无法确认为 0",
    "table.unlabelled": "无法识别的表格行",
    "table.unreadable": "单元格数字无法读取",
    "table.placed": "行标签错位，按模板行序确定并经勾稽关系核对",
    "table.unproven": "行标签错位，勾稽关系不成立，记为空值",
    "table.unplaced": "行标签找到但无法对应数字",
    "table.glued": "数字之间的单元格分隔丢失",
    "table.combined": "（六）其他处理未分列子项",
    "continuity.carried_over": "上年结转与上年报告的结转下年度不符",
    "continuity.in_force": "现行有效件数与上年报告及本年制发、废止不符",
    "continuity.prior_year": "上一年项目数量与上年报告不符",
    "continuity.pinned": "分隔丢失的数字由相邻年度报告确定",
    "section.missing": "缺少章节",
    "template.conflict": "模板版本无法确定",
    "reviews.includes_carried_over": "复议、诉讼数量含上年结转",
    "decode.guessed": "文件编码未声明，按检测结果解码",
    "decode.repaired": "文件含无法解码的字节，已替换",
    "decode.declared_mismatch": "网页声明的编码与实际不符",
    "parse.no_text": "PDF 无文字层（扫描件），需先 OCR",
    "parse.too_large": "文件过大，未解析",
    "parse.timeout": "解析超时，已放弃",
    "parse.error": "文件无法读取或解析",
}

#: ``findings.check`` families: the part before the dot, in the order a reader should
#: worry about them (a parse error loses everything; a narrative mismatch one figure).
CHECK_FAMILY_LABELS: dict[str, str] = {
    "parse": "无法解析",
    "table": "表格读取问题",
    "identity": "勾稽关系不符",
    "narrative": "正文与表格不符",
    "continuity": "与相邻年度报告不衔接",
    "section": "章节缺失",
    "template": "模板版本",
}

#: Where a figure comes from (the ``basis`` column of the figure frames).
BASIS_LABELS: dict[str, str] = {
    "printed": "报告印出", "blank_zero": "空白，经核对为 0", "derived": "按勾稽关系推算",
    "missing": "未印或无法读取",
}

#: How a continuity check between two consecutive years came out (see govkit.continuity).
CONTINUITY_STATUS_LABELS: dict[str, str] = {
    "consistent": "一致", "inconsistent": "不一致", "undecidable": "无法核对（有数字缺失）"}

STATUS_LABELS: dict[str, str] = {"ok": "完整", "partial": "部分可读", "failed": "无法读取"}

KIND_LABELS: dict[str, str] = {"problem": "存在问题", "improvement": "改进措施"}


def check_label(check: str) -> str:
    """The reader's label of a check code; an unknown code is shown as it is."""
    return CHECK_LABELS.get(check, check)


#: The columns of ``reports`` a roll-up (govkit.analyze.rollups) groups by: the heading a table
#: gives the column, and what a report is called whose value is null (it is a group of
#: its own, never dropped).  A column not listed is shown under its own name.
GROUP_LABELS: dict[str, tuple[str, str]] = {
    "year": ("年度", "年度不详"),
    "template": ("模板", "模板不详"),
    "organ_key": ("机关", "机关不详"),
    "organ": ("机关", "机关不详"),
    "kind": ("机关类别", "机关类别未知"),
    "level": ("机关层级", "机关层级未知"),
    "province": ("省份", "省份未知"),
    "city": ("城市", "城市未知"),
    "county": ("区县", "区县未知"),
}


def group_label(column: str) -> tuple[str, str]:
    """``(heading, unknown)`` of a grouping column: ``("机关类别", "机关类别未知")``."""
    return GROUP_LABELS.get(column, (column, f"{column}未知"))
