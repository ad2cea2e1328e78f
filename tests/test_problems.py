"""Section 五 as statements, on real report text.

Each quote is copied from a report in ../shared (the file is named above it); each
expectation is the hand annotation of that report (../shared/gold/statements), given as
(kind, scope, start of the text).
"""

from __future__ import annotations

import doctest

import pytest

from govkit.read import problems
from govkit.read.problems import split_statements

P, M = "problem", "improvement"  # M: a measure
CUR, PREV = "current", "previous"


def starts(text: str, year: int | None = None) -> list[tuple[str, str, str]]:
    """The statements of ``text`` as (kind, scope, first 12 characters)."""
    return [(k, s, t[:12]) for k, s, t in split_statements(text, year)]


CASES = {
    # wild/302_shs_2021: problems only separated by "；" after 主要表现在：, then a lead-in
    # ending in a colon and （一）（二） measures
    "semicolon-list-after-lead-in": (
        "今年，我局政府信息公开工作取得一定成效，但还存在一些不足，主要表现在：对政务公开工作的"
        "重要性认识不足，部分信息公开不及时，缺乏实效性；信息公开的方式缺乏多样性，多为文字形式，"
        "缺少以图片、视频等方式的富有趣味性的内容；信息公开的平台单一，以网站、公众号为主，部分政务"
        "新媒体更新维护不到位，与群众互动较少。接下来，我局将继续认真按照省政府、区管委会对政府信息"
        "公开要求，进一步落实政务公开工作：（一）提高认识，便民利民。继续组织相关人员加强学习，提高"
        "对政府信息公开工作重要性的认识。（二）优化内容，提升质量。进一步优化政府信息公开内容。",
        [(P, CUR, "对政务公开工作的重要性认"), (P, CUR, "信息公开的方式缺乏多样性"),
         (P, CUR, "信息公开的平台单一，以网"), (M, CUR, "提高认识，便民利民。继续"),
         (M, CUR, "优化内容，提升质量。进一")]),
    # wild/317_zrz_2022: a 主要存在…等问题 summary is one problem, begun after 主要存在
    "summary-of-problems": (
        "2022年，我局认真按照《条例》要求做好政府信息公开工作，虽然取得了一定成效，但离上级政府和"
        "人民群众的要求还有一定的差距，主要存在及时主动公开意识不够强、政府信息公开业务能力不够强、"
        "政策解读形式不够丰富等问题。下一步，我局将从以下几方面抓好改进：一是全面梳理公开内容，对照"
        "“五公开”要求，努力做到“以公开为常态，不公开为例外”；二是持续加强业务培训，积极参加各级"
        "政府信息公开业务培训，不断提升政府信息公开业务能力素质；三是进一步丰富政策解读形式，通俗易懂"
        "解读政策。",
        [(P, CUR, "及时主动公开意识不够强、"), (M, CUR, "全面梳理公开内容，对照“"),
         (M, CUR, "持续加强业务培训，积极参"), (M, CUR, "进一步丰富政策解读形式，")]),
    # wild/004_pt-guozij_2023: crawler text, sub-headings glued to the text; the lead-in
    # after 存在问题 is no statement; 需一步加大… stands under the problems heading
    "glued-subheadings": (
        "（一）存在问题我局开展政府信息公开工作虽取得初步成效，但也还存在一些问题：一是需一步加大"
        "政策解读力度，扩大解读范围，丰富政策解读的形式，积极回应社会、群众关切。二是重点领域信息公开"
        "的要求还需提高，广度有待进一步拓宽，深度有待进一步加强。（二）改进措施一是认真学习中办、国办"
        "《关于全面推进政务公开工作的意见》和省、市、区工作精神，进一步完善政府信息公开内容。二是加大"
        "学习、培训，多形式开展政策解读工作，提升政务信息发布的质量。",
        [(P, CUR, "需一步加大政策解读力度，"), (P, CUR, "重点领域信息公开的要求还"),
         (M, CUR, "认真学习中办、国办《关于"), (M, CUR, "加大学习、培训，多形式开")]),
    # wild/310_zhz_2022: （一）主要问题 glued to its lead-in, （二）改进措施 to 一是
    "glued-heading-before-enumerator": (
        "（一）主要问题今年我局政府信息公开工作规范有序、及时高效，虽然取得一定成绩，但也存在一些"
        "问题：一是政府信息主动公开的方式和渠道不够丰富；二是对信息发布解读的深度广度仍需提升，政策"
        "解读方式方法不多。（二）改进措施一是持续贯彻落实关于全面推进政务公开工作的部署要求；二是丰富"
        "主动公开方式、拓展公开渠道，充分利用新媒体，扩大主动公开受众面。",
        [(P, CUR, "政府信息主动公开的方式和"), (P, CUR, "对信息发布解读的深度广度"),
         (M, CUR, "持续贯彻落实关于全面推进"), (M, CUR, "丰富主动公开方式、拓展公")]),
    # seeds/003: an unnumbered sub-heading 改进措施, in the middle of a paragraph
    "unnumbered-subheading-mid-paragraph": (
        "但也存在几点问题:一是信息公开工作认识不到位;;二是政务公开队伍建设需进一步加强;三是少数干部"
        "对政务信息公开工作重视程度需进一步提高。改进措施,一是加强组织领导。进一步提高思想认识。"
        "二是加大主动公开力度。",
        [(P, CUR, "信息公开工作认识不到位"), (P, CUR, "政务公开队伍建设需进一步"),
         (P, CUR, "少数干部对政务信息公开工"), (M, CUR, "加强组织领导。进一步提高"),
         (M, CUR, "加大主动公开力度。")]),
    # wild/014_pt-guozij_2020: the sentence pointing back at the problems before a list
    # is its lead-in
    "lead-in-pointing-back": (
        "（二）下一步的改进措施 针对上述问题，我局将严格按政府信息公开的规定和要求，立足本职工作，"
        "主动加强部门之间的学习交流，克服困难和问题，不断提升政府信息公开工作水平。一是加强部门间的"
        "交流学习。积极主动向政务公开工作表现较为优秀的部门开展交流学习。二是加强信息公开工作机构"
        "建设。",
        [(M, CUR, "加强部门间的交流学习。积"), (M, CUR, "加强信息公开工作机构建设")]),
    # corpus/007_pingtan_2019: a concession sentence and an announcing sentence are
    # lead-ins; item 三 keeps its explanation, and ends at the lead-in of the measures
    "concession-and-announcement": (
        "2019年，我区政府信息公开工作取得了明显进展，但仍存在一些不足和薄弱环节。一是个别部门对政府"
        "信息公开工作主动性和自觉性仍待提高；二是受人员编制限制，各单位信息公开多由办公室人员兼职"
        "经办；三是公开的长效工作机制建设不够“全”。虽然制定了政府信息公开工作相关制度，但仍然有待"
        "完善。2020年，我们将采取以下措施加以改进：（一）继续强化信息公开责任。切实贯彻落实新修订"
        "《中华人民共和国政府信息公开条例》。（二）继续完善信息公开机制。",
        [(P, CUR, "个别部门对政府信息公开工"), (P, CUR, "受人员编制限制，各单位信"),
         (P, CUR, "公开的长效工作机制建设不"), (M, CUR, "继续强化信息公开责任。切"),
         (M, CUR, "继续完善信息公开机制。")]),
    # wild/308_zhz_2020: no heading, no list: 如， opens the problem, 下一步 the measures,
    # each sentence one statement
    "unnumbered-measures-after-xiayibu": (
        "2020年，我局持续加大政府信息公开力度，拓宽公开渠道，丰富公开方式方法，虽然取得一定成绩，"
        "但也存在一些困难和问题。如，在政务公开网络系统维护方面、学习培训方面还存在薄弱环节。下一步"
        "将积极配合区办加强政务公开业务培训学习，依托执法应急讲坛，加强政务公开标准化规范化培训。进一步"
        "细化落实《国务院办公厅关于印发政府网站发展指引的通知》等文件要求，加强业务创新。",
        [(P, CUR, "在政务公开网络系统维护方"), (M, CUR, "下一步将积极配合区办加强"),
         (M, CUR, "进一步细化落实《国务院办")]),
    # wild/315_zrz_2020: measures before the problem, told apart by their words
    "kind-by-meaning": (
        "2020年我局将进一步严格按照信息上网制度做好信息的审核发布工作。加大信息公布力度，确保信息"
        "质量，丰富信息内容。目前，我局政府信息公开工作还不能完全满足社会公众的需求，在内容丰富性和"
        "渠道多样性方面仍有进一步改进的空间。对此，我在下阶段将继续深入研究政府信息公开工作的相关"
        "精神和要求。",
        [(M, CUR, "2020年我局将进一步严"), (M, CUR, "加大信息公布力度，确保信"),
         (P, CUR, "目前，我局政府信息公开工"), (M, CUR, "对此，我在下阶段将继续深")]),
    # wild/300_shs_2019: the last problem ends where the text turns to measures (对此，)
    "problem-item-ends-at-the-turn": (
        "但同时也存在一些不足：一是对主动公开文件公开属性把控不够严格。二是网站更新不及时，个别栏目"
        "更新相对滞后。三是保密性审查不够严格，存在公民身份信息泄露问题。对此，我局高度重视，立即着手"
        "整改，要求各处室加强对公文的公开属性把控。加强对政府信息公开内容的保密审查，避免泄密现象"
        "再发生。",
        [(P, CUR, "对主动公开文件公开属性把"), (P, CUR, "网站更新不及时，个别栏目"),
         (P, CUR, "保密性审查不够严格，存在"), (M, CUR, "对此，我局高度重视，立即"),
         (M, CUR, "加强对政府信息公开内容的")]),
    # wild/301_shs_2020: a list inside item （三）: its items are the statements
    "nested-list": (
        "2021年我局将继续认真按照省政府、区管委会对政府信息公开要求，进一步落实以下三个方面的工作："
        "（一）加强指导，完善机制。继续组织相关人员加强学习。（二）多措并举，提升水平。持续抓好常态化"
        "疫情防控信息公开工作。（三）突出重点，狠抓落实。继续在狠抓落实上下功夫，一是及时对各处室信息"
        "公开内容进行审查；二是继续加大各类民生事业领域的信息公开。",
        [(M, CUR, "加强指导，完善机制。继续"), (M, CUR, "多措并举，提升水平。持续"),
         (M, CUR, "及时对各处室信息公开内容"), (M, CUR, "继续加大各类民生事业领域")]),
    # wild/305_shs_2024: crawler text lost the dot after 2 (…制度：2加强)
    "glued-digit": (
        "（一）存在问题：2024年，我局政府信息公开工作取得一定成效，但还存在一些不足，主要表现在："
        "1.用词把关不够严格，出现政治用语、断字错误；2.未审慎把关个人隐私等信息发布，如存在将个人信息"
        "未打码直接发布的情况。（二）改进措施：1.审慎把关信息发布，认真执行信息发布审核制度：2加强对"
        "信息公开经办人的业务培训，进一步提升信息发布质量。",
        [(P, CUR, "用词把关不够严格，出现政"), (P, CUR, "未审慎把关个人隐私等信息"),
         (M, CUR, "审慎把关信息发布，认真执"), (M, CUR, "加强对信息公开经办人的业")]),
    # wild/326_htp_2025: section 六 and the signature glued to the end of section 五
    "section-six-glued": (
        "2025年，我局政府信息公开工作虽取得成效，但仍存在一些差距和不足，信息公开质量还不够高。"
        "下一步，我局将紧密结合工作实际，持续规范政府信息公开工作流程。六、其他需报告的事项本年度"
        "未产生政府信息公开信息处理费用。 平潭综合实验区海坛片区管理局 2026年1月26日 （此件主动公开）",
        [(P, CUR, "信息公开质量还不够高。"), (M, CUR, "下一步，我局将紧密结合工")]),
}


