"""govkit: China's government information disclosure annual reports as checked frames.

>>> import govkit
>>> corpus = govkit.load("data/")
>>> corpus.summary()
"""

from .corpus import Corpus, load
from .errors import GovkitError, NoReportsError, ParseError
from .parse import parse

__all__ = ["Corpus", "GovkitError", "NoReportsError", "ParseError", "load", "parse"]
__version__ = "0.1.0"
