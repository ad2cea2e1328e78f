"""Continuity across an organ's consecutive years (placeholder, filled in below)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Corpus


def apply(corpus: Corpus) -> Corpus:
    return corpus
