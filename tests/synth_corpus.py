"""A corpus of distinct synthetic reports, in every rendering govkit reads, with the truth.

Each report is drawn anew from a seed (:func:`draw`): its organ, year, template
generation (2019 for the years 2019–2020, 2021 after), running text and every figure —
scaled to the organ (a street office prints mostly zeros, a city government thousands)
and obeying the identities (:func:`synth.figures`).  Its narrative states some of the
figures the way reports do (``收到政府信息公开申请12件``), always the true ones.

Renderings (:data:`RENDERINGS`), each modelled on the real files named:

* ``text`` — rows of cells separated by tabs or runs of spaces (data/seeds/001);
* ``crawler`` — a crawler's page text: a header block, then the body with rows glued to
  their labels and figures to each other (data/pingtan/*.txt);
* ``markdown`` — PDF→markdown: wrapped lines, page marks, pipe tables, long labels on
  lines of their own above their figures (../shared/corpus/004_shanghai…_pdftext.md);
* ``html`` — a site's page: navigation, a metadata table, the report's tables with
  ``rowspan``/``colspan`` and zeros printed as empty cells (../shared/corpus/014_shuyang…);
* ``pdf`` — the report printed from HTML by headless Chromium (:func:`write_pdfs`).

:func:`expected` gives the cells a correct parse returns, :func:`score` compares a loaded
corpus with them.  Used by benchmarks/throughput.py and tests/test_bench_generator.py.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from synth import REVIEW_HEADS, Truth, as_2019, figures, html_report, pipe

from govkit.schema import (
    APPLICANTS,
    APPLICATION_ROWS,
    DISCLOSURE_LAYOUT,
    ITEM_BY_CODE,
    MEASURE_BY_CODE,
    OTHER_SUBROWS,
    PROCEEDINGS,
    RESULTS,
    RowSpec,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

Key = tuple[str, str, str]  # (table, key1, key2), as synth.html_report's blanks

# --- what a report is made of -------------------------------------------------------------

_PLACES = ("梁园区", "沭阳县", "平潭综合实验区", "洛阳市西工区", "长沙县", "南安市", "苏州市吴中区",
           "宁波市鄞州区", "成都市武侯区", "济南市历城区", "合肥市蜀山区", "福州市鼓楼区", "昆明市盘龙区",
           "石家庄市裕华区", "青岛市黄岛区", "南宁市青秀区", "太原市小店区", "贵阳市观山湖区")
_STREETS = ("长征", "旧街", "关林", "新华", "东风", "城关", "解放", "人民路", "文昌", "河西", "朝阳",
            "青山", "金桥", "南湖", "北门", "西园")
_BUREAUS = ("发展和改革局", "自然资源和规划局", "人力资源和社会保障局", "住房和城乡建设局", "教育局",
            "民政局", "财政局", "生态环境局", "交通运输局", "市场监督管理局", "卫生健康委员会",
            "农业农村局", "文化和旅游局", "应急管理局", "医疗保障局", "审计局", "统计局")
#: (organ kind, figures' scale): parts of section 三 up to ``high`` with 0 at odds
#: ``zeros``:1, reviews up to ``review_high``, section 二 up to ``disclosure_high``.
_SCALES = {
    "street": dict(high=6, zeros=6, review_high=1, disclosure_high=12),
    "bureau": dict(high=40, zeros=3, review_high=6, disclosure_high=400),
    "city": dict(high=900, zeros=1, review_high=40, disclosure_high=30000),
}
_SENTENCES = (
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》",
    "坚持“公开为常态、不公开为例外”，推进决策、执行、管理、服务、结果公开",
    "聚焦群众关切，深化重点领域信息公开，公开质量和效果不断提升",
    "严格规范依申请公开工作流程，明确责任岗位和人员，做到依法依规答复",
    "加强政府网站和政务新媒体建设，及时更新栏目内容，提升公开平台服务能力",
    "落实公文公开属性源头认定机制，严格执行保密审查和发布审核制度",
    "围绕优化营商环境，集中发布惠企政策，及时做好政策解读和回应关切",
    "将政务公开工作纳入年度绩效考核，定期督查通报，强化责任落实",
    "组织工作人员参加政务公开业务培训，提升依法公开意识和业务能力",
    "完善政府信息管理制度，对现行有效的规范性文件进行清理并集中公开",
    "畅通意见征集渠道，重要决策事项公开征求社会公众意见并反馈采纳情况",
    "做好社会保障、就业、教育、医疗、养老等民生领域信息公开",
    "按月更新依申请公开办理情况统计，主动接受社会监督",
    "健全舆情收集、研判、处置和回应机制，积极回应社会关切",
)
_HEADS = ("主动公开情况", "依申请公开情况", "政府信息管理情况", "平台建设情况", "监督保障情况")
_PROBLEMS = ("政策解读形式较为单一", "信息公开的及时性有待提高", "工作人员业务能力有待加强",
             "依申请公开答复的规范性有待提升", "政务新媒体更新频率不高", "公开内容与群众需求结合不够紧密")
_FIXES = ("丰富政策解读形式，推出图解、视频等解读产品", "建立信息发布提醒机制，确保信息按时公开",
          "定期组织业务培训，提升工作人员能力", "规范依申请公开答复文书，加强法律审核",
          "加强政务新媒体日常管理", "围绕群众关切拓展公开内容")
_ORDINALS = "一二三四五六"
_NUMERALS = "一二三四五六七八九"
_GROUPS = {"denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
           "other": "（六）其他处理"}
_SUBTABLES = {"regulations": "第二十条第（一）项", "admin_licensing": "第二十条第（五）项",
              "admin_penalty": "第二十条第（六）项", "admin_fees": "第二十条第（八）项",
              "central_procurement": "第二十条第（九）项"}
_LONG_LABELS = {"partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"}
_AMOUNTS = ("fee_amount", "procurement_amount")


@dataclass
class Report:
    """One synthetic report: who, when, which template, what it says and prints."""

    seed: int
    organ: str
    year: int
    template: str
    truth: Truth
    overview: list[str]  # the paragraphs of section 一, sub-headings included
    problems: str
    other: str
    rng: random.Random = field(repr=False)  # the report's own stream, for its renderings


#: Organ kinds and their shares: half the reports are a street office's.
KINDS = {"street": 5, "bureau": 4, "city": 1}


def _organ(rng: random.Random, kinds: Iterable[str]) -> tuple[str, str]:
    place = rng.choice(_PLACES)
    kinds = list(kinds)
    kind = rng.choices(kinds, weights=[KINDS[k] for k in kinds])[0]
    if kind == "street":
        return f"{place}{rng.choice(_STREETS)}街道办事处", kind
    if kind == "bureau":
        return f"{place}{rng.choice(_BUREAUS)}", kind
    return f"{place}人民政府办公室", kind


def draw(seed: int, kinds: Iterable[str] = KINDS) -> Report:
    """A report of its own: organ, year, template, running text and figures from ``seed``;
    the organ one of ``kinds`` (street, bureau, city)."""
    rng = random.Random(seed)
    organ, kind = _organ(rng, kinds)
    year = rng.randint(2019, 2025)
    template = "2019" if year <= 2020 else "2021"
    scale = _SCALES[kind]
    t = figures(rng, **scale)
    if template == "2019":
        t = as_2019(t, rng, disclosure_high=scale["disclosure_high"])
        for item in DISCLOSURE_LAYOUT["2019"]:  # 本年增/减 is a signed difference
            if (item, "change") in t.disclosures and rng.random() < 0.2:
                t.disclosures[(item, "change")] = -t.disclosures[(item, "change")]
    for key in t.disclosures:  # amounts in 万元 are often printed with decimals
        if key[1] in _AMOUNTS and rng.random() < 0.4:
            t.disclosures[key] = round(rng.uniform(0, 900), rng.choice((1, 2)))
    return Report(seed, organ, year, template, t, _overview(rng, organ, year, template, t),
                  _problems(rng), rng.choice(("无。", "本年度未收取信息处理费。", "无其他需要报告的事项。")),
                  rng)


def _overview(rng: random.Random, organ: str, year: int, template: str, t: Truth) -> list[str]:
    received = t.apps[("new_received", "total")]
    claims = [f"{year}年，共收到政府信息公开申请{received}件" if received
              else f"{year}年，未收到政府信息公开申请"]
    reconsideration = t.reviews[("reconsideration", "total")]
    litigation = (t.reviews[("litigation_direct", "total")]
                  + t.reviews[("litigation_after_reconsideration", "total")])
    claims.append(f"发生政府信息公开行政复议{reconsideration}件、行政诉讼{litigation}件"
                  if reconsideration or litigation else "未发生政府信息公开行政复议、行政诉讼")
    if template == "2021" and rng.random() < 0.5:
        claims.append(f"现行有效规范性文件{t.disclosures[('normative_documents', 'in_force')]:g}件")
    out = [f"根据《中华人民共和国政府信息公开条例》要求，现向社会公布{organ}{year}年度政府信息公开"
           f"工作年度报告。本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"]
    heads = rng.sample(_HEADS, rng.randint(2, 5))
    for i, head in enumerate(heads):
        out.append(f"（{_ORDINALS[i]}）{head}")
        said = rng.sample(_SENTENCES, rng.randint(1, 3))
        if i < len(claims):
            said.insert(rng.randint(0, len(said)), claims[i])
        out.append("，".join(said) + "。")
    for claim in claims[len(heads):]:
        out[-1] += claim + "。"
    return out


def _problems(rng: random.Random) -> str:
    found = rng.sample(_PROBLEMS, rng.randint(1, 3))
    fixes = rng.sample(_FIXES, rng.randint(1, 3))
    return ("存在的问题：" + "；".join(f"{_NUMERALS[i]}是{p}" for i, p in enumerate(found))
            + "。改进措施：" + "；".join(f"{_NUMERALS[i]}是{f}" for i, f in enumerate(fixes)) + "。")


def _num(v: float) -> str:
    return f"{v:g}"


def _title(r: Report) -> str:
    return f"{r.organ}{r.year}年{r.rng.choice(('', '度'))}政府信息公开工作年度报告"


def _rows(template: str) -> list[RowSpec]:
    """The rows of section 三 the template prints: one （六）其他处理 row in 2019, its three
    sub-rows in 2021."""
    return [s for s in APPLICATION_ROWS if template in s.templates
            and (s.code != "other" if template == "2021" else not s.code.startswith("other."))]


def _row_label(spec: RowSpec) -> str:
    return _LONG_LABELS.get(spec.code, spec.label)


def _group_first(rows: list[RowSpec]) -> dict[str, str]:
    """Row code → the group label printed beside it (the first row of a group of sub-rows)."""
    out: dict[str, str] = {}
    for spec in rows:
        if spec.group in _GROUPS and spec.code != "other" and spec.group not in out.values():
            out.setdefault(spec.code, spec.group)
    return {code: _GROUPS[group] for code, group in out.items()}


# --- renderings -----------------------------------------------------------------------------


def _table_lines(r: Report, row: Callable[[list[str]], str]) -> list[str]:
    """Sections 二, 三 and 四 as lines of cells, each line made by ``row``."""
    t, out = r.truth, ["二、主动公开政府信息情况"]
    for item, measures in DISCLOSURE_LAYOUT[r.template].items():
        if item in _SUBTABLES:
            out += [_SUBTABLES[item], row(["信息内容", *(MEASURE_BY_CODE[m].label for m in measures)])]
        out.append(row([ITEM_BY_CODE[item].label,
                        *(_num(t.disclosures[(item, m)]) for m in measures)]))
    out += ["三、收到和处理政府信息公开申请情况",
            row(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
            row(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
            row(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    rows = _rows(r.template)
    groups = _group_first(rows)
    first_outcome = next(s.code for s in rows if s.group)
    for spec in rows:
        label = [_row_label(spec)]
        if spec.code in groups:
            label.insert(0, groups[spec.code])
        if spec.code == first_outcome:
            label.insert(0, "三、本年度办理结果")
        figs = [str(t.apps[(spec.code, a)]) for a in APPLICANTS]
        out.append(row([*label, *figs]))
    out += ["四、政府信息公开行政复议、行政诉讼情况", row(["行政复议", "行政诉讼"]),
            row(["", "", "", "", "", "未经复议直接起诉", "复议后起诉"]),
            row(list(REVIEW_HEADS) * 3),
            row([str(t.reviews[(p, res)]) for p in PROCEEDINGS for res in RESULTS])]
    return out


def as_text(r: Report) -> str:
    """Plain text, one row a line, cells separated by a tab or a run of spaces."""
    sep = r.rng.choice(("\t", "\t", "  ", "   "))

    def row(cells: list[str]) -> str:
        return sep.join(cells).strip()

    lines = [_title(r), "", "一、总体情况", *r.overview, *_table_lines(r, row),
             "五、存在的主要问题及改进情况", r.problems, "六、其他需要报告的事项", r.other, "",
             r.organ, f"{r.year + 1}年1月{r.rng.randint(5, 31)}日"]
    return "\n".join(lines) + "\n"


def as_crawler(r: Report) -> str:
    """A crawler's text: a header block, then the page body on one line, every row glued
    to its label and (mostly) its figures to each other, as data/pingtan prints them."""
    spaced = r.rng.random() < 0.3  # some pages keep a space between figures

    def row(cells: list[str]) -> str:
        figs = [c for c in cells if c and c.lstrip("-").replace(".", "").isdigit()]
        words = "".join(c for c in cells if c not in figs)
        return words + (" " + " ".join(figs) if spaced else "".join(figs))

    title = _title(r)
    body = ["当前位置：首页 > 政务公开 > 政府信息公开年报", title, "来源：" + r.organ,
            f"时间：{r.year + 1}-01-{r.rng.randint(10, 28)} 09:{r.rng.randint(10, 59)}",
            "【字体：大 中 小】 打印", "一、总体情况", *r.overview, *_table_lines(r, row),
            "五、存在的主要问题及改进情况", r.problems, "六、其他需要报告的事项", r.other,
            f" {r.organ} {r.year + 1}年1月{r.rng.randint(5, 31)}日"]
    head = [f"标题: {title}", f"发布时间: {r.year + 1}-01-{r.rng.randint(10, 28)} 16:21", "文号: ",
            f"发布机构: {r.organ}", "栏目: 政府信息公开年报",
            f"原文链接: https://www.example.gov.cn/zwgk/nb/{r.year + 1}01/t{r.seed:08d}.htm",
            "==================== 正文 ===================="]
    return "\n".join(head) + "\n" + "".join(body) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def as_markdown(r: Report) -> str:
    """PDF→markdown: running text wrapped at the page's width with page marks, tables as
    pipe tables, and long row labels wrapped on lines of their own above their figures."""
    width = r.rng.randint(28, 34)
    out = ["正文", *_wrap(_title(r), 22), "", "一、总体情况"]
    for para in r.overview:
        out += _wrap(para, width)
    out += ["", "二、主动公开政府信息情况"]
    t = r.truth
    rule = "|---" * 8 + "|"
    for item, measures in DISCLOSURE_LAYOUT[r.template].items():
        if item in _SUBTABLES:
            out += [_SUBTABLES[item], pipe(["信息内容", *(MEASURE_BY_CODE[m].label for m in measures)]),
                    "|---" * (len(measures) + 1) + "|"]
        out.append(pipe([ITEM_BY_CODE[item].label, *(_num(t.disclosures[(item, m)]) for m in measures)]))
    out += ["", "三、收到和处理政府信息公开申请情况", "申请人情况", "法人或其他组织",
            "（本列数据的勾稽关系为：第一项加第二项之和，", "社会法律",
            pipe(["等于第三项加第四项之和）", "自然人", "商业企业", "科研机构", "社会公益组织",
                  "法律服务机构", "其他", "总计"]), rule]
    groups = _group_first(_rows(r.template))
    for spec in _rows(r.template):
        label = _row_label(spec)
        figs = [str(t.apps[(spec.code, a)]) for a in APPLICANTS]
        if len(label) > 22:  # a long label wraps in its cell: the converter lifts it out
            out += ["", *_wrap(label, 18), pipe(figs), "|---" * 7 + "|"]
        elif spec.code in groups and r.rng.random() < 0.5:
            out.append(pipe([groups[spec.code], label, *figs]))
        else:
            out.append(pipe([label, *figs]))
    out += ["", "四、政府信息公开行政复议、行政诉讼情况", "行政复议行政诉讼", "未经复议直接起诉复议后起诉",
            pipe(list(REVIEW_HEADS) * 3), "|---" * 15 + "|",
            pipe([str(t.reviews[(p, res)]) for p in PROCEEDINGS for res in RESULTS]), "",
            "五、存在的主要问题及改进情况", *_wrap(r.problems, width), "", "六、其他需要报告的事项",
            r.other]
    page, marked = 1, []
    for i, line in enumerate(out):
        marked.append(line)
        if i % 38 == 37 and not line.startswith("|"):
            marked.append(f"— {page} —")
            page += 1
    return "\n".join(marked) + "\n"


def _fragment(r: Report, blank: float) -> tuple[str, set[Key]]:
    return html_report(r.truth, r.rng, blank, template=r.template, title=_title(r),
                       overview=r.overview, problems=r.problems, other=r.other)


def as_html(r: Report, blank: float = 0.3) -> tuple[str, set[Key]]:
    """A site's page: head, navigation, a metadata table, then the report; zero parts
    printed empty with probability ``blank``.  Returns the page and its empty cells."""
    report, blanks = _fragment(r, blank)
    nav = "".join(f"<li><a href='/col/{k}/index.html'>{name}</a></li>" for k, name in enumerate(
        ("首页", "政务公开", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报",
         "依申请公开", "政务服务", "互动交流", "走进" + r.organ[:3])))
    published = f"{r.year + 1}-01-{r.rng.randint(10, 28)}"
    meta = ("<table class='table_content'><tbody>"
            f"<tr><td>名称</td><td colspan='3'>{_title(r)}</td></tr>"
            f"<tr><td>索引号</td><td>{r.seed:09d}/{r.year + 1}-00002</td><td>分类</td>"
            "<td>信息公开年报</td></tr>"
            f"<tr><td>发布机构</td><td>{r.organ}</td><td>公开日期</td><td>{published}</td></tr>"
            "</tbody></table>")
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{_title(r)}</title>"
            "<style>table{border-collapse:collapse}td{border:1px solid #333;padding:4px}"
            ".nav li{display:inline;margin:0 8px}</style>"
            "<script>var _hmt = _hmt || []; function zoom(s){document.getElementById('zoomcon')"
            ".style.fontSize=s+'px';}</script></head><body>"
            f"<div class='head'><h2 class='siteTit'>{r.organ}</h2><ul class='nav'>{nav}</ul></div>"
            f"<div class='article-tb'>{meta}</div><div class='article-content' id='zoomcon'>"
            f"{report}<p style='text-align:right'>{r.organ}</p></div>"
            "<div class='foot'><p>主办单位：" + r.organ + "　网站标识码：3213220037</p>"
            "<p>版权所有 © 2024 保留所有权利</p></div></body></html>")
    return page, blanks


def pdf_html(r: Report, blank: float = 0.3) -> tuple[str, set[Key]]:
    """The HTML a PDF is printed from: the report alone, as a word processor lays it out."""
    report, blanks = _fragment(r, blank)
    size = r.rng.choice(("12px", "13px", "14px"))
    return ("<html><head><meta charset='utf-8'><style>body{font-family:'WenQuanYi Micro Hei';"
            f"font-size:{size}}}table{{border-collapse:collapse;width:100%}}"
            "td{border:1px solid #000;padding:2px 4px}</style></head><body>"
            f"{report}</body></html>"), blanks


def write_pdfs(pages: Iterable[tuple[str, Path]], workers: int = 2) -> None:
    """Print each (HTML, PDF path) with headless Chromium, ``workers`` at a time."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    chromium = CHROMIUM

    def one(job: tuple[str, Path]) -> None:
        html, pdf = job
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp, "page.html")
            page.write_text(html, encoding="utf-8")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={Path(tmp, 'profile')}", f"--print-to-pdf={pdf}",
                            "--no-pdf-header-footer", page.as_uri()],
                           capture_output=True, timeout=120, check=True)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, pages))


