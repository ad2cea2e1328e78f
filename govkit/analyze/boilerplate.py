"""Template text in section 五: the same long sentence in the reports of many organs.

Reports copy sentences from a superior's template or from each other ("2021年，我街政府信息
公开工作做到应公开尽公开，取得了较大进展，但仍存在一些不足之处").  Counted as phrases, such a
sentence would make every word in it look like a problem all those organs share.  A sentence
is boilerplate when, after removing what legitimately differs between copies (digits,
punctuation, the organ's own name, 我街/我局/本机关), it is the same as — or nearly the same as
(character 4-gram Jaccard ≥ ``similarity``) — a sentence in the reports of at least
``min_organs`` different organs.  The same organ repeating itself year after year is not
boilerplate: that is the signal :func:`govkit.repeated_problems` looks for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import polars as pl

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]*")
_NON_CJK = re.compile(r"[^\u3400-\u9fff]+")
_SELF = re.compile(r"我(?:街道|街|局|区|市|县|镇|乡|委|办|厅|院|部|中心)|本(?:机关|单位|部门)")
SHINGLE = 4
#: Shingles shared by more sentences than this are too common to pair sentences on.
MAX_POSTING = 200

SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "sentence": pl.Utf8, "n_organs": pl.Int32, "n_reports": pl.Int32,
    "reports_total": pl.Int32, "share": pl.Float64, "report_ids": pl.List(pl.Utf8)}


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a statement, ending at 。；！？ or a line break."""
    for m in _SENTENCE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


def normalize(sentence: str, organ: str | None = None) -> str:
    """What two copies of a template sentence still share: CJK text, without names."""
    if organ:
        sentence = sentence.replace(organ, "")
    return _NON_CJK.sub("", _SELF.sub("我", sentence))


def find(statements: pl.DataFrame, *, min_organs: int = 3, similarity: float = 0.8,
         min_chars: int = 12) -> pl.DataFrame:
    """The boilerplate sentences of ``statements`` (report_id, seq, text, organ).

    Returns one row per boilerplate sentence occurrence: ``report_id``, ``seq``, ``start``,
    ``end`` (offsets in the statement text) and ``cluster`` (the same number for copies).
    """
    occ: list[tuple[str, int, int, int, str, str]] = []  # rid, seq, start, end, key, owner
    for rid, seq, text, organ in statements.select(
            "report_id", "seq", "text", "organ").iter_rows():
        for start, end in sentences(text):
            key = normalize(text[start:end], organ)
            if len(key) >= min_chars:
                occ.append((rid, seq, start, end, key, organ or rid))
    keys = sorted({o[4] for o in occ})
    cluster = _clusters(keys, similarity)
    owners: dict[int, set[str]] = defaultdict(set)
    for o in occ:
        owners[cluster[o[4]]].add(o[5])
    rows = [(rid, seq, start, end, cluster[key]) for rid, seq, start, end, key, _ in occ
            if len(owners[cluster[key]]) >= min_organs]
    return pl.DataFrame(rows, schema={"report_id": pl.Utf8, "seq": pl.Int32, "start": pl.Int64,
                                      "end": pl.Int64, "cluster": pl.Int64}, orient="row")


def _clusters(keys: list[str], similarity: float) -> dict[str, int]:
    """Cluster number of each key: near-identical keys (transitively) share one."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [frozenset(k[i:i + SHINGLE] for i in range(max(1, len(k) - SHINGLE + 1)))
             for k in keys]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for s in g:
            postings[s].append(i)
    for i, g in enumerate(grams):
        seen: set[int] = set()
        for s in g:
            post = postings[s]
            if len(post) > MAX_POSTING:
                continue
            for j in post:
                if j > i and j not in seen:
                    seen.add(j)
                    if len(g & grams[j]) / len(g | grams[j]) >= similarity:
                        a, b = root(i), root(j)
                        parent[max(a, b)] = min(a, b)
    return {k: root(i) for i, k in enumerate(keys)}


def summarize(statements: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """One row per boilerplate cluster: a representative sentence and who uses it."""
    if found.is_empty():
        return pl.DataFrame(schema=SCHEMA)
    total = statements["report_id"].n_unique()
    text = statements.select("report_id", "seq", "text", "organ", "source")
    rows = (found.join(text, on=["report_id", "seq"], how="left")
            .with_columns(pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
                          .str.strip_chars().alias("sentence"),
                          pl.coalesce("organ", "report_id").alias("owner"))
            .sort("source", "report_id", "seq", "start", nulls_last=True))
    out = (rows.group_by("cluster", maintain_order=True)
           .agg(pl.col("sentence").first(),
                pl.col("owner").n_unique().cast(pl.Int32).alias("n_organs"),
                pl.col("report_id").n_unique().cast(pl.Int32).alias("n_reports"),
                pl.col("report_id").unique().sort().alias("report_ids"))
           .with_columns(pl.lit(total, pl.Int32).alias("reports_total"),
                         (pl.col("n_reports") / total).alias("share"))
           .sort(["n_reports", "sentence"], descending=[True, False]))
    return out.select(list(SCHEMA))
