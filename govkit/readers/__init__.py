"""One reader per rendering, all producing the same :class:`~govkit.model.Document`.

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
    """Name the rendering of a file: its extension first, then its first bytes."""
    lower = name.lower()
    head = data[:2048].lstrip().lower()
    if (lower.endswith((".html", ".htm", ".shtml", ".xhtml")) or head.startswith(b"<!doctype html")
            or head.startswith(b"<html")) and "html" in READERS:
        return "html"
    if (lower.endswith(".pdf") or data.startswith(b"%PDF")) and "pdf" in READERS:
        return "pdf"
    if (lower.endswith(".docx") or data.startswith(b"PK\x03\x04")) and "docx" in READERS:
        return "docx"
    return "text"
