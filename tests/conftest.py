"""Shared fixtures: the sample corpus in data/ and the shared gold beside the repo; the
Hypothesis profiles.

Two profiles, chosen by ``HYPOTHESIS_PROFILE``:

- ``deterministic`` (the default, ``make test``): the same examples on every run and
  every machine — derandomized, no example database (a failure found once is not replayed
  by a later run on that machine only), no deadline (a slow machine does not fail a
  test).  Without it, Hypothesis draws new examples on each run locally but loads its own
  derandomized "ci" profile where ``CI`` is set, so the same commit could pass in CI and
  fail on a laptop.  A failing run prints the example and a ``@reproduce_failure`` blob.
- ``fuzz`` (``make fuzz``): random, :data:`FUZZ_FACTOR` times the examples, with the
  example database in .hypothesis/ so that a failure it found is tried first next time.

Tests that set their own budget write ``max_examples=examples(n)``, so the fuzz profile
scales them too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govkit

FUZZ_FACTOR = 25
settings.register_profile(
    "deterministic", derandomize=True, max_examples=100, database=None, deadline=None,
    print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fuzz", derandomize=False, max_examples=100 * FUZZ_FACTOR, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "deterministic")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """A test's example budget under the loaded profile: ``n`` for ``make test``."""
    return n * FUZZ_FACTOR if PROFILE == "fuzz" else n


ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
#: The five seed reports the project was created from (one year each); data/pingtan/
#: holds a real multi-year series.  Tests about the seeds' figures load SEEDS.
SEEDS = DATA / "seeds"
SHARED = ROOT.parent / "shared"


def shared_file(name: str) -> Path:
    """A report of ../shared/corpus, or a skip where CI's shared folder is not beside us."""
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip("../shared/corpus is not beside the repo")
    return path


@pytest.fixture(scope="session")
def corpus() -> govkit.Corpus:
    """The five seed reports of data/seeds/."""
    return govkit.load(SEEDS)


@pytest.fixture(scope="session")
def ids(corpus: govkit.Corpus) -> dict[str, str]:
    """report_id by the seed's number ("000" … "004"); the Pingtan series (data/pingtan/)
    by its file name ("pingtan/300_shs_2019.txt")."""
    return {src if "/" in src else src[:3]: rid
            for rid, src in corpus.reports.select("report_id", "source").iter_rows()}
