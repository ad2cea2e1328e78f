"""The briefs of data/, written once per test run by the real command, ``govkit brief``.

Several test modules look at the same briefs (their files, their figures, how a browser
shows them); running the batch once keeps the suite fast.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import DATA, ROOT


@dataclass(frozen=True)
class Batch:
    out: Path
    proc: subprocess.CompletedProcess[str]
    seconds: float


@functools.cache
def sample_briefs() -> Batch:
    """``govkit brief data --out <tmp>`` — the default: one brief per organ and the corpus."""
    tmp = Path(tempfile.mkdtemp(prefix="govkit-briefs-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "reports_out"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govkit", "brief", str(DATA), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)
    return Batch(out, proc, time.perf_counter() - start)
