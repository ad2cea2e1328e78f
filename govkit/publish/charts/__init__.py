"""Charts of a corpus: Altair on Polars frames, Chinese labels, static SVG by default.

Every function takes a :class:`~govkit.corpus.Corpus` and returns an Altair chart; the
figures behind it come from :mod:`govkit.analyze.measures`.

>>> from govkit import charts
>>> charts.use()                       # govkit theme, offline SVG
>>> charts.outcomes(govkit.load("data/"))
"""

from .applications import applicants, disclosure_rate, new_applications, outcomes
from .phrases import recurring_phrases
from .quality import findings_by_check, findings_by_report
from .reviews import correction_rate, review_results
from .rollups import rollup_lines
from .series import series_lines
from .theme import use

__all__ = ["applicants", "correction_rate", "disclosure_rate", "findings_by_check",
           "findings_by_report", "new_applications", "outcomes", "recurring_phrases",
           "review_results", "rollup_lines", "series_lines", "use"]