@pytest.mark.parametrize("case", CASES)
def test_statements(case: str) -> None:
    text, want = CASES[case]
    assert starts(text) == want


def test_scope_previous_under_last_years_problems() -> None:
    # seeds/000: measures under （二）本年度改进措施 answer （一）上年度存在问题 (previous);
    # （三）本年度存在问题 starts the current year; an unnumbered paragraph of measures is
    # one measure a sentence; the concession before 主要体现在： is no statement
    text = ("（一）上年度存在问题\n一是信息公开不全面，内容局限于上级要求公开的内容；二是居民参与"
            "程度还不够高，主动申请公开方面有待进一步提高。\n（二）本年度改进措施\n进一步转变思想观念，"
            "不断提高信息公开意识和服务意识。加大公开宣传力度，提升公众关注度。\n（三）本年度存在问题\n"
            "2021年，我街政府信息公开工作做到应公开尽公开，取得了较大进展，但仍存在一些不足之处，主要"
            "体现在：公开信息不全面、格式不规范、更新不及时等。\n（四）下年度改进措施\n建立政务信息发布"
            "规范、保密审查，责任追究等相关制度。细化政务信息公开目录及内容。")
    assert starts(text, 2021) == [
        (P, PREV, "信息公开不全面，内容局限"), (P, PREV, "居民参与程度还不够高，主"),
        (M, PREV, "进一步转变思想观念，不断"), (M, PREV, "加大公开宣传力度，提升公"),
        (P, CUR, "公开信息不全面、格式不规"), (M, CUR, "建立政务信息发布规范、保"),
        (M, CUR, "细化政务信息公开目录及内")]


