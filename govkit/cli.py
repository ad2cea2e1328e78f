"""The ``govkit`` command: a thin layer over the library.

Each subcommand calls one library function and turns its errors into a clean message
and a non-zero exit status.  ``govkit --help`` and ``govkit COMMAND --help`` document them,
with examples.

Every command that reads reports ends with the same closing summary on stderr (stdout
stays the command's own output, for pipes): files read and failed, findings by check
family, identities held and broken, what was written.  Exit status: 0 — even when files
failed, since one bad file never stops a batch and its failure is a row of the output;
1 — ``--strict`` was given and a file failed (unreadable, too large or timed out), or a
brief failed; 2 — an error (no such folder, an export that cannot be written).  Broken
identities and partial reports never change the status: they are facts about the
reports, listed in ``findings``, not failures to read them.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GovkitError

if TYPE_CHECKING:
    from .corpus import Corpus

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}
#: Each command's examples, shown by ``govkit COMMAND --help``.
EXAMPLES: dict[str, str] = {}
#: Exit status when ``--strict`` finds a failed file (errors exit 2).
STRICT_FAILED = 1


def command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None],
            examples: str) -> Callable[[Handler], Handler]:
    """Register a subcommand: its help line, its arguments, its examples and its handler."""
    def deco(fn: Handler) -> Handler:
        COMMANDS[name] = (help, configure, fn)
        EXAMPLES[name] = examples
        return fn
    return deco


def _strict_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true",
                   help=f"exit {STRICT_FAILED} when any file failed (unreadable, too large, "
                        "timed out); without it the command exits 0 and lists them")


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
    _strict_arg(p)


def _store(args: argparse.Namespace) -> str | None:
    from .store import default_store

    return None if args.no_store else str(args.store or default_store())


def _load(args: argparse.Namespace) -> Corpus:
    """The corpus of ``args.path`` as the common options ask."""
    from .corpus import load

    return load(args.path, workers=args.workers, store=_store(args),
                max_bytes=int(args.max_mb * 1_000_000) if args.max_mb > 0 else None,
                timeout=args.timeout if args.timeout > 0 else None)


def closing_text(corpus: Corpus, command: str, *, wrote: str | None = None,
                 strict: bool = False, failed_shown: int = 5) -> tuple[str, int]:
    """The closing summary of a command and the exit status it calls for.

    Files read by status, the failed ones by name, findings by check family
    (:func:`govkit.analyze.measures.findings_by_check`), identities
    (:func:`govkit.coverage.coverage`) and ``wrote``.  The status is
    :data:`STRICT_FAILED` when ``strict`` and a file failed, else 0.

    Example:
        >>> text, status = closing_text(govkit.load("data/"), "summary")
        >>> print(text.splitlines()[0])
        govkit summary: 42 files read: 35 ok, 7 partial, 0 failed
    """
    import polars as pl

    from .analyze.measures import findings_by_check
    from .coverage import coverage
    from .labels import CHECK_FAMILY_LABELS

    r = corpus.reports
    lines = [f"govkit {command}: {r.height} files read: {corpus.status_counts()}"]
    failed_ids = r.filter(pl.col("status") == "failed").select("report_id")
    failed = (corpus.with_meta(corpus.findings)
              .join(failed_ids, on="report_id", how="semi")
              .filter(pl.col("scope") == "file")
              .unique("report_id", keep="first", maintain_order=True))
    n_failed = failed_ids.height
    if n_failed:
        shown = [f"{src} ({check})" for src, check in
                 failed.select("source", "check").head(failed_shown).iter_rows()]
        more = n_failed - len(shown)
        lines += [f"  {'failed' if i == 0 else '':<10}  {s}" for i, s in enumerate(shown)]
        if more:
            lines.append(f"{'':<14}… and {more} more (govkit findings PATH --check parse)")
    families = (findings_by_check(corpus).group_by("family").agg(pl.col("n").sum())
                .with_columns(pl.col("family").replace_strict(
                    {f: i for i, f in enumerate(CHECK_FAMILY_LABELS)},
                    default=len(CHECK_FAMILY_LABELS), return_dtype=pl.Int64).alias("_order"))
                .sort("_order", "family"))
    lines.append(f"  findings    {corpus.findings.height}"
                 + (": " + ", ".join(f"{f} {n}" for f, n in
                                     families.select("family", "n").iter_rows())
                    if families.height else ""))
    t = coverage(corpus, by=None).row(0, named=True)
    lines.append(f"  identities  {t['identities_checked']} evaluated: "
                 f"{t['identities_held']} held, {t['identities_broken']} broken")
    if wrote:
        lines.append(f"  wrote       {wrote}")
    code = STRICT_FAILED if strict and n_failed else 0
    if n_failed:
        lines.append(f"  exit        {code}: {n_failed} file(s) failed"
                     + (" and --strict was given" if strict else
                        f" (--strict would exit {STRICT_FAILED})"))
    return "\n".join(lines), code


def _close(corpus: Corpus, args: argparse.Namespace, wrote: str | None = None) -> int:
    """Print the closing summary on stderr; the exit status it calls for."""
    text, code = closing_text(corpus, args.command, wrote=wrote, strict=args.strict)
    print(text, file=sys.stderr)
    return code


@command("summary", "parse reports and print reports per year/template, status, findings "
         "coverage (cells read, tables lost, identities held) and continuity across years",
         _path_arg, """\