#: rendering → file suffix.
RENDERINGS: dict[str, str] = {"text": ".txt", "crawler": ".txt", "markdown": ".md",
                              "html": ".html", "pdf": ".pdf"}


# --- the truth and the score --------------------------------------------------------------


def expected(r: Report, blanks: Iterable[Key] = ()) -> dict[Key, float | None]:
    """The cells a correct parse returns: every printed figure; a zero part printed empty
    is 0 (its row's printed total confirms it), an empty section 二 cell null (nothing
    confirms it).  A 2021 report's （六）其他处理 row, the sum of its sub-rows, is there
    too: a parse may derive it."""
    out: dict[Key, float | None] = {}
    for (row, a), v in r.truth.apps.items():
        out[("applications", row, a)] = v
    if r.template == "2021":
        for a in APPLICANTS:
            out[("applications", "other", a)] = sum(r.truth.apps[(s, a)] for s in OTHER_SUBROWS)
    for (p, res), v in r.truth.reviews.items():
        out[("reviews", p, res)] = v
    empty = set(blanks)
    for (item, m), v in r.truth.disclosures.items():
        out[("disclosures", item, m)] = None if ("disclosures", item, m) in empty else v
    return out


@dataclass
class Expected:
    """What a correct parse of one file returns: its year, template and cells."""

    year: int | None
    template: str | None
    cells: dict[Key, float | None]


