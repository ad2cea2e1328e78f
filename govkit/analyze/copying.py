"""What was copied: the share of each report's prose printed before, verbatim.

Two sources are told apart, because they mean different things:

* the same organ's previous report (the greatest earlier year with the same
  ``organ_key``): an organ restating last year's problems and measures unchanged;
* other organs' reports of the same or an earlier year: text taken over from a
  neighbour, a template circulated by a superior, or an organ renamed (平潭's 国有资产管理局
  became the 投资促进局, which kept its predecessor's section 五 word for word).

Shares are weighed by characters (without punctuation) of the passages of
:mod:`govkit.read.passages`, over section 五 (scope ``"section5"``) and over all the prose
(``"text"``).  A passage counts as copied when the source prints it anywhere in its prose.

The work is near-linear in the corpus: shared passages are found by joining on the
digest, never by comparing reports pairwise.  A passage printed by more than
:data:`MAX_SUPPLIERS` reports (template wording a whole region prints) still counts as
copied from others, but names no supplier: it has no single source.

>>> import govkit
>>> corpus = govkit.load("data/pingtan")
>>> govkit.copies(corpus).filter(pl.col("scope") == "section5")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ..read.organs import distinct

if TYPE_CHECKING:
    from ..corpus import Corpus

SCOPES = {"section5": pl.col("section") == "五", "text": pl.lit(True)}
#: A passage printed by more reports than this names no supplier (see the module doc).
MAX_SUPPLIERS = 50

SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "report_id": pl.Utf8, "organ_key": pl.Utf8, "year": pl.Int16, "scope": pl.Utf8,
    "chars": pl.Int64, "previous_report_id": pl.Utf8, "from_previous": pl.Float64,
    "from_others": pl.Float64, "others_report_id": pl.Utf8, "repeated_problems": pl.Int32}


def copies(corpus: Corpus, *, repeated: bool = True) -> pl.DataFrame:
    """One row per report and scope: how much of it was printed before, and where.

    Args:
        corpus: a loaded :class:`govkit.Corpus` (its ``passages`` frame is read).
        repeated: count each report's problems that were promised fixed and are reported
            again (:func:`govkit.repeated_problems`, which loads jieba: about a second).

    Returns:
        ``report_id``, ``organ_key``, ``year``, ``scope`` ("section5" | "text"), ``chars``
        (characters of the scope's passages), ``previous_report_id``, ``from_previous``
        (share 0–1 of ``chars`` printed in the previous report; null without one),
        ``from_others`` (share printed by other organs' reports of the same or an earlier
        year; null without a year), ``others_report_id`` (the other report supplying most
        of it), ``repeated_problems`` (rows of :func:`govkit.repeated_problems` with a
        promise, for this report; null without a previous report).  Shares are null where
        ``chars`` is 0.  A report rendered twice (``duplicate_of``) is listed once.

    Example:
        >>> govkit.copies(corpus).filter(pl.col("from_others") == 1)   # doctest: +SKIP
    """
    meta = _reports(corpus)
    prev = previous_reports(meta)
    p = corpus.passages.join(meta.select("report_id", "organ_key", "year"),
                             on="report_id", how="inner")
    held = p.select("report_id", "digest").unique()
    # from the previous report: does the previous report hold the digest?
    from_prev = (p.join(prev, on="report_id", how="inner")
                 .join(held.rename({"report_id": "previous_report_id"}).with_columns(
                     pl.lit(True).alias("in_prev")),
                     on=["previous_report_id", "digest"], how="left")
                 .select("report_id", "seq", pl.col("in_prev").fill_null(False)))
    p = (p.join(from_prev, on=["report_id", "seq"], how="left")
         .join(_others(p), on=["report_id", "seq"], how="left"))
    rows = []
    for scope, keep in SCOPES.items():
        part = p.filter(keep)
        by = part.group_by("report_id").agg(
            pl.col("chars").sum().alias("chars"),
            pl.col("chars").filter(pl.col("in_prev")).sum().alias("prev_chars"),
            pl.col("chars").filter(pl.col("in_others")).sum().alias("others_chars"))
        supplier = _largest_supplier(part, held, meta)
        rows.append(meta.join(prev, on="report_id", how="left")
                    .join(by, on="report_id", how="left")
                    .join(supplier, on="report_id", how="left")
                    .with_columns(pl.lit(scope).alias("scope")))
    out = pl.concat(rows)
    chars = pl.col("chars").fill_null(0)
    out = out.with_columns(
        chars.alias("chars"),
        pl.when((chars > 0) & pl.col("previous_report_id").is_not_null())
        .then(pl.col("prev_chars").fill_null(0) / chars).alias("from_previous"),
        pl.when((chars > 0) & pl.col("year").is_not_null())
        .then(pl.col("others_chars").fill_null(0) / chars).alias("from_others"))
    if repeated:
        out = out.join(_repeated_counts(corpus), on="report_id", how="left").with_columns(
            pl.when(pl.col("previous_report_id").is_not_null())
            .then(pl.col("repeated_problems").fill_null(0)))
    else:
        out = out.with_columns(pl.lit(None, pl.Int32).alias("repeated_problems"))
    order = pl.col("scope").replace_strict({s: i for i, s in enumerate(SCOPES)})
    return (out.sort("source", "report_id", order, nulls_last=True)
            .select([pl.col(c).cast(t) for c, t in SCHEMA.items()]))


def previous_reports(meta: pl.DataFrame) -> pl.DataFrame:
    """report_id → previous_report_id: the same organ's report of the greatest earlier
    year (of several that year, the first in ``source`` order)."""
    known = meta.filter(pl.col("organ_key").is_not_null() & pl.col("year").is_not_null())
    earlier = known.select("report_id", "organ_key", "year").join(
        known.select("organ_key", pl.col("report_id").alias("previous_report_id"),
                     pl.col("year").alias("prev_year"), pl.col("source").alias("prev_source")),
        on="organ_key", how="inner").filter(pl.col("prev_year") < pl.col("year"))
    return (earlier.sort("report_id", "prev_year", "prev_source", descending=[False, True, False],
                         nulls_last=True)
            .group_by("report_id", maintain_order=True).first()
            .select("report_id", "previous_report_id"))


def _reports(corpus: Corpus) -> pl.DataFrame:
    """The reports measured: one per rendering kept, with organ_key, year and source."""
    return (distinct(corpus.reports)
            .select("report_id", "organ_key", pl.col("year").cast(pl.Int16), "source")
            .unique("report_id", keep="first", maintain_order=True))


def _others(p: pl.DataFrame) -> pl.DataFrame:
    """(report_id, seq, in_others) for every passage: does another organ's report of
    the same or an earlier year print it?

    Per digest only the two organs that printed it first matter: if the first is not
    the report's own organ, it decides; if it is, the second does.  So this is one
    group_by, whatever the number of reports printing a passage."""
    first = (p.group_by("digest", "organ_key").agg(pl.col("year").min())
             .sort("digest", "year", "organ_key", nulls_last=True)
             .group_by("digest", maintain_order=True)
             .agg(pl.col("organ_key").head(2).alias("organs"),
                  pl.col("year").head(2).alias("years")))
    return (p.select("report_id", "seq", "digest", "organ_key", "year")
            .join(first, on="digest", how="left")
            .with_columns(
                o1=pl.col("organs").list.get(0, null_on_oob=True),
                y1=pl.col("years").list.get(0, null_on_oob=True),
                o2=pl.col("organs").list.get(1, null_on_oob=True),
                y2=pl.col("years").list.get(1, null_on_oob=True))
            .with_columns(in_others=pl.when(pl.col("o1").ne_missing(pl.col("organ_key")))
                          .then(pl.col("y1") <= pl.col("year"))
                          .otherwise(pl.col("o2").is_not_null() & (pl.col("y2") <= pl.col("year")))
                          .fill_null(False))
            .select("report_id", "seq", "in_others"))


def _largest_supplier(part: pl.DataFrame, posting: pl.DataFrame,
                      meta: pl.DataFrame) -> pl.DataFrame:
    """report_id → others_report_id: the other organ's report (same or earlier year)
    printing most of the characters of ``part`` anywhere in its prose (``posting``:
    report_id, digest); ties go to the earlier year, then ``source`` order."""
    common = posting.group_by("digest").len().filter(pl.col("len") > MAX_SUPPLIERS)
    src = (posting.join(common, on="digest", how="anti")
           .join(meta, on="report_id", how="inner")
           .rename({"report_id": "src", "organ_key": "src_organ", "year": "src_year",
                    "source": "src_source"}))
    pairs = (part.filter(pl.col("year").is_not_null())
             .select("report_id", "seq", "chars", "digest", "organ_key", "year")
             .join(src, on="digest", how="inner")
             .filter(pl.col("src_organ").ne_missing(pl.col("organ_key"))
                     & (pl.col("src_year") <= pl.col("year")))
             .unique(["report_id", "seq", "src"]))
    return (pairs.group_by("report_id", "src", "src_year", "src_source")
            .agg(pl.col("chars").sum())
            .sort(["report_id", "chars", "src_year", "src_source"],
                  descending=[False, True, False, False], nulls_last=True)
            .group_by("report_id", maintain_order=True).first()
            .select("report_id", pl.col("src").alias("others_report_id")))


def _repeated_counts(corpus: Corpus) -> pl.DataFrame:
    """report_id → repeated_problems (problems promised fixed and reported again),
    the count of a rendering dropped as duplicate going to the one kept."""
    from .phrases import repeated_problems

    rep = repeated_problems(corpus).filter(pl.col("promised"))
    keep = corpus.reports.select(
        "report_id", pl.coalesce("duplicate_of", "report_id").alias("kept"))
    return (rep.join(keep, on="report_id", how="left")
            .group_by(pl.coalesce("kept", "report_id").alias("report_id"))
            .agg(pl.len().cast(pl.Int32).alias("repeated_problems")))


def shared_passages(data: bytes, source: bytes, name: str = "", source_name: str = ""
                    ) -> pl.DataFrame:
    """The passages of one report (``data``) that another (``source``) prints too, as
    printed: what a share of :func:`copies` is made of, for reading.

    The frames keep only digests of the prose (parsing stays cheap), so the text is read
    again from the two files.  Columns: ``section`` (numeral, "0" for the preamble),
    ``seq`` (the passage's place in the report, as in ``corpus.passages``), ``chars``,
    ``text``.

    Example:
        >>> shared_passages(Path("013_pt-touzicjj_2025.txt").read_bytes(),
        ...                 Path("004_pt-guozij_2023.txt").read_bytes())   # doctest: +SKIP
    """
    from ..read.passages import prose
    from ..read.readers import READERS, sniff
    from ..read.sections import split

    def pieces(blob: bytes, hint: str) -> list[tuple[str, str, str]]:
        return list(prose(split(READERS[sniff(blob, hint)](blob).lines)))

    theirs = {k for _, _, k in pieces(source, source_name)}
    rows = [(section, seq, len(k), text)
            for seq, (section, text, k) in enumerate(pieces(data, name), 1) if k in theirs]
    return pl.DataFrame(rows, schema={"section": pl.Utf8, "seq": pl.Int32, "chars": pl.Int64,
                                      "text": pl.Utf8}, orient="row")
