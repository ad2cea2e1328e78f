"""Titles and sections, on real report sentences (section 五's statements: test_problems)."""

from __future__ import annotations

import pytest

from govkit.read.meta import from_title, organ_from_text, year_from_text
from govkit.read.model import Line
from govkit.read.sections import heading_section
from govkit.read.text import norm


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
