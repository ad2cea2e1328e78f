"""Parsing throughput: reports per second, in one process and through govkit.load.

Not a test: run with `make bench`.  The sample reports in data/ are replicated (each copy
with a distinct trailing comment so no two files share bytes) into a temporary folder.

    python benchmarks/throughput.py [--copies 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import govkit
from govkit.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent


def unique(data: bytes, i: int) -> bytes:
    """A copy whose running text is its own (so no cache of long texts can help), while
    its table cells stay the template's, as in a real corpus."""
    return data.replace("。".encode(), f"（副本{i}）。".encode())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=400, help="copies of each sample report")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--data", default=str(ROOT / "data"))
    args = ap.parse_args()

    samples = [(p.name, p.read_bytes()) for p in sorted(Path(args.data).rglob("*")) if p.is_file()]
    mb = sum(len(b) for _, b in samples) / 1e6
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - t0 < 3.0:
        for name, data in samples:
            parse(unique(data, n), name)
            n += 1
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"parse() in one process: {n / dt:,.0f} reports/s wall, {n / cpu:,.0f} per CPU-second "
          f"({n * mb / len(samples) / cpu:.2f} MB/s of report text)")

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.copies):
            for name, data in samples:
                Path(tmp, f"{i:05d}_{name}").write_bytes(unique(data, i))
        total = args.copies * len(samples)
        for workers in sorted({1, args.workers}):
            t0 = time.perf_counter()
            corpus = govkit.load(tmp, workers=workers, progress=False)
            dt = time.perf_counter() - t0
            print(f"govkit.load, {total} files, {workers} worker(s): {total / dt:,.0f} reports/s "
                  f"({dt:.2f} s, {corpus.applications.height:,} application cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
