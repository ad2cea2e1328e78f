"""The template of the annual reports, declared once as data.

Every code of the frame contract (../shared/SCHEMA.md) lives here with its Chinese label
and the label variants reports print. The parser, the checks, the charts and the docs all
read these tables; adding a label variant is a one-line change to a ``keys`` tuple.

Keys are matched against *normalized* text (see :func:`govkit.read.text.norm`): whitespace
removed, full-width brackets, digits and punctuation folded to ASCII. A key is a
distinctive fragment of the label, not the whole label, so that a wrapped or slightly
reworded label still matches.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICANTS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
APPLICANT_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计",
}


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One row of section 三 (applications): its code, printed label and match keys.

    ``templates`` says which template generations print the row; ``group`` is the
    outcome group a sub-row belongs to (used by the outcome identity and the charts).
    """

    code: str
    label: str
    keys: tuple[str, ...]
    templates: frozenset[str] = frozenset({"2019", "2021"})
    group: str | None = None


_BOTH = frozenset({"2019", "2021"})
_T2021 = frozenset({"2021"})

APPLICATION_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("granted", "（一）予以公开", ("予以公开",), group="granted"),
    RowSpec("partially_granted", "（二）部分公开", ("部分公开",), group="partially_granted"),
    RowSpec("denied.state_secret", "1.属于国家秘密", ("国家秘密",), group="denied"),
    RowSpec("denied.prohibited_by_law", "2.其他法律行政法规禁止公开",
            ("法规禁止公开", "禁止公开"), group="denied"),
    RowSpec("denied.security_stability", "3.危及“三安全一稳定”",
            ("三安全一稳定", "危及"), group="denied"),
    RowSpec("denied.third_party_rights", "4.保护第三方合法权益", ("第三方合法权益", "第三方"),
            group="denied"),
    RowSpec("denied.internal_affairs", "5.属于三类内部事务信息", ("内部事务",), group="denied"),
    RowSpec("denied.process_information", "6.属于四类过程性信息", ("过程性信息",),
            group="denied"),
    RowSpec("denied.enforcement_files", "7.属于行政执法案卷", ("行政执法案卷", "执法案卷"),
            group="denied"),
    RowSpec("denied.inquiry_matter", "8.属于行政查询事项", ("行政查询事项", "查询事项"),
            group="denied"),
    RowSpec("unable.not_held", "1.本机关不掌握相关政府信息",
            ("本机关不掌握相关政府信息", "本机关不掌握相关信息", "不掌握"), group="unable"),
    RowSpec("unable.needs_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成信息"),
            group="unable"),
    RowSpec("unable.unclear_after_correction", "3.补正后申请内容仍不明确",
            ("补正后申请内容仍不明确", "仍不明确"), group="unable"),
    RowSpec("not_processed.petition_complaint", "1.信访举报投诉类申请", ("信访举报投诉",),
            group="not_processed"),
    RowSpec("not_processed.duplicate", "2.重复申请", ("重复申请",), group="not_processed"),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", ("公开出版物",),
            group="not_processed"),
    RowSpec("not_processed.excessive", "4.无正当理由大量反复申请", ("大量反复申请", "大量反复"),
            group="not_processed"),
    RowSpec("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息",
            ("重新出具", "确认或重新"), group="not_processed"),
    RowSpec("other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ("逾期不补正",), _T2021, group="other"),
    RowSpec("other.unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ("逾期未按收费通知", "未按收费通知", "缴纳费用"), _T2021, group="other"),
    RowSpec("other.other", "3.其他", ("3.其他", "3、其他"), _T2021, group="other"),
    RowSpec("other", "（六）其他处理", ("其他处理",), _BOTH, group="other"),
    RowSpec("total_processed", "（七）总计", ("(七)总计", "七)总计", "总计")),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度", "继续办理")),
)
ROW_BY_CODE: dict[str, RowSpec] = {r.code: r for r in APPLICATION_ROWS}
ROW_CODES: tuple[str, ...] = tuple(r.code for r in APPLICATION_ROWS)

#: Outcome rows that add up to (七)总计, per template generation.  In 2021 reports the
#: single "other" row is the sum of its three sub-rows, so it must not count twice.
OUTCOME_ROWS: dict[str, tuple[str, ...]] = {
    "2019": tuple(r.code for r in APPLICATION_ROWS
                  if r.group and not r.code.startswith("other.")),
    "2021": tuple(r.code for r in APPLICATION_ROWS if r.group and r.code != "other"),
}
OTHER_SUBROWS: tuple[str, ...] = ("other.no_correction", "other.unpaid_fee", "other.other")

# --- section 四: reconsideration and litigation -------------------------------------
PROCEEDINGS: tuple[str, ...] = (
    "reconsideration", "litigation_direct", "litigation_after_reconsideration")
PROCEEDING_LABELS: dict[str, str] = {
    "reconsideration": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_reconsideration": "复议后起诉",
}
RESULTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
RESULT_LABELS: dict[str, str] = {
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果",
    "pending": "尚未审结", "total": "总计",
}
#: Keys for the result column heads, matched in a header to learn the printed column order.
RESULT_KEYS: dict[str, tuple[str, ...]] = {
    "upheld": ("维持",), "corrected": ("纠正",), "other": ("其他",),
    "pending": ("尚未", "审结"), "total": ("总计",),
}

# --- section 二: proactive disclosure --------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemSpec:
    code: str
    label: str
    keys: tuple[str, ...]


DISCLOSURE_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("regulations", "规章", ("规章",)),
    ItemSpec("normative_documents", "行政规范性文件", ("规范性文件",)),
    ItemSpec("admin_licensing", "行政许可", ("行政许可",)),
    ItemSpec("other_admin_services", "其他对外管理服务事项",
             ("其他对外管理服务事项", "对外管理服务")),
    ItemSpec("admin_penalty", "行政处罚", ("行政处罚",)),
    ItemSpec("admin_coercion", "行政强制", ("行政强制",)),
    ItemSpec("admin_fees", "行政事业性收费", ("行政事业性收费", "事业性收费")),
    ItemSpec("central_procurement", "政府集中采购", ("政府集中采购", "集中采购")),
)
ITEM_BY_CODE: dict[str, ItemSpec] = {i.code: i for i in DISCLOSURE_ITEMS}


