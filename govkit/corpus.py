"""`govkit.load`: a file or a folder of reports in, a :class:`Corpus` of Polars frames out.

Files are parsed independently (in worker processes when there are many), each within a
budget of size and time, and optionally kept in a store (:mod:`govkit.store`) by content
hash, so re-loading a national corpus only parses what changed.
The frames follow the contract of ../shared/SCHEMA.md exactly; columns beyond it
(``basis``, ``evidence``, ``title``, ``format`` …) are additions, never renames.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from . import coverage as _coverage
from .errors import NoReportsError, ParseError
from .read.model import Finding, ParsedReport
from .read.organs import organ_key
from .read.pipeline import parse, report_id
from .schema import (
    APPLICANTS,
    BASES,
    DISCLOSURE_ITEMS,
    DISCLOSURE_MEASURES,
    LEVELS,
    ORGAN_KIND_CODES,
    PROCEEDINGS,
    REGION_BASES,
    RESULTS,
    ROW_CODES,
    STATEMENT_KINDS,
    STATEMENT_SCOPES,
)
from .years import link

if TYPE_CHECKING:
    from .store import Store

#: Bump when parsing or linking (govkit.years: duplicates, continuity) changes, so stores
#: written by older code — their parts and their linked snapshots — are not reused.
PARSER_VERSION = "7"
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml",
                             ".pdf", ".docx"})
PARALLEL_THRESHOLD = 256
#: How pool workers start (see :func:`_run`): a fork server where there is one, else spawn.
_START = get_context("forkserver" if "forkserver" in get_all_start_methods() else "spawn")
#: Default budgets of one file (see :func:`load`).
MAX_BYTES = 50_000_000
TIMEOUT = 30.0
CHUNK = 256
#: Reports per part of a store: few, large Parquet files read fastest.
PART_REPORTS = 10_000

#: The codes of the contract are closed sets, held as ``pl.Enum`` in template order: one
#: byte a cell instead of a string (at 10^5 reports, gigabytes), a code outside the set is
#: an error when the frame is built, and sorting follows the template's rows.  They compare
#: with strings (``pl.col("row") == "granted"``, ``is_in``); string methods need
#: ``.cat.starts_with(...)`` or ``cast(pl.String)`` first.
ROW = pl.Enum(ROW_CODES)
APPLICANT = pl.Enum(APPLICANTS)
BASIS = pl.Enum(BASES)
PROCEEDING = pl.Enum(PROCEEDINGS)
RESULT = pl.Enum(RESULTS)
ITEM = pl.Enum([i.code for i in DISCLOSURE_ITEMS])
MEASURE = pl.Enum([m.code for m in DISCLOSURE_MEASURES])
STATEMENT_KIND = pl.Enum(STATEMENT_KINDS)
STATEMENT_SCOPE = pl.Enum(STATEMENT_SCOPES)
#: The row a figure was read from, as text.  Not a categorical: nearly every row's text is
#: its own (10^6 distinct at 10^5 reports), so a categorical saved a sixth of the column's
#: memory but cost the global string map that much again, never shrank in a long session,
#: and made reading a store's frames three times slower (0.8 of 1.1 s for applications).
EVIDENCE = pl.Utf8

SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "reports": {
        "report_id": pl.Utf8, "source": pl.Utf8, "organ": pl.Utf8, "year": pl.Int16,
        "template": pl.Utf8, "status": pl.Utf8, "n_findings": pl.Int32, "title": pl.Utf8,
        "format": pl.Utf8, "encoding": pl.Utf8, "n_problems": pl.Int32,
        "n_improvements": pl.Int32, "identities_possible": pl.Int32,
        "identities_checked": pl.Int32, "identities_broken": pl.Int32,
        # organ_key: govkit.read.organs; duplicate_of is filled once the corpus is assembled
        # (govkit.years.link): it needs the other reports
        "organ_key": pl.Utf8, "duplicate_of": pl.Utf8,
        # who and where: govkit.read.organ_kinds, govkit.read.regions
        "kind": pl.Enum(ORGAN_KIND_CODES), "level": pl.Enum(LEVELS), "province": pl.Utf8,
        "city": pl.Utf8, "county": pl.Utf8, "region_basis": pl.Enum(REGION_BASES),
    },
    "applications": {
        "report_id": pl.Utf8, "row": ROW, "applicant": APPLICANT, "count": pl.Int64,
        "basis": BASIS, "evidence": EVIDENCE,
    },
    "reviews": {
        "report_id": pl.Utf8, "proceeding": PROCEEDING, "result": RESULT, "count": pl.Int64,
        "basis": BASIS, "evidence": EVIDENCE,
    },
    "disclosures": {
        "report_id": pl.Utf8, "item": ITEM, "measure": MEASURE, "value": pl.Float64,
        "basis": BASIS, "evidence": EVIDENCE,
    },
    "problems": {"report_id": pl.Utf8, "kind": STATEMENT_KIND, "scope": STATEMENT_SCOPE,
                 "seq": pl.Int32, "text": pl.Utf8},
    "readings": {
        "report_id": pl.Utf8, "table": pl.Utf8, "scope": pl.Utf8, "reading": pl.Int32,
        "key1": pl.Utf8, "key2": pl.Utf8, "value": pl.Float64,
    },
    "findings": {
        "report_id": pl.Utf8, "check": pl.Utf8, "scope": pl.Utf8, "expected": pl.Utf8,
        "actual": pl.Utf8, "message": pl.Utf8,
    },
    # the prose as fingerprints, one row a sentence (govkit.read.passages; read by govkit.copies)
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
    #: reading and cell); its published cells are null.  See :mod:`govkit.read.glue`.  This and
    #: ``passages`` are empty where a caller assembles a Corpus from the six contract
    #: frames only.
    readings: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["readings"]))
    #: Fingerprints of the prose (see :mod:`govkit.read.passages`).
    passages: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=SCHEMAS["passages"]))

    def __repr__(self) -> str:
        return (f"<govkit.Corpus: {self.reports.height} reports ({self.status_counts()}); "
                f"{self.findings.height} findings>")

    def status_counts(self) -> str:
        """The reports by status, as the summaries print them: ``35 ok, 7 partial, 0 failed``."""
        counts = dict(self.reports.group_by("status").len().iter_rows())
        return ", ".join(f"{counts.get(s, 0)} {s}" for s in ("ok", "partial", "failed"))

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
    root, found = _walk(path)
    return root, [Path(f) for _, f, _ in found]


Found = list[tuple[str, str, "os.stat_result | None"]]


def _walk(path: str | os.PathLike[str]) -> tuple[Path, Found]:
    """:func:`discover` as (source, file, stat) strings: the path relative to the root,
    the path as given, and its stat (None where it cannot be taken).  Strings, because
    10^5 Path objects cost a second.

    One ``scandir`` pass, as ``Path.rglob`` walks (symlinked folders are not entered,
    hidden names are skipped), sorted by path components as ``sorted(rglob())`` sorts.
    """
    p = Path(path)
    if p.is_file():
        return p.parent, [(p.name, str(p), _stat(p))]
    if not p.is_dir():
        raise NoReportsError(f"{p}: no such file or folder")
    found: Found = []
    suffixes = tuple(REPORT_SUFFIXES)

    def walk(folder: str, prefix: str) -> None:
        # names sorted within each folder and folders entered where they sort: the order
        # of sorting whole paths by their components, with no key built per file
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")),
                             key=lambda e: e.name)
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.lower().endswith(suffixes) and entry.is_file():
                try:
                    st: os.stat_result | None = entry.stat()
                except OSError:
                    st = None
                found.append((prefix + entry.name, entry.path, st))

    walk(str(p), "")
    return p, found


def _stat(p: Path) -> os.stat_result | None:
    try:
        return p.stat()
    except OSError:
        return None


def load(path: str | os.PathLike[str], *, workers: int | None = None,
         store: str | os.PathLike[str] | None = None, progress: bool | None = None,
         strict: bool = False, max_bytes: int | None = MAX_BYTES,
         timeout: float | None = TIMEOUT, verify: bool = False,
         cache_dir: str | os.PathLike[str] | None = None) -> Corpus:
    """Load a report file, or every report in a folder (recursively), into a Corpus.

    Args:
        path: a report file (.txt, .md, .html, .pdf, .docx …) or a folder of them.
        workers: worker processes; default: all cores when there are many files, else 1.
        store: a folder keeping the parsed frames of every file (see :mod:`govkit.store`):
            a load parses only the files it has not seen, and a folder loaded again as it
            was is read back whole.  Off by default; the CLI uses one.
        progress: show a progress bar; default: when there are many files.
        strict: raise :class:`govkit.errors.ParseError` instead of recording a failed row.
        max_bytes: a larger file is not parsed: a failed row with a ``parse.too_large``
            finding (default 50 MB; None: no limit).
        timeout: seconds one file may take to parse; past it, a failed row with a
            ``parse.timeout`` finding (default 30; None: no limit).  POSIX: an interval
            timer in the process that parses (elsewhere, or off the main thread, no limit).
        verify: with ``store``, hash every file even where size, mtime and ctime say it is
            unchanged.
        cache_dir: the former name of ``store`` (the same thing; kept for old callers).

    Example:
        >>> corpus = govkit.load("data/", store=".cache/store")
        >>> corpus.applications.filter(row="new_received", applicant="total")

    A file that cannot be parsed becomes a ``reports`` row with status "failed" and a
    ``parse.error`` finding; loading never raises for one bad file (unless ``strict``).
    """
    if cache_dir is not None:
        if store is not None and Path(store) != Path(cache_dir):
            raise ValueError("give store= or its old name cache_dir=, not both")
        store = cache_dir
    root, found = _walk(path)
    budget = Budget(max_bytes, timeout)
    if store is None:
        tasks = [(source, f, None) for source, f, _ in found]
        return link(_concat(list(_run(tasks, workers, progress, strict, budget))))
    from contextlib import closing

    from .store import Store

    with closing(Store(store, PARSER_VERSION)) as st:
        return _load_stored(st, root, found, Path(path).is_dir(), workers, progress, strict,
                            budget, verify)




@dataclass(frozen=True, slots=True)
class Budget:
    """What one file may cost: its size in bytes and its parse time in seconds."""

    max_bytes: int | None
    timeout: float | None

    def token(self, check: str) -> str:
        """How a report failed by ``check`` records the budget it failed under."""
        return (f"max_bytes={self.max_bytes}" if check == "parse.too_large"
                else f"timeout={self.timeout}")


Task = tuple[str, str, str | None]  # source, file, report_id when already known


def _run(tasks: Sequence[Task], workers: int | None, progress: bool | None, strict: bool,
         budget: Budget) -> Iterator[Corpus]:
    """Parse the files, a chunk at a time, in worker processes when there are many."""
    if workers is None:
        workers = (os.cpu_count() or 1) if len(tasks) >= PARALLEL_THRESHOLD else 1
    show = progress if progress is not None else len(tasks) >= PARALLEL_THRESHOLD
    # Workers parse a chunk of files and send back its frames: Arrow IPC crosses the
    # process boundary far faster than pickled report objects would.
    # Chunks stay small even in one process: frames built per chunk free the parsed
    # objects at once, and a heap of live report objects makes every GC pass slower.
    size = max(1, min(CHUNK, len(tasks) // (workers * 4) or 1)) if workers > 1 else CHUNK
    chunks = [(list(tasks[i:i + size]), strict, budget) for i in range(0, len(tasks), size)]
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), desc="parsing reports", unit="report", file=sys.stderr)
    # Workers come from a fork server, never forked from this process: polars runs
    # threads and holds locks (its string cache among them) that a fork would copy held,
    # and a worker forked at such a moment hangs for ever.
    pool = (ProcessPoolExecutor(max_workers=workers, mp_context=_START)
            if workers > 1 and len(chunks) > 1 else None)
    try:
        if pool is None:
            results: Iterator[Corpus] = map(_parse_chunk, chunks)
        else:
            with _script_not_rerun():  # map submits every chunk, so starts every worker
                results = pool.map(_parse_chunk, chunks)
        for part, chunk in zip(results, chunks, strict=True):
            yield part
            if bar is not None:
                bar.update(len(chunk[0]))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()


@contextmanager
def _script_not_rerun() -> Iterator[None]:
    """Start workers that do not run the caller's script again.

    A worker that is not forked from its parent imports the parent's ``__main__`` first
    (multiprocessing's "main fixup"), so a researcher's script calling ``govkit.load``
    without an ``if __name__ == "__main__":`` guard would run again in every worker and
    break the pool.  The workers need nothing of ``__main__`` (they run
    :func:`_parse_chunk`), so while they start ``__main__`` is named as a package's
    ``__main__``, which multiprocessing never imports.  Interactive sessions, notebooks
    and ``python -m`` runs have no script to re-run and are left as they are.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None \
            or not getattr(main, "__file__", None):
        yield
        return
    from importlib.machinery import ModuleSpec

    main.__spec__ = ModuleSpec("govkit.__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


def _concat(parts: Sequence[Corpus]) -> Corpus:
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return build_corpus([], [])
    return Corpus(**{name: pl.concat([getattr(p, name) for p in parts], how="vertical")
                     for name in SCHEMAS})


def _load_stored(st: Store, root: Path, found: Found,
                 folder: bool, workers: int | None, progress: bool | None, strict: bool,
                 budget: Budget, verify: bool, retries: int = 2) -> Corpus:
    """:func:`load` through a store: identify, parse what is new, assemble, link."""
    from .store import StoreDamaged, linked_key, now_ns

    recorded = now_ns()
    sources = [s for s, _, _ in found]
    base = str(root.resolve())
    # the absolute path of each file, as the store records it (one concatenation each)
    prefix = base.rstrip(os.sep) + os.sep
    paths = [prefix + (s if os.sep == "/" else s.replace("/", os.sep)) for s in sources]
    stats = [s for _, _, s in found]
    ids = st.known_ids(paths, stats, verify)
    for i, rid in enumerate(ids):
        if rid is None:
            ids[i] = _file_id(found[i][1])
    rids: list[str] = [r for r in ids if r is not None]
    stored = st.lookup()

    current = {budget.token("parse.too_large"), budget.token("parse.timeout")}

    def reusable(rid: str) -> bool:
        # a report failed by a budget is kept only while that budget stays as it was
        entry = stored.get(rid)
        return entry is not None and not (strict and entry[1] == "failed") and (
            entry[2] is None or entry[2] in current)

    todo: dict[str, Task] = {}
    for (source, f, _), rid in zip(found, rids, strict=True):
        if rid not in todo and not reusable(rid):
            todo[rid] = (source, f, rid)
    batch: list[Corpus] = []
    for part in _run(list(todo.values()), workers, progress, strict, budget):
        batch.append(part)
        if sum(p.reports.height for p in batch) >= PART_REPORTS:
            _write(st, batch, budget)
            batch = []
    if batch:
        _write(st, batch, budget)
    if todo:
        st.commit()
    st.record_files(base if folder else None, paths, stats, rids, recorded)
    where = st.lookup() if todo else stored
    parts = [where[r][0] for r in rids]
    key = linked_key(sources, rids, parts)
    snapshot = st.read_linked(key)
    if snapshot is not None:
        return snapshot
    try:
        corpus = st.assemble(sources, rids, parts)
    except StoreDamaged as exc:
        if not retries:
            raise
        st.repaired.append(str(exc))
        st.drop_parts([exc.part])
        st.commit()
        return _load_stored(st, root, found, folder, workers, progress, strict, budget,
                            verify, retries - 1)
    linked = link(corpus)
    st.write_linked(key, linked)
    return linked


def _write(st: Store, batch: Sequence[Corpus], budget: Budget) -> None:
    corpus = _concat(batch)
    failed = corpus.findings.filter(pl.col("check").is_in(["parse.too_large", "parse.timeout"]))
    st.write_part(corpus, {rid: budget.token(check)
                           for rid, check in failed.select("report_id", "check").iter_rows()})


def _file_id(file: str) -> str:
    """A file's report_id, read in blocks (a file over the size budget is hashed, never
    held); a file that cannot be read is named by its path, as :func:`_parse_one` does."""
    try:
        with open(file, "rb") as fh:
            return hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=8)).hexdigest()
    except OSError:
        return report_id(file.encode())


