"""The persistent store at scale: first load, reload, a few new files, peak memory.

Not a test: run with `make bench` (default 20,000 reports) or alone for the 10^5 figure:

    python benchmarks/store_scale.py --reports 100000 [--workers 2] [--keep DIR]

N distinct text reports are drawn by tests/synth_corpus.py (every figure drawn anew from
its own seed, both template generations, organs that recur over the years, so linking and
the continuity checks have series to work on).  Each step runs ``govkit.load(folder,
store=...)`` in a fresh process, started by a small launcher begun before the corpus is
generated (a process inherits its parent's peak RSS), and reports wall-clock seconds, how
many files it parsed, and ``ru_maxrss`` of the loading process and of its largest worker:

1. first load, empty store: every file parsed, parts and the linked snapshot written;
2. reload, nothing changed: the snapshot read back;
3. 1 % new files added to the folder: only those parsed, the corpus linked again;
4. reload after that.

The frames of steps 1 and 4 are compared with a load without a store (at most 20,000
reports, to keep the run short): a store must give exactly what parsing gives.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth_corpus as gen  # noqa: E402
from throughput import Launcher, WorkerPeak  # noqa: E402

import govkit  # noqa: E402
import govkit.corpus  # noqa: E402

CHECKED = 20_000


def measure(folder: str, store: str, workers: int, out: str) -> None:
    """One ``govkit.load`` through the store; print seconds, files parsed and peak memory
    as JSON, and (with ``out``) write the frames for the comparison."""
    parsed: list[int] = []
    run = govkit.corpus._run

    def counted(tasks, *args):  # type: ignore[no-untyped-def]
        parsed.append(len(tasks))
        return run(tasks, *args)

    govkit.corpus._run = counted
    peak = WorkerPeak()
    t0 = time.perf_counter()
    corpus = govkit.load(folder, workers=workers, progress=False,
                         store=store if store else None)
    seconds = time.perf_counter() - t0
    workers_mb = peak.stop()
    if out:
        for name, frame in gen.frames_of(corpus).items():
            frame.write_parquet(Path(out, f"{name}.parquet"))
    print(json.dumps({
        "seconds": seconds, "parsed": sum(parsed), "reports": corpus.reports.height,
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_mb": workers_mb, "held_mb": peak.held_mb}))


class StoreLauncher(Launcher):
    def load(self, folder: Path, store: Path | None, workers: int, out: Path | None
             ) -> dict[str, float]:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        return self.call([sys.executable, __file__, "--measure", str(folder), "--store",
                          str(store or ""), "--workers", str(workers), "--out", str(out or "")],
                         f"govkit.load({folder}, store={store})")


def _same(a: Path, b: Path) -> bool:
    import polars as pl
    from polars.testing import assert_frame_equal

    for f in sorted(a.glob("*.parquet")):
        left, right = pl.read_parquet(f), pl.read_parquet(b / f.name)
        key = [c for c in left.columns if c != "count" and c != "value"]
        try:
            assert_frame_equal(left.sort(key), right.sort(key), check_row_order=False)
        except AssertionError:
            return False
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", default=None, help="keep the corpus and the store here")
    ap.add_argument("--measure", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--store", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        measure(a.measure, a.store, a.workers, a.out)
        return 0

    launcher = StoreLauncher()
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="govkit-store-"))
    try:
        folder, store = work / "corpus", work / "store"
        for old in (folder, store):  # a kept folder from an earlier run starts afresh
            shutil.rmtree(old, ignore_errors=True)
        t0 = time.perf_counter()
        gen.write(folder / "base", "text", a.reports, seed=a.seed)
        mb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6
        print(f"{a.reports:,} text reports ({mb:,.0f} MB) generated in "
              f"{time.perf_counter() - t0:.0f} s; {a.workers} workers", flush=True)
        check = a.reports <= CHECKED
        steps = []

        def step(name: str, out: Path | None = None) -> None:
            got = launcher.load(folder, store, a.workers, out)
            steps.append((name, got))
            print(f"  {name:38s} {got['seconds']:8.2f} s  parsed {got['parsed']:>7,}  "
                  f"reports {got['reports']:>7,}  peak MB {got['self_mb']:6.0f} + "
                  f"{got['children_mb']:5.0f}  held at once {got['held_mb']:5.0f}", flush=True)

        step("first load, empty store")
        step("reload, nothing changed")
        added = max(1, a.reports // 100)
        gen.write(folder / "added", "text", added, seed=a.seed + a.reports)
        step(f"+{added:,} new files (1 %)")
        step("reload", work / "last" if check else None)
        if check:
            plain = launcher.load(folder, None, a.workers, work / "plain")
            print(f"  {'no store (parse everything)':38s} {plain['seconds']:8.2f} s")
            same = _same(work / "last", work / "plain")
            print(f"store gives the frames parsing gives: {'yes' if same else 'NO'}")
            if not same:
                return 1
        return 0
    finally:
        launcher.close()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