@dataclass(frozen=True, slots=True)
class MeasureSpec:
    code: str
    label: str
    keys: tuple[str, ...]
    template: str | None  # the generation whose column head this is; None: both
    #: What ``value`` counts: documents or decisions (件), items (项), money (万元).
    unit: str = "件"


DISCLOSURE_MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec("issued", "本年制发件数", ("制发件数", "本年制发"), "2021"),
    MeasureSpec("repealed", "本年废止件数", ("废止件数", "本年废止"), "2021"),
    MeasureSpec("in_force", "现行有效件数", ("现行有效", "有效件数"), "2021"),
    MeasureSpec("decisions", "本年处理决定数量", ("处理决定数量", "处理决定"), None),
    MeasureSpec("fee_amount", "本年收费金额（单位：万元）", ("收费金额",), "2021", "万元"),
    MeasureSpec("new_made", "本年新制作数量", ("新制作数量", "新制作"), "2019"),
    MeasureSpec("new_published", "本年新公开数量", ("新公开数量", "新公开"), "2019"),
    MeasureSpec("total_published", "对外公开总数量", ("对外公开总数量", "公开总数量"), "2019"),
    MeasureSpec("prior_year", "上一年项目数量", ("上一年项目数量", "上一年项目", "上年项目数量"),
                "2019", "项"),
    MeasureSpec("change", "本年增/减", ("本年增/减", "增/减", "增减"), "2019", "项"),
    MeasureSpec("procurement_count", "采购项目数量", ("采购项目数量",), "2019", "项"),
    MeasureSpec("procurement_amount", "采购总金额（单位：万元）", ("采购总金额",), "2019", "万元"),
)
MEASURE_BY_CODE: dict[str, MeasureSpec] = {m.code: m for m in DISCLOSURE_MEASURES}

#: What each item prints in each generation, in column order.  Used when a report's
#: column heads are lost (truncated text) and to flag cells a report leaves out.
DISCLOSURE_LAYOUT: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "admin_licensing": ("decisions",),
        "admin_penalty": ("decisions",),
        "admin_coercion": ("decisions",),
        "admin_fees": ("fee_amount",),
    },
    "2019": {
        "regulations": ("new_made", "new_published", "total_published"),
        "normative_documents": ("new_made", "new_published", "total_published"),
        "admin_licensing": ("prior_year", "change", "decisions"),
        "other_admin_services": ("prior_year", "change", "decisions"),
        "admin_penalty": ("prior_year", "change", "decisions"),
        "admin_coercion": ("prior_year", "change", "decisions"),
        "admin_fees": ("prior_year", "change"),
        "central_procurement": ("procurement_count", "procurement_amount"),
    },
}

