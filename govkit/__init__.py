"""govkit: China's government information disclosure annual reports as checked frames.

>>> import govkit
>>> corpus = govkit.load("data/")
>>> corpus.summary()

Charts live in :mod:`govkit.charts`.  The text analyses (``recurring_phrases`` …) load
on first use: jieba takes over a second to import, which every parse worker and every
CLI command would otherwise pay.  ``series`` and ``changes`` (an organ year by year, from
:mod:`govkit.yearly`) and ``copies`` (what was copied, :mod:`govkit.copying`) load on
first use too, and so do ``rollup`` and ``metrics`` (figures of groups of reports,
:mod:`govkit.rollups`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .corpus import Corpus, load, load_bytes
from .errors import GovkitError, NoReportsError, ParseError
from .pipeline import parse
from .store import Scan, scan

if TYPE_CHECKING:
    from .copying import copies
    from .keywords import report_keywords
    from .phrases import recurring_phrases, repeated_problems, template_sentences
    from .rollups import metrics, rollup
    from .yearly import changes, series

_LAZY = {"report_keywords": ".keywords", "recurring_phrases": ".phrases",
         "repeated_problems": ".phrases", "template_sentences": ".phrases",
         "series": ".yearly", "changes": ".yearly", "copies": ".copying",
         "rollup": ".rollups", "metrics": ".rollups"}

__all__ = ["Corpus", "GovkitError", "NoReportsError", "ParseError", "Scan", "changes", "copies",
           "load", "load_bytes", "metrics", "parse", "recurring_phrases", "repeated_problems",
           "report_keywords", "rollup", "scan", "series", "template_sentences"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govkit' has no attribute {name!r}")
