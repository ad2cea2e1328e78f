"""Bytes to text: the encodings Chinese government sites actually serve.

UTF-8 with or without a BOM, UTF-16 with a BOM, GB18030 (a superset of GBK and GB2312,
still common on county sites), and whatever an HTML page declares in ``<meta charset>``.
A decode that had to replace undecodable bytes says so in a finding, so a researcher
knows which characters to distrust.
"""

from __future__ import annotations

import codecs
import re

from .model import Finding

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    m = _META.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return _ALIASES.get(name, name)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[Finding]]:
    """Decode report bytes; returns (text, encoding used, findings).

    Order: a byte-order mark wins; then UTF-16 recognised by its zero bytes; then the
    declared charset (``<meta charset>``), unless it names a GB charset and the bytes are
    valid UTF-8 (a stale declaration: GB18030 would turn UTF-8 into plausible nonsense);
    then strict UTF-8; then GB18030; then charset-normalizer's guess, with a finding.
    Bytes nothing decodes cleanly are decoded as UTF-8 or GB18030, whichever loses fewer,
    with the losses replaced by U+FFFD and a finding counting them.

    >>> decode("年度报告".encode("gb18030"))[:2]
    ('年度报告', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "年度报告".encode())[:2]
    ('年度报告', 'utf-8-sig')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _lossy(data, enc)
    wide = _utf16_without_bom(data)
    if wide:
        return _lossy(data, wide)
    findings: list[Finding] = []
    order = ["utf-8", "gb18030"]
    if declared and declared not in order[:1]:
        if declared == "gb18030" and _is_utf8(data):
            findings.append(Finding(
                "decode.declared_mismatch", "file",
                f"网页声明编码为 {declared}，实际为 UTF-8，按 UTF-8 解码 (the page declares "
                f"{declared} but its bytes are UTF-8; decoded as UTF-8)"))
        else:
            order.insert(0, declared)
    for enc in order:
        try:
            return data.decode(enc), enc, findings
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # lazy: only damaged files pay for it

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            return text, best.encoding, [*findings, Finding(
                "decode.guessed", "file",
                f"编码不明，按 {best.encoding} 解码 (encoding not declared; decoded as "
                f"{best.encoding} by detection)")]
    options = [_lossy(data, enc) for enc in ("utf-8", "gb18030")]
    text, enc, repaired = min(options, key=lambda o: o[0].count("\ufffd"))
    return text, enc, findings + repaired


def _lossy(data: bytes, enc: str) -> tuple[str, str, list[Finding]]:
    """Decode, replacing what cannot be decoded; a finding counts the replacements."""
    text = data.decode(enc, errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return text, enc, []
    return text, enc, [Finding(
        "decode.repaired", "file",
        f"{bad} 处字节按 {enc} 无法解码，已替换为 U+FFFD，这些位置的文字不可信 ({bad} byte "
        f"sequences undecodable as {enc} were replaced by U+FFFD; distrust the text there)",
        actual=str(bad))]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM.  Its ASCII characters (digits, spaces, line breaks,
    plenty even in Chinese text) leave every other byte zero; UTF-8 and GB18030 text has
    no zero bytes at all."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 4 and even * 4 <= odd:
        return "utf-16-le"
    if even >= 4 and odd * 4 <= even:
        return "utf-16-be"
    return None
