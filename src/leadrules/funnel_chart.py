"""Funnel pictures as plain SVG (or an HTML page around it).

Why hand-written SVG: a funnel is a handful of rectangles and labels and an
over-time report a stacked bar chart, so a plotting library (matplotlib,
plotly …) would add a heavy dependency for a few dozen elements.  SVG built
with :mod:`xml.etree.ElementTree` escapes every label (stage names and field
values come from users and may hold ``<`` or ``&``), opens in any browser,
embeds in HTML, and renders Japanese text with the viewer's fonts (the
font list names common CJK fonts before the generic ``sans-serif``).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .errors import Diagnostic, UsageError
from .output import duration_text, percent, period_label, plural, terminal_text
from .output import width as text_width

if TYPE_CHECKING:
    # Only for the type checker: the funnel module draws its reports with this
    # one (lazily), so this one reads them by shape, not by class.
    from typing import TypeAlias

    from .funnel import Bin, FunnelBreakdown, FunnelOverTime, FunnelReport

    Chartable: TypeAlias = FunnelReport | FunnelBreakdown | FunnelOverTime

SVG_NS = "http://www.w3.org/2000/svg"
FONT = ("'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, "
        "'Helvetica Neue', Arial, sans-serif")
PALETTE = ("#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#d62728", "#17becf", "#8c564b",
           "#e377c2", "#bcbd22", "#7f7f7f")
CHART_SUFFIXES = (".svg", ".html", ".htm")

_CHAR = 7.2  # px per narrow character at 13px; wide (CJK) characters count twice
_ROW = 46
_BAR_AREA = 380


def _text(parent: ET.Element, x: float, y: float, content: str, *, size: int = 13,
          anchor: str = "start", weight: str = "normal", fill: str = "#222") -> ET.Element:
    el = ET.SubElement(parent, "text", {
        "x": _n(x), "y": _n(y), "font-size": str(size), "text-anchor": anchor,
        "font-weight": weight, "fill": fill, "dominant-baseline": "middle"})
    # Labels come from the data (a stage's field value, a company): a control
    # character is no XML (the file would not parse); shown as its escape.
    el.text = terminal_text(content)
    return el


def _rect(parent: ET.Element, x: float, y: float, w: float, h: float, fill: str,
          title: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, "rect", {"x": _n(x), "y": _n(y), "width": _n(max(w, 0)),
                                        "height": _n(h), "fill": fill, "rx": "3"})
    if title is not None:
        ET.SubElement(el, "title").text = terminal_text(title)  # a tooltip in browsers
    return el


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float) -> ET.Element:
    root = ET.Element("svg", {
        "xmlns": SVG_NS, "width": _n(width), "height": _n(height),
        "viewBox": f"0 0 {_n(width)} {_n(height)}", "font-family": FONT})
    _rect(root, 0, 0, width, height, "#ffffff").set("rx", "0")
    return root


def _label_width(labels: Sequence[str]) -> float:
    return max([60.0, *(text_width(s) * _CHAR for s in labels)]) + 16


# ------------------------------------------------------------------- funnels


def funnel_svg(panels: Sequence[tuple[str, FunnelReport]],
               targets: Mapping[str, int] | None = None) -> ET.Element:
    """One funnel per panel: centred bars as wide as their count, with the
    count, the step rate and the overall rate beside each bar; with
    ``targets`` (``{"won": 10}``) the back-calculation too: the leads needed
    at each stage."""
    names = [s.name for _, r in panels for s in r.stages]
    left = _label_width(names)
    needs = [_needs(r, targets) for _, r in panels]
    details = [_stage_detail(r, k, need) for (_, r), need in zip(panels, needs, strict=True)
               for k in range(len(r.stages))]
    right = max([160.0, *(text_width(d) * _CHAR for d in details)]) + 16
    hist = any(s.time_to_convert is not None for _, r in panels for s in r.stages)
    width = left + _BAR_AREA + right + 24 + (_HIST_W + 16 if hist else 0)
    height = 16 + sum(40 + _ROW * len(r.stages) for _, r in panels)
    root = _svg(width, height)
    y = 16.0
    for (title, report), need in zip(panels, needs, strict=True):
        _text(root, 16, y + 12, title, size=15, weight="bold")
        y += 40
        top = max(report.stages[0].count, 1) if report.stages else 1
        for k, stage in enumerate(report.stages):
            bar = _BAR_AREA * stage.count / top
            colour = PALETTE[k % len(PALETTE)]
            x = left + (_BAR_AREA - bar) / 2
            _rect(root, x, y + 4, bar, _ROW - 12, colour,
                  f"{stage.name}: {plural(stage.count, 'lead')}, {percent(stage.rate)} of the "
                  f"previous stage, {percent(stage.overall)} of the first")
            _text(root, left - 10, y + _ROW / 2 - 2, stage.name, anchor="end")
            _text(root, left + _BAR_AREA + 12, y + _ROW / 2 - 2, _stage_detail(report, k, need))
            if stage.time_to_convert is not None:
                _histogram(root, left + _BAR_AREA + right, y + 4, stage.name,
                           stage.time_to_convert.histogram, colour)
            y += _ROW
    return root


_HIST_W = 96.0


def _histogram(root: ET.Element, x: float, y: float, name: str, bins: Sequence[Bin],
               colour: str) -> None:
    """The time-to-convert histogram of a stage: one small bar per bin, each
    with its range and count as a tooltip."""
    if not bins:
        return
    height = _ROW - 12
    most = max(b.leads for b in bins) or 1
    step = _HIST_W / len(bins)
    for i, b in enumerate(bins):
        h = height * b.leads / most
        span = (f"{duration_text(dt.timedelta(seconds=b.start))}–"
                f"{duration_text(dt.timedelta(seconds=b.end))}")
        _rect(root, x + i * step, y + height - h, max(step - 1, 1), h, colour,
              f"{name}: {plural(b.leads, 'lead')} converted in {span}")


def _needs(report: FunnelReport, targets: Mapping[str, int] | None
           ) -> dict[str, int | None] | None:
    if not targets:
        return None
    try:
        return report.required(**targets)
    except UsageError:  # a stage this panel lacks: no back-calculation here
        return None


def _stage_detail(report: FunnelReport, k: int,
                  need: Mapping[str, int | None] | None = None) -> str:
    s = report.stages[k]
    text = f"{s.count:,}"
    if k > 0:
        # SVG collapses runs of spaces, so the parts are joined with dots.
        text += f" · {percent(s.rate)} of previous · {percent(s.overall)} overall"
        if s.time_to_convert is not None:
            text += f" · median {duration_text(s.time_to_convert.median)}"
    if need is not None and s.name in need:
        n = need[s.name]
        text += f" · need {'-' if n is None else f'{n:,}'}"
    return text


# ----------------------------------------------------------------- over time


def over_time_svg(over: FunnelOverTime) -> ET.Element:
    """A stacked bar per period: the leads by the furthest stage they reached as
    of the period's end (the bars' total is the first stage's count)."""
    stages = over.stage_names
    n = len(over.periods)
    plot_w = max(360.0, 56.0 * n)
    legend_w = _label_width(stages) + 24
    left, top, bottom = 64.0, 48.0, 56.0
    plot_h = 300.0
    width = left + plot_w + legend_w + 24
    height = top + plot_h + bottom
    root = _svg(width, height)
    _text(root, 16, 22, f"funnel {over.funnel} by {over.every}: leads by furthest stage",
          size=15, weight="bold")
    peak = max([1, *(p.report.stages[0].count for p in over.periods if p.report.stages)])
    scale_top = _nice_ceiling(peak)
    _axis(root, left, top, plot_w, plot_h, scale_top)
    slot = plot_w / max(n, 1)
    bar_w = min(40.0, slot * 0.7)
    for i, period in enumerate(over.periods):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        counts = [s.count for s in period.report.stages]
        for k in range(len(counts) - 1, -1, -1):
            only = counts[k] - (counts[k + 1] if k + 1 < len(counts) else 0)
            h = plot_h * only / scale_top
            y -= h
            _rect(root, x, y, bar_w, h, PALETTE[k % len(PALETTE)],
                  f"{stages[k]}: {plural(only, 'lead')} furthest here, {counts[k]} reached "
                  f"(+{period.entered[k]} entered)").set("rx", "0")
        label = period_label(period.start, over.every, over.tz)
        _text(root, x + bar_w / 2, top + plot_h + 16, label, size=11, anchor="middle")
        _text(root, x + bar_w / 2, y - 9, f"{counts[0]:,}" if counts else "", size=10,
              anchor="middle", fill="#555")
    lx = left + plot_w + 24
    for k, name in enumerate(stages):
        ly = top + 12 + 22 * k
        _rect(root, lx, ly - 7, 14, 14, PALETTE[k % len(PALETTE)])
        _text(root, lx + 20, ly, name, size=12)
    return root


