"""Recurring phrases in section 五: which problems organs keep reporting.

The path, written once in :func:`occurrences`:
statements → boilerplate sentences set aside (:mod:`govkit.analyze.boilerplate`) → tokens
(:mod:`govkit.analyze.segment`) → runs of content words (a stopword or punctuation ends a run; the
joiners 的/之/和/与/及 do not) → n-grams of ``ngram`` tokens, at least one of them not a
bound word (信息公开, 建设 …: :func:`govkit.analyze.segment.bound_words`) → counted per report.
A phrase that stands inside a longer phrase used by exactly the same reports is folded
into the longer one.

Rankings are deterministic: more reports first, then more mentions, then longer phrases,
then the phrase in code-point order.  Examples are taken from the first report in
``source`` order.

>>> import govkit
>>> corpus = govkit.load("data")
>>> govkit.recurring_phrases(corpus, top=5)            # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import polars as pl

from ..corpus import Corpus
from ..read.organs import distinct
from . import boilerplate
from .segment import Segmenter, bound_words, is_filler, segmenter

KINDS = ("problem", "improvement")
#: Words a phrase may span without counting them (政策解读的数量 → 政策解读 数量).
JOINERS = frozenset({"的", "之", "和", "与", "及"})
#: A word starting with a negation keeps its meaning whole: 不全面 must not yield 全面.
NEGATIONS = ("不", "未", "无", "非", "没", "缺")
KWIC = 14  # characters of context each side of an example
_CJK = re.compile(r"[\u3400-\u9fff]")

OCCURRENCES: dict[str, pl.DataType | type[pl.DataType]] = {
    "phrase": pl.Utf8, "n_tokens": pl.Int32, "report_id": pl.Utf8, "seq": pl.Int32,
    "start": pl.Int64, "end": pl.Int64}
PHRASES: dict[str, pl.DataType | type[pl.DataType]] = {
    "phrase": pl.Utf8, "n_tokens": pl.Int32, "n_reports": pl.Int32, "reports_total": pl.Int32,
    "share": pl.Float64, "n_mentions": pl.Int32, "example": pl.Utf8, "example_source": pl.Utf8,
    "report_ids": pl.List(pl.Utf8)}
REPEATED: dict[str, pl.DataType | type[pl.DataType]] = {
    "organ": pl.Utf8, "phrase": pl.Utf8, "n_tokens": pl.Int32, "previous_year": pl.Int16,
    "year": pl.Int16, "previous_example": pl.Utf8, "example": pl.Utf8, "promise": pl.Utf8,
    "promised": pl.Boolean, "previous_report_id": pl.Utf8, "report_id": pl.Utf8}


def statements(corpus: Corpus, kind: str | None = "problem") -> pl.DataFrame:
    """Section 五 statements of ``kind`` (None: both) with source, organ and year, in order.

    A report loaded twice — two renderings of one organ's report for one year, such as a
    PDF and its text layer — counts once: of those with statements of ``kind``, the
    first in ``source`` order is kept.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    st = corpus.problems if kind is None else corpus.problems.filter(pl.col("kind") == kind)
    meta = (corpus.reports.unique("report_id", keep="first", maintain_order=True)
            .filter(pl.col("report_id").is_in(st["report_id"].unique().to_list()))
            .sort("source", "report_id", nulls_last=True)
            .filter(pl.col("organ").is_null() | pl.col("year").is_null()
                    | (pl.int_range(pl.len()).over("organ", "year") == 0)))
    return (st.join(meta, on="report_id", how="inner")
            .sort("source", "report_id", "seq", nulls_last=True))


