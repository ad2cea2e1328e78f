"""`govkit.load`: a file or a folder of reports in, a :class:`Corpus` of Polars frames out.

Files are parsed independently (in worker processes when there are many) and optionally
cached on disk by content hash, so re-loading a national corpus only parses what changed.
The frames follow the contract of ../shared/SCHEMA.md exactly; columns beyond it
(``basis``, ``evidence``, ``title``, ``format`` …) are additions, never renames.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import coverage as _coverage
from .errors import NoReportsError
from .model import Finding, ParsedReport
from .organs import organ_key
from .pipeline import parse, report_id
from .years import link

#: Bump when parsing changes, so disk caches written by older code are not reused.
PARSER_VERSION = "4"
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml",
                             ".pdf", ".docx"})
PARALLEL_THRESHOLD = 256

SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "reports": {
        "report_id": pl.Utf8, "source": pl.Utf8, "organ": pl.Utf8, "year": pl.Int16,
        "template": pl.Utf8, "status": pl.Utf8, "n_findings": pl.Int32, "title": pl.Utf8,
        "format": pl.Utf8, "encoding": pl.Utf8, "n_problems": pl.Int32,
        "n_improvements": pl.Int32, "identities_possible": pl.Int32,
        "identities_checked": pl.Int32, "identities_broken": pl.Int32,
        # organ_key: govkit.organs; duplicate_of is filled once the corpus is assembled
        # (govkit.years.link): it needs the other reports
        "organ_key": pl.Utf8, "duplicate_of": pl.Utf8,
    },
    "applications": {
        "report_id": pl.Utf8, "row": pl.Utf8, "applicant": pl.Utf8, "count": pl.Int64,
        "basis": pl.Utf8, "evidence": pl.Utf8,
    },
    "reviews": {
        "report_id": pl.Utf8, "proceeding": pl.Utf8, "result": pl.Utf8, "count": pl.Int64,
        "basis": pl.Utf8, "evidence": pl.Utf8,
    },
    "disclosures": {
        "report_id": pl.Utf8, "item": pl.Utf8, "measure": pl.Utf8, "value": pl.Float64,
        "basis": pl.Utf8, "evidence": pl.Utf8,
    },
    "problems": {"report_id": pl.Utf8, "kind": pl.Utf8, "scope": pl.Utf8, "seq": pl.Int32,
                 "text": pl.Utf8},
    "readings": {
        "report_id": pl.Utf8, "table": pl.Utf8, "scope": pl.Utf8, "reading": pl.Int32,
        "key1": pl.Utf8, "key2": pl.Utf8, "value": pl.Float64,
    },
    "findings": {
        "report_id": pl.Utf8, "check": pl.Utf8, "scope": pl.Utf8, "expected": pl.Utf8,
        "actual": pl.Utf8, "message": pl.Utf8,
    },
    # the prose as fingerprints, one row a sentence (govkit.passages; read by govkit.copies)
    "passages": {"report_id": pl.Utf8, "section": pl.Utf8, "seq": pl.Int32,
                 "chars": pl.Int32, "digest": pl.Int64},
}


@dataclass(frozen=True, slots=True)
class Corpus:
    """The frames of a loaded corpus.  Every frame carries ``report_id``."""

    reports: pl.DataFrame
    applications: pl.DataFrame
    reviews: pl.DataFrame
    disclosures: pl.DataFrame
    problems: pl.DataFrame
    findings: pl.DataFrame
    #: The ways each row printed without cell boundaries can still be read (one row per
    #: reading and cell); its published cells are null.  See :mod:`govkit.glue`.  This and
    #: ``passages`` are empty where a caller assembles a Corpus from the six contract
    #: frames only.
    readings: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["readings"]))
    #: Fingerprints of the prose (see :mod:`govkit.passages`).
    passages: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["passages"]))

    def __repr__(self) -> str:
        n = self.reports.height
        counts = dict(self.reports.group_by("status").len().iter_rows())
        status = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("ok", "partial", "failed"))
        return f"<govkit.Corpus: {n} reports ({status}); {self.findings.height} findings>"

    def with_meta(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with each report's organ, year, template and source joined on."""
        meta = self.reports.select("report_id", "organ", "year", "template", "source")
        return frame.join(meta, on="report_id", how="left")

    def summary_text(self) -> str:
        """What a researcher wants to see first, as text (see :meth:`summary`)."""
        r = self.reports
        lines = [repr(self), ""]
        if r.height:
            by = (r.group_by("year", "template").len()
                  .sort("year", "template", nulls_last=True))
            lines.append("reports by year and template:")
            for year, template, n in by.iter_rows():
                lines.append(f"  {year if year is not None else '(year unknown)':>14}  "
                             f"{template or '(template unknown)':<18} {n}")
            lines.append("")
            lines.append("status: " + ", ".join(
                f"{s} {n}" for s, n in r.group_by("status").len().sort("status").iter_rows()))
        if self.findings.height:
            lines.append("findings by check:")
            by_check = (self.findings.group_by("check")
                        .agg(pl.len().alias("n"), pl.col("report_id").n_unique().alias("reports"))
                        .sort(["n", "check"], descending=[True, False]))
            for check, n, reps in by_check.iter_rows():
                lines.append(f"  {check:<24} {n:>6}  in {reps} report(s)")
        else:
            lines.append("findings: none")
        return "\n".join(lines)

    def summary(self) -> None:
        """Print reports per year and template, status counts and findings by check."""
        print(self.summary_text())

    def coverage(self, by: str | list[str] | None = "report") -> pl.DataFrame:
        """How far to trust figures nobody has hand-checked: cells read, tables lost,
        identities evaluated and held, section 五 found, nulls explained — per report,
        per group of reports (``by="organ"``) or for the corpus (``by=None``).
        See :func:`govkit.coverage.coverage`.

        Example:
            >>> corpus.coverage().sort("cells_read_share").head(3)
        """
        return _coverage.coverage(self, by)

    def continuity(self) -> pl.DataFrame:
        """Each organ's consecutive years checked against each other: one row per pair
        and check, with how many equations held, broke or had a null term.  See
        :func:`govkit.continuity.pairs`.

        Example:
            >>> corpus.continuity().group_by("check", "status").len()
        """
        from . import continuity

        return continuity.pairs(self)

    def coverage_text(self) -> str:
        """The coverage block ``govkit summary`` prints (see :meth:`coverage`)."""
        return _coverage.coverage_text(self)


