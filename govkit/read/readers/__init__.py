"""One reader per rendering, all producing the same :class:`~govkit.read.model.Document`.

A reader is a function ``bytes -> Document``.  :func:`sniff` picks one from the file's
name and first bytes; adding a format is one module and one line in :data:`READERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from . import docx, html, pdf, text

Reader = Callable[[bytes], Document]

READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "pdf": pdf.read,
    "docx": docx.read,
}


def sniff(data: bytes, name: str = "") -> str:
    """Name the rendering of a file: its extension first, then its first bytes.

    >>> sniff(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff(b"\\xef\\xbb\\xbf  <div><p>one</p></div>", "page")
    'html'
    """
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")):
        return "html"
    if lower.endswith(".pdf") or data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if lower.endswith(".docx") or (data.startswith(b"PK\x03\x04")
                                   and b"word/document.xml" in data[-(1 << 16):]):
        return "docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and any(tag in head for tag in _HTML_TAGS):
        return "html"
    return "text"


_HTML_TAGS = (b"<html", b"<body", b"<head", b"<meta", b"<div", b"<table", b"<p>", b"<p ",
              b"<!doctype html")