def occurrences(st: pl.DataFrame, ngram: tuple[int, int] = (2, 4), *,
                drop_boilerplate: bool = True, tokenizer: str | None = None) -> pl.DataFrame:
    """Every phrase occurrence in the statements ``st`` (from :func:`statements`).

    With ``ngram`` starting at 1, single words count too, and so does the modifier a
    compound starts with (队伍建设 also counts as 队伍, 专业性 as 专业), so 队伍力量不足
    and 队伍建设需加强 meet.  Heads (建设, 人员) are generic and are not split off.
    """
    lo, hi = ngram
    if not 1 <= lo <= hi:
        raise ValueError(f"ngram must be (min, max) with 1 ≤ min ≤ max, not {ngram!r}")
    seg = segmenter(tokenizer)
    skip: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    if drop_boilerplate:
        for rid, seq, start, end in boilerplate.find(st).select(
                "report_id", "seq", "start", "end").iter_rows():
            skip[(rid, seq)].append((start, end))
    rows: list[tuple[str, int, str, int, int, int]] = []
    for rid, seq, text in st.select("report_id", "seq", "text").iter_rows():
        for run in runs(text, seg, skip.get((rid, seq), ())):
            for n in range(max(lo, 2), hi + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i:i + n]
                    words = [w for w, _, _ in gram]
                    if not all(w in bound_words() for w in words):
                        rows.append((" ".join(words), n, rid, seq, gram[0][1], gram[-1][2]))
            if lo == 1:
                rows.extend((w, 1, rid, seq, s, e) for w, s, e in _words(run, seg))
    return pl.DataFrame(rows, schema=OCCURRENCES, orient="row")


def runs(text: str, seg: Segmenter,
         skip: Iterable[tuple[int, int]] = ()) -> list[list[tuple[str, int, int]]]:
    """Runs of content words of ``text``: what phrases are cut from."""
    spans = list(skip)
    out: list[list[tuple[str, int, int]]] = [[]]
    for word, start, end in seg.tokenize(text):
        if word in JOINERS:
            continue
        if (not _CJK.search(word) or is_filler(word)
                or any(s <= start < e for s, e in spans)):
            if out[-1]:
                out.append([])
            continue
        out[-1].append((word, start, end))
    return [r for r in out if r]


def _words(run: list[tuple[str, int, int]], seg: Segmenter) -> Iterable[tuple[str, int, int]]:
    bound = bound_words()
    for word, start, end in run:
        if len(word) >= 2 and word not in bound:
            yield word, start, end
        for sub in _modifiers(word, seg):
            if sub not in bound and not is_filler(sub):
                yield sub, start, start + len(sub)


def _modifiers(word: str, seg: Segmenter) -> list[str]:
    """The longest dictionary word a compound starts with (队伍建设 → 队伍), if any."""
    if len(word) < 3 or word.startswith(NEGATIONS):
        return []
    mods = {s for s in seg.cut_for_search(word) if s != word and len(s) >= 2
            and word.startswith(s)}
    return sorted(mods, key=lambda s: (len(s), s))[-1:]


def maximal(sets: dict[str, frozenset[str]]) -> set[str]:
    """Phrases not standing inside a longer phrase used by exactly the same reports."""
    by_set: dict[frozenset[str], list[str]] = defaultdict(list)
    for phrase, reports in sets.items():
        by_set[reports].append(phrase)
    keep: set[str] = set()
    for group in by_set.values():
        flat = {p: p.replace(" ", "") for p in group}
        keep.update(p for p in group if not any(
            q != p and len(flat[q]) > len(flat[p]) and flat[p] in flat[q] for q in group))
    return keep


