"""The data dictionary: declared once, held to corpus.SCHEMAS, and the committed Markdown
equal to what the generator writes now."""

from __future__ import annotations

import re

import polars as pl
import pytest
from conftest import ROOT

from govkit import dictionary
from govkit.corpus import SCHEMAS
from govkit.labels import CHECK_LABELS
from govkit.schema import APPLICATION_ROWS, DISCLOSURE_MEASURES

DOC = ROOT / "docs" / "data-dictionary.md"


def test_every_column_of_every_frame_is_documented() -> None:
    assert dictionary.validate() == []


def test_a_column_added_to_the_schemas_without_a_doc_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SCHEMAS, "reviews", {**SCHEMAS["reviews"], "note": pl.String})
    monkeypatch.setitem(SCHEMAS, "appeals", {"report_id": pl.String})
    assert dictionary.validate() == [
        "reviews.note: in corpus.SCHEMAS but not documented in govkit.dictionary.COLUMNS",
        "frame appeals: no description in govkit.dictionary"]
    with pytest.raises(ValueError, match=r"reviews\.note"):
        dictionary.markdown()


def test_an_enum_column_must_list_its_categories_as_codes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    in_order = pl.Enum([r.code for r in APPLICATION_ROWS])
    monkeypatch.setitem(SCHEMAS, "applications", {**SCHEMAS["applications"], "row": in_order})
    assert dictionary.validate() == []
    assert "| `row` | Enum (text in CSV/XLSX) |" in dictionary.markdown()
    shuffled = pl.Enum(sorted(r.code for r in APPLICATION_ROWS))
    monkeypatch.setitem(SCHEMAS, "applications", {**SCHEMAS["applications"], "row": shuffled})
    assert dictionary.validate() == [
        "applications.row: the Enum's categories are not the codes its doc lists"]


def test_the_committed_markdown_is_what_the_generator_writes() -> None:
    assert DOC.read_text(encoding="utf-8") == dictionary.markdown(), (
        "docs/data-dictionary.md is stale: run `govkit dictionary --out docs/data-dictionary.md`")


def test_codes_and_labels_come_from_the_schema() -> None:
    text = dictionary.markdown()
    # every template row with the label schema.py declares, in template order
    rows = re.findall(r"^\| `([a-z_.]+)` \| (.+) \|$",
                      text.split("Codes of `applications.row`:")[1].split("\n\n", 2)[1],
                      flags=re.M)
    assert rows == [(r.code, r.label) for r in APPLICATION_ROWS]
    assert "| `fee_amount` | 本年收费金额（单位：万元） |" in text


def test_units_follow_the_measures() -> None:
    units = dictionary.MEASURE_UNITS
    assert {m for m, u in units.items() if u == "万元"} == {"fee_amount", "procurement_amount"}
    assert units["decisions"] == "件" and units["prior_year"] == "项"
    value = next(e for e in dictionary.entries()
                 if (e.frame, e.column) == ("disclosures", "value"))
    assert value.unit is not None
    for m in DISCLOSURE_MEASURES:
        assert m.code in value.unit


def test_the_label_columns_sit_beside_their_codes() -> None:
    assert dictionary.export_columns("disclosures") == [
        "report_id", "item", "item_label", "measure", "measure_label", "value", "unit",
        "basis", "basis_label", "evidence"]
    assert dictionary.export_columns("findings")[:3] == ["report_id", "check", "check_label"]


def test_every_check_the_package_emits_has_a_label() -> None:
    families = {c.split(".")[0] for c in CHECK_LABELS}
    emitted = set()
    for path in (ROOT / "govkit").rglob("*.py"):
        for code in re.findall(r"\"([a-z]+\.[a-z_]+)\"", path.read_text(encoding="utf-8")):
            if code.split(".")[0] in families:
                emitted.add(code)
    assert len(emitted) > 25
    assert sorted(emitted - set(CHECK_LABELS)) == []


def test_a_new_reader_needs_its_format_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    from govkit.read.readers import READERS

    monkeypatch.setitem(READERS, "epub", READERS["text"])
    assert dictionary.validate() == [
        "reports.format: the codes ['docx', 'html', 'pdf', 'text'] are not the readers "
        "['docx', 'epub', 'html', 'pdf', 'text']"]