examples:
  govkit summary data/                   the summary, coverage and continuity of data/
  govkit summary data/seeds --no-store   parse every file again, keep nothing
  govkit summary reports/ --strict       exit 1 if any file could not be read""")
def _summary(args: argparse.Namespace) -> int:
    corpus = _load(args)
    corpus.summary()
    print()
    print(corpus.coverage_text())
    print()
    from .continuity import summary_text

    print(summary_text(corpus))
    return _close(corpus, args)


def _export_args(p: argparse.ArgumentParser) -> None:
    from .publish.export import FORMATS

    _path_arg(p)
    p.add_argument("--out", required=True,
                   help="folder to write into: one file per frame (one workbook for xlsx) "
                        "and DICTIONARY.md")
    p.add_argument("--format", choices=FORMATS, default="parquet",
                   help="parquet (the frames as loaded), csv (UTF-8 with BOM, labels beside "
                        "codes) or xlsx (one workbook, a 说明 sheet first; default: parquet)")


@command("export", "parse reports and write every frame (reports, applications, …) as "
         "Parquet, CSV or one XLSX workbook, with the data dictionary", _export_args, """\
examples:
  govkit export data/ --out frames/                  every frame as Parquet
  govkit export data/ --out frames/ --format csv     CSV for R and Stata (UTF-8 with BOM)
  govkit export data/ --out frames/ --format xlsx    frames/govkit.xlsx for Excel""")
def _export(args: argparse.Namespace) -> int:
    from .publish.export import export

    corpus = _load(args)
    written = export(corpus, args.out, args.format, source=args.path)
    for w in written:
        print(f"{w.path}  {w.what}")
    return _close(corpus, args, wrote=f"{len(written)} files ({args.format} and "
                                      f"DICTIONARY.md) to {args.out}")


def _findings_args(p: argparse.ArgumentParser) -> None:
    _path_arg(p)
    p.add_argument("--check", default=None, help="only findings whose check starts with this")


@command("findings", "parse reports and list their findings (file, check, scope, message)",
         _findings_args, """\
examples:
  govkit findings data/                         every finding, one tab-separated line each
  govkit findings data/ --check identity        only identity.* (broken 勾稽关系)
  govkit findings data/ --check parse --strict  why files failed; exit 1 if any did""")
def _findings(args: argparse.Namespace) -> int:
    import polars as pl

    corpus = _load(args)
    f = corpus.with_meta(corpus.findings)
    if args.check:
        f = f.filter(pl.col("check").cast(pl.String).str.starts_with(args.check))
    for source, check, scope, message in f.select(
            "source", "check", "scope", "message").iter_rows():
        print(f"{source}\t{check}\t{scope}\t{message}")
    return _close(corpus, args)


def _by_list(value: str) -> list[str]:
    from .publish.brief import BY_CHOICES

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
    p.add_argument("--store", default=None,
                   help="folder keeping the parsed frames, read by every kernel (default: "
                        "$GOVKIT_CACHE/store, else .cache/store)")
    p.add_argument("--no-store", action="store_true",
                   help="parse into a temporary store, removed afterwards")
    _strict_arg(p)


@command("brief", "write an offline HTML brief per organ/year/corpus, and an index.html",
         _brief_args, """\
examples:
  govkit brief data/ --out reports_out/             a brief per organ and one for the corpus
  govkit brief data/ --out reports_out/ --by year   a brief per year
  govkit brief data/pingtan --out pt/ --by organ,year --workers 1""")
def _brief(args: argparse.Namespace) -> int:
    import os
    import time

    from .corpus import load
    from .publish.notebooks import timing_summary, write_briefs

    by = list(dict.fromkeys(b for group in (args.by or [["organ", "corpus"]]) for b in group))
    workers = args.workers or min(2, os.cpu_count() or 1)
    start = time.perf_counter()
    store = _store(args)
    results = write_briefs(args.path, args.out, by=by, workers=workers, notebook=args.notebook,
                           fresh_kernels=args.fresh_kernels, store=store)
    out = Path(args.out)
    for r in results:
        print(f"{out / r.filename}" + ("" if r.ok else f"  FAILED: {r.error}"))
    print(out / "index.html")
    print(timing_summary(results, time.perf_counter() - start, workers, args.fresh_kernels),
          file=sys.stderr)
    # the kernels read the corpus from the store, so loading it again here parses nothing
    corpus = load(args.path, store=store)
    bad = sum(not r.ok for r in results)
    code = _close(corpus, args, wrote=f"{len(results) - bad} of {len(results)} briefs and "
                                      f"index.html to {out}")
    return 1 if bad else code


def _dictionary_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=None,
                   help="write the Markdown to this file (default: print it)")


@command("dictionary", "print the data dictionary (every frame and column: type, unit, "
         "meaning, codes with their labels) as Markdown", _dictionary_args, """\
examples:
  govkit dictionary                                 print it
  govkit dictionary --out docs/data-dictionary.md   regenerate the committed copy""")
def _dictionary(args: argparse.Namespace) -> int:
    import os
    import tempfile

    from .dictionary import markdown

    text = markdown()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.out)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"{target}  {text.count(chr(10))} lines", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="govkit",
        description="Government information disclosure annual reports as checked frames.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_, configure, _) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_, description=textwrap.fill(help_, 78),
                                 epilog=EXAMPLES[name],
                                 formatter_class=argparse.RawDescriptionHelpFormatter))
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except GovkitError as exc:
        print(f"govkit {args.command}: {exc}", file=sys.stderr)
        return 2
