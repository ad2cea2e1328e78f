"""The intermediate form every reader produces, and what a parse returns.

Readers turn bytes of any rendering (text, HTML, DOCX, PDF) into a :class:`Document`: a
list of lines, each either running text or a row of table cells.  Everything after the
reader (sections, template tables, checks) reads only this form, so the template logic
is written once whatever the rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(slots=True)
class Line:
    """One line of the document: a paragraph (one cell) or a table row (several cells).

    ``grid`` is true when the reader knows the table's true cells (HTML, DOCX and PDF
    tables, merged cells placed on the grid and given once, where they start; see
    :mod:`govkit.read.readers.grid`): then a blank cell is a printed blank.  Text renderings
    lose that, so their leading and trailing empty cells are layout, not data.
    ``where`` says where in the source the line came from (line number, page, table).
    """

    cells: list[str]
    where: str
    table: bool = False
    grid: bool = False

    @property
    def text(self) -> str:
        return " | ".join(c for c in self.cells if c.strip()) if self.table else self.cells[0]


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a careful reader would flag: a broken identity, a missing cell, …"""

    check: str
    scope: str
    message: str
    expected: str | None = None
    actual: str | None = None


@dataclass(slots=True)
class Document:
    lines: list[Line]
    findings: list[Finding] = field(default_factory=list)
    encoding: str = "utf-8"


class Figure(NamedTuple):
    """One figure of a template table, with where it came from and how it was read.

    ``basis`` is "printed", "blank_zero", "derived" or "missing" (see SCHEMA.md).
    A named tuple, not a dataclass: a corpus makes hundreds of them per report.
    """

    key1: str
    key2: str
    value: float | None
    basis: str
    evidence: str | None


class Who(NamedTuple):
    """Who and where the organ is (:mod:`govkit.read.organ_kinds`): its kind and level, its
    province, city and county, and how those were found or why they are null.  The
    fields are the ``reports`` columns of the same names."""

    kind: str | None = None
    level: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_basis: str | None = None


#: Nothing known of who or where (no organ name).
NOBODY = Who()


@dataclass(slots=True)
class ParsedReport:
    """Everything govkit reads from one file; a pure function of the file's bytes."""

    report_id: str
    organ: str | None = None
    year: int | None = None
    template: str | None = None
    status: str = "ok"
    title: str | None = None
    encoding: str | None = None
    fmt: str | None = None
    applications: list[Figure] = field(default_factory=list)
    reviews: list[Figure] = field(default_factory=list)
    disclosures: list[Figure] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, scope, text)
    #: Rows printed without cell boundaries that read several ways, as (table, scope,
    #: reading number, key1, key2, value): the ``readings`` frame.
    readings: list[tuple[str, str, int, str, str, float]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The report's prose as (section numeral, chars, digest), in order: see
    #: :mod:`govkit.read.passages` (what :func:`govkit.copies` compares across reports).
    passages: list[tuple[str, int, int]] = field(default_factory=list)
    #: The accounting identities of the report: how many the template defines for the
    #: tables it prints, how many could be evaluated (every term known) and how many of
    #: those are broken.  ``possible - checked`` were left unevaluated by null cells.
    identities_possible: int = 0
    identities_checked: int = 0
    identities_broken: int = 0
    who: Who = NOBODY