def test_scope_previous_by_the_year_in_the_heading() -> None:
    # corpus/004_shanghai_szfbgt_2025 (PDF text): a 2025 report on 2024's problems first
    text = ("（一）2024 年工作中存在问题的改进情况\n针对 2024 年工作中存在的主要问题，重点采取如下改进"
            "措施。\n一是进一步提升政策公开质效。以政府公报数字化改革为抓手，加大政策文件集成发布力度；"
            "持续深化政策公开“政社合作”机制探索。\n二是提高依申请公开办理质量。\n（二）2025 年工作中"
            "存在的主要问题\n总体来看，我市政务公开工作基础持续巩固，但在政策公开集成、政府网站建设等"
            "方面仍需进一步提升：一是政策信息分散于多个平台；二是市政府门户网站的用户体验有待进一步"
            "改善。")
    want = [(M, PREV, "进一步提升政策公开质效。"), (M, PREV, "提高依申请公开办理质量。"),
            (P, CUR, "政策信息分散于多个平台"), (P, CUR, "市政府门户网站的用户体验")]
    assert starts(text, 2025) == want
    # without the report's year, a heading on a year's rectification still names an earlier one
    assert starts(text) == want


def test_measures_are_not_problems() -> None:
    # wild/010_pingtan_2022: 丰富政策解读形式 is a measure (it ranked among the problems)
    text = ("2022年，平潭综合实验区政府信息公开工作取得了一定成绩，但还存在一些问题和不足：一是重大行政"
            "决策预公开程度需进一步加强，意见征集形式较为单一。二是部分重点领域信息公开深度不足。三是"
            "政策解读形式单一，缺少多个角度多种形式的解读。 2023年，我区将采取以下措施加以改进。一是"
            "丰富意见征集形式。二是加大重点领域公开信息整合归类力度。三是丰富政策解读形式和方式，通过"
            "发表文章、政策问答等形式。")
    got = split_statements(text, 2022)
    assert [k for k, _, _ in got] == [P, P, P, M, M, M]
    assert got[-1] == (M, CUR, "丰富政策解读形式和方式，通过发表文章、政策问答等形式。")


