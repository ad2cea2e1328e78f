"""Time ``govkit brief`` on data/: per brief and for the whole batch, in each execution mode.

papermill's default is a new kernel per notebook; govkit reuses one kernel per worker.
This prints both, sequential and with two workers, so the choice stays measured:

    .venv/bin/python benchmarks/brief_batch.py [--by organ,corpus] [--repeat 1]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from govkit.publish.notebooks import write_briefs

DATA = Path(__file__).resolve().parent.parent / "data"
MODES = [(1, True), (2, True), (1, False), (2, False)]  # (workers, fresh kernels)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--by", default="organ,corpus")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    print(f"{'mode':<34} {'briefs':>6} {'batch s':>8} {'median s/brief':>15} {'first s':>8}")
    for workers, fresh in MODES:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as out:
                start = time.perf_counter()
                results = write_briefs(DATA, out, by=args.by.split(","), workers=workers,
                                       fresh_kernels=fresh, progress=False)
                total = time.perf_counter() - start
            secs = [r.seconds for r in results]
            mode = f"{workers} worker(s), " + ("new kernel per brief" if fresh else
                                               "kernel reused")
            print(f"{mode:<34} {len(results):>6} {total:>8.1f} {statistics.median(secs):>15.1f}"
                  f" {max(secs):>8.1f}", flush=True)


if __name__ == "__main__":
    main()
