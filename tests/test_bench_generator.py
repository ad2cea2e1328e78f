"""The benchmark's generator (tests/synth_corpus.py): its reports parse to their truth.

A few reports of every rendering, from fixed seeds.  Should one stop parsing exactly,
either the generator no longer prints what the template prints or the parser regressed;
either way `make bench` would be measuring the wrong thing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import synth_corpus as gen

import govkit
from govkit.schema import APPLICANTS, OUTCOME_ROWS

FAST = ("text", "markdown", "html")


@pytest.mark.parametrize("seed", [0, 1, 7, 12])
def test_figures_obey_the_identities(seed: int) -> None:
    r = gen.draw(seed)
    apps, reviews = r.truth.apps, r.truth.reviews
    for a in APPLICANTS:
        assert apps[("new_received", a)] + apps[("carried_over", a)] == (
            apps[("total_processed", a)] + apps[("carried_forward", a)])
        assert apps[("total_processed", a)] == sum(apps[(row, a)]
                                                   for row in OUTCOME_ROWS[r.template])
    for row in {row for row, _ in apps}:
        assert apps[(row, "total")] == sum(apps[(row, a)] for a in APPLICANTS[:-1])
    for p in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        assert reviews[(p, "total")] == sum(reviews[(p, x)]
                                            for x in ("upheld", "corrected", "other", "pending"))


def test_reports_are_distinct_and_cover_both_templates() -> None:
    reports = [gen.draw(seed) for seed in range(40)]
    assert {r.template for r in reports} == {"2019", "2021"}
    assert len({tuple(sorted(r.truth.apps.items())) for r in reports}) == 40
    assert len({r.organ for r in reports}) > 30


@pytest.mark.parametrize("rendering", FAST)
def test_rendering_parses_to_the_truth(rendering: str, tmp_path: Path) -> None:
    truth = gen.write(tmp_path, rendering, 8, seed=100)
    s = gen.score(gen.frames_of(govkit.load(tmp_path, workers=1, progress=False)), truth)
    assert s.reports == 8
    assert (s.wrong, s.missed, s.invented, s.exact, s.meta_right) == (0, {}, 0, 8, 8), s.examples


def test_crawler_text_is_never_misread(tmp_path: Path) -> None:
    # Glued figures are split only where the identities pin them (section 二 has none),
    # else they stay null; a figure read is the true one.
    truth = gen.write(tmp_path, "crawler", 8, seed=100, kinds=("street", "bureau"))
    s = gen.score(gen.frames_of(govkit.load(tmp_path, workers=1, progress=False)), truth)
    assert (s.wrong, s.invented, s.meta_right) == (0, 0, 8), s.examples
    assert s.right > 0.95 * (s.right + sum(s.missed.values()))


@pytest.mark.skipif(gen.CHROMIUM is None, reason="chromium is not installed")
def test_pdf_parses_to_the_truth(tmp_path: Path) -> None:
    truth = gen.write(tmp_path, "pdf", 2, seed=100)
    s = gen.score(gen.frames_of(govkit.load(tmp_path, workers=1, progress=False)), truth)
    assert (s.wrong, s.invented, s.meta_right) == (0, 0, 2), s.examples
    assert s.right > 0.98 * (s.right + sum(s.missed.values()))