# --- sections ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    code: str
    numeral: str
    label: str
    keys: tuple[str, ...]


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("overview", "一", "总体情况", ("总体情况", "概述", "基本情况")),
    SectionSpec("disclosures", "二", "主动公开政府信息情况", ("主动公开",)),
    SectionSpec("applications", "三", "收到和处理政府信息公开申请情况",
                ("收到和处理", "依申请公开", "公开申请情况")),
    SectionSpec("reviews", "四", "政府信息公开行政复议、行政诉讼情况",
                ("行政复议", "行政法复议", "行政诉讼")),
    SectionSpec("problems", "五", "存在的主要问题及改进情况",
                ("存在的主要问题", "主要问题", "存在问题", "问题及改进", "改进情况", "整改")),
    SectionSpec("other", "六", "其他需要报告的事项",
                ("其他需要报告", "其他事项", "需要报告", "需报告")),
)

# --- who reports: the organ's kind and administrative level ------------------------------

#: Administrative levels, top down.  A 县级市 and a 市辖区 are county level; street offices,
#: towns and townships are township level.
LEVELS: tuple[str, ...] = ("province", "city", "county", "township")
LEVEL_LABELS: dict[str, str] = {
    "province": "省级", "city": "市级", "county": "县级", "township": "乡级"}


@dataclass(frozen=True, slots=True)
class OrganKindSpec:
    """A kind of reporting organ: its code, Chinese label and the name endings that decide it.

    ``patterns`` are regular expressions matched at the end of what the name prints after
    its places (``宿迁市沭阳县`` | ``发展和改革局``), in the form of
    :func:`govkit.read.organs.organ_key` (``人民政府`` written ``政府``, a street office's
    ``办事处`` and a town's ``政府`` dropped).  ``level`` is "township" where the kind fixes
    it, "place" where it is the level of the place the name prints (a department is at
    the level of the government it belongs to).  The first kind whose pattern matches
    decides, in the order of :data:`ORGAN_KINDS`: the narrow endings come first, so that
    ``XX县人民政府办公室`` is a general office before it is a department (办公室) and
    ``XX片区管理局`` a zone body before it is a department (局).
    """

    code: str
    label: str
    patterns: tuple[str, ...]
    level: str


ORGAN_KINDS: tuple[OrganKindSpec, ...] = (
    OrganKindSpec("street_office", "街道办事处", (r"街道$",), "township"),
    OrganKindSpec("township", "乡镇人民政府", (r"[乡镇]$", r"苏木(?:政府)?$"), "township"),
    OrganKindSpec("general_office", "政府办公厅（室）",
                  (r"政府办公[厅室]$", r"政府办$", r"管委会办公室$", r"管理委员会办公室$",
                   r"^国务院办公厅$"), "place"),
    OrganKindSpec("government", "人民政府", (r"政府$",), "place"),
    # 管理委员会 only after a zone's name: 国有资产监督管理委员会 and 城市管理委员会 are
    # departments.  A name that is a zone's name alone (苏州工业园区) is its 管委会's, and
    # so is 管理委员会 right after a zone of govkit.read.regions.SPECIAL_ZONES.
    OrganKindSpec("zone_admin", "管委会（片区管理局）",
                  (r"片区管理局$", r"管委会$", r"[区园城港岛]管理委员会$",
                   r"(?:实验区|开发区|新区|高新区|园区|保税区|合作区|示范区)$"), "place"),
    OrganKindSpec("department", "政府工作部门",
                  (r"(?:局|厅|委员会|委|办公室|办|署|室|处|部)$",), "place"),
)
ORGAN_KIND_CODES: tuple[str, ...] = tuple(k.code for k in ORGAN_KINDS)
ORGAN_KIND_LABELS: dict[str, str] = {k.code: k.label for k in ORGAN_KINDS}

