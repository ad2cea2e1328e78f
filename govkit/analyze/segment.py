"""Chinese word segmentation set up for the genre: jieba with govkit's dictionary.

Two tokenizers cut text the same way with the same dictionary: ``rjieba`` (the Rust
port, jieba-rs) and ``jieba`` (the Python original).  ``rjieba`` is the default: on the
benchmark in ``benchmarks/keywords_throughput.py`` it gives the same tokens many times
faster.  Each is set up once per process, lazily and under a lock, with

* govkit's user dictionary (``govkit/data/userdict.txt``: 政务公开, 依申请公开, 队伍建设 …),
  so the genre's terms are one token, and negated predicates (不到位, 不及时) stay whole;
* jieba's dictionary cache in a writable project folder (``$GOVKIT_CACHE/jieba``, default
  ``.cache/jieba`` under the current directory) instead of the system temp folder.

The word lists (:func:`stopwords`, :func:`bound_words`) are package data too.

>>> from govkit.analyze.segment import segmenter
>>> segmenter().cut("政务公开队伍建设需进一步加强")
['政务公开', '队伍建设', '需', '进一步', '加强']
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

#: The tokenizer used when none is named.
DEFAULT_TOKENIZER = "rjieba"
TOKENIZERS = ("rjieba", "jieba")

Token = tuple[str, int, int]  # (word, start, end) as character offsets


class Segmenter(Protocol):
    """What govkit needs from a tokenizer; ``cut`` is also what jieba.analyse calls."""

    name: str

    def cut(self, text: str) -> list[str]: ...

    def tokenize(self, text: str) -> list[Token]: ...

    def tag(self, text: str) -> list[tuple[str, str]]: ...

    def cut_for_search(self, text: str) -> list[str]: ...


def _data_lines(name: str) -> list[str]:
    text = resources.files("govkit").joinpath("data", name).read_text(encoding="utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


@cache
def user_words() -> tuple[tuple[str, int | None, str | None], ...]:
    """The user dictionary as (word, freq or None, POS tag or None), in file order.

    The file uses jieba's own format (``word [freq] [tag]``), so it also works with
    ``jieba.load_userdict``.  Without a frequency, each library suggests the smallest one
    that keeps the word whole — the same rule in both.
    """
    out = []
    for line in _data_lines("userdict.txt"):
        word, *rest = line.split()
        freq = int(rest.pop(0)) if rest and rest[0].isdigit() else None
        out.append((word, freq, rest[0] if rest else None))
    return tuple(out)


@cache
def stopwords() -> frozenset[str]:
    """Genre filler (进一步, 加强, 工作, 情况 …) and ordinary function words."""
    return frozenset(_data_lines("stopwords.txt"))


@cache
def bound_words() -> frozenset[str]:
    """Words allowed inside a phrase, never alone: the genre's subject (信息公开, 政务公开 …)
    and generic heads (建设, 人员, 单位 …) that name no problem by themselves."""
    return frozenset(_data_lines("bound_words.txt"))


@cache
def is_filler(word: str) -> bool:
    """A stopword, or a dictionary compound made only of stopwords (进一步提高, 切实做好).

    Only pieces of two characters or more count, so 应对 (应 + 对) is not filler.
    """
    stop = stopwords()
    if word in stop:
        return True
    n = len(word)
    ends = [False] * (n + 1)  # ends[i]: word[:i] splits into stopwords of length ≥ 2
    ends[0] = True
    for i in range(n):
        if ends[i]:
            for j in range(i + 2, n + 1):
                if word[i:j] in stop:
                    ends[j] = True
    return ends[n]


def cache_dir() -> Path:
    """Where jieba's dictionary cache goes: ``$GOVKIT_CACHE/jieba`` or ``.cache/jieba``."""
    return Path(os.environ.get("GOVKIT_CACHE") or ".cache") / "jieba"


class RustSegmenter:
    """``rjieba`` (jieba-rs): the dictionary is compiled in, so there is no cache file."""

    name = "rjieba"

    def __init__(self, words: Sequence[tuple[str, int | None, str | None]]) -> None:
        import rjieba

        self._jb = rjieba.Jieba()
        for word, freq, tag in words:
            self._jb.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        return self._jb.cut(text)

    def tokenize(self, text: str) -> list[Token]:
        return self._jb.tokenize(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._jb.tag(text)

    def cut_for_search(self, text: str) -> list[str]:
        return self._jb.cut_for_search(text)


class PySegmenter:
    """The Python ``jieba``, as a private ``Tokenizer`` (jieba's global one is left alone)."""

    name = "jieba"

    def __init__(self, words: Sequence[tuple[str, int | None, str | None]]) -> None:
        import jieba
        import jieba.posseg

        tok = jieba.Tokenizer()
        tok.tmp_dir = _writable(cache_dir())
        log = logging.getLogger("jieba")
        level = log.level
        log.setLevel(logging.WARNING)  # "Building prefix dict …" timings would reach notebooks
        try:
            tok.initialize()
        finally:
            log.setLevel(level)
        for word, freq, tag in words:
            tok.add_word(word, freq, tag)
        self._tok = tok
        self._pos = jieba.posseg.POSTokenizer(tok)

    def cut(self, text: str) -> list[str]:
        return list(self._tok.cut(text))

    def tokenize(self, text: str) -> list[Token]:
        return list(self._tok.tokenize(text))

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._pos.cut(text)]

    def cut_for_search(self, text: str) -> list[str]:
        return list(self._tok.cut_for_search(text))


def _writable(folder: Path) -> str:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fallback = tempfile.gettempdir()
        warnings.warn(f"jieba cache folder {folder} is not writable ({exc}); using {fallback}",
                      stacklevel=3)
        return fallback
    return str(folder)


_CLASSES: dict[str, type[RustSegmenter] | type[PySegmenter]] = {
    "rjieba": RustSegmenter, "jieba": PySegmenter}
_loaded: dict[str, Segmenter] = {}
_lock = threading.Lock()


def segmenter(name: str | None = None) -> Segmenter:
    """The tokenizer ``name`` ("rjieba" or "jieba"), set up once per process.

    Example:
        >>> segmenter("jieba").cut("认识不到位")
        ['认识', '不到位']
    """
    name = name or DEFAULT_TOKENIZER
    seg = _loaded.get(name)
    if seg is not None:
        return seg
    if name not in _CLASSES:
        raise ValueError(f"unknown tokenizer {name!r}; choose one of {', '.join(TOKENIZERS)}")
    with _lock:
        seg = _loaded.get(name)
        if seg is None:
            seg = _loaded[name] = _CLASSES[name](user_words())
    return seg
