"""govkit: China's government information disclosure annual reports as checked frames.

>>> import govkit
>>> corpus = govkit.load("data/")
>>> corpus.summary()
"""

from .corpus import Corpus, load
from .errors import GovkitError, NoReportsError, ParseError
from .keywords import report_keywords
from .pipeline import parse
from .phrases import recurring_phrases, repeated_problems, template_sentences

__all__ = ["Corpus", "GovkitError", "NoReportsError", "ParseError", "load", "parse"]
__all__ += ["recurring_phrases", "repeated_problems", "report_keywords", "template_sentences"]
__version__ = "0.1.0"
