"""Rendering results: ids, JSON, CSV and aligned tables for people.

Machine-readable formats are stable (SPEC section 5); ``table`` is for
terminals and pads East Asian wide characters correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import unicodedata
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .errors import shown_line

if TYPE_CHECKING:
    from .dates import Period

FORMATS = ("table", "csv", "json", "ids")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 lead``, ``2 leads``, ``0 leads`` (``nouns``: an irregular plural)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def plain(value: Any) -> Any:
    """A JSON-ready version of a record value."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def cell(value: Any) -> str:
    """A value as a CSV / table cell (missing = empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "|".join(str(v) for v in value)
    return str(value)


def to_json(data: Any) -> str:
    """``data`` as strict JSON: a score or sum beyond the float range (inf) is the
    number ``1e999`` (``-1e999``), which JSON's grammar allows and parsers read as
    infinity or the largest float; NaN is null.  (``json.dumps`` writes
    ``Infinity`` and ``NaN``, which strict parsers refuse.)"""
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, default=plain, allow_nan=False)
    except ValueError:  # a non-finite float somewhere: mark them, then write the numbers
        pass
    text = json.dumps(_finite(data), ensure_ascii=False, indent=2, default=plain)
    for name, number in _NUMBERS.items():
        text = text.replace(json.dumps(_mark(name)), number)
    return text


_NUMBERS = {"inf": "1e999", "-inf": "-1e999", "nan": "null"}
"""What each non-finite float (by its ``repr``) is written as."""


def _mark(name: str) -> str:
    """The text standing for a non-finite float until it is written (no value of
    the data holds a NUL)."""
    return f"\0leadrules:{name}\0"


def _finite(value: Any) -> Any:
    """``value`` with each non-finite float replaced by its :func:`_mark`."""
    if isinstance(value, float) and not math.isfinite(value):
        return _mark(repr(value))
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def terminal_text(text: str) -> str:
    """Data text as a terminal should show it: each control character, line or
    paragraph separator and bidirectional control as its escape (``\\x1b``,
    ``\\u2028``), the escaping ``check`` gives a rules line.  A company name or a
    tracked path comes from a web form: raw, an OSC or CSI sequence in it would
    retitle or clear the terminal.  Every text renderer for people passes data
    through this; CSV and JSON keep it exact."""
    return shown_line(text)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


def width(text: str) -> int:
    """Display width in a terminal: wide (CJK) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 40
             ) -> str:
    """An aligned table for people: cells clipped to ``max_width`` columns, and
    their text (and the column names) through :func:`terminal_text`."""
    texts = [[_clip(terminal_text(cell(v)), max_width) for v in row] for row in rows]
    columns = [terminal_text(c) for c in columns]
    widths = [max([width(c), *(width(r[i]) for r in texts)]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True)
                         ).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in texts)
    return "\n".join(out) + "\n"


def _clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            break
        out += c
    return out + "…"


# -- reports for people (funnels, charts) ----------------------------------------

def percent(value: Fraction | None) -> str:
    """A rate as people read it: ``33.3%``, or ``-`` when undefined."""
    return "-" if value is None else f"{float(value) * 100:.1f}%"


def duration_text(value: dt.timedelta | None) -> str:
    """``3d 4h``, ``2h 5m``, ``40s`` or ``-``."""
    if value is None:
        return "-"
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s" if minutes else f"{secs}s"


def period_label(start: dt.datetime, every: Period, tz: dt.tzinfo) -> str:
    """``2026-W46``, ``2026-11``, ``2026-Q4``: the calendar name, in the evaluation
    time zone ``tz``, of the period starting at ``start``.  Periods are stored as
    UTC instants, and east of UTC a period's first instant falls on the day
    before in UTC (1 September in Berlin is 31 August 22:00Z), so the zone is
    required: naming the UTC date would label every period one period early."""
    local = start.astimezone(tz)
    if every == "week":
        year, week, _ = local.date().isocalendar()
        return f"{year}-W{week:02d}"
    if every == "month":
        return f"{local.year}-{local.month:02d}"
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"
