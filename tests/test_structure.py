"""Titles, sections and section 五, on real report sentences."""

from __future__ import annotations

import pytest

from govkit.meta import from_title, organ_from_text, year_from_text
from govkit.model import Line
from govkit.problems import split_statements
from govkit.sections import heading_section
from govkit.text import norm


@pytest.mark.parametrize(("title", "want"), [
    ("旧街街道办事处2021年政府信息公开工作年度报告", ("旧街街道办事处", 2021)),
    ("南山区六号街道 2021 年政府信息公开 工作年度报告", ("南山区六号街道", 2021)),
    ("2024年度淮安市人民政府政府信息公开工作年度报告", ("淮安市人民政府", 2024)),
    ("沭阳县发展和改革局2023年政府信息公开年度报告", ("沭阳县发展和改革局", 2023)),
])
def test_title(title: str, want: tuple) -> None:
    assert from_title(norm(title)) == want


def test_year_and_organ_from_narrative_when_the_title_is_lost() -> None:
    text = ("2020年关林街道以习近平新时代中国特色社会主义思想为指导，认真学习贯彻《条例》。"
            "2020年，关林街道高度重视基层政务公开标准化、规范化工作。2021年将继续推进。")
    assert year_from_text(text) == 2020
    assert organ_from_text(text) == "关林街道"


@pytest.mark.parametrize(("line", "want"), [
    ("一、总体情况", "overview"),
    ("一、工作情况概述", "overview"),
    ("二、主动公开政府信息情况", "disclosures"),
    ("三、收到和处理政府信息公开申请情况", "applications"),
    ("四、政府信息公开行政复议、行政诉讼情况", "reviews"),
    ("五、政府信息公开工作存在的主要问题及改进情况。", "problems"),
    ("五、存在的主要问题和改进措施", "problems"),
    ("六、其他需要报告的事项", "other"),
    # table rows that start like headings are not headings
    ("一、本年新收政府信息公开申请数量", None),
    ("三、本年度办理结果", None),
    ("四、结转下年度继续办理", None),
    ("(一)主动公开", None),
    ("一是加强组织领导。", None),
])
def test_heading(line: str, want: str | None) -> None:
    assert heading_section(Line([line], "line 1")) == want


def test_statements_split_by_subheadings_and_enumerators() -> None:
    text = ("(一) 存在的问题\n1、信息公开时间节点把握不准。部分信息公开不及时。\n"
            "2、政策解读的数量及质量有待进一步提高。\n(二) 改进情况\n"
            "1、继续充实公开内容。\n2、继续完善长效工作机制。")
    assert split_statements(text) == [
        ("problem", "信息公开时间节点把握不准。部分信息公开不及时。"),
        ("problem", "政策解读的数量及质量有待进一步提高。"),
        ("improvement", "继续充实公开内容。"),
        ("improvement", "继续完善长效工作机制。"),
    ]


def test_statements_in_one_paragraph_switch_kind_at_the_lead_in() -> None:
    text = ("但也存在几点问题:一是信息公开工作认识不到位;;二是政务公开队伍建设需进一步加强;"
            "三是少数干部重视程度需进一步提高。改进措施,一是加强组织领导。二是加大主动公开力度。")
    got = split_statements(text)
    assert [k for k, _ in got] == ["problem"] * 3 + ["improvement"] * 2
    assert got[2][1] == "少数干部重视程度需进一步提高。"
    assert got[3][1] == "加强组织领导。"


def test_unnumbered_paragraph_is_one_statement() -> None:
    text = "（一）上年度存在问题\n一是信息公开不全面；二是居民参与程度还不够高。\n（二）本年度改进措施\n进一步转变思想观念，不断提高信息公开意识。"
    assert split_statements(text) == [
        ("problem", "信息公开不全面"),
        ("problem", "居民参与程度还不够高。"),
        ("improvement", "进一步转变思想观念，不断提高信息公开意识。"),
    ]
