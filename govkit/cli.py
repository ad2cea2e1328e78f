"""The ``govkit`` command: a thin layer over the library.

Each subcommand calls one library function and turns its errors into a clean message
and a non-zero exit status.  ``govkit --help`` and ``govkit COMMAND --help`` document them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GovkitError

if TYPE_CHECKING:
    from .corpus import Corpus

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}


def command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None]
            ) -> Callable[[Handler], Handler]:
    """Register a subcommand: its help line, its arguments and its handler."""
    def deco(fn: Handler) -> Handler:
        COMMANDS[name] = (help, configure, fn)
        return fn
    return deco


def _path_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a report file or a folder of reports (searched recursively)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: all cores for large folders)")
    p.add_argument("--store", default=None,
                   help="folder keeping the parsed frames, so a load again parses only new "
                        "or changed files (default: $GOVKIT_CACHE/store, else .cache/store)")
    p.add_argument("--no-store", action="store_true",
                   help="parse every file again and keep nothing")
    p.add_argument("--max-mb", type=float, default=50.0,
                   help="a larger file is a failed row, not parsed (default: 50)")
    p.add_argument("--timeout", type=float, default=30.0,
                   help="seconds one file may take to parse (default: 30)")


def _load(args: argparse.Namespace) -> Corpus:
    """The corpus of ``args.path`` as the common options ask."""
    from .corpus import load
    from .store import default_store

    store = None if args.no_store else (args.store or default_store())
    return load(args.path, workers=args.workers, store=store,
                max_bytes=int(args.max_mb * 1_000_000) if args.max_mb > 0 else None,
                timeout=args.timeout if args.timeout > 0 else None)


@command("summary", "parse reports and print reports per year/template, status, findings "
         "coverage (cells read, tables lost, identities held) and continuity across years",
         _path_arg)
def _summary(args: argparse.Namespace) -> int:
    corpus = _load(args)
    corpus.summary()
    print()
    print(corpus.coverage_text())
    print()
    from .continuity import summary_text

    print(summary_text(corpus))
    return 0


def _export_args(p: argparse.ArgumentParser) -> None:
    _path_arg(p)
    p.add_argument("--out", required=True, help="folder to write one file per frame into")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                   help="file format (default: parquet)")


@command("export", "parse reports and write every frame (reports, applications, …) to files",
         _export_args)
def _export(args: argparse.Namespace) -> int:
    from .corpus import SCHEMAS

    corpus = _load(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        frame = getattr(corpus, name)
        target = out / f"{name}.{args.format}"
        tmp = target.with_suffix(target.suffix + ".tmp")
        if args.format == "parquet":
            frame.write_parquet(tmp)
        else:
            frame.write_csv(tmp)
        tmp.replace(target)
        print(f"{target}  {frame.height} rows")
    return 0


def _findings_args(p: argparse.ArgumentParser) -> None:
    _path_arg(p)
    p.add_argument("--check", default=None, help="only findings whose check starts with this")


@command("findings", "parse reports and list their findings (file, check, scope, message)",
         _findings_args)
def _findings(args: argparse.Namespace) -> int:
    import polars as pl

    corpus = _load(args)
    f = corpus.with_meta(corpus.findings)
    if args.check:
        f = f.filter(pl.col("check").str.starts_with(args.check))
    for source, check, scope, message in f.select(
            "source", "check", "scope", "message").iter_rows():
        print(f"{source}\t{check}\t{scope}\t{message}")
    return 0


def _by_list(value: str) -> list[str]:
    from .brief import BY_CHOICES

    parts = [v.strip() for v in value.split(",") if v.strip()]
    wrong = [v for v in parts if v not in BY_CHOICES]
    if wrong or not parts:
        raise argparse.ArgumentTypeError(
            f"{value!r}: choose from {', '.join(BY_CHOICES)} (comma-separated)")
    return parts


def _brief_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a report file or a folder of reports (searched recursively)")
    p.add_argument("--out", required=True, help="folder to write the briefs and index.html into")
    p.add_argument("--by", type=_by_list, action="append", default=None,
                   metavar="organ|year|corpus",
                   help="one brief per organ, per year and/or for the whole corpus; repeat or "
                        "comma-separate (default: organ,corpus)")
    p.add_argument("--workers", type=int, default=None,
                   help="kernels run side by side (default: 2, or fewer cores)")
    p.add_argument("--notebook", default=None,
                   help="the brief notebook (default: notebooks/10-brief.ipynb)")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="a new kernel for every brief (slower; default: one per worker, reused)")


@command("brief", "write an offline HTML brief per organ/year/corpus, and an index.html",
         _brief_args)
def _brief(args: argparse.Namespace) -> int:
    import os
    import time

    from .publish import timing_summary, write_briefs

    by = list(dict.fromkeys(b for group in (args.by or [["organ", "corpus"]]) for b in group))
    workers = args.workers or min(2, os.cpu_count() or 1)
    start = time.perf_counter()
    results = write_briefs(args.path, args.out, by=by, workers=workers, notebook=args.notebook,
                           fresh_kernels=args.fresh_kernels)
    out = Path(args.out)
    for r in results:
        print(f"{out / r.filename}" + ("" if r.ok else f"  FAILED: {r.error}"))
    print(out / "index.html")
    print(timing_summary(results, time.perf_counter() - start, workers, args.fresh_kernels),
          file=sys.stderr)
    return 0 if all(r.ok for r in results) else 1


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="govkit",
        description="Government information disclosure annual reports as checked frames.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_, configure, _) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_, description=help_))
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except GovkitError as exc:
        print(f"govkit {args.command}: {exc}", file=sys.stderr)
        return 2
