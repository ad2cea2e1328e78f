"""What a corpus knows that no single report does: which reports are one organ's years.

Parsing stays a pure function of one file's bytes; this step runs once over the loaded
corpus and adds what needs several reports:

* ``reports.duplicate_of`` (the report a file renders again, counted once in every
  measure; ``organ_key``, see :func:`govkit.read.organs.organ_key`, is each report's own);
* the continuity findings of :mod:`govkit.continuity` on the later report of each pair of
  consecutive years, and the glued cells that continuity alone pins.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import polars as pl

from .coverage import cells
from .read.organs import duplicates

if TYPE_CHECKING:
    from .corpus import Corpus


def figures(corpus: Corpus, ids: pl.Series | None = None,
            only: Sequence[tuple[str, str, str]] | None = None) -> pl.DataFrame:
    """Every non-null figure of the three tables (of the reports ``ids`` and the cells
    ``only`` only, if given), long form: report_id, table, key1, key2, value (Float64)."""
    return cells(corpus, ids, only).filter(pl.col("value").is_not_null()).drop("basis")


def link(corpus: Corpus) -> Corpus:
    """The corpus with ``duplicate_of`` on ``reports`` and the continuity findings added
    (see the module docstring)."""
    from dataclasses import replace

    from . import continuity

    # only reports sharing an organ and a year can render one another: their figures are
    # the only ones compared (a national corpus has few such groups)
    r = corpus.reports
    reports = r.with_columns(duplicate_of=duplicates(r, partial(figures, corpus)))
    linked = replace(corpus, reports=reports, **_once(corpus))
    return continuity.apply(linked)


def _once(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """The frames with each byte-identical file's rows kept once.

    Two files with the same bytes share a ``report_id``; both keep their ``reports`` row
    (one row per file; the second has ``duplicate_of``), but their figures, statements and
    findings would otherwise be listed twice under that id and counted twice by any join.
    """
    times = corpus.reports.group_by("report_id").len().filter(pl.col("len") > 1)
    if not times.height:
        return {}
    k = dict(times.iter_rows())
    out = {}
    for name in ("applications", "reviews", "disclosures", "problems", "readings", "findings",
                 "passages"):
        frame = getattr(corpus, name)
        if not frame.height:
            continue
        rep = pl.col("report_id").replace_strict(k, default=1, return_dtype=pl.Int64)
        out[name] = frame.filter(pl.int_range(pl.len()).over("report_id")
                                 < pl.len().over("report_id") // rep)
    return out
