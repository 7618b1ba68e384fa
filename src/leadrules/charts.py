"""Charts of segments and scores, as SVG (the drawing style of :mod:`.funnel_chart`).

* :func:`segment_over_time_svg` -- a segment's size at the end of each period
  (bars), with who entered and who left in the period;
* :func:`distribution_svg` -- the score distribution by tier: a histogram of
  scores, each bar stacked by the leads' tiers.

Every number the chart shows is a ``<text>`` label (tests read them back) and
every bar has a tooltip.  Results are read by shape (no import of the result
classes at run time), so the result modules can draw themselves lazily.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Diagnostic, UsageError
from .funnel_chart import (
    CHART_SUFFIXES,
    FONT,
    PALETTE,
    _axis,
    _label_width,
    _nice_ceiling,
    _rect,
    _svg,
    _text,
)
from .output import period_label, plural

if TYPE_CHECKING:
    from .results import ScoreDistribution, SegmentOverTime

NO_TIER_COLOUR = "#bbbbbb"


def segment_over_time_svg(over: SegmentOverTime) -> ET.Element:
    """One bar per period: the segment's size as of the period's end, labelled
    with the size; entered (+) and left (−) below the period's label."""
    n = len(over.periods)
    plot_w = max(360.0, 64.0 * n)
    left, top, bottom = 64.0, 48.0, 72.0
    plot_h = 260.0
    width = left + plot_w + 24
    height = top + plot_h + bottom
    root = _svg(width, height)
    name = over.title or over.segment
    _text(root, 16, 22, f"segment {name} by {over.every}: leads as of each period end",
          size=15, weight="bold")
    peak = max([1, *(p.size for p in over.periods)])
    scale_top = _nice_ceiling(peak)
    _axis(root, left, top, plot_w, plot_h, scale_top)
    slot = plot_w / max(n, 1)
    bar_w = min(40.0, slot * 0.7)
    for i, p in enumerate(over.periods):
        x = left + slot * i + (slot - bar_w) / 2
        h = plot_h * p.size / scale_top
        y = top + plot_h - h
        _rect(root, x, y, bar_w, h, PALETTE[0],
              f"{period_label(p.start, over.every, over.tz)}: {plural(p.size, 'lead')} "
              f"({p.entered} entered, {p.left} left)").set("rx", "0")
        _text(root, x + bar_w / 2, y - 9, f"{p.size:,}", size=11, anchor="middle")
        label = period_label(p.start, over.every, over.tz) + ("" if p.complete else "*")
        _text(root, x + bar_w / 2, top + plot_h + 16, label, size=11, anchor="middle")
        _text(root, x + bar_w / 2, top + plot_h + 32, f"+{p.entered}", size=10,
              anchor="middle", fill="#2ca02c")
        _text(root, x + bar_w / 2, top + plot_h + 46, f"−{p.left}", size=10,
              anchor="middle", fill="#d62728")
    if any(not p.complete for p in over.periods):
        _text(root, left, height - 8, "* so far (the period ends after the last as-of)",
              size=10, fill="#555")
    return root


def distribution_svg(dist: ScoreDistribution) -> ET.Element:
    """A histogram of scores: one bar per score range, stacked by tier (in
    declaration order from the bottom; leads without a tier in grey on top)."""
    series = [*dist.tier_names, *([None] if dist.has_untiered else [])]
    colours = {t: PALETTE[k % len(PALETTE)] for k, t in enumerate(dist.tier_names)}
    n = len(dist.bins)
    plot_w = max(360.0, 48.0 * n)
    labels = [f"{t} ({dist.total(t):,})" for t in dist.tier_names]
    if dist.has_untiered:
        labels.append(f"no tier ({dist.total(None):,})")
    legend_w = _label_width(labels) + 24
    left, top, bottom = 64.0, 48.0, 64.0
    plot_h = 280.0
    width = left + plot_w + legend_w + 24
    height = top + plot_h + bottom
    root = _svg(width, height)
    _text(root, 16, 22, f"score {dist.model} by tiers {dist.tiers}: "
          f"{plural(dist.population, 'lead')} as of {dist.as_of:%Y-%m-%d %H:%M %Z}",
          size=15, weight="bold")
    peak = max([1, *(b.total for b in dist.bins)])
    scale_top = _nice_ceiling(peak)
    _axis(root, left, top, plot_w, plot_h, scale_top)
    slot = plot_w / max(n, 1)
    bar_w = slot * 0.85
    for i, b in enumerate(dist.bins):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        for tier in series:
            count = b.counts.get(tier, 0)
            if not count:
                continue
            h = plot_h * count / scale_top
            y -= h
            _rect(root, x, y, bar_w, h, colours.get(tier, NO_TIER_COLOUR) if tier else
                  NO_TIER_COLOUR,
                  f"{b.label}: {plural(count, 'lead')} {tier or 'without a tier'}"
                  ).set("rx", "0")
        if b.total:
            _text(root, x + bar_w / 2, y - 9, f"{b.total:,}", size=10, anchor="middle",
                  fill="#555")
        _text(root, x + bar_w / 2, top + plot_h + 16, b.label, size=10, anchor="middle")
    _text(root, left + plot_w / 2, top + plot_h + 40, f"score ({dist.model})", size=12,
          anchor="middle", fill="#555")
    lx = left + plot_w + 24
    for k, (tier, label) in enumerate(zip(series, labels, strict=True)):
        ly = top + 12 + 22 * k
        _rect(root, lx, ly - 7, 14, 14, colours.get(tier, NO_TIER_COLOUR) if tier else
              NO_TIER_COLOUR)
        _text(root, lx + 20, ly, label, size=12)
    return root


def svg_element(element: ET.Element) -> str:
    """An element as inline SVG text (for notebooks' HTML)."""
    return ET.tostring(element, encoding="unicode")


def svg_document(element: ET.Element) -> str:
    return "<?xml version='1.0' encoding='UTF-8'?>\n" + svg_element(element) + "\n"


def check_target(path: str | Path) -> None:
    """Refuse a ``--chart`` file that cannot be written -- a suffix other than
    ``.svg`` / ``.html``, a missing folder, a folder -- before any work is done
    (the result was printed in full, then the chart refused)."""
    from .files import check_writable
    _suffix(Path(path))
    check_writable(path, "the chart", example="chart.svg")


def _suffix(target: Path) -> str:
    """``.svg`` or ``.html``, the chart's format by its file's name; else a usage error."""
    suffix = target.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise UsageError([Diagnostic(f"cannot draw a chart as '{suffix or target.name}'",
                                     hint="name the file FILE.svg or FILE.html")])
    return suffix


def write(path: str | Path, element: ET.Element, table: str = "") -> Path:
    """Write a chart as ``.svg``, or ``.html`` (the chart above ``table``, the
    result as text), chosen by the file's suffix."""
    target = Path(path)
    suffix = _suffix(target)
    if suffix == ".svg":
        text = svg_document(element)
    else:
        text = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>leadrules chart</title></head>\n"
                f"<body style=\"font-family: {html.escape(FONT)}\">\n{svg_element(element)}\n"
                f"<pre>{html.escape(table)}</pre>\n</body></html>\n")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write chart {target}: {exc}") from None
    return target