def kwic(text: str, start: int, end: int, width: int = KWIC) -> str:
    """Keyword in context: ``…左文【phrase】右文…`` on one line."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    out = (("…" if start > width else "") + left + "【" + text[start:end] + "】" + right
           + ("…" if end + width < len(text) else ""))
    return re.sub(r"\s+", " ", out)


def recurring_phrases(corpus: Corpus, kind: str | None = "problem", by: str | None = None,
                      top: int | None = 20, *, ngram: tuple[int, int] = (2, 4),
                      min_reports: int = 2, drop_boilerplate: bool = True) -> pl.DataFrame:
    """Phrases of 2–4 words that several reports use in section 五, most shared first.

    Args:
        corpus: a loaded :class:`govkit.Corpus`.
        kind: "problem", "improvement" or None for both.
        by: a column of ``corpus.reports`` (e.g. "year", "template"): count within each group.
        top: phrases to keep (per group with ``by``); None keeps all.
        ngram: (min, max) words in a phrase; (1, 1) gives single recurring words.
        min_reports: a phrase recurs when at least this many reports of the whole selection
            use it (with ``by`` too, so a year with one report still shows which of the
            recurring phrases it uses).
        drop_boilerplate: set aside template sentences shared by many organs.

    Returns:
        One row per phrase (and group): ``phrase`` (words separated by spaces), ``n_tokens``,
        ``n_reports`` using it, ``reports_total`` (reports with statements of ``kind``),
        ``share`` = n_reports / reports_total, ``n_mentions``, ``example`` (keyword in
        context, the phrase in 【】), ``example_source`` and ``report_ids``.

    Example:
        >>> govkit.recurring_phrases(corpus, by="year", top=10)
    """
    st = statements(corpus, kind)
    if by is not None and by not in st.columns:
        raise ValueError(f"by must be a column of corpus.reports, not {by!r}")
    schema = PHRASES if by is None else {by: st.schema[by], **PHRASES}
    occ = occurrences(st, ngram, drop_boilerplate=drop_boilerplate)
    sets = {p: frozenset(r) for p, r in occ.group_by("phrase").agg(
        pl.col("report_id").unique()).iter_rows() if len(r) >= min_reports}
    occ = occ.filter(pl.col("phrase").is_in(list(maximal(sets))))
    if occ.is_empty():
        return pl.DataFrame(schema=schema)
    keys = [by] if by else []
    meta = st.select("report_id", "seq", "text", "source", *keys)
    occ = occ.join(meta, on=["report_id", "seq"], how="left").sort(
        "source", "report_id", "seq", "start", nulls_last=True)
    out = (occ.group_by([*keys, "phrase"], maintain_order=True)
           .agg(pl.col("n_tokens").first(),
                pl.col("report_id").n_unique().cast(pl.Int32).alias("n_reports"),
                pl.len().cast(pl.Int32).alias("n_mentions"),
                pl.struct("text", "start", "end").first().alias("_ex"),
                pl.col("source").first().alias("example_source"),
                pl.col("report_id").unique().sort().alias("report_ids")))
    if keys:
        base = st.group_by(keys).agg(
            pl.col("report_id").n_unique().cast(pl.Int32).alias("reports_total"))
        out = out.join(base, on=keys, how="left", nulls_equal=True)
    else:
        out = out.with_columns(pl.lit(st["report_id"].n_unique(), pl.Int32).alias("reports_total"))
    out = (out.with_columns(
               (pl.col("n_reports") / pl.col("reports_total")).alias("share"),
               pl.col("_ex").map_elements(lambda x: kwic(x["text"], x["start"], x["end"]),
                                          return_dtype=pl.Utf8).alias("example"))
           .sort([*keys, "n_reports", "n_mentions", "n_tokens", "phrase"],
                 descending=[*([False] * len(keys)), True, True, True, False], nulls_last=True))
    if top is not None:
        out = out.group_by(keys, maintain_order=True).head(top) if keys else out.head(top)
    return out.select(list(schema))


def template_sentences(corpus: Corpus, kind: str | None = "problem", *,
                       min_organs: int = 3) -> pl.DataFrame:
    """Boilerplate of section 五: sentences (nearly) the same in ``min_organs`` organs' reports.

    These are what :func:`recurring_phrases` sets aside.  Columns: ``sentence`` (as the
    first report prints it), ``n_organs``, ``n_reports``, ``reports_total``, ``share``,
    ``report_ids``.

    Example:
        >>> govkit.template_sentences(corpus)
    """
    st = statements(corpus, kind)
    return boilerplate.summarize(st, boilerplate.find(st, min_organs=min_organs))


def repeated_problems(corpus: Corpus, *, ngram: tuple[int, int] = (1, 4)) -> pl.DataFrame:
    """Problems an organ reports again in a later year, and what it promised in between.

    For every report and every phrase (single words included by default) of its problem
    statements that the same organ's latest earlier report also named as a problem: one
    row, with both statements in context and ``promise``: the earlier report's improvement
    statement sharing most words with the phrase, in context (null, and ``promised``
    False, if none does).
    Organs are matched by ``organ_key`` (one organ whatever the spelling); reports without
    organ or year, and second renderings of a report (``duplicate_of``), are left out.
    An organ with one report (the sample data) gives no rows: the frame is empty.

    Example:
        >>> govkit.repeated_problems(corpus).filter(pl.col("promised"))
    """
    keys = distinct(corpus.reports, dated=True).select("report_id", "organ_key")
    st = statements(corpus, "problem").join(keys, on="report_id")
    name = dict(st.select("report_id", "organ").iter_rows())
    occ = occurrences(st, ngram).join(
        st.select("report_id", "seq", "text", "organ_key", "year", "source"),
        on=["report_id", "seq"], how="left").sort("source", "report_id", "seq", "start")
    first: dict[tuple[str, str], tuple[int, str, int, int]] = {}  # (rid, phrase) → example
    mentioned: dict[tuple[str, str], set[tuple[int, str]]] = defaultdict(set)
    for phrase, n, rid, _seq, start, end, text, organ, year, _ in occ.iter_rows():
        first.setdefault((rid, phrase), (n, text, start, end))
        mentioned[(organ, phrase)].add((year, rid))
    pairs: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (organ, prev, rid)
    years: dict[str, int] = {}
    for (organ, phrase), seen in mentioned.items():
        for year, rid in seen:
            years[rid] = year
            earlier = [(y, r) for y, r in seen if y < year]
            if earlier:
                pairs[(organ, max(earlier)[1], rid)].add(phrase)
    promises = _promises(corpus, {prev for _, prev, _ in pairs})
    rows = []
    for (_key, prev, rid), phrases in pairs.items():
        for phrase in maximal(dict.fromkeys(phrases, frozenset((prev, rid)))):
            n, text, start, end = first[(rid, phrase)]
            _, ptext, pstart, pend = first[(prev, phrase)]
            promise = _best_promise(phrase, promises.get(prev, []))
            rows.append((name[rid], phrase, n, years[prev], years[rid], kwic(ptext, pstart, pend),
                         kwic(text, start, end), promise, promise is not None, prev, rid))
    return (pl.DataFrame(rows, schema=REPEATED, orient="row")
            .sort(["organ", "year", "n_tokens", "phrase"], descending=[False, False, True, False]))


def _promises(corpus: Corpus, report_ids: set[str]) -> dict[str, list[tuple[set[str], str]]]:
    """Each report's improvement statements, as (their words, their text), in order.

    All words count here, stopwords too: a promise of 全面地公开 answers 不全面.
    """
    seg = segmenter()
    st = statements(corpus, "improvement").filter(pl.col("report_id").is_in(list(report_ids)))
    out: dict[str, list[tuple[set[str], str]]] = defaultdict(list)
    for rid, text in st.select("report_id", "text").iter_rows():
        words = set(seg.cut(text))
        words |= {m for w in words for m in _modifiers(w, seg)}
        out[rid].append((words, text))
    return out


def _best_promise(phrase: str, promises: list[tuple[set[str], str]]) -> str | None:
    """The promise sharing most of the phrase's words (不全面 is answered by 全面 too),
    in context around the first word it shares."""
    wanted = [{w, w[1:]} if w.startswith(NEGATIONS) and len(w) >= 3 else {w}
              for w in phrase.split() if w not in bound_words()]
    best, score = None, 0
    for words, text in promises:
        hits = [next(f for f in sorted(forms, key=len, reverse=True) if f in words)
                for forms in wanted if forms & words]
        if len(hits) > score:
            at = min(text.find(h) for h in hits)
            word = next(h for h in hits if text.find(h) == at)
            best, score = kwic(text, at, at + len(word)), len(hits)
    return best
