"""One organ across its reports: the key that links its years, and duplicate renderings.

Reports name their organ in many hands: ``平潭综合实验区国有资产管理局`` in one year,
``平潭综合实验区国有资产管理局 2020年度政府信息公开工作年度报告`` (the title, not cut) in
another, ``关林街道`` here and ``关林街道办事处`` there.  :func:`organ_key` maps such
spellings of one name to one key by rules that only remove what never tells two organs
apart, so two different organs never share a key:

1. Unicode NFKC, then every space, punctuation mark and bracket is dropped
   (``平潭综合实验区 国有资产管理局`` = ``平潭综合实验区国有资产管理局``);
2. ``关于`` around the name and everything from the reported year on (``2020年度…``, ``…年度报告``)
   are cut: that is the title running on, not the name;
3. ``人民政府`` is written ``政府`` (the same word, shortened in half the reports);
4. a trailing ``办事处`` of a street office goes (``关林街道办事处`` = ``关林街道``), and a
   township's trailing ``政府`` (``XX镇人民政府`` = ``XX镇``): a street or a township has
   one office, so the office and the place name the same organ.

Nothing else is normalised: ``XX市政府`` and ``XX市政府办公室`` are different organs, and
so are ``福建省平潭…`` and ``平潭…`` as far as a rule can tell.

Duplicate renderings (the same report as PDF and as text) are found by
:func:`duplicates`: same key, same year, and every figure both print equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import polars as pl

_DROP = re.compile(r"[\s\W_]+")
_YEAR_ON = re.compile(r"(?:19|20)\d{2}年.*$")
_REPORT_ON = re.compile(r"(?:政府信息公开|信息公开工作|年度报告|工作报告).*$")
_TOWNSHIP_GOV = re.compile(r"([乡镇])政府$")

#: Shared figures two renderings must print alike before one is called the other's copy.
MIN_SHARED_FIGURES = 10


@lru_cache(maxsize=1 << 16)
def organ_key(name: str | None) -> str | None:
    """The key linking one organ's reports across years; None for no name.

    >>> organ_key("平潭综合实验区国有资产管理局 2020年度政府信息公开工作年度报告")
    '平潭综合实验区国有资产管理局'
    >>> organ_key("关林街道办事处") == organ_key("关林街道")
    True
    >>> organ_key("沭阳县高墟镇人民政府") == organ_key("沭阳县高墟镇")
    True
    >>> organ_key("淮安市人民政府") == organ_key("淮安市人民政府办公室")
    False
    """
    if not name:
        return None
    s = _DROP.sub("", unicodedata.normalize("NFKC", name))
    s = _REPORT_ON.sub("", _YEAR_ON.sub("", s)).removeprefix("关于").removesuffix("关于")
    s = s.replace("人民政府", "政府")
    if s.endswith("街道办事处"):
        s = s[:-3]
    elif s.endswith("街道办"):
        s = s[:-1]
    s = _TOWNSHIP_GOV.sub(r"\1", s)
    return s or None


def distinct(reports: pl.DataFrame, *, dated: bool = False) -> pl.DataFrame:
    """``reports`` with each report once: second renderings (``duplicate_of`` set) left
    out, and with ``dated`` those whose organ or year is unknown too (they belong to no
    series).  Every measure counts reports through this."""
    keep = pl.col("duplicate_of").is_null()
    if dated:
        keep &= pl.col("organ_key").is_not_null() & pl.col("year").is_not_null()
    return reports.filter(keep)


#: Reports whose figures :func:`duplicates` compares at a time: its memory is bounded by
#: a batch, not by the corpus (10^5 reports print some 2 × 10^7 figures).
DUPLICATE_BATCH = 1500


def duplicates(reports: pl.DataFrame,
               figures: Callable[[pl.Series], pl.DataFrame]) -> pl.Series:
    """``duplicate_of`` for each report: the report it renders again, else null.

    ``reports`` needs report_id, organ_key, year; ``figures(ids)`` gives the printed
    figures of the reports ``ids`` in long form (report_id, table, key1, key2, value; nulls
    dropped).  Two reports of one organ and year are one report when they share at least
    :data:`MIN_SHARED_FIGURES` printed figures and none differs.  The rendering kept is the
    one with more figures (ties: the first listed); the others point at it.  Two reports of
    one organ and year that differ are both kept (a corrected re-publication, or two
    organs the names cannot tell apart).  A file byte for byte the same as an earlier one
    has its ``report_id``: it points at it.
    """
    out: list[str | None] = [None] * reports.height
    seen: set[str] = set()
    for i, rid in enumerate(reports["report_id"]):
        if rid in seen:
            out[i] = rid
        seen.add(rid)
    dup: dict[str, str] = {}
    keyed = (reports.with_row_index("order").unique("report_id", keep="first",
                                                     maintain_order=True)
             .filter(pl.col("organ_key").is_not_null() & pl.col("year").is_not_null()))
    groups = (keyed.group_by("organ_key", "year", maintain_order=True).agg("report_id", "order")
              .filter(pl.col("report_id").list.len() > 1).select("report_id", "order").rows())
    batch: list[tuple[list[str], list[int]]] = []
    for i, group in enumerate(groups):
        batch.append(group)
        if i + 1 == len(groups) or sum(len(ids) for ids, _ in batch) >= DUPLICATE_BATCH:
            dup.update(_same_reports(batch, figures))
            batch = []
    for i, rid in enumerate(reports["report_id"]):
        if out[i] is None and rid in dup:
            out[i] = dup[rid]
    return pl.Series("duplicate_of", out, pl.Utf8)


def _same_reports(groups: list[tuple[list[str], list[int]]],
                  figures: Callable[[pl.Series], pl.DataFrame]) -> dict[str, str]:
    """The duplicates among each group's reports (see :func:`duplicates`), the figures
    compared in a join: for each two reports of a group, how many figures both print and
    how many of those differ."""
    member = pl.DataFrame([(rid, g) for g, (ids, _) in enumerate(groups) for rid in ids],
                          schema={"report_id": pl.Utf8, "group": pl.Int32}, orient="row")
    cells = figures(member["report_id"]).join(member, on="report_id")
    n_figures = dict(cells.group_by("report_id").len().iter_rows())
    pairs = (cells.join(cells, on=["group", "table", "key1", "key2"], suffix="_b")
             .filter(pl.col("report_id") != pl.col("report_id_b"))
             .group_by("report_id", "report_id_b")
             .agg(pl.len().alias("shared"), (pl.col("value") != pl.col("value_b")).sum()
                  .alias("differ"))
             .filter((pl.col("shared") >= MIN_SHARED_FIGURES) & (pl.col("differ") == 0)))
    same = set(pairs.select("report_id", "report_id_b").iter_rows())
    dup: dict[str, str] = {}
    for ids, order in groups:
        ranked = sorted(zip(ids, order, strict=True),
                        key=lambda t: (-n_figures.get(t[0], 0), t[1]))
        kept: list[str] = []
        for rid, _ in ranked:
            match = next((other for other in kept if (rid, other) in same), None)
            if match is not None:
                dup[rid] = match
            elif n_figures.get(rid):
                kept.append(rid)
    return dup
