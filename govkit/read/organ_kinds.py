"""Who reports: the organ's kind, its administrative level and its place, from its name.

``宿迁市沭阳县发展和改革局`` is read as places and a body: the places
(:func:`govkit.read.regions.leading_places`: 宿迁市, 沭阳县) say where, and the body
(发展和改革局) what kind of organ it is, by the first of :data:`govkit.schema.ORGAN_KINDS`
whose ending it has.  The level is the kind's own (a street office or a town is township
level) or the level of the place the name prints (a department is at the level of its
government: county).  A body that names a unit below that place (海坛片区管理局, a zone
inside 平潭; a 街道's or 镇's office) has no level the name states: null.

Every field is null where the name does not say it, never guessed from a fragment: the
region columns of 旧街街道办事处 are null (it prints no place), those of 南山区六号街道 stay
null unless the report prints which 南山区 (:func:`settle`), and ``region_basis`` says
which case it is.

:func:`describe` is a pure function of the organ string and cached per distinct string:
at 10^5 reports it costs one dictionary look-up a report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from ..schema import ORGAN_KINDS, OrganKindSpec
from .model import NOBODY, Who
from .organs import organ_key
from .regions import Place, Printed, is_zone, leading_places, place_like, places_before, resolve
from .text import norm

_KIND_PATTERNS: tuple[tuple[OrganKindSpec, tuple[re.Pattern[str], ...]], ...] = tuple(
    (k, tuple(re.compile(p) for p in k.patterns)) for k in ORGAN_KINDS)
#: What a street's or a town's own name can never be alone: a body of only these after
#: the places means the last "place" was the street's name (城区街道 of 某县).
_BARE_BODIES = frozenset({"街道", "镇", "乡", "苏木"})
#: A unit below the place the name prints: a street, a town (not 城镇, 城乡, 乡村, 乡镇),
#: a zone or a sub-area (not 地区, 社区, 区域).
_SUB_UNIT = re.compile(r"街道|(?<!城)镇|(?<!城)乡(?![村镇])|(?<![地社])区(?!域)")
_ZONE_BODY = re.compile(r"(?:管委会|管理委员会)$")  # a zone's name + this: its body
#: Kinds whose body carries a proper name (旧街街道, 高墟镇) the text can be searched for.
_NAMED_KINDS = frozenset({"street_office", "township", "zone_admin"})


@dataclass(frozen=True, slots=True)
class Organ:
    """What an organ's name says about who and where it is: ``who``, the ``reports``
    columns.

    The other fields serve :func:`settle`: what the report's text must print with places
    before it (the name from its last place on, or a street's own name), the places the
    name printed itself, and the level rule (the kind's fixed level, or None: the
    place's, unless the body names a unit below it).
    """

    who: Who = NOBODY
    needle: str | None = None
    chain: tuple[Printed, ...] = ()
    own_level: str | None = None
    below: bool = False

    def located(self, basis: str, level: str | None, province: str | None = None,
                city: str | None = None, county: str | None = None) -> Who:
        """``who`` with the region found and the organ's level when its place is at
        ``level``."""
        return Who(self.who.kind, self.own_level or (None if self.below else level),
                   province, city, county, basis)

    def at(self, place: Place, basis: str) -> Who:
        """``who`` placed at one division."""
        return self.located(basis, place.level, place.province, place.city, place.county)


UNKNOWN = Organ()
_BY_CODE = {k.code: k for k in ORGAN_KINDS}


def kind_of(body: str, chain: list[Printed]) -> OrganKindSpec | None:
    """The kind of organ a name's body (what follows its places) names.

    A name that is a place alone (淮安市, of a title ``淮安市2024年…``) is its government's;
    a special zone's name alone is its 管委会's.
    """
    zone = bool(chain) and all(is_zone(p) for p in chain[-1][1])
    if zone and (not body or _ZONE_BODY.fullmatch(body)):
        return _BY_CODE["zone_admin"]
    if not body:
        return _BY_CODE["government"] if chain else None
    for spec, patterns in _KIND_PATTERNS:
        if any(p.search(body) for p in patterns):
            return spec
    return None


@lru_cache(maxsize=1 << 16)
def describe(organ: str | None) -> Organ:
    """Kind, level and region of an organ, from its name alone.

    >>> tuple(describe("宿迁市沭阳县发展和改革局").who)
    ('department', 'county', '江苏省', '宿迁市', '沭阳县', 'named')
    >>> tuple(describe("旧街街道办事处").who)
    ('street_office', 'township', None, None, None, 'unnamed')
    """
    key = organ_key(organ)
    if key is None:
        return UNKNOWN
    chain = leading_places(key)
    body = key[sum(len(s) for s, _ in chain):]
    if chain and body in _BARE_BODIES:
        chain.pop()
        body = key[sum(len(s) for s, _ in chain):]
    spec = kind_of(body, chain)
    kind = spec.code if spec else None
    base = Organ(Who(kind),
                 own_level="township" if spec and spec.level == "township" else None,
                 below=bool(_SUB_UNIT.search(body)))
    if chain:
        res = resolve(chain)
        place = res.place
        if not res.candidates:
            return replace(base, who=base.located("conflict", None))
        if place is not None:
            return replace(base, who=base.at(place, "zone" if is_zone(place) else "named"))
        return replace(base, who=base.located("ambiguous", res.shared("level"),
                                            res.shared("province"), res.shared("city")),
                       needle=chain[-1][0] + body, chain=tuple(chain))
    like = place_like(body)
    if like is not None:
        return replace(base, who=base.located("unknown", like[1]))
    needle = None
    if kind in _NAMED_KINDS:
        needle = _ZONE_BODY.sub("", body) if kind == "zone_admin" else body
    return replace(base, who=base.located("unnamed", None),
                   needle=needle if needle and len(needle) >= 3 else None)


def settle(organ: Organ, texts: Iterable[str]) -> Organ:
    """``organ`` with its place taken from the report's own words, where its name leaves
    the place ambiguous or unnamed and the text prints it unambiguously.

    The text must print the organ's name (from its last place on: ``南山区六号街道``;
    or a street's, town's or zone's own name: ``旧街街道``) with places right before it
    (``鹤岗市南山区六号街道``), and every such mention that resolves to one division must
    resolve to the same one.  Mentions of other places elsewhere in the text (a city's
    media, a superior's notice) say nothing of where the organ is and are not read.
    """
    needle = organ.needle
    if needle is None:
        return organ
    found = set()
    for text in texts:
        s = norm(text).replace("人民政府", "政府")
        i = s.find(needle)
        while i >= 0:
            before = places_before(s, i)
            if before:
                place = resolve(before + list(organ.chain)).place
                if place is not None:
                    found.add(place)
            i = s.find(needle, i + 1)
    if len(found) != 1:
        return organ
    return replace(organ, who=organ.at(found.pop(), "text"))


def of_report(organ: str | None, texts: Iterable[str]) -> Who:
    """:func:`describe`, then :func:`settle` from the report's title and opening where the
    name leaves the place open."""
    found = describe(organ)
    return (settle(found, texts) if found.needle is not None else found).who