@dataclass
class Score:
    """Cells of a rendering's reports compared with the truth."""

    right: int = 0
    wrong: int = 0  # read as another figure (or a figure where the truth is null)
    missed: dict[str, int] = field(default_factory=dict)  # per table: null where truth is not
    invented: int = 0  # a figure in a cell the report does not print
    reports: int = 0
    exact: int = 0  # reports whose every cell is right
    meta_right: int = 0  # reports whose year and template are read right
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        missed = sum(self.missed.values())
        cells = self.right + self.wrong + missed
        where = ", ".join(f"{t} {n}" for t, n in sorted(self.missed.items()))
        return (f"{self.right}/{cells} cells right ({100 * self.right / max(cells, 1):.2f}%), "
                f"{self.wrong} wrong, {missed} missed{f' ({where})' if where else ''}, "
                f"{self.invented} invented; {self.exact}/{self.reports} reports exact; "
                f"year+template right in {self.meta_right}/{self.reports}")


_OPTIONAL = ("applications", "other")  # a 2021 report's derived （六） row
_CELLS = (("applications", "row", "applicant", "count"), ("reviews", "proceeding", "result", "count"),
          ("disclosures", "item", "measure", "value"))


def cells_by_source(frames: Mapping[str, pl.DataFrame]) -> dict[str, Expected]:
    """What a loaded corpus read, per source file (``frames``: a Corpus's frames by name)."""
    reports = frames["reports"]
    source = dict(zip(reports["report_id"], reports["source"], strict=True))
    out = {src: Expected(year, template, {})
           for src, year, template in reports.select("source", "year", "template").iter_rows()}
    for table, k1, k2, v in _CELLS:
        for rid, a, b, x in frames[table].select("report_id", k1, k2, v).iter_rows():
            out[source[rid]].cells[(table, a, b)] = x
    return out


