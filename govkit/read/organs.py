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


#: The figures two renderings of one report must agree on wherever both print them: the
#: screen that leaves out, before any figure-by-figure comparison, the pairs of an organ
#: and year that are two different reports (at 10^5 generated reports, nearly all pairs).
SCREEN: tuple[tuple[str, str, str], ...] = (
    ("applications", "new_received", "total"), ("applications", "carried_over", "total"),
    ("applications", "granted", "total"), ("applications", "total_processed", "total"),
    ("applications", "carried_forward", "total"), ("reviews", "reconsideration", "total"),
    ("reviews", "litigation_direct", "total"),
    ("reviews", "litigation_after_reconsideration", "total"))
#: Candidate pairs whose figures :func:`duplicates` compares at a time (memory bounded).
DUPLICATE_BATCH = 2000

Figures = Callable[..., pl.DataFrame]


def duplicates(reports: pl.DataFrame, figures: Figures) -> pl.Series:
    """``duplicate_of`` for each report: the report it renders again, else null.

    ``reports`` needs report_id, organ_key, year; ``figures(ids, only=None)`` gives the
    printed figures of the reports ``ids`` (of the cells ``only``, (table, key1, key2), if
    given) in long form: report_id, table, key1, key2, value, nulls dropped.  Two reports of
    one organ and year are one report when they share at least :data:`MIN_SHARED_FIGURES`
    printed figures and none differs.  The rendering kept is the one with more figures
    (ties: the first listed); the others point at it.  Two reports of one organ and year
    that differ are both kept (a corrected re-publication, or two organs the names cannot
    tell apart).  A file byte for byte the same as an earlier one has its ``report_id``:
    it points at it.
    """
    out: list[str | None] = [None] * reports.height
    seen: set[str] = set()
    for i, rid in enumerate(reports["report_id"]):
        if rid in seen:
            out[i] = rid
        seen.add(rid)
    keyed = (reports.with_row_index("order").unique("report_id", keep="first",
                                                     maintain_order=True)
             .filter(pl.col("organ_key").is_not_null() & pl.col("year").is_not_null())
             .with_columns(pl.len().over("organ_key", "year").alias("n"))
             .filter(pl.col("n") > 1)
             .select("report_id", "order", pl.struct("organ_key", "year").rank("dense")
                     .alias("group")))
    dup: dict[str, str] = {}
    if keyed.height:
        pairs = _candidates(keyed, figures)
        same: set[tuple[str, str]] = set()
        n_figures: dict[str, int] = {}
        for i in range(0, pairs.height, DUPLICATE_BATCH):
            found, counts = _agreeing(pairs.slice(i, DUPLICATE_BATCH), figures)
            same |= found
            n_figures.update(counts)
        for ids, order in (keyed.group_by("group", maintain_order=True)
                           .agg("report_id", "order").select("report_id", "order").rows()):
            ranked = sorted(zip(ids, order, strict=True),
                            key=lambda t: (-n_figures.get(t[0], 0), t[1]))
            kept: list[str] = []
            for rid, _ in ranked:
                match = next((other for other in kept if (rid, other) in same
                              or (other, rid) in same), None)
                if match is not None:
                    dup[rid] = match
                elif n_figures.get(rid):
                    kept.append(rid)
    for i, rid in enumerate(reports["report_id"]):
        if out[i] is None and rid in dup:
            out[i] = dup[rid]
    return pl.Series("duplicate_of", out, pl.Utf8)


def _candidates(keyed: pl.DataFrame, figures: Figures) -> pl.DataFrame:
    """The pairs (a, b) of one organ and year, a listed first, whose :data:`SCREEN`
    figures agree wherever both print them.  Reports are joined by their row number, the
    screen one row per report: at 10^5 reports there are some 10^6 pairs."""
    ids = keyed.select("report_id", "order")
    # a file present twice has its figures listed twice until years._once: "first"
    screen = (figures(keyed["report_id"], SCREEN)
              .join(ids, on="report_id")
              .select("order", pl.concat_str("table", "key1", separator="/").alias("cell"),
                      "value")
              .pivot("cell", index="order", values="value", aggregate_function="first"))
    cols = [c for c in screen.columns if c != "order"]
    pairs = (keyed.select("order", "group")
             .join(keyed.select("order", "group"), on="group", suffix="_b")
             .filter(pl.col("order") < pl.col("order_b")).select("order", "order_b"))
    both = (pairs.join(screen, on="order", how="left")
            .join(screen.rename({c: f"{c}|b" for c in screen.columns}),
                  left_on="order_b", right_on="order|b", how="left"))
    clash = pl.any_horizontal(pl.col(c) != pl.col(f"{c}|b") for c in cols) if cols \
        else pl.lit(False)
    kept = both.filter(~clash.fill_null(False)).select("order", "order_b")
    return (kept.join(ids, on="order")
            .join(ids.rename({"report_id": "report_id_b", "order": "order_b"}), on="order_b")
            .select("report_id", "report_id_b"))


def _agreeing(pairs: pl.DataFrame, figures: Figures
              ) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """Of candidate ``pairs``, those sharing at least :data:`MIN_SHARED_FIGURES` figures
    with none differing; and how many figures each report of them prints."""
    ids = pl.concat([pairs["report_id"], pairs["report_id_b"]]).unique()
    cells = figures(ids)
    counts = dict(cells.group_by("report_id").len().iter_rows())
    other = cells.rename({"report_id": "report_id_b", "value": "value_b"})
    agree = (pairs.join(cells, on="report_id")
             .join(other, on=["report_id_b", "table", "key1", "key2"])
             .group_by("report_id", "report_id_b")
             .agg(pl.len().alias("shared"), (pl.col("value") != pl.col("value_b")).sum()
                  .alias("differ"))
             .filter((pl.col("shared") >= MIN_SHARED_FIGURES) & (pl.col("differ") == 0)))
    return set(agree.select("report_id", "report_id_b").iter_rows()), counts
