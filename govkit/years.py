"""What a corpus knows that no single report does: which reports are one organ's years.

Parsing stays a pure function of one file's bytes; this step runs once over the loaded
corpus and adds what needs several reports:

* ``reports.duplicate_of`` (the report a file renders again, counted once in every
  measure; ``organ_key``, see :func:`govkit.organs.organ_key`, is each report's own);
* the continuity findings of :mod:`govkit.continuity` on the later report of each pair of
  consecutive years, and the glued cells that continuity alone pins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from .organs import duplicates

if TYPE_CHECKING:
    from .corpus import Corpus


def figures(corpus: Corpus) -> pl.DataFrame:
    """Every non-null figure of the three tables, long form: report_id, table, key1, key2,
    value (Float64)."""
    parts = []
    for table, k1, k2, v in (("applications", "row", "applicant", "count"),
                             ("reviews", "proceeding", "result", "count"),
                             ("disclosures", "item", "measure", "value")):
        frame = getattr(corpus, table)
        parts.append(frame.filter(pl.col(v).is_not_null()).select(
            "report_id", pl.lit(table).alias("table"), pl.col(k1).alias("key1"),
            pl.col(k2).alias("key2"), pl.col(v).cast(pl.Float64).alias("value")))
    return pl.concat(parts)


def link(corpus: Corpus) -> Corpus:
    """The corpus with ``duplicate_of`` on ``reports`` and the continuity findings added
    (see the module docstring)."""
    from dataclasses import replace

    from . import continuity

    reports = corpus.reports.with_columns(
        duplicate_of=duplicates(corpus.reports, figures(corpus)))
    linked = replace(corpus, reports=reports)
    return continuity.apply(linked)
