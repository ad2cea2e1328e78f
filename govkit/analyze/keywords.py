"""Keywords of each report's section 五: TF-IDF with an IDF fitted on the loaded corpus.

jieba's own IDF table was fitted on general text, where 公开 or 政务 are rare and so look
important; here every report is about them.  :func:`fit_idf` counts document frequencies
in the corpus itself (one document per report), and :class:`CorpusTFIDF` is
``jieba.analyse.TFIDF`` with that IDF and govkit's tokenizer plugged in (``rjieba`` by
default; see :mod:`govkit.analyze.segment`).  With fewer than three reports an IDF says little,
so ``method="auto"`` switches to jieba's TextRank, which ranks words by co-occurrence
within the text alone.

>>> import govkit
>>> govkit.report_keywords(govkit.load("data"), top=5)     # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from statistics import median

import polars as pl
from jieba.analyse.textrank import TextRank
from jieba.analyse.tfidf import TFIDF
from jieba.posseg import pair

from ..corpus import Corpus
from .segment import Segmenter, bound_words, is_filler, segmenter, stopwords

_CJK = re.compile(r"[\u3400-\u9fff]")
METHODS = ("auto", "tfidf", "textrank")
#: Below this many documents ``method="auto"`` uses TextRank: an IDF needs a corpus.
MIN_DOCS_FOR_IDF = 3
SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "report_id": pl.Utf8, "rank": pl.Int32, "keyword": pl.Utf8, "weight": pl.Float64,
    "method": pl.Utf8}


def _keep(word: str) -> bool:
    return (len(word) >= 2 and _CJK.search(word) is not None and not is_filler(word)
            and word not in bound_words())


def fit_idf(documents: Iterable[str], tokenizer: str | None = None) -> dict[str, float]:
    """Smoothed IDF of each word over ``documents``: ln((1 + N) / (1 + df)) + 1.

    The smoothing keeps a word every document uses at weight 1 rather than 0, so in a
    small corpus term frequency still ranks those words.
    """
    seg = segmenter(tokenizer)
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update({w for w in seg.cut(doc) if _keep(w)})
    return {w: math.log((1 + n) / (1 + d)) + 1 for w, d in sorted(df.items())}


class _Tagged:
    """A segmenter as jieba.posseg's tokenizer: ``cut`` yields (word, flag) pairs."""

    def __init__(self, seg: Segmenter) -> None:
        self._seg = seg

    def cut(self, text: str) -> list[pair]:
        return [pair(w, f) for w, f in self._seg.tag(text)]


class CorpusTFIDF(TFIDF):
    """``jieba.analyse.TFIDF`` with a corpus IDF, govkit's tokenizer and stopwords."""

    def __init__(self, idf: Mapping[str, float], tokenizer: str | None = None) -> None:
        # TFIDF.__init__ would read jieba's general-purpose idf.txt; we bring our own.
        seg = segmenter(tokenizer)
        self.tokenizer = seg
        self.postokenizer = _Tagged(seg)
        self.stop_words = set(stopwords()) | set(bound_words())
        self.idf_freq = dict(idf)
        self.median_idf = median(self.idf_freq.values()) if self.idf_freq else 1.0


class CorpusTextRank(TextRank):
    """``jieba.analyse.TextRank`` on govkit's tokenizer (POS tags from it) and stopwords."""

    def __init__(self, tokenizer: str | None = None) -> None:
        super().__init__()
        self.tokenizer = self.postokenizer = _Tagged(segmenter(tokenizer))
        self.stop_words = set(stopwords()) | set(bound_words())


def documents(corpus: Corpus, kind: str | None = None) -> pl.DataFrame:
    """One document per report: its section 五 statements of ``kind`` joined in order."""
    st = corpus.problems if kind is None else corpus.problems.filter(pl.col("kind") == kind)
    order = corpus.reports.select("report_id", "source").unique("report_id", keep="first")
    return (st.join(order, on="report_id", how="left")
            .sort("source", "report_id", "seq", nulls_last=True)
            .group_by("report_id", maintain_order=True)
            .agg(pl.col("text").str.join("\n")))


def report_keywords(corpus: Corpus, kind: str | None = None, top: int = 10, *,
                    method: str = "auto", tokenizer: str | None = None) -> pl.DataFrame:
    """The ``top`` keywords of each report's section 五, weighted.

    Args:
        corpus: a loaded :class:`govkit.Corpus`.
        kind: "problem", "improvement" or None (both).
        top: keywords per report.
        method: "tfidf" (IDF fitted on this corpus), "textrank", or "auto": TF-IDF from
            three reports up, TextRank below.
        tokenizer: "rjieba" (default) or "jieba"; both give the same tokens.

    Returns:
        ``report_id, rank, keyword, weight, method``; ranks are by weight, then keyword
        (code-point order) on ties, so runs are identical.

    Example:
        >>> govkit.report_keywords(corpus, kind="problem", top=5)
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    docs = documents(corpus, kind)
    if method == "auto":
        method = "tfidf" if docs.height >= MIN_DOCS_FOR_IDF else "textrank"
    extractor: TFIDF | TextRank = (
        CorpusTFIDF(fit_idf(docs["text"], tokenizer), tokenizer) if method == "tfidf"
        else CorpusTextRank(tokenizer))
    rows: list[tuple[str, int, str, float, str]] = []
    for rid, text in docs.iter_rows():
        tags = extractor.extract_tags(text, topK=None, withWeight=True)
        tags = sorted(((w, x) for w, x in tags if _keep(w)), key=lambda t: (-t[1], t[0]))
        rows.extend((rid, i, w, x, method) for i, (w, x) in enumerate(tags[:top], 1))
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")