def discover(path: str | os.PathLike[str]) -> tuple[Path, list[Path]]:
    """The root a corpus is relative to, and its report files in a stable order."""
    p = Path(path)
    if p.is_file():
        return p.parent, [p]
    if not p.is_dir():
        raise NoReportsError(f"{p}: no such file or folder")
    files = sorted(
        f for f in p.rglob("*")
        if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
        and not any(part.startswith(".") for part in f.relative_to(p).parts))
    return p, files


def load(path: str | os.PathLike[str], *, workers: int | None = None,
         cache_dir: str | os.PathLike[str] | None = None, progress: bool | None = None,
         strict: bool = False) -> Corpus:
    """Load a report file, or every report in a folder (recursively), into a Corpus.

    Args:
        path: a report file (.txt, .md, .html, .pdf, .docx …) or a folder of them.
        workers: worker processes; default: all cores when there are many files, else 1.
        cache_dir: folder for parsed results keyed by content hash (off by default).
        progress: show a progress bar; default: when there are many files.
        strict: raise :class:`govkit.errors.ParseError` instead of recording a failed row.

    Example:
        >>> corpus = govkit.load("data/")
        >>> corpus.applications.filter(row="new_received", applicant="total")

    A file that cannot be parsed becomes a ``reports`` row with status "failed" and a
    ``parse.error`` finding; loading never raises for one bad file (unless ``strict``).
    """
    root, files = discover(path)
    sources = [f.relative_to(root).as_posix() for f in files]
    cache = None if cache_dir is None else str(cache_dir)
    if cache is not None:
        Path(cache).mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_THRESHOLD else 1
    show = progress if progress is not None else len(files) >= PARALLEL_THRESHOLD
    # Workers parse a chunk of files and send back its frames: Arrow IPC crosses the
    # process boundary far faster than pickled report objects would.
    # Chunks stay small even in one process: frames built per chunk free the parsed
    # objects at once, and a heap of live report objects makes every GC pass slower.
    size = max(1, min(CHUNK, len(files) // (workers * 4) or 1)) if workers > 1 else CHUNK
    chunks = [(list(zip(sources[i:i + size], map(str, files[i:i + size]), strict=True)),
               cache, strict) for i in range(0, len(files), size)]
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(files), desc="parsing reports", unit="report", file=sys.stderr)
    parts: list[Corpus] = []
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(chunks) > 1 else None
    try:
        results = pool.map(_parse_chunk, chunks) if pool else map(_parse_chunk, chunks)
        for part, chunk in zip(results, chunks, strict=True):
            parts.append(part)
            if bar is not None:
                bar.update(len(chunk[0]))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    if len(parts) == 1:
        return link(parts[0])
    if not parts:
        return link(build_corpus([], []))
    return link(Corpus(**{name: pl.concat([getattr(p, name) for p in parts], how="vertical")
                          for name in SCHEMAS}))


CHUNK = 256


def load_bytes(data: bytes, name: str = "report.txt", *, strict: bool = False) -> Corpus:
    """One report held in memory (downloaded, unzipped, a test fixture) as a Corpus.

    ``name`` is the ``source`` it is listed under and hints the format (".html", ".pdf" …).

    Example:
        >>> govkit.load_bytes(page_bytes, "report.html").applications
    """
    return link(build_corpus([name], [parse(data, name, strict=strict)]))


def _parse_chunk(args: tuple[list[tuple[str, str]], str | None, bool]) -> Corpus:
    files, cache_dir, strict = args
    # Parsing makes many small acyclic objects and no reference cycles; the cyclic GC
    # would only rescan them (measured: about 20% of parse time).  A chunk is bounded,
    # so its memory is too.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return build_corpus([s for s, _ in files],
                            [_parse_one(f, cache_dir, strict) for _, f in files])
    finally:
        if enabled:
            gc.enable()


