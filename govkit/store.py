"""The persistent store: the parsed frames of every file, on disk as a Parquet dataset.

Layout (one folder per parser version; a store written by another version is removed)::

    store/v{PARSER_VERSION}/
        manifest.json                 # the commit point: parts, their row counts, the index
        index-NNNNN.parquet           # report_id -> part, status, budget it failed under
        files.parquet                 # path, size, mtime, ctime -> report_id (fast pre-check)
        {frame}/part-NNNNN.parquet    # one file per frame per batch of parsed reports
        linked/{key}/{frame}.parquet  # the corpus a load returned, link included

A load lists the files and finds each one's ``report_id`` (the BLAKE2b of its bytes).
Hashing every byte of 10^5 files costs more than reading their frames, so a file whose
size, mtime and ctime equal what ``files.parquet`` recorded keeps its id without being
read — as git's index does.  ctime cannot be set by tools that restore an mtime (``cp -p``,
``rsync -t``), so a rewritten file is still seen; a file whose ctime was within
:data:`RACY_NS` of the moment it was recorded is hashed again, because a second write in
the same timestamp tick would leave every field equal.  ``verify=True`` hashes everything.

Parts are written to a temporary name and renamed, the index next, ``manifest.json``
last: a crash leaves the previous state whole.  On opening, every part's row counts are
checked against the Parquet footers; a missing or truncated part is dropped (its reports
are parsed again) and an unreadable manifest or index starts the version afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, TYPE_CHECKING

import polars as pl

from .errors import GovkitError

if TYPE_CHECKING:
    from .corpus import Corpus

#: Bump when the layout of the store changes.
FORMAT = 1
#: A file changed this close to being recorded is hashed again (timestamp granularity).
RACY_NS = 2_000_000_000
#: Snapshots of linked corpora kept (the most recent ones).
KEEP_LINKED = 3
_BAD = (pl.exceptions.PolarsError, OSError, ValueError, KeyError, TypeError)
INDEX_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "report_id": pl.Utf8, "part": pl.Int32, "status": pl.Utf8, "budget": pl.Utf8}
FILES_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "path": pl.Utf8, "size": pl.Int64, "mtime_ns": pl.Int64, "ctime_ns": pl.Int64,
    "recorded_ns": pl.Int64, "report_id": pl.Utf8}


def default_store() -> Path:
    """The CLI's store: ``$GOVKIT_CACHE/store``, or ``.cache/store``."""
    return Path(os.environ.get("GOVKIT_CACHE") or ".cache") / "store"


def _frames() -> list[str]:
    from .corpus import SCHEMAS

    return list(SCHEMAS)