def test_statements_split_by_subheadings_and_enumerators() -> None:
    # seeds/001: headings on their own lines; a problem's title and explanation kept together
    text = ("(一) 存在的问题\n1、信息公开时间节点把握不准。部分信息公开不及时。\n"
            "2、政策解读的数量及质量有待进一步提高。\n(二) 改进情况\n"
            "1、继续充实公开内容。\n2、继续完善长效工作机制。")
    assert split_statements(text) == [
        (P, CUR, "信息公开时间节点把握不准。部分信息公开不及时。"),
        (P, CUR, "政策解读的数量及质量有待进一步提高。"),
        (M, CUR, "继续充实公开内容。"),
        (M, CUR, "继续完善长效工作机制。"),
    ]


def test_markdown_bold_enumerators() -> None:
    # seeds/004: **一**是…; the lead-in on the next line announces the measures
    text = ("仍存在许多不足，主要表现在：**一**是对党务政务公开工作的重要性、必要性认识不到位。"
            "**二**是工作开展起来缺乏专业性。\n结合工作中存在的不足，下步打算：**一**是明确责任制度，"
            "继续落实责任制度。**二**是提高思想认识。")
    assert starts(text) == [(P, CUR, "对党务政务公开工作的重要"), (P, CUR, "工作开展起来缺乏专业性。"),
                            (M, CUR, "明确责任制度，继续落实责"), (M, CUR, "提高思想认识。")]


def test_nothing_to_report() -> None:
    assert split_statements("无。") == []
    assert split_statements("") == []


def test_doctests() -> None:
    assert doctest.testmod(problems).failed == 0
