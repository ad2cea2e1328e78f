"""Strip run-specific metadata from notebooks, so committed outputs are the same every run.

Removes what changes from one execution to the next while the outputs do not: per-cell
execution timings (``metadata.execution``), papermill's metadata (paths, durations,
parameters), widget state and the kernel's exact Python version.  Outputs and execution
counts stay: nbval compares the outputs.  Deliberately independent of govkit.

Usage:
    python scripts/strip_notebooks.py notebooks/*.ipynb          # strip in place
    python scripts/strip_notebooks.py --check notebooks/*.ipynb  # exit 1 if any is not
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

CELL_KEYS = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")
NOTEBOOK_KEYS = ("papermill", "widgets", "toc", "varInspector")


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without run-specific metadata (modified in place and returned)."""
    for key in NOTEBOOK_KEYS:
        nb.metadata.pop(key, None)
    info = nb.metadata.get("language_info")
    if info is not None:
        nb.metadata["language_info"] = {"name": info.get("name", "python")}
    for cell in nb.cells:
        for key in CELL_KEYS:
            cell.metadata.pop(key, None)
        cell.pop("id", None)
    # nbformat 4.5 wants ids; deterministic ones keep the file identical run to run
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--check", action="store_true",
                    help="list notebooks that are not stripped and change nothing")
    args = ap.parse_args(argv)
    dirty = []
    for path in args.notebooks:
        before = path.read_text(encoding="utf-8")
        nb = strip(nbformat.reads(before, as_version=4))
        after = nbformat.writes(nb) + "\n"
        if after != before:
            dirty.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
    for path in dirty:
        print(f"{'not stripped' if args.check else 'stripped'}: {path}")
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
