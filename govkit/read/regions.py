"""Where an organ is: the province, prefecture and county its name prints.

The places come from ``govkit/data/divisions.tsv``, the Ministry of Civil Affairs'
divisions of 2019-2024 (every province, prefecture and county-level unit that existed in
one of those years; see scripts/make_divisions.py for its source, date and licence).
Names are matched whole and official (``宿迁市``, ``沭阳县``, ``恩施州`` for
恩施土家族苗族自治州), never by fragment: ``沭阳`` alone, or the 苏州 of 苏州工业园区, names
no place here.

How a name resolves:

- the places an organ's name starts with (``宿迁市沭阳县`` of 宿迁市沭阳县发展和改革局) are
  read left to right; the last is the organ's place, the earlier ones narrow it;
- a place whose name is one division gives its parents from the table (``沭阳县`` ->
  江苏省, 宿迁市): the name says which division it is, the table where that division lies;
- a name that is two or more divisions (``南山区``: 深圳市 and 鹤岗市) stays null unless an
  earlier place or the report's own text picks one (``鹤岗市南山区六号街道``, see
  :func:`settle`); only what all of them share (a province) is filled;
- a municipality (北京市, 天津市, 上海市, 重庆市) is a province and a city at once: both
  columns carry its name.  A county-level unit a province runs directly (济源市, 仙桃市)
  has no city.

平潭综合实验区 is declared in :data:`SPECIAL_ZONES`: a zone the province runs, whose
territory is exactly 平潭县 of 福州市 in the national table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from ..schema import LEVELS

_RANK = {level: i for i, level in enumerate(LEVELS)}
#: Province-level cities: each is its own city too.
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


class Place(NamedTuple):
    """One division: its level (province, city or county), name and parents."""

    level: str
    name: str
    province: str
    city: str | None
    county: str | None
    code: str


@dataclass(frozen=True, slots=True)
class SpecialZone:
    """A zone that reports like a government but is no division of the national table."""

    name: str
    place: Place
    why: str


#: Zones whose own name stands for a place.  Adding one is one entry here.
SPECIAL_ZONES: tuple[SpecialZone, ...] = (
    SpecialZone(
        "平潭综合实验区",
        Place("city", "平潭综合实验区", "福建省", "福州市", "平潭县", "350128"),
        "The zone's 管委会 is a body of 福建省's government ranked like a prefecture-level "
        "city (its bureaus, 平潭综合实验区社会事业局 …, are city-level departments): level "
        "city.  Its territory is the whole of 平潭县, which the Ministry's table lists under "
        "福州市 (350128): province 福建省, city 福州市, county 平潭县, as for any other place "
        "of that county.  福州市 does not run the zone; the region columns say where, not who "
        "is above."),
)


_ZONES = frozenset(z.place for z in SPECIAL_ZONES)


class Table(NamedTuple):
    """The division table as lookups: every official name and short name to its places."""

    by_name: dict[str, tuple[Place, ...]]
    longest: int


@lru_cache(maxsize=1)
def table() -> Table:
    """The shipped divisions plus :data:`SPECIAL_ZONES`, loaded once."""
    by_name: dict[str, list[Place]] = {}
    text = files("govkit").joinpath("data/divisions.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                          delimiter="\t")
    for r in rows:
        level, name = r["level"], r["name"]
        province, city = r["province"], r["city"] or None
        if level == "province":
            # a municipality is its own city (its districts list it as theirs)
            place = Place(level, name, province, name if name in MUNICIPALITIES else None,
                          None, r["code"])
        elif level == "city":
            place = Place(level, name, province, name, None, r["code"])
        else:
            place = Place(level, name, province, city, name, r["code"])
        for spelling in {name, r["short"]} - {""}:
            by_name.setdefault(spelling, []).append(place)
    for zone in SPECIAL_ZONES:
        by_name.setdefault(zone.name, []).append(zone.place)
    return Table({k: tuple(v) for k, v in by_name.items()}, max(map(len, by_name)))


def is_zone(place: Place) -> bool:
    """``place`` is one of :data:`SPECIAL_ZONES`."""
    return place in _ZONES


#: A printed place: the text as printed and the divisions it may be.
Printed = tuple[str, tuple[Place, ...]]


def leading_places(name: str) -> list[Printed]:
    """The places ``name`` starts with, left to right, each the longest name matching there.

    >>> [s for s, _ in leading_places("宿迁市沭阳县发展和改革局")]
    ['宿迁市', '沭阳县']
    """
    by_name, longest = table()
    out: list[Printed] = []
    i = 0
    while True:
        for n in range(min(longest, len(name) - i), 1, -1):
            hit = by_name.get(name[i:i + n])
            if hit:
                out.append((name[i:i + n], hit))
                i += n
                break
        else:
            return out


def places_before(text: str, end: int) -> list[Printed]:
    """The places printed right before ``text[end]``, left to right (``2021年鹤岗市`` |
    ``南山区…`` -> 鹤岗市)."""
    by_name, longest = table()
    out: list[Printed] = []
    j = end
    while True:
        for n in range(min(longest, j), 1, -1):
            hit = by_name.get(text[j - n:j])
            if hit:
                out.insert(0, (text[j - n:j], hit))
                j -= n
                break
        else:
            return out


def _within(p: Place, q: Place) -> bool:
    """``p`` lies in ``q``: ``q`` is a level above and is p's province or city."""
    return _RANK[q.level] < _RANK[p.level] and q.name in (p.province, p.city)


class Resolved(NamedTuple):
    """What a chain of printed places says: the divisions its last place can be."""

    candidates: tuple[Place, ...]

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    def shared(self, field: str) -> str | None:
        """A field every candidate has alike (a province two 桥西区 share), else None."""
        values = {getattr(p, field) for p in self.candidates}
        return values.pop() if len(values) == 1 else None


def resolve(chain: list[Printed]) -> Resolved:
    """The divisions the last place of ``chain`` can be, given the places before it.

    >>> resolve(leading_places("北京市朝阳区")).place.province
    '北京市'
    >>> len(resolve(leading_places("朝阳区")).candidates)
    2
    """
    candidates = chain[-1][1]
    for _, earlier in chain[:-1]:
        candidates = tuple(p for p in candidates if any(_within(p, q) for q in earlier))
    return Resolved(candidates)


#: What looks like a place the table lacks, at the start of a name: a run of Chinese
#: ending in a division's suffix, with no organ's word inside (国家税务总局宿迁市… is no
#: place).  Its suffix gives the level where it can only be one: 市 is a prefecture or a
#: county-level city, 区 a district or a zone.
_PLACE_LIKE = re.compile(
    r"^(?P<name>[\u4e00-\u9fa5]{2,8}?(?P<suffix>自治区|自治州|自治县|自治旗|省|地区|盟|州|县|旗|市))"
    r"(?=[\u4e00-\u9fa5])")
_ORGAN_WORDS = re.compile(r"局|委|厅|办|部|院|署|中心|公司|街道|镇|乡")
_SUFFIX_LEVEL = {"自治区": "province", "省": "province", "自治州": "city", "地区": "city",
                 "盟": "city", "州": "city", "自治县": "county", "自治旗": "county",
                 "县": "county", "旗": "county"}


def place_like(name: str) -> tuple[str, str | None] | None:
    """(the place-like start, the level its suffix says) of a name the table has no
    place for, else None.  ``XX县发展和改革局`` -> (``XX县``, "county")."""
    m = _PLACE_LIKE.match(name)
    if m is None or _ORGAN_WORDS.search(m["name"]):
        return None
    return m["name"], _SUFFIX_LEVEL.get(m["suffix"])