def _axis(root: ET.Element, left: float, top: float, w: float, h: float, peak: int) -> None:
    for i in range(5):
        value = peak * i / 4
        y = top + h - h * i / 4
        ET.SubElement(root, "line", {"x1": _n(left), "x2": _n(left + w), "y1": _n(y),
                                     "y2": _n(y), "stroke": "#ddd"})
        _text(root, left - 8, y, f"{value:,.0f}", size=11, anchor="end", fill="#555")


def _nice_ceiling(value: int) -> int:
    """The next round number (1, 2, 2.5, 5 × 10^k) at or above ``value``, divisible by 4."""
    magnitude = 10 ** max(int(math.log10(value)), 0)
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * magnitude)
        if candidate >= value and candidate % 4 == 0:
            return candidate
    return int(math.ceil(value / 4) * 4)


# ------------------------------------------------------------------ writing

def chart(result: Chartable, targets: Mapping[str, int] | None = None) -> ET.Element:
    """The SVG element for a report, a breakdown (one panel per group) or an
    over-time report (a stacked chart)."""
    if hasattr(result, "periods"):
        return over_time_svg(cast("FunnelOverTime", result))
    if hasattr(result, "groups"):
        b = cast("FunnelBreakdown", result)
        if targets:
            b.total.required(**targets)  # a misspelt stage is refused, not left off
        panels = [(f"{b.field}: {g.label} ({_leads(g.report.population)})", g.report)
                  for g in b.groups]
        return funnel_svg([(_title(b.total), b.total), *panels], targets)
    if targets:
        result.required(**targets)
    return funnel_svg([(_title(result), result)], targets)


