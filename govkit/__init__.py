"""govkit: China's government information disclosure annual reports as checked frames.

>>> import govkit
>>> corpus = govkit.load("data/")
>>> corpus.summary()

The package's folders are the path a report takes, and imports run one way:
:mod:`govkit.read` (one file's bytes to a parsed report: decode, readers, sections,
tables, checks) → :mod:`govkit.corpus` (the frames; with :mod:`govkit.store`,
:mod:`govkit.years` and :mod:`govkit.continuity`, what several reports know together) →
:mod:`govkit.analyze` (measures, series, phrases, copies) → :mod:`govkit.publish`
(charts, briefs, exports) → :mod:`govkit.cli`.  :mod:`govkit.schema` (the template, its
codes and labels) is read by all of them.

``govkit.charts``, ``govkit.measures``, ``govkit.brief`` … name those modules by their
short names and, like the text analyses (``recurring_phrases`` …), load on first use:
jieba takes over a second to import, which every parse worker and every CLI command would
otherwise pay.  So do ``series`` and ``changes`` (an organ year by year), ``copies`` (what
was copied), ``rollup`` and ``metrics`` (figures of groups of reports).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .corpus import Corpus, load, load_bytes
from .errors import GovkitError, NoReportsError, ParseError
from .read.pipeline import parse
from .store import Scan, scan

if TYPE_CHECKING:
    from .analyze.copying import copies
    from .analyze.keywords import report_keywords
    from .analyze.phrases import recurring_phrases, repeated_problems, template_sentences
    from .analyze.rollups import metrics, rollup
    from .analyze.yearly import changes, series

#: What loads on first use, by the module it is in: a function of that module, or (where
#: the name is the module's own, ``from govkit import charts, measures``) the module.
_LAZY = {"report_keywords": ".analyze.keywords", "recurring_phrases": ".analyze.phrases",
         "repeated_problems": ".analyze.phrases", "template_sentences": ".analyze.phrases",
         "series": ".analyze.yearly", "changes": ".analyze.yearly",
         "copies": ".analyze.copying", "rollup": ".analyze.rollups",
         "metrics": ".analyze.rollups",
         "charts": ".publish.charts", "brief": ".publish.brief",
         "measures": ".analyze.measures", "yearly": ".analyze.yearly",
         "phrases": ".analyze.phrases", "rollups": ".analyze.rollups",
         "copying": ".analyze.copying", "keywords": ".analyze.keywords",
         "organs": ".read.organs", "regions": ".read.regions"}

__all__ = ["Corpus", "GovkitError", "NoReportsError", "ParseError", "Scan", "changes", "copies",
           "load", "load_bytes", "metrics", "parse", "recurring_phrases", "repeated_problems",
           "report_keywords", "rollup", "scan", "series", "template_sentences"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        path = _LAZY[name]
        module = import_module(path, __name__)
        value = module if path.rpartition(".")[2] == name else getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govkit' has no attribute {name!r}")
