"""Who and where: the organ's kind, level and region, from real organ names.

The names of the first table are the organs of data/ and ../shared/corpus as the parser
reads them; the second holds names of kinds the sample has none of (a town, a general
office of a city, a zone's 管委会), spelled as those organs print themselves.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import DATA, SHARED

import govkit
from govkit.corpus import SCHEMAS
from govkit.read.model import Who
from govkit.read.organ_kinds import describe, settle
from govkit.read.regions import SPECIAL_ZONES, is_zone, leading_places, resolve, table
from govkit.schema import LEVELS, ORGAN_KIND_CODES, REGION_BASES

COLUMNS = ("kind", "level", "province", "city", "county", "region_basis")

#: organ -> (kind, level, province, city, county, region_basis), from the name alone.
REAL = {
    # data/seeds
    "旧街街道办事处": ("street_office", "township", None, None, None, "unnamed"),
    "梁园区长征街道办事处": ("street_office", "township", "河南省", "商丘市", "梁园区", "named"),
    "关林街道": ("street_office", "township", None, None, None, "unnamed"),
    "慈音街道": ("street_office", "township", None, None, None, "unnamed"),
    # 南山区 is 深圳市's and 鹤岗市's: the name alone cannot say (the text can, below);
    # the two are in different provinces, so not even the province is filled
    "南山区六号街道": ("street_office", "township", None, None, None, "ambiguous"),
    # data/pingtan: the zone's bureaus are city-level departments; its sub-areas'
    # bodies (片区管理局, which took over the towns' functions) state no level
    "平潭综合实验区社会事业局": ("department", "city", "福建省", "福州市", "平潭县", "zone"),
    "平潭综合实验区国有资产管理局": ("department", "city", "福建省", "福州市", "平潭县", "zone"),
    "平潭综合实验区自然资源与生态环境局": ("department", "city", "福建省", "福州市", "平潭县",
                                           "zone"),
    "平潭综合实验区海坛片区管理局": ("zone_admin", None, "福建省", "福州市", "平潭县", "zone"),
    "平潭综合实验区金井片区管理局": ("zone_admin", None, "福建省", "福州市", "平潭县", "zone"),
    # ../shared/corpus
    "淮安市人民政府": ("government", "city", "江苏省", "淮安市", None, "named"),
    "上海市人民政府办公厅": ("general_office", "province", "上海市", "上海市", None, "named"),
    "平潭综合实验区": ("zone_admin", "city", "福建省", "福州市", "平潭县", "zone"),
    "沭阳县发展和改革局": ("department", "county", "江苏省", "宿迁市", "沭阳县", "named"),
    # the title as the crawler kept it, run on past the name
    "平潭综合实验区国有资产管理局 2020年度政府信息公开工作年度报告": (
        "department", "city", "福建省", "福州市", "平潭县", "zone"),
}

OTHER = {
    "宿迁市沭阳县发展和改革局": ("department", "county", "江苏省", "宿迁市", "沭阳县", "named"),
    "沭阳县高墟镇人民政府": ("township", "township", "江苏省", "宿迁市", "沭阳县", "named"),
    "淮安市人民政府办公室": ("general_office", "city", "江苏省", "淮安市", None, "named"),
    # 外事办公室 of a government is a department, not its general office
    "淮安市人民政府外事办公室": ("department", "city", "江苏省", "淮安市", None, "named"),
    "江苏省人民政府": ("government", "province", "江苏省", None, None, "named"),
    "北京市朝阳区人民政府": ("government", "county", "北京市", "北京市", "朝阳区", "named"),
    # 朝阳区 of 北京市 and of 长春市: null, and no province in common
    "朝阳区人民政府": ("government", "county", None, None, None, "ambiguous"),
    # the three 桥西区 are all in 河北省: the province is certain, the city is not
    "桥西区人民政府": ("government", "county", "河北省", None, None, "ambiguous"),
    # an autonomous prefecture by its official short name; a municipality's district
    "恩施州人民政府": ("government", "city", "湖北省", "恩施土家族苗族自治州", None, "named"),
    "重庆市万州区人民政府": ("government", "county", "重庆市", "重庆市", "万州区", "named"),
    # run by 河南省 directly: no prefecture-level city above it
    "济源市人民政府": ("government", "county", "河南省", None, "济源市", "named"),
    # 沭阳县 is 宿迁市's: the name contradicts the table, so nothing is filled
    "淮安市沭阳县公安局": ("department", None, None, None, None, "conflict"),
    # a street named 城区 is no district 城区
    "城区街道办事处": ("street_office", "township", None, None, None, "unnamed"),
    "苏州工业园区管理委员会": ("zone_admin", None, None, None, None, "unnamed"),
    # 管理委员会 of no zone: departments
    "宿迁市国有资产监督管理委员会": ("department", "city", "江苏省", "宿迁市", None, "named"),
    "宿迁市城市管理委员会": ("department", "city", "江苏省", "宿迁市", None, "named"),
    # the zone's own body, with the province printed before it
    "福建省平潭综合实验区管理委员会": ("zone_admin", "city", "福建省", "福州市", "平潭县", "zone"),
    # one of the four 鼓楼区, picked by its city; a prefecture without counties
    "南京市鼓楼区人民政府": ("government", "county", "江苏省", "南京市", "鼓楼区", "named"),
    "东莞市虎门镇人民政府": ("township", "township", "广东省", "东莞市", None, "named"),
    # the State Council's own offices name no place and have no level of the four
    "国务院办公厅": ("general_office", None, None, None, None, "unnamed"),
    "宿迁市人民政府驻北京联络处": ("department", "city", "江苏省", "宿迁市", None, "named"),
    # a place the table lacks: its suffix still says county level
    "某某县教育局": ("department", "county", None, None, None, "unknown"),
}


def facts(organ: str | None) -> tuple:
    return tuple(describe(organ).who)


@pytest.mark.parametrize("organ", list(REAL))
def test_real_organ_names(organ: str) -> None:
    assert facts(organ) == REAL[organ]


@pytest.mark.parametrize("organ", list(OTHER))
def test_kinds_and_places_the_sample_lacks(organ: str) -> None:
    assert facts(organ) == OTHER[organ]


def test_no_organ_no_facts() -> None:
    assert facts(None) == (None,) * 6
    assert facts("") == (None,) * 6


def test_describe_is_cached_per_organ_string() -> None:
    assert describe("淮安市人民政府") is describe("淮安市人民政府")


# --- the text settles what the name leaves open -----------------------------------------

# data/seeds/004's opening sentence, as printed (spaces and all)
OPENING_004 = ("根据《关于做好 2021 年度政府信息公开工作年度公开工作的通知》和《中华人民共和国"
               "政府信息公开条例》要求，现将 2021 年鹤岗市南山区六号街道信息公开工作年度报告"
               "予以公布。")


def test_the_opening_names_which_nanshan() -> None:
    o = settle(describe("南山区六号街道"), [OPENING_004]).who
    assert (o.province, o.city, o.county, o.region_basis) == ("黑龙江省", "鹤岗市", "南山区",
                                                              "text")
    assert o.level == "township"


def test_mentions_that_disagree_or_stand_apart_settle_nothing() -> None:
    open_ = describe("南山区六号街道")
    both = "鹤岗市南山区六号街道……深圳市南山区六号街道"
    assert settle(open_, [both]).who.region_basis == "ambiguous"
    # a place elsewhere in the sentence is not the organ's place
    apart = "鹤岗市委、市政府的领导下，南山区六号街道……"
    assert settle(open_, [apart]).who.province is None


def test_a_street_without_a_place_takes_one_the_text_prints_before_it() -> None:
    o = settle(describe("旧街街道办事处"), ["2021年，商丘市梁园区旧街街道办事处认真贯彻……"]).who
    assert (o.province, o.city, o.county, o.region_basis) == ("河南省", "商丘市", "梁园区",
                                                              "text")


def test_seeds_loaded(corpus: govkit.Corpus) -> None:
    got = {src[:3]: row for src, *row in corpus.reports.select("source", *COLUMNS).iter_rows()}
    assert got["004"] == ["street_office", "township", "黑龙江省", "鹤岗市", "南山区", "text"]
    # 慈音街道's text speaks of 遂宁市级、新区级媒体, which says nothing of where it is
    assert got["003"] == ["street_office", "township", None, None, None, "unnamed"]
    assert got["001"] == ["street_office", "township", "河南省", "商丘市", "梁园区", "named"]


def test_reports_columns_and_dtypes(corpus: govkit.Corpus) -> None:
    schema = corpus.reports.schema
    assert list(schema)[-len(COLUMNS):] == list(COLUMNS) == list(Who._fields)
    assert schema["kind"] == pl.Enum(ORGAN_KIND_CODES) == SCHEMAS["reports"]["kind"]
    assert schema["level"] == pl.Enum(LEVELS)
    assert schema["region_basis"] == pl.Enum(REGION_BASES)
    assert schema["province"] == pl.Utf8


def test_data_nulls_are_the_organs_that_print_no_place() -> None:
    """Acceptance: on data/, every organ whose name states its place has it; the nulls are
    the three street offices that print only their own name."""
    r = govkit.load(DATA).reports
    assert r.filter(pl.col("kind").is_null()).height == 0
    nulls = r.filter(pl.col("province").is_null())
    assert set(nulls["organ"]) == {"旧街街道办事处", "关林街道", "慈音街道"}
    assert set(nulls["region_basis"]) == {"unnamed"}
    pingtan = r.filter(pl.col("source").str.starts_with("pingtan/"))
    assert pingtan.height == 37 and set(pingtan["county"]) == {"平潭县"}


def test_shared_corpus() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not beside the repo")
    r = govkit.load(SHARED / "corpus").reports
    got = {src: row for src, *row in r.select("source", *COLUMNS).iter_rows()}
    assert got["002_huaian_szf_2024.pdf"] == got["002_huaian_szf_2024.txt"] == [
        "government", "city", "江苏省", "淮安市", None, "named"]
    assert got["014_shuyang_fgj_2023.html"] == [
        "department", "county", "江苏省", "宿迁市", "沭阳县", "named"]


# --- the division table ------------------------------------------------------------------


def test_division_table() -> None:
    by_name = table().by_name
    levels = [p.level for places in by_name.values() for p in places]
    assert levels.count("province") == 34
    assert len({p for places in by_name.values() for p in places
                if p.level == "city" and not is_zone(p)}) == 333
    (shuyang,) = by_name["沭阳县"]
    assert (shuyang.province, shuyang.city, shuyang.code) == ("江苏省", "宿迁市", "321322")
    (pingtan,) = by_name["平潭县"]
    assert (pingtan.city, pingtan.code) == ("福州市", "350128")
    assert {p.city for p in by_name["朝阳区"]} == {"北京市", "长春市"}
    assert by_name["恩施州"] == by_name["恩施土家族苗族自治州"]


def test_the_zone_is_its_county_in_the_table() -> None:
    """平潭综合实验区's territory is 平潭县: the zone resolves to the county's place."""
    (zone,) = SPECIAL_ZONES
    (county,) = table().by_name["平潭县"]
    assert (zone.place.province, zone.place.city, zone.place.county, zone.place.code) == (
        county.province, county.city, county.county, county.code)


def test_places_are_read_whole_never_by_fragment() -> None:
    assert leading_places("沭阳经济技术开发区管委会") == []
    assert [s for s, _ in leading_places("福建省平潭综合实验区社会事业局")] == [
        "福建省", "平潭综合实验区"]
    assert resolve(leading_places("长春市朝阳区")).place.province == "吉林省"