#: How ``reports``' province, city and county were found (see :mod:`govkit.read.regions`), or
#: why they are null: "named" (the organ's name prints the place; the division table
#: gives its parents), "text" (the name's place is ambiguous or absent and the report's
#: title or opening prints it with its parents: ``鹤岗市南山区六号街道``), "zone" (a special
#: zone of :data:`govkit.read.regions.SPECIAL_ZONES`), "ambiguous" (the name's place is two
#: or more divisions, e.g. 南山区 of 深圳市 and of 鹤岗市, and nothing settles it; only
#: what all share is filled), "conflict" (the places printed do not nest: 淮安市沭阳县),
#: "unknown" (the name prints what looks like a place the table lacks), "unnamed" (the
#: name prints no place: 旧街街道办事处).
REGION_BASES: tuple[str, ...] = (
    "named", "text", "zone", "ambiguous", "conflict", "unknown", "unnamed")

# --- narrative claims -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """A number the 总体情况 narrative states that a table also prints.

    ``pattern`` is a regular expression over normalized text with one group, the number
    (Arabic digits); ``none_pattern`` matches sentences saying there were none (未收到…).
    ``field`` names the table figure: ("reviews", proceeding, result) or
    ("applications", row, applicant); a proceeding of "litigation" means the sum of both
    litigation rows.
    """

    name: str
    pattern: str
    none_pattern: str
    table: str
    key1: str
    key2: str


NEVER = r"(?!)"  # a claim with no "there were none" wording

NARRATIVE_CLAIMS: tuple[ClaimSpec, ...] = (
    # "未发生…被行政复议纠错或行政诉讼败诉" says none were lost, not that there were none
    ClaimSpec("litigation", r"行政诉讼(?:案件)?(\d+)(?:条|件|起|宗|个)",
              r"未(?:收到|发生)[^。;；]{0,20}?行政诉讼(?!败诉|纠错|纠正)", "reviews",
              "litigation", "total"),
    ClaimSpec("reconsideration",
              r"行政复议(?:案件|申请)?(\d+)(?:条|件|起|宗|个)",
              r"未(?:收到|发生)[^。;；]{0,20}?行政复议(?!纠错|纠正|败诉)", "reviews",
              "reconsideration", "total"),
    ClaimSpec("applications",
              r"(?:收到|受理|新收)[^。;；,，]{0,12}?(?:信息公开|依申请公开)(?:申请)?(?:共|总计)?(\d+)(?:件|条|个|份)",
              r"未收到[^。;；]{0,20}?(?:依申请公开|公开申请|申请)", "applications",
              "new_received", "total"),
    # Section 二 has no identity; what the narrative states about its cells is the only
    # evidence that can split a row printed without cell boundaries (see govkit.read.glue).
    ClaimSpec("normative_in_force", r"现行有效(?:的)?(?:行政)?规范性文件(?:共)?(\d+)件", NEVER,
              "disclosures", "normative_documents", "in_force"),
    ClaimSpec("normative_issued", r"制发(?:的)?(?:行政)?规范性文件(?:共)?(\d+)件",
              NEVER, "disclosures", "normative_documents", "issued"),
    ClaimSpec("regulations_in_force", r"现行有效(?:的)?规章(?:共)?(\d+)件", NEVER,
              "disclosures", "regulations", "in_force"),
)


#: A note saying the review table counts cases carried over from the year before
#: (``注：行政复议、行政诉讼数量含上年度结转数量``): its figures are then not the year's new
#: cases, which a comparison across reports must know.
REVIEWS_INCLUDE_CARRIED_OVER = (
    r"(?:行政复议|行政诉讼|复议|诉讼)[^。；;]{0,24}?(?:含|包含|包括)[^。；;]{0,12}?"
    r"(?:上年|上一年|以前年度|往年)[^。；;]{0,6}?(?:结转|遗留|未审结)")


#: How each figure of applications, reviews and disclosures was obtained (SCHEMA.md):
#: read as printed, a blank confirmed as 0, computed from the identities, or null.
BASES: tuple[str, ...] = ("printed", "blank_zero", "derived", "missing")
#: The kinds of section 五 statements, and which year's problems a statement speaks of.
STATEMENT_KINDS: tuple[str, ...] = ("problem", "improvement")
STATEMENT_SCOPES: tuple[str, ...] = ("current", "previous")
