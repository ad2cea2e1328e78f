"""Shared fixtures: the sample corpus in data/ and the shared gold beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

import govkit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def shared_file(name: str) -> Path:
    """A report of ../shared/corpus, or a skip where CI's shared folder is not beside us."""
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip("../shared/corpus is not beside the repo")
    return path


@pytest.fixture(scope="session")
def corpus() -> govkit.Corpus:
    return govkit.load(DATA)


@pytest.fixture(scope="session")
def ids(corpus: govkit.Corpus) -> dict[str, str]:
    """report_id by the seed's number ("000" … "004")."""
    return {src[:3]: rid for rid, src in corpus.reports.select("report_id", "source").iter_rows()}