def _parse_one(file: str, cache_dir: str | None, strict: bool) -> ParsedReport:
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        return ParsedReport(report_id(file.encode()), status="failed", findings=[Finding(
            "parse.error", "file", f"无法读取文件 (cannot read {file}): {exc}")])
    if cache_dir is None:
        return parse(data, file, strict=strict)
    rid = report_id(data)
    cached = Path(cache_dir) / f"{rid}-{PARSER_VERSION}.pickle"
    if cached.exists():
        with cached.open("rb") as fh:
            rep: ParsedReport = pickle.load(fh)
        return rep
    rep = parse(data, file, strict=strict)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(rep, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cached)
    return rep


def build_corpus(sources: Sequence[str], parsed: Sequence[ParsedReport]) -> Corpus:
    """Assemble the frames from parsed reports (column lists first: fast and typed)."""
    cols: dict[str, dict[str, list[object]]] = {
        name: {c: [] for c in schema} for name, schema in SCHEMAS.items()}
    rep_cols = cols["reports"]
    for source, rep in zip(sources, parsed, strict=True):
        rid = rep.report_id
        kinds = [k for k, _, _ in rep.problems]
        for key, value in (("report_id", rid), ("source", source), ("organ", rep.organ),
                           ("year", rep.year), ("template", rep.template),
                           ("status", rep.status), ("n_findings", len(rep.findings)),
                           ("title", rep.title), ("format", rep.fmt),
                           ("encoding", rep.encoding),
                           ("n_problems", kinds.count("problem")),
                           ("n_improvements", kinds.count("improvement")),
                           ("identities_possible", rep.identities_possible),
                           ("identities_checked", rep.identities_checked),
                           ("identities_broken", rep.identities_broken),
                           ("organ_key", organ_key(rep.organ)), ("duplicate_of", None)):
            rep_cols[key].append(value)
        for name, k1, k2, vkey in (("applications", "row", "applicant", "count"),
                                   ("reviews", "proceeding", "result", "count"),
                                   ("disclosures", "item", "measure", "value")):
            c = cols[name]
            integer = vkey == "count"
            for f in getattr(rep, name):
                c["report_id"].append(rid)
                c[k1].append(f.key1)
                c[k2].append(f.key2)
                c[vkey].append(None if f.value is None else (int(f.value) if integer else f.value))
                c["basis"].append(f.basis)
                c["evidence"].append(f.evidence)
        pc = cols["problems"]
        for seq, (kind, scope, text) in enumerate(rep.problems, 1):
            pc["report_id"].append(rid)
            pc["kind"].append(kind)
            pc["scope"].append(scope)
            pc["seq"].append(seq)
            pc["text"].append(text)
        rc = cols["readings"]
        for reading in rep.readings:
            rc["report_id"].append(rid)
            for key, v in zip(("table", "scope", "reading", "key1", "key2", "value"), reading,
                              strict=True):
                rc[key].append(v)
        sc = cols["passages"]
        for seq, (section, chars, digest) in enumerate(rep.passages, 1):
            for key, value in (("report_id", rid), ("section", section), ("seq", seq),
                               ("chars", chars), ("digest", digest)):
                sc[key].append(value)
        fc = cols["findings"]
        for fnd in rep.findings:
            for key, value in (("report_id", rid), ("check", fnd.check), ("scope", fnd.scope),
                               ("expected", fnd.expected), ("actual", fnd.actual),
                               ("message", fnd.message)):
                fc[key].append(value)
    frames = {name: pl.DataFrame(cols[name], schema=schema, strict=False)
              for name, schema in SCHEMAS.items()}
    return Corpus(**frames)