def score(frames: Mapping[str, pl.DataFrame], truth: Mapping[str, Expected]) -> Score:
    """Compare a loaded corpus (its frames by name) with ``truth`` (by source file name)."""
    got = cells_by_source(frames)
    s = Score()
    for name, want in truth.items():
        s.reports += 1
        have = got.get(name, Expected(None, None, {}))
        bad = 0
        for key, value in want.cells.items():
            x = have.cells.get(key)
            if key[:2] == _OPTIONAL and x is None:
                continue
            if x == value:  # null where the truth is null counts as right
                s.right += 1
                continue
            bad += 1
            if x is None:
                s.missed[key[0]] = s.missed.get(key[0], 0) + 1
            else:
                s.wrong += 1
            if len(s.examples) < 5:
                s.examples.append(f"{name} {'/'.join(key)}: read {x}, truth {value}")
        extra = sum(1 for key, x in have.cells.items() if key not in want.cells and x is not None)
        s.invented += extra
        s.exact += not bad and not extra
        s.meta_right += (have.year, have.template) == (want.year, want.template)
    return s


def frames_of(corpus: object) -> dict[str, pl.DataFrame]:
    """A Corpus's frames that :func:`score` reads, by name."""
    return {name: getattr(corpus, name) for name in ("reports", *(c[0] for c in _CELLS))}


