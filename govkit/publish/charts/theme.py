"""The look every govkit chart shares: CJK fonts, colours that mean something, static SVG.

A chart module builds plain Altair charts and takes its fonts, colours and helpers from
here; a notebook calls :func:`use` once.  :func:`use` registers the ``govkit`` Altair
theme and, by default, a renderer that turns each chart into SVG with vl-convert — no
JavaScript, no CDN, so a brief exported to HTML shows its charts offline.  The SVG keeps
the charts' tooltips as ``<title>`` elements, which browsers show on hover.

Example:
    >>> from govkit import charts
    >>> charts.use()                    # static SVG, CJK fonts
    >>> charts.use("interactive")       # charts with tooltips in JupyterLab, offline
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any, cast

import altair as alt
import polars as pl

#: CJK-capable families in order of preference: Debian's fonts-wqy-microhei (what
#: ``make`` installs and vl-convert measures text with), Noto/Source Han on other Linux,
#: then what macOS and Windows readers have.  A brief's SVG names the whole stack, so a
#: reader's browser picks the first font it has.
FONT_STACK: tuple[str, ...] = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "sans-serif")
FONT = ", ".join(FONT_STACK)

#: Colours with a meaning, used the same way in every chart.
MISSING = "#9e9e9e"      # a figure the report does not print or that cannot be read
ZERO = "#616161"         # labels of figures that are really 0
ACCENT = "#1f5fa8"       # one measure, no categories
GOOD = "#2e7d32"
BAD = "#c62828"
WARN = "#ef6c00"

#: Section 三 outcome groups: granting greens, refusing reds/oranges, neutral greys.
OUTCOME_COLORS: dict[str, str] = {
    "granted": GOOD, "partially_granted": "#81c784", "denied": BAD,
    "unable": WARN, "not_processed": "#8d6e63", "other": "#b0bec5",
}
#: Section 四 results: upheld blue, corrected (the organ lost) red, pending yellow.
RESULT_COLORS: dict[str, str] = {
    "upheld": "#4e79a7", "corrected": "#e15759", "other": "#bab0ac", "pending": "#f1ce63",
}
#: Applicants: natural persons stand out; the five kinds of organisation share blues.
APPLICANT_COLORS: dict[str, str] = {
    "natural_person": "#f28e2b", "commercial_enterprise": "#08519c",
    "research_institution": "#3182bd", "social_welfare_org": "#6baed6",
    "legal_service_org": "#9ecae1", "other_org": "#c6dbef",
}
#: Findings by how much of a report they put in doubt.
CHECK_FAMILY_COLORS: dict[str, str] = {
    "parse": "#7f0000", "table": "#c62828", "identity": "#ef6c00",
    "narrative": "#f9a825", "continuity": "#00897b", "section": "#8d6e63",
    "template": "#5c6bc0",
}

MISSING_TEXT = "未印/无法读取"
#: What a chart function returns: one chart, layered, faceted or side by side.
AnyChart = alt.Chart | alt.LayerChart | alt.FacetChart | alt.HConcatChart
WIDTH = 560


def _theme() -> alt.theme.ThemeConfig:
    text = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 12}
    return cast(alt.theme.ThemeConfig, {"config": {
        "font": FONT,
        "background": "white",
        # Vega estimates text widths narrower than CJK glyphs are, so labels written
        # after the longest bar need room the layout does not reserve by itself.
        "padding": {"left": 5, "top": 5, "bottom": 5, "right": 48},
        "view": {"stroke": None, "continuousWidth": WIDTH},
        "title": {"font": FONT, "subtitleFont": FONT, "fontSize": 15, "subtitleFontSize": 11,
                  "subtitleColor": "#555555", "anchor": "start", "offset": 12},
        "axis": {**text, "labelLimit": 260, "gridColor": "#eeeeee", "domainColor": "#888888",
                 "tickColor": "#888888", "titleFontWeight": "normal"},
        "legend": {**text, "labelLimit": 260, "orient": "bottom", "direction": "horizontal",
                   "columns": 3, "titleFontWeight": "normal", "symbolType": "square"},
        "header": {**text, "labelFontSize": 12},
        "text": {"font": FONT, "fontSize": 11},
        "bar": {"continuousBandSize": 16},
    }})


alt.theme.register("govkit", enable=False)(_theme)


def _titles(spec: Mapping[str, Any]) -> str:
    t = spec.get("title")
    if isinstance(t, Mapping):
        t = t.get("text")
    if isinstance(t, list):
        t = " ".join(map(str, t))
    return str(t) if t else "图表"


_ARIA_ELEMENT = re.compile(r'<(\w+)([^<>]*?\saria-label="([^"]*)"[^<>]*?)/>')


def _with_hover_titles(svg: str) -> str:
    # Vega writes each mark's tooltip into aria-label; a <title> child makes browsers
    # show it on hover, so the offline SVG keeps the tooltips of the interactive chart.
    return _ARIA_ELEMENT.sub(lambda m: f"<{m[1]}{m[2]}><title>{m[3]}</title></{m[1]}>", svg)


def _svg_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    import vl_convert as vlc

    version = "_".join(alt.VEGALITE_VERSION.split(".")[:2])
    svg = vlc.vegalite_to_svg(spec, vl_version=version)
    return {"image/svg+xml": _with_hover_titles(svg),
            "text/plain": f"<图表：{html.unescape(_titles(spec))}>"}


alt.renderers.register("govkit-svg", _svg_renderer)


def _interactive_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    # Altair's own HTML loads vega-embed from a CDN; vl-convert bundles it into the page
    # (about 1 MB).  Each chart gets its own iframe: bundled scripts on one page clash.
    import vl_convert as vlc

    version = "_".join(alt.VEGALITE_VERSION.split(".")[:2])
    page = vlc.vegalite_to_html(spec, vl_version=version, bundle=True, renderer="svg")
    size = re.search(r'width="(\d+)" height="(\d+)"', vlc.vegalite_to_svg(spec, vl_version=version))
    width, height = (int(size[1]) + 40, int(size[2]) + 30) if size else (WIDTH + 240, 400)
    frame = (f'<iframe srcdoc="{html.escape(page)}" width="{width}" height="{height}" '
             f'style="border:0" title="{html.escape(_titles(spec))}"></iframe>')
    return {"text/html": frame, "text/plain": f"<图表：{html.unescape(_titles(spec))}>"}


alt.renderers.register("govkit-interactive", _interactive_renderer)


def use(renderer: str = "svg") -> None:
    """Use the govkit theme, and render charts as static SVG (default) or ``renderer``.

    Args:
        renderer: "svg" for static SVG with hover titles (what the briefs use; JupyterLab
            shows SVG as an image, without tooltips); "interactive" for offline Vega
            charts with tooltips in JupyterLab (vl-convert bundles the JavaScript, about
            1 MB per chart); any other Altair renderer name ("png", "default" …) as is.
    """
    alt.theme.enable("govkit")
    alt.renderers.enable({"svg": "govkit-svg", "interactive": "govkit-interactive"}
                         .get(renderer, renderer))


def svg(chart: AnyChart) -> str:
    """A chart as the SVG text the ``svg`` renderer shows (for files and tests)."""
    with alt.theme.enable("govkit"):
        return _svg_renderer(chart.to_dict())["image/svg+xml"]


def scale(colors: Mapping[str, str], labels: Mapping[str, str] | None = None,
          keys: Sequence[str] | None = None) -> alt.Scale:
    """A colour scale fixing each category's colour, in the mapping's order.

    With ``labels`` the domain is the labels (what the chart's field holds) in the order
    of ``keys`` (default: the colour mapping's keys).
    """
    keys = list(keys if keys is not None else colors)
    domain = [labels[k] for k in keys] if labels is not None else keys
    return alt.Scale(domain=domain, range=[colors[k] for k in keys])


def title(text: str, subtitle: str | Sequence[str] | None = None) -> alt.TitleParams:
    """A chart title with an optional subtitle (a definition, a caveat)."""
    if subtitle is None:
        return alt.TitleParams(text)
    return alt.TitleParams(text, subtitle=list(subtitle) if not isinstance(subtitle, str)
                           else subtitle)


def empty(message: str, heading: str) -> alt.Chart:
    """A chart saying why there is nothing to draw, instead of a blank box."""
    return (alt.Chart(alt.Data(values=[{"m": message}]))
            .mark_text(color=MISSING, fontSize=13, align="left", x=0, y=12)
            .encode(text="m:N")
            .properties(title=title(heading), width=WIDTH, height=30))


def missing_note(n_missing: int, what: str = "数字") -> str:
    """The caveat printed under a chart when some figures are missing."""
    if not n_missing:
        return f"所有{what}均有记录；0 表示报告印为 0。"
    return (f"灰色“{MISSING_TEXT}”：{n_missing} 个{what}报告未印或无法读取，"
            f"不等于 0，也未计入合计。")


def height(n_rows: int, per_row: int = 24) -> int:
    """A chart height giving each bar row the same room, whatever the selection."""
    return max(per_row * 2, per_row * n_rows)


def shown(value: pl.Expr, fmt: str = "{}") -> pl.Expr:
    """The text printed beside a bar: the figure, or :data:`MISSING_TEXT` when null."""
    return (pl.when(value.is_null()).then(pl.lit(MISSING_TEXT))
            .otherwise(pl.format(fmt, value)))


def report_axis(labels: Sequence[str], field: str = "label", *, axis: bool = True) -> alt.Y:
    """The y axis of one bar per report, in the given order; named “报告” in tooltips."""
    return alt.Y(f"{field}:N", sort=list(labels), title="报告",
                 axis=alt.Axis(title=None, labelLimit=260) if axis else None)


def stack_totals(data: pl.DataFrame, by: Sequence[str], fmt: str = "{}") -> pl.DataFrame:
    """Per-bar totals of a stacked chart of ``count``: ``known`` (the sum of the printed
    parts), ``n_missing`` (parts not printed), the ``text`` written beside the bar —
    :data:`MISSING_TEXT` when no part is printed — and a ``missing`` flag."""
    n_missing = pl.col("n_missing")
    return (data.group_by(*by, maintain_order=True)
            .agg(pl.col("count").sum().alias("known"), pl.col("count").null_count()
                 .alias("n_missing"), pl.len().alias("n_parts"))
            .with_columns(
                pl.when(n_missing == pl.col("n_parts")).then(pl.lit(MISSING_TEXT))
                .when(n_missing > 0).then(pl.format(fmt + "（{} 项未印）", "known", "n_missing"))
                .otherwise(pl.format(fmt, "known")).alias("text"),
                (n_missing > 0).alias("missing")))


def rate_labels(data: pl.DataFrame, parts: tuple[str, str] | None = None) -> pl.DataFrame:
    """``data`` with the ``text`` written beside a rate bar — "12.5%", or with ``parts``
    "12.5%（1/8）" — or, where the rate is null, its ``note``; and a ``missing`` flag."""
    pct = (pl.col("rate") * 100).round(1)
    shown = (pl.format("{}%", pct) if parts is None
             else pl.format("{}%（{}/{}）", pct, *parts))
    return data.with_columns(
        pl.when(pl.col("rate").is_null()).then(pl.col("note")).otherwise(shown).alias("text"),
        pl.col("rate").is_null().alias("missing"))


def value_labels(base: alt.Chart, *, y: alt.Y, x: str, text: str = "text",
                 missing: str = "missing") -> alt.Chart:
    """Figures written at the end of each bar; missing ones in grey, at the axis.

    ``base`` is the bar chart's data (``alt.Chart(frame)``); ``x`` the column holding the
    bar end (null for a missing figure, drawn at 0); ``missing`` a boolean column.
    """
    return (base.mark_text(align="left", dx=4, baseline="middle")
            .transform_calculate(_pos=f"datum['{x}'] == null ? 0 : datum['{x}']")
            .encode(y=y, x=alt.X("_pos:Q"), text=alt.Text(f"{text}:N"),
                    color=alt.condition(f"datum['{missing}']", alt.value(MISSING),
                                        alt.value(ZERO))))


def count_axis(field: str, title: str, top: Any) -> alt.X:
    """An x axis of counts starting at 0, whole-number ticks, never collapsed to a point
    when every figure is 0 (``top`` is the largest value drawn, None if none)."""
    top = max(1, int(top or 0))
    # Few ticks would fall between whole numbers and print as duplicates: list them.
    ticks = alt.Axis(format="d", values=list(range(top + 1))) if top < 10 else alt.Axis(
        format="d", tickMinStep=1)
    return alt.X(field, title=title, scale=alt.Scale(domain=[0, top], nice=True), axis=ticks)


def year_lines(x: alt.X, y: alt.Y, color: Any, detail: str, tooltip: list[alt.Tooltip]
               ) -> tuple[alt.Chart, alt.Chart]:
    """A line per ``detail`` across the years, broken where ``value`` is null (never
    dropped to 0), and a point at each year with a value, carrying the ``hover`` column
    and ``tooltip``; layer them over the data.

    The offline SVG's hover title is each mark's description: the points carry it, a line
    (which would describe its first point only) carries none.
    """
    base = alt.Chart()
    lines = base.mark_line(invalid="break-paths-show-domains", aria=False).encode(
        x=x, y=y, color=color, detail=detail)
    points = base.transform_filter("datum.value != null").mark_point(
        filled=True, size=45).encode(
        x=x, y=y, color=color, description="hover:N", tooltip=tooltip)
    return lines, points
