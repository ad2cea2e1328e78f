"""govkit: China's government information disclosure annual reports as checked frames.

>>> import govkit
>>> corpus = govkit.load("data/")
>>> corpus.summary()

Charts live in :mod:`govkit.charts`.  The text analyses (``recurring_phrases`` …) load
on first use: jieba takes over a second to import, which every parse worker and every
CLI command would otherwise pay.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Eager, unlike the text analyses: the function shares its module's name, and a lazy
# attribute would be shadowed by the submodule once anyone imports ``govkit.copies``.
# It costs nothing: copies.py needs only polars, which corpus.py imports anyway.
from .copies import copies
from .corpus import Corpus, load, load_bytes
from .errors import GovkitError, NoReportsError, ParseError
from .pipeline import parse

if TYPE_CHECKING:
    from .keywords import report_keywords
    from .phrases import recurring_phrases, repeated_problems, template_sentences

_LAZY = {"report_keywords": ".keywords", "recurring_phrases": ".phrases",
         "repeated_problems": ".phrases", "template_sentences": ".phrases"}

__all__ = ["Corpus", "GovkitError", "NoReportsError", "ParseError", "copies", "load",
           "load_bytes", "parse",
           "recurring_phrases", "repeated_problems", "report_keywords", "template_sentences"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govkit' has no attribute {name!r}")