def load_bytes(data: bytes, name: str = "report.txt", *, strict: bool = False) -> Corpus:
    """One report held in memory (downloaded, unzipped, a test fixture) as a Corpus.

    ``name`` is the ``source`` it is listed under and hints the format (".html", ".pdf" …).

    Example:
        >>> govkit.load_bytes(page_bytes, "report.html").applications
    """
    return link(build_corpus([name], [parse(data, name, strict=strict)]))


def _parse_chunk(args: tuple[list[Task], bool, Budget]) -> Corpus:
    files, strict, budget = args
    # Parsing makes many small acyclic objects and no reference cycles; the cyclic GC
    # would only rescan them (measured: about 20% of parse time).  A chunk is bounded,
    # so its memory is too.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return build_corpus([s for s, _, _ in files],
                            [_parse_one(f, rid, strict, budget) for _, f, rid in files])
    finally:
        if enabled:
            gc.enable()


class _Timeout(BaseException):
    """Raised by the interval timer inside a parse that ran past its budget.  Not an
    Exception, so that the parser's own ``except Exception`` does not record it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Timeout` in this block after ``seconds``.

    SIGALRM interrupts pure-Python code and the regex engine alike (both check for
    signals), which is where parsing spends its time; it needs POSIX and the main thread
    of the process — every pool worker, and a serial load from a script or notebook.
    """
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _failed(rid: str, check: str, message: str, strict: bool) -> ParsedReport:
    if strict:
        raise ParseError(message)
    return ParsedReport(rid, status="failed", findings=[Finding(check, "file", message)])