def write(folder: Path, rendering: str, n: int, seed: int = 0, pdf_workers: int = 2,
          kinds: Iterable[str] = KINDS) -> dict[str, Expected]:
    """Write ``n`` reports of one rendering into ``folder``; returns their truth by file name.

    Report ``i`` is drawn from seed ``seed + i``, so every rendering of one seed prints the
    same figures (the renderings differ in their own draws: blank cells, separators).
    """
    folder.mkdir(parents=True, exist_ok=True)
    suffix = RENDERINGS[rendering]
    truth: dict[str, Expected] = {}
    pages: list[tuple[str, Path]] = []
    for i in range(n):
        r = draw(seed + i, kinds)
        name = f"{i:05d}_{r.year}{suffix}"
        blanks: set[Key] = set()
        if rendering == "html":
            page, blanks = as_html(r)
            Path(folder, name).write_text(page, encoding="utf-8")
        elif rendering == "pdf":
            page, blanks = pdf_html(r)
            pages.append((page, folder / name))
        else:
            render = {"text": as_text, "crawler": as_crawler, "markdown": as_markdown}[rendering]
            Path(folder, name).write_text(render(r), encoding="utf-8")
        truth[name] = Expected(r.year, r.template, expected(r, blanks))
    if pages:
        write_pdfs(pages, pdf_workers)
    return truth
