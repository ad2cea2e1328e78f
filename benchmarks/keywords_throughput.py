"""Keyword extraction throughput: jieba's Python tokenizer against rjieba (jieba-rs), MB/s.

Not a test: run with `make bench`.  The section 五 statements of the sample corpus (and of
../shared/corpus when it is there) are repeated to a large text (default ~8 MB of UTF-8).
In one run the script measures

* tokenizing: ``jieba`` (Python, govkit's user dictionary) and ``rjieba`` — and whether
  the two give identical tokens on the whole text;
* keyword extraction: ``jieba.analyse.extract_tags`` out of the box (global tokenizer,
  jieba's general IDF), and govkit's :class:`~govkit.analyze.keywords.CorpusTFIDF` (corpus IDF,
  user dictionary, stopwords) with each tokenizer plugged in.

    python benchmarks/keywords_throughput.py [--mb 8]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govkit
from govkit.analyze.keywords import CorpusTFIDF, documents, fit_idf
from govkit.analyze.segment import segmenter

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def raw_texts() -> str:
    """Whole reports as text (every section, tables included): varied words for the
    identity check, beyond the statements the throughput text repeats."""
    folders = [ROOT / "data"] + ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else [])
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for folder in folders for p in sorted(folder.iterdir())
                     if p.suffix in (".txt", ".md", ".html"))


def sample_text() -> tuple[str, list[str]]:
    """All statements of the sample corpora, and the per-report documents for the IDF."""
    folders = [ROOT / "data"] + ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else [])
    docs: list[str] = []
    for folder in folders:
        docs.extend(documents(govkit.load(folder))["text"])
    return "\n".join(docs), docs


def _cjk(tokens: list[str]) -> list[str]:
    return [t for t in tokens if any("\u3400" <= ch <= "\u9fff" for ch in t)]


def rate(label: str, size_mb: float, fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"  {label:<64} {size_mb / dt:8.2f} MB/s  ({dt:6.2f} s)")
    return size_mb / dt, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=8.0, help="size of the large text, MB")
    args = ap.parse_args()

    unit, docs = sample_text()
    copies = max(1, round(args.mb * 1e6 / len(unit.encode())))
    text = "\n".join([unit] * copies)
    mb = len(text.encode()) / 1e6
    print(f"text: {len(docs)} reports' section 五 ({len(unit):,} characters) × {copies} "
          f"= {mb:.2f} MB UTF-8")

    t0 = time.perf_counter()
    py, rs = segmenter("jieba"), segmenter("rjieba")
    print(f"set-up (both tokenizers, user dictionary, cached prefix dict): "
          f"{time.perf_counter() - t0:.2f} s")

    print("tokenizing (cut, HMM on):")
    r_py, tok_py = rate("jieba (Python) + govkit user dictionary", mb, lambda: py.cut(text))
    r_rs, tok_rs = rate("rjieba (jieba-rs) + govkit user dictionary", mb, lambda: rs.cut(text))
    raw = raw_texts().splitlines()
    differ = [line for line in raw if py.cut(line) != rs.cut(line)]
    cjk_differ = [line for line in differ if _cjk(py.cut(line)) != _cjk(rs.cut(line))]
    same = tok_py == tok_rs and not cjk_differ
    print(f"  identical tokens on the large text: {tok_py == tok_rs} ({len(tok_rs):,} tokens); "
          f"rjieba is {r_rs / r_py:.1f}× faster")
    print(f"  whole sample reports ({len(raw):,} lines, tables and headers included): "
          f"{len(differ)} lines cut differently, {len(cjk_differ)} of them in Chinese words")
    if differ:
        a, b = py.cut(differ[0]), rs.cut(differ[0])
        i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
        print(f"    e.g. jieba {a[i:i + 3]} / rjieba {b[i:i + 1]}: ASCII runs with . - @ "
              f"(dates, phone numbers, URLs) are kept whole by jieba-rs")

    print("keyword extraction (TF-IDF, top 20 of the whole text):")
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    rate("jieba.analyse.extract_tags (default: global jieba, general IDF)", mb,
         lambda: jieba.analyse.extract_tags(text, topK=20))
    idf = fit_idf(docs)
    k_py = rate("CorpusTFIDF, tokenizer=jieba (corpus IDF)", mb,
                lambda: CorpusTFIDF(idf, "jieba").extract_tags(text, topK=20))[1]
    k_rs = rate("CorpusTFIDF, tokenizer=rjieba (corpus IDF)", mb,
                lambda: CorpusTFIDF(idf, "rjieba").extract_tags(text, topK=20))[1]
    print(f"  identical keywords: {k_py == k_rs}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