def _title(report: FunnelReport) -> str:
    name = report.title or report.funnel
    return f"{name} — {_leads(report.population)} as of {report.as_of:%Y-%m-%d %H:%M %Z}"


def svg_element(result: Chartable, targets: Mapping[str, int] | None = None) -> str:
    """The chart as an inline ``<svg>`` element (for notebooks' HTML)."""
    return ET.tostring(chart(result, targets), encoding="unicode")


def svg_text(result: Chartable, targets: Mapping[str, int] | None = None) -> str:
    """The chart as an SVG document."""
    return ("<?xml version='1.0' encoding='UTF-8'?>\n"
            + ET.tostring(chart(result, targets), encoding="unicode") + "\n")


def html_text(result: Chartable, table: str, targets: Mapping[str, int] | None = None) -> str:
    """A self-contained HTML page: the chart, then the report as a table."""
    svg = ET.tostring(chart(result, targets), encoding="unicode")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>leadrules funnel</title></head>\n"
            f"<body style=\"font-family: {html.escape(FONT)}\">\n{svg}\n"
            f"<pre>{html.escape(table)}</pre>\n</body></html>\n")


def write_chart(path: str | Path, result: Chartable, table: str = "",
                targets: Mapping[str, int] | None = None) -> Path:
    """Write ``result`` as ``.svg`` or ``.html`` (chosen by the file's suffix)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise UsageError([Diagnostic(f"cannot draw a chart as '{suffix or target.name}'",
                                     hint="name the file FILE.svg or FILE.html")])
    text = svg_text(result, targets) if suffix == ".svg" else html_text(result, table, targets)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write chart {target}: {exc}") from None
    return target


def _leads(n: int) -> str:
    """``1 lead``, ``1,234 leads``."""
    return f"{n:,} lead" if n == 1 else f"{n:,} leads"
