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

    Order: a BOM wins; then the declared charset; then strict UTF-8; then GB18030; then
    charset-normalizer's best guess; last, UTF-8 with replacement and a finding.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, []
    tried: list[str] = []
    for enc in (declared, "utf-8", "gb18030"):
        if not enc or enc in tried:
            continue
        tried.append(enc)
        try:
            return data.decode(enc), enc, []
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # lazy: only damaged files pay for it

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        return str(best), best.encoding, [Finding(
            "decode.guessed", "file",
            f"编码不明，按 {best.encoding} 解码 (encoding not declared; decoded as "
            f"{best.encoding} by detection)")]
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, "utf-8", [Finding(
        "decode.repaired", "file",
        f"{bad} 个字节无法解码，已替换为 U+FFFD ({bad} undecodable byte sequences replaced)",
        actual=str(bad))]
