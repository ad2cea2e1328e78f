"""Encodings government sites serve: UTF-8 with or without a BOM, GB18030/GBK, UTF-16,
and whatever an HTML page declares.  A decode that had to repair bytes says so."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import govkit
from govkit.read.decode import declared_charset, decode

GB = Path(__file__).parent / "fixtures" / "gb18030_huaian_2024.txt"  # real text, GB18030
TEXT = GB.read_bytes().decode("gb18030")


def figures(rep: govkit.read.model.ParsedReport) -> dict[tuple[str, str], float | None]:
    return {(f.key1, f.key2): f.value for f in rep.applications + rep.disclosures}


@pytest.mark.parametrize(("data", "encoding"), [
    (GB.read_bytes(), "gb18030"),
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),            # with its BOM
    (TEXT.encode("utf-16-le"), "utf-16-le"),      # without: told by its zero bytes
    (TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_every_encoding_reads_the_same_report(data: bytes, encoding: str) -> None:
    text, used, findings = decode(data)
    assert (text, used, findings) == (TEXT, encoding, [])
    rep = govkit.parse(data, "report.txt")
    assert (rep.organ, rep.year, rep.encoding) == ("淮安市人民政府", 2024, encoding)
    got = figures(rep)
    assert got[("new_received", "total")] == 3119
    assert got[("normative_documents", "repealed")] == 26
    assert got[("carried_forward", "natural_person")] == 103


def test_gbk_is_read_as_gb18030_its_superset() -> None:
    assert decode(TEXT.encode("gbk"))[:2] == (TEXT, "gb18030")


def test_repaired_bytes_are_reported() -> None:
    data = GB.read_bytes()
    broken = data[:200] + b"\xff\xfe\xff" + data[200:]
    _, used, findings = decode(broken)
    assert used == "gb18030"
    assert [f.check for f in findings] == ["decode.repaired"]
    assert int(findings[0].actual or 0) >= 1
    rep = govkit.parse(broken, "report.txt")
    assert "decode.repaired" in [f.check for f in rep.findings]
    assert figures(rep)[("new_received", "total")] == 3119


@pytest.mark.parametrize(("head", "want"), [
    (b'<meta charset="gb2312">', "gb18030"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gb18030"),
    (b"<meta charset='utf-8'>", "utf-8"),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head: bytes, want: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == want


def test_stale_gb_declaration_on_a_utf8_page() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>一、总体情况</p></body></html>'
    text, used, findings = decode(page.encode("utf-8"), declared_charset(page.encode()))
    assert used == "utf-8" and "一、总体情况" in text
    assert [f.check for f in findings] == ["decode.declared_mismatch"]
