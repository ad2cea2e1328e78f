"""Parsing throughput on distinct generated reports, per rendering, checked against the truth.

Not a test: run with `make bench`.  For each rendering (see tests/synth_corpus.py: text,
crawler, markdown, html, pdf) N reports are generated into a temporary folder, each drawn
from its own seed — organ, year, template generation, running text and every figure —
so no cache keyed on a table or a row sees the same one twice.  Then, per rendering:

* ``govkit.load(folder, workers=1)`` and ``workers=2``, each in a fresh process, so its
  peak memory (``ru_maxrss`` of the process, RUSAGE_SELF, and of its largest worker,
  sampled from /proc: the workers come from a fork server) is its own;
* the floor: the same files read and decoded to str (for PDF: opened and their text
  extracted with pypdfium2, the minimum any PDF reader does), in one process;
* every report's cells as parsed against the truth (right / wrong / missed / invented),
  and whether one and two workers gave the same frames.

``samples`` is the former benchmark, kept for comparison: the files of data/ copied with
a distinct sentence per copy, tables untouched — a corpus whose tables repeat.  Its
truth is what each original parses to.

    python benchmarks/throughput.py [--text 2000] [--crawler 500] [--markdown 2000]
        [--html 300] [--pdf 30] [--samples 20] [--only text,html] [--seed 0]
        [--keep DIR] [--strict]
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the generator lives beside the tests that guard it

import polars as pl  # noqa: E402
import synth_corpus as gen  # noqa: E402

import govkit  # noqa: E402

RENDERINGS = ("text", "crawler", "markdown", "html", "pdf", "samples")
DEFAULTS = {"text": 2000, "crawler": 500, "markdown": 2000, "html": 300, "pdf": 30, "samples": 20}
FRAMES = ("reports", "applications", "reviews", "disclosures")


# --- one measurement, in a process of its own --------------------------------------------


class WorkerPeak:
    """The largest peak RSS (``VmHWM``) of this process's descendants, sampled every
    50 ms while it runs: pool workers are started by a fork server, so they are not our
    children and ``RUSAGE_CHILDREN`` never sees them.  Linux only (reads /proc).

    ``held_mb`` is the most memory the load held at one moment: the sum of ``VmRSS`` over
    this process and its descendants, at the same samples.  A worker's peak and the
    loader's peak come at different times (the workers are gone when the loader links),
    so their sum overstates what the machine needs; this does not (a peak shorter than
    50 ms may be missed: read it beside ``ru_maxrss``)."""

    def __init__(self) -> None:
        import threading

        self.mb = 0.0
        self.held_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import os

        me = os.getpid()
        while not self._stop.wait(0.05):
            parent: dict[int, int] = {}
            for d in os.listdir("/proc"):
                if d.isdigit():
                    try:
                        stat = Path("/proc", d, "stat").read_text()
                    except OSError:
                        continue
                    parent[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
            held = 0.0
            for pid in parent:
                p = pid
                while p in parent and p != me:
                    p = parent[p]
                if p != me:
                    continue
                try:
                    for line in Path("/proc", str(pid), "status").read_text().splitlines():
                        if line.startswith("VmHWM:") and pid != me:
                            self.mb = max(self.mb, int(line.split()[1]) / 1024)
                        elif line.startswith("VmRSS:"):
                            held += int(line.split()[1]) / 1024
                except OSError:
                    pass
            self.held_mb = max(self.held_mb, held)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.mb


def measure(folder: str, workers: int, out: str) -> None:
    """Load ``folder`` with ``workers``; write the frames to ``out``/*.parquet and print
    the seconds and peak memory as JSON."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings, one per glyph run
    peak = WorkerPeak()
    t0 = time.perf_counter()
    corpus = govkit.load(folder, workers=workers, progress=False)
    seconds = time.perf_counter() - t0
    workers_mb = peak.stop()
    for name, frame in gen.frames_of(corpus).items():
        frame.write_parquet(Path(out, f"{name}.parquet"))
    print(json.dumps({
        "seconds": seconds,
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_mb": workers_mb}))


#: Starts the measuring processes.  A process inherits the peak RSS of the one that forked
#: it (Linux keeps ru_maxrss across fork and exec), so they are started by this small
#: process, begun before the generated reports and their truth fill ours.
LAUNCHER = """
import json, subprocess, sys
for line in sys.stdin:
    done = subprocess.run(json.loads(line), capture_output=True, text=True)
    print(json.dumps([done.returncode, done.stdout, done.stderr]), flush=True)
"""


class Launcher:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, folder: Path, workers: int, out: Path) -> dict[str, float]:
        """govkit.load of ``folder`` in a fresh process; its seconds and peak memory."""
        out.mkdir(parents=True, exist_ok=True)
        return self.call([sys.executable, __file__, "--measure", str(folder), "--workers",
                          str(workers), "--out", str(out)],
                         f"govkit.load({folder}, workers={workers})")

    def call(self, cmd: list[str], what: str) -> dict[str, float]:
        """Run ``cmd`` in a fresh process; the JSON of its last line of output."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        code, stdout, stderr = json.loads(self.proc.stdout.readline())
        if code != 0:
            raise RuntimeError(f"{what} failed:\n{stderr}")
        return json.loads(stdout.strip().splitlines()[-1])

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def frames(out: Path) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(out / f"{name}.parquet") for name in FRAMES}


def same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> bool:
    return all(a[n].sort(a[n].columns).equals(b[n].sort(b[n].columns)) for n in FRAMES)


# --- the floor ---------------------------------------------------------------------------


def floor(files: list[Path]) -> float | None:
    """Files per second read and decoded (PDF: text extracted with pypdfium2); None for
    PDF when pypdfium2 is not installed."""
    pdf = [f for f in files if f.suffix == ".pdf"]
    if pdf:
        try:
            import pypdfium2 as pdfium
        except ImportError:
            return None
    t0 = time.perf_counter()
    for f in files:
        data = f.read_bytes()
        if f.suffix != ".pdf":
            data.decode("utf-8", errors="replace")
            continue
        doc = pdfium.PdfDocument(data)
        for page in doc:
            page.get_textpage().get_text_range()
        doc.close()
    return len(files) / (time.perf_counter() - t0)


# --- the corpora -------------------------------------------------------------------------


def samples(folder: Path, copies: int) -> dict[str, gen.Expected]:
    """data/ copied ``copies`` times, each copy's sentences its own; the truth of a copy
    is what its original parses to."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = [p for p in sorted((ROOT / "data").rglob("*"))
                 if p.is_file() and p.suffix in (".txt", ".md", ".html", ".pdf")]
    parsed = gen.cells_by_source(gen.frames_of(govkit.load(ROOT / "data", workers=1,
                                                              progress=False)))
    truth: dict[str, gen.Expected] = {}
    for i in range(copies):
        for p in originals:
            name = f"{i:04d}_{p.name}"
            Path(folder, name).write_bytes(p.read_bytes().replace(
                "。".encode(), f"（副本{i}）。".encode()))
            truth[name] = parsed[p.relative_to(ROOT / "data").as_posix()]
    return truth


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in RENDERINGS:
        ap.add_argument(f"--{name}", type=int, default=DEFAULTS[name],
                        help=("copies of data/" if name == "samples" else "reports") +
                        f" (default {DEFAULTS[name]}; 0 skips)")
    ap.add_argument("--only", help="comma-separated renderings to run (default: all)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the first report")
    ap.add_argument("--keep", help="write the generated files here and keep them")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when a cell is read wrong or invented, or 1 and 2 workers differ")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure, args.workers, args.out)
        return 0

    launcher = Launcher()
    chosen = args.only.split(",") if args.only else list(RENDERINGS)
    if "pdf" in chosen and gen.CHROMIUM is None:
        print("pdf: skipped, chromium is not installed (apt-get install chromium)")
        chosen.remove("pdf")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        rows, scores, ok = [], {}, True
        for rendering in chosen:
            n = getattr(args, rendering)
            if n <= 0:
                continue
            folder = base / rendering
            t0 = time.perf_counter()
            if rendering == "samples":
                truth = samples(folder, n)
            else:
                truth = gen.write(folder, rendering, n, seed=args.seed, kinds=gen.KINDS)
            made = time.perf_counter() - t0
            files = sorted(p for p in folder.iterdir() if p.is_file())
            mb = sum(p.stat().st_size for p in files) / 1e6
            one = launcher.run(folder, 1, base / "out" / rendering / "1")
            two = launcher.run(folder, 2, base / "out" / rendering / "2")
            got = frames(base / "out" / rendering / "1")
            identical = same(got, frames(base / "out" / rendering / "2"))
            ok &= identical
            scores[rendering] = gen.score(got, truth)
            rate1, rate2 = len(files) / one["seconds"], len(files) / two["seconds"]
            fl = floor(files)
            rows.append((rendering, len(files), mb, made, rate1, rate2, fl,
                         None if fl is None else fl / rate1, one, two, identical))
            print(f"  {rendering}: {len(files)} files generated in {made:.1f} s, parsed",
                  flush=True, file=sys.stderr)

        launcher.close()
    print(f"{'rendering':<10} {'files':>5} {'MB':>6} {'1 core/s':>9} {'2 cores/s':>9} "
          f"{'floor/s':>9} {'parse/floor':>11} {'peak MB 1w':>10} {'peak MB 2w':>15} "
          f"{'1w = 2w':>7}")
    for (rendering, n, mb, _, r1, r2, fl, ratio, one, two, identical) in rows:
        floor_s = "n/a" if fl is None else f"{fl:,.0f}"
        ratio_s = "n/a" if ratio is None else f"{ratio:,.0f}×"
        print(f"{rendering:<10} {n:>5} {mb:>6.1f} {r1:>9,.1f} {r2:>9,.1f} {floor_s:>9} "
              f"{ratio_s:>11} {one['self_mb']:>10,.0f} "
              f"{two['self_mb']:>6,.0f} + {two['children_mb']:>6,.0f} "
              f"{'yes' if identical else 'NO':>7}")
    print("peak MB: ru_maxrss of the loading process (2w: + its largest worker, VmHWM sampled);"
          " parse/floor: how many times the floor's time the 1-core parse takes")
    print("correctness (1 worker):")
    for rendering, s in scores.items():
        print(f"  {rendering:<9} {s.line()}")
        for example in s.examples[:3]:
            print(f"            e.g. {example}")
        ok &= s.wrong == 0 and s.invented == 0
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