def _parse_one(file: str, rid: str | None, strict: bool, budget: Budget) -> ParsedReport:
    try:
        size = os.stat(file).st_size
        if budget.max_bytes is not None and size > budget.max_bytes:
            return _failed(rid or _file_id(file), "parse.too_large",
                           f"文件过大，未解析 (file too large, not parsed): {file} is "
                           f"{size:,} bytes, the limit is {budget.max_bytes:,} bytes "
                           "(max_bytes)", strict)
        data = Path(file).read_bytes()
    except OSError as exc:
        return ParsedReport(report_id(file.encode()), status="failed", findings=[Finding(
            "parse.error", "file", f"无法读取文件 (cannot read {file}): {exc}")])
    try:
        with _time_limit(budget.timeout):
            return parse(data, file, strict=strict)
    except _Timeout:
        return _failed(report_id(data), "parse.timeout",
                       f"解析超时，已放弃 (parse timed out): {file} took longer than "
                       f"{budget.timeout:g} s, the limit per file (timeout)", strict)


def build_corpus(sources: Sequence[str], parsed: Sequence[ParsedReport]) -> Corpus:
    """Assemble the frames from parsed reports (column lists first: fast and typed).

    The rows of a chunk are gathered as the tuples the parser made, with a report id per
    row, and turned into columns once per chunk (``zip(*rows)``, in C), not appended
    cell by cell: this runs in every worker for every report.
    """
    rep_cols: dict[str, list[object]] = {c: [] for c in SCHEMAS["reports"]}
    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in SCHEMAS if name != "reports"}
    ids: dict[str, list[str]] = {name: [] for name in rows}
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
                           ("organ_key", organ_key(rep.organ)), ("duplicate_of", None),
                           *zip(rep.who._fields, rep.who, strict=True)):
            rep_cols[key].append(value)
        for name, got in (("applications", rep.applications), ("reviews", rep.reviews),
                          ("disclosures", rep.disclosures),
                          ("problems", [(kind, scope, seq, text) for seq, (kind, scope, text)
                                        in enumerate(rep.problems, 1)]),
                          ("readings", rep.readings),
                          ("passages", [(section, seq, chars, digest) for seq,
                                        (section, chars, digest) in enumerate(rep.passages, 1)]),
                          ("findings", [(f.check, f.scope, f.expected, f.actual, f.message)
                                        for f in rep.findings])):
            if got:
                rows[name] += got
                ids[name] += [rid] * len(got)
    cols: dict[str, dict[str, list[object]]] = {"reports": rep_cols}
    for name, chunk in rows.items():
        names = list(SCHEMAS[name])
        columns = ([ids[name], *map(list, zip(*chunk, strict=True))] if chunk
                   else [[] for _ in names])
        cols[name] = dict(zip(names, columns, strict=True))
    for name, vkey in (("applications", "count"), ("reviews", "count")):
        cols[name][vkey] = [None if v is None else int(v)  # type: ignore[call-overload]
                            for v in cols[name][vkey]]
    return Corpus(**{name: frame(cols[name], schema) for name, schema in SCHEMAS.items()})


def frame(columns: dict[str, list[object]],
          schema: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    """A frame of the contract from column lists: codes checked against their sets.

    The lists are read as plain types first and cast after, strictly: a code outside its
    ``pl.Enum`` raises here instead of turning null unseen.
    """
    plain = {c: pl.Utf8 if isinstance(t, (pl.Enum, pl.Categorical)) else t
             for c, t in schema.items()}
    return pl.DataFrame(columns, schema=plain, strict=False).cast(pl.Schema(schema), strict=True)