def _replace_write(frame: pl.DataFrame, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    frame.write_parquet(tmp, compression="lz4", statistics=False)
    os.replace(tmp, target)


def _replace_text(text: str, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _rows(path: Path) -> int:
    """Rows of a Parquet file, from its footer (raises if the file is not whole)."""
    return int(pl.scan_parquet(path).select(pl.len()).collect().item())


class Store:
    """One parser version's folder of a store, opened (and repaired) for a load."""

    def __init__(self, root: str | os.PathLike[str], version: str) -> None:
        self.root = Path(root)
        self.dir = self.root / f"v{version}"
        self.version = version
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.dir / ".lock")
        for old in self.root.glob("v*"):
            if old.is_dir() and old != self.dir and (old / "manifest.json").exists():
                shutil.rmtree(old, ignore_errors=True)
        self.parts: dict[int, dict[str, int]] = {}
        self.next_part = 1
        self.index = pl.DataFrame(schema=INDEX_SCHEMA)
        self.repaired: list[str] = []
        #: :meth:`known_ids` found every file as recorded, and files.parquet lists no
        #: other: :meth:`record_files` has nothing to write
        self._files_current = False
        self._open()

    def close(self) -> None:
        """Release the store for other processes."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # -- opening -----------------------------------------------------------------------
    def _open(self) -> None:
        manifest = self.dir / "manifest.json"
        if not manifest.exists():
            self._reset(None)
            return
        try:
            m = json.loads(manifest.read_text(encoding="utf-8"))
            if m["format"] != FORMAT or m["parser_version"] != self.version:
                raise ValueError("another format or parser version")
            parts = {int(k): {f: int(n) for f, n in v.items()} for k, v in m["parts"].items()}
            index = pl.read_parquet(self.dir / m["index"])
            if index.height != m["index_rows"] or dict(index.schema) != INDEX_SCHEMA:
                raise ValueError("index rows or columns differ from the manifest")
        except _BAD as exc:
            self._reset(f"{manifest}: {exc}")
            return
        self.parts, self.index, self.next_part = parts, index, int(m["next_part"])
        bad = [p for p, counts in parts.items() if not self._part_whole(p, counts)]
        if bad:
            self.repaired.append(f"parts {bad} missing or damaged: their reports re-parsed")
            self.drop_parts(bad)
            self.commit()

    def _part_whole(self, part: int, counts: dict[str, int]) -> bool:
        try:
            return set(counts) == set(_frames()) and all(
                _rows(self.part_file(f, part)) == n for f, n in counts.items())
        except _BAD:
            return False

    def _reset(self, why: str | None) -> None:
        if why is not None:
            self.repaired.append(f"store rebuilt ({why})")
        for child in self.dir.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            elif child.name != ".lock":
                child.unlink(missing_ok=True)

    def drop_parts(self, bad: Iterable[int]) -> None:
        bad = set(bad)
        for p in bad:
            self.parts.pop(p, None)
            for f in _frames():
                self.part_file(f, p).unlink(missing_ok=True)
        self.index = self.index.filter(~pl.col("part").is_in(list(bad)))

    def part_file(self, frame: str, part: int) -> Path:
        return self.dir / frame / f"part-{part:05d}.parquet"

    # -- the files seen: path and stat -> report_id ------------------------------------
    def known_ids(self, paths: Sequence[str], stats: Sequence[os.stat_result | None],
                  verify: bool) -> list[str | None]:
        """The ``report_id`` recorded for each file whose stat is unchanged, else None."""
        if verify or not paths:
            return [None] * len(paths)
        try:
            seen = pl.read_parquet(self.dir / "files.parquet")
        except _BAD:
            return [None] * len(paths)
        now = pl.DataFrame({
            "path": list(paths),
            "size": [s.st_size if s else None for s in stats],
            "mtime_ns": [s.st_mtime_ns if s else None for s in stats],
            "ctime_ns": [s.st_ctime_ns if s else None for s in stats],
        }, schema={k: FILES_SCHEMA[k] for k in ("path", "size", "mtime_ns", "ctime_ns")})
        hit = now.join(seen, on=["path", "size", "mtime_ns", "ctime_ns"], how="left",
                       maintain_order="left")
        ok = pl.col("ctime_ns") < pl.col("recorded_ns") - RACY_NS
        ids = hit.select(pl.when(ok).then(pl.col("report_id")))["report_id"].to_list()
        self._files_current = seen.height == len(paths) and None not in ids
        return ids

    def record_files(self, folder: str | None, paths: Sequence[str],
                     stats: Sequence[os.stat_result | None], ids: Sequence[str],
                     recorded_ns: int) -> None:
        """Remember this load's files.  Entries of other files stay, but those under a
        ``folder`` loaded whole are replaced (so files deleted since are forgotten).
        A reload of an unchanged folder writes nothing."""
        if self._files_current:
            return
        rows = [(p, s.st_size, s.st_mtime_ns, s.st_ctime_ns, recorded_ns, r)
                for p, s, r in zip(paths, stats, ids, strict=True) if s is not None]
        now = pl.DataFrame(rows, schema=FILES_SCHEMA, orient="row")
        try:
            seen = pl.read_parquet(self.dir / "files.parquet")
        except FileNotFoundError:
            seen = None
        except _BAD as exc:
            self.repaired.append(f"files.parquet unreadable ({exc}): every file hashed")
            seen = None
        if seen is not None:
            gone = pl.col("path").is_in(pl.Series(list(paths), dtype=pl.Utf8).implode())
            if folder is not None:
                gone = gone | pl.col("path").str.starts_with(folder.rstrip(os.sep) + os.sep)
            now = pl.concat([seen.filter(~gone), now])
        _replace_write(now, self.dir / "files.parquet")

    # -- writing -----------------------------------------------------------------------
    def write_part(self, corpus: Corpus, budgets: dict[str, str]) -> int:
        """Write one batch of parsed reports as a new part; ``budgets`` maps the
        report_id of a report failed by a budget to that budget (see corpus.load)."""
        part = self.next_part
        self.next_part += 1
        counts = {}
        for name in _frames():
            frame: pl.DataFrame = getattr(corpus, name)
            target = self.part_file(name, part)
            target.parent.mkdir(exist_ok=True)
            _replace_write(frame, target)
            counts[name] = frame.height
        self.parts[part] = counts
        r = corpus.reports.unique("report_id", keep="first", maintain_order=True)
        rows = pl.DataFrame({
            "report_id": r["report_id"], "part": pl.Series([part] * r.height, dtype=pl.Int32),
            "status": r["status"],
            "budget": [budgets.get(rid) for rid in r["report_id"]]}, schema=INDEX_SCHEMA)
        kept = self.index.filter(~pl.col("report_id").is_in(r["report_id"].implode()))
        self.index = pl.concat([kept, rows])
        return part

    def commit(self) -> None:
        """Write the index, then the manifest (the commit), then remove what neither
        names any longer."""
        n = 1 + max((int(p.stem.split("-")[1]) for p in self.dir.glob("index-*.parquet")),
                    default=0)
        name = f"index-{n:05d}.parquet"
        _replace_write(self.index, self.dir / name)
        manifest = {"format": FORMAT, "parser_version": self.version,
                    "next_part": self.next_part, "index": name, "index_rows": self.index.height,
                    "parts": {str(p): c for p, c in sorted(self.parts.items())}}
        _replace_text(json.dumps(manifest, indent=1), self.dir / "manifest.json")
        for old in self.dir.glob("index-*.parquet"):
            if old.name != name:
                old.unlink(missing_ok=True)
        live = {self.part_file(f, p).name for p in self.parts for f in _frames()}
        for f in _frames():
            for file in (self.dir / f).glob("part-*.parquet"):
                if file.name not in live:
                    file.unlink(missing_ok=True)

    # -- reading -----------------------------------------------------------------------
    def lookup(self) -> dict[str, tuple[int, str, str | None]]:
        """report_id -> (part, status, budget) of every stored report."""
        return {rid: (part, status, budget) for rid, part, status, budget
                in self.index.iter_rows()}

    def assemble(self, sources: Sequence[str], ids: Sequence[str],
                 parts: Sequence[int]) -> Corpus:
        """The unlinked corpus of these files (in this order) from the stored parts:
        each file's rows as a fresh parse gives them, under this load's ``source``.
        Raises :class:`StoreDamaged` naming the part that could not be read."""
        from .corpus import SCHEMAS, Corpus

        order = pl.DataFrame({"report_id": list(ids), "source": list(sources),
                              "_part": pl.Series(list(parts), dtype=pl.Int32)}
                             ).with_row_index("_pos")
        needed = sorted(set(parts))
        stored = self._read(needed, "reports").with_columns(
            _part=self._part_column(needed, "reports"))
        runs = _whole_runs(order, stored)
        if runs is not None:
            # the usual load (a folder as it was parsed, plus new files): each part is one
            # run of this load's files in their stored order, so every frame is its parts
            # read in the order of the runs — one scan, no join, no sort, no copy
            rank = {p: i for i, p in enumerate(runs)}
            reports = (stored.sort(pl.col("_part").replace_strict(rank), maintain_order=True)
                       .with_columns(source=order["source"]).select(list(SCHEMAS["reports"])))
            out = {name: self._read(runs, name) for name in SCHEMAS if name != "reports"}
            return Corpus(reports=reports, **out)
        got = order.join(stored.drop("source"), on=["report_id", "_part"], how="inner")
        if got.height != order.height:
            raise StoreDamaged(needed[0] if needed else 0, "reports rows missing")
        out = {"reports": got.sort("_pos").select(list(SCHEMAS["reports"]))}
        keys = order.select("report_id", "_part", "_pos")
        for name, schema in SCHEMAS.items():
            if name == "reports":
                continue
            frame = self._read(needed, name).with_columns(_part=self._part_column(needed, name))
            out[name] = (frame.with_row_index("_row")
                         .join(keys, on=["report_id", "_part"], how="inner")
                         .sort("_pos", "_row").select(list(schema)))
        return Corpus(**out)

    def _part_column(self, parts: Sequence[int], frame: str) -> pl.Series:
        """The part of each row of ``frame`` read from these parts in this order."""
        return pl.concat([pl.repeat(p, self.parts[p][frame], dtype=pl.Int32, eager=True)
                          for p in parts] or [pl.Series(dtype=pl.Int32)]).alias("_part")

    def _read(self, parts: Sequence[int], name: str) -> pl.DataFrame:
        """One frame of these parts, concatenated in this order (its schema if none)."""
        from .corpus import SCHEMAS

        if not parts:
            return pl.DataFrame(schema=SCHEMAS[name])
        files = [self.part_file(name, p) for p in parts]
        try:
            frame = pl.scan_parquet(files).collect()
            if frame.height != sum(self.parts[p][name] for p in parts):
                raise ValueError("rows differ from the manifest")
            return frame
        except _BAD as exc:
            raise self._damaged(parts, files, name, exc) from exc

    def _damaged(self, parts: Sequence[int], files: Sequence[Path], name: str,
                 exc: Exception) -> StoreDamaged:
        """Which part a failed read of several parts came from: the first whose footer
        cannot be read or does not count the rows its manifest entry says."""
        for p, f in zip(parts, files, strict=True):
            try:
                rows = _rows(f)
            except _BAD as bad:
                return StoreDamaged(p, f"{f}: {bad}")
            if rows != self.parts[p][name]:
                return StoreDamaged(p, f"{f}: {rows} rows, the manifest says "
                                       f"{self.parts[p][name]}")
        return StoreDamaged(parts[0], f"{name}: {exc}")

    # -- the linked corpus of a load ---------------------------------------------------
    def linked_dir(self, key: str) -> Path:
        return self.dir / "linked" / key

    def read_linked(self, key: str) -> Corpus | None:
        """The corpus a load of exactly these files returned, or None."""
        from .corpus import Corpus

        d = self.linked_dir(key)
        try:
            counts = json.loads((d / "done.json").read_text(encoding="utf-8"))
            frames = _read_all({name: d / f"{name}.parquet" for name in _frames()})
            if any(frames[n].height != counts[n] for n in frames):
                raise ValueError("row counts differ")
        except FileNotFoundError:
            return None
        except _BAD as exc:
            self.repaired.append(f"linked snapshot {key} damaged ({exc}): linked again")
            shutil.rmtree(d, ignore_errors=True)
            return None
        os.utime(d / "done.json")
        return Corpus(**frames)

    def write_linked(self, key: str, corpus: Corpus) -> None:
        d = self.linked_dir(key)
        d.mkdir(parents=True, exist_ok=True)
        counts = {}
        for name in _frames():
            frame = getattr(corpus, name)
            _replace_write(frame, d / f"{name}.parquet")
            counts[name] = frame.height
        _replace_text(json.dumps(counts), d / "done.json")
        snaps = sorted((p for p in (self.dir / "linked").iterdir() if p.is_dir()),
                       key=_done_time, reverse=True)
        for old in snaps[KEEP_LINKED:]:
            shutil.rmtree(old, ignore_errors=True)


def _lock(path: Path) -> IO[bytes] | None:
    """An exclusive lock on the store for one load (POSIX; elsewhere none): two loads
    writing parts and a manifest at once would lose one another's work."""
    try:
        import fcntl
    except ImportError:
        return None
    fh = path.open("ab")
    fcntl.flock(fh, fcntl.LOCK_EX)
    return fh


def _read_all(files: dict[str, Path]) -> dict[str, pl.DataFrame]:
    """Read these Parquet files side by side: polars decodes outside the GIL, so the
    small frames are read while the largest one (applications) still decodes."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(files)) as pool:
        got = {name: pool.submit(pl.read_parquet, f) for name, f in files.items()}
        return {name: fut.result() for name, fut in got.items()}


def _done_time(d: Path) -> float:
    try:
        return (d / "done.json").stat().st_mtime
    except OSError:
        return 0.0


def _whole_runs(order: pl.DataFrame, stored: pl.DataFrame) -> list[int] | None:
    """The parts in the order this load lists them, when the load's files are whole parts
    one after another, each in its stored order (and no report twice); else None."""
    if order["report_id"].n_unique() != order.height:
        return None
    runs = order["_part"].rle().struct.unnest()["value"].to_list()
    if len(runs) != len(set(runs)):
        return None
    by_part = stored.select("report_id", "_part").partition_by("_part", as_dict=True,
                                                               maintain_order=True)
    at = 0
    for p in runs:
        mine = by_part.get((p,))
        if mine is None or not mine.equals(order.slice(at, mine.height)
                                           .select("report_id", "_part")):
            return None
        at += mine.height
    return runs if at == order.height else None


def linked_key(sources: Sequence[str], ids: Sequence[str], parts: Sequence[int]) -> str:
    """The key of a linked snapshot: which files, under which names, from which parts
    (parts are written once, so a part number stands for its content)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{FORMAT}\n".encode())
    for s, r, p in zip(sources, ids, parts, strict=True):
        h.update(f"{s}\0{r}\0{p}\n".encode())
    return h.hexdigest()


class StoreDamaged(GovkitError):
    """A part could not be read while assembling; ``part`` is dropped and re-parsed."""

    def __init__(self, part: int, message: str) -> None:
        super().__init__(message)
        self.part = part


@dataclass(frozen=True, slots=True)
class Scan:
    """Lazy frames over a store (see :func:`scan`); attribute names are the Corpus's."""

    reports: pl.LazyFrame
    applications: pl.LazyFrame
    reviews: pl.LazyFrame
    disclosures: pl.LazyFrame
    problems: pl.LazyFrame
    findings: pl.LazyFrame
    readings: pl.LazyFrame
    passages: pl.LazyFrame
    #: True when these are the frames of a load (link included: ``duplicate_of`` and the
    #: continuity findings); False for the raw parts (one parse per distinct file).
    linked: bool

    def collect(self) -> Corpus:
        """Every frame collected: a :class:`govkit.Corpus`."""
        from .corpus import Corpus

        return Corpus(**{f.name: getattr(self, f.name).collect() for f in fields(self)
                         if f.name != "linked"})


def scan(path: str | os.PathLike[str], *, version: str | None = None) -> Scan:
    """Lazy frames over a store, for corpora larger than memory.

    ``path`` is a store folder (as given to ``govkit.load(..., store=)``).  When a load
    wrote it, the frames are those of the most recent load — link included
    (``duplicate_of``, continuity findings), under that load's sources.  A store no load
    has finished on gives the parts as parsed: every distinct file once, ``source`` as
    first seen, ``duplicate_of`` null and no continuity findings (they need the corpus).

    Example:
        >>> s = govkit.scan(".cache/store")
        >>> s.applications.filter(row="new_received").group_by("applicant").agg(
        ...     pl.col("count").sum()).collect()
    """
    from .corpus import PARSER_VERSION
    from .errors import NoReportsError

    root = Path(path)
    d = root / f"v{version or PARSER_VERSION}"
    if not (d / "manifest.json").exists():
        raise NoReportsError(f"{root}: no govkit store (of parser version "
                             f"{version or PARSER_VERSION}) here")
    linked = d / "linked"
    snaps = sorted((p for p in linked.iterdir() if (p / "done.json").exists()),
                   key=_done_time, reverse=True) if linked.is_dir() else []
    if snaps:
        return Scan(**{n: pl.scan_parquet(snaps[0] / f"{n}.parquet") for n in _frames()},
                    linked=True)
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    parts = sorted(int(p) for p in m["parts"])
    from .corpus import SCHEMAS

    frames = {}
    for name, schema in SCHEMAS.items():
        files = [d / name / f"part-{p:05d}.parquet" for p in parts]
        frames[name] = (pl.scan_parquet(files) if files
                        else pl.LazyFrame(schema=schema))
    return Scan(**frames, linked=False)


def now_ns() -> int:
    return time.time_ns()
