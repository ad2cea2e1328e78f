"""What a notebook shows a reader who is not a programmer: Markdown text and plain tables.

Both render as HTML in JupyterLab and in exported briefs, and as readable text in their
plain representation — which is what nbval compares, so a changed figure fails a test.
"""

from __future__ import annotations

import html

import polars as pl

NULL_TEXT = "—"


class Markdown:
    """Markdown text a notebook displays as formatted text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def _cell(value: object) -> str:
    if value is None:
        return NULL_TEXT
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class Table:
    """A frame shown as a plain table: its column names as headings, nulls as “—”.

    Example:
        >>> Table(pl.DataFrame({"指标": ["报告份数"], "数值": ["5"]}))
        指标 | 数值
        报告份数 | 5
    """

    def __init__(self, frame: pl.DataFrame, *, caption: str | None = None,
                 empty: str = "（无）") -> None:
        self.frame = frame
        self.caption = caption
        self.empty = empty

    def rows(self) -> list[list[str]]:
        return [[_cell(v) for v in row] for row in self.frame.iter_rows()]

    def _repr_html_(self) -> str:
        esc = html.escape
        caption = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        if self.frame.is_empty():
            return f'<p class="govkit-empty">{esc(self.caption or "")} {esc(self.empty)}</p>'
        head = "".join(f"<th>{esc(c)}</th>" for c in self.frame.columns)
        body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
                       for row in self.rows())
        return (f'<table class="govkit-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        if self.frame.is_empty():
            return "\n".join([*lines, self.empty])
        lines.append(" | ".join(self.frame.columns))
        lines.extend(" | ".join(row) for row in self.rows())
        return "\n".join(lines)
