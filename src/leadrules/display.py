"""Showing results in notebooks: DataFrames, HTML tables, progress bars.

Everything here is optional at run time: pandas, polars and tqdm are imported
only when a method asks for them (``import leadrules`` stays fast), and a
missing one is an :class:`ImportError` naming the extra to install.

* :func:`frame` -- columns and rows as a pandas or polars DataFrame, with the
  columns named in ``categories`` as *ordered* categoricals (grades from F up
  to A+, so ``A+ > A > A-``; tiers in declaration order).
* :func:`html_table` -- a small HTML table: numbers rounded, rates as
  percentages, long tables cut with the row count.
* :func:`progress` -- an iterable with a tqdm bar when tqdm is installed and
  someone is watching (a terminal, or a Jupyter kernel).
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal, TypeVar

from . import output

Library = Literal["pandas", "polars"]
_T = TypeVar("_T")

HTML_ROWS = 20
"""How many rows an HTML table shows before it is cut (the rest are counted)."""

STYLE = ("border-collapse:collapse;font-variant-numeric:tabular-nums;"
         "font-family:inherit")


def need(module: str, extra: str, what: str) -> Any:
    """Import ``module`` or raise an ImportError telling which extra to install."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs {module}: pip install 'leadrules[{extra}]'") from exc


def frame(columns: Sequence[str], rows: Sequence[Sequence[Any]], library: Library = "pandas",
          *, categories: Mapping[str, Sequence[str]] | None = None,
          select: Sequence[str] | None = None) -> Any:
    """A DataFrame of ``rows``; ``categories`` maps columns to their ordered
    categories (low to high); ``select`` keeps only those columns (in order)."""
    names = list(columns)
    data = [list(r) for r in rows]
    if select is not None:
        missing = [c for c in select if c not in names]
        if missing:
            from .errors import UsageError, suggest
            hint = suggest(missing[0], names)
            raise UsageError(f"no column '{missing[0]}' (the columns are {', '.join(names)})"
                             + (f"; {hint}" if hint else ""))
        index = [names.index(c) for c in select]
        names = list(select)
        data = [[r[i] for i in index] for r in data]
    cats = {c: list(v) for c, v in (categories or {}).items() if c in names}
    values = {c: [_frame_value(r[i]) for r in data] for i, c in enumerate(names)}
    if library == "pandas":
        pd = need("pandas", "pandas", "to_pandas")
        df = pd.DataFrame({c: values[c] for c in names}, columns=names)
        for c, order in cats.items():
            df[c] = pd.Categorical(df[c], categories=order, ordered=True)
        return df
    pl = need("polars", "polars", "to_polars")
    series = []
    for c in names:
        if c in cats:
            dtype = pl.Enum(cats[c])  # ordered: comparisons and sorting follow the order
            series.append(pl.Series(c, values[c], dtype=dtype))
        else:
            series.append(pl.Series(c, values[c], strict=False))
    return pl.DataFrame(series)


def _frame_value(v: Any) -> Any:
    if isinstance(v, Fraction):
        return float(v)
    if isinstance(v, tuple):
        return list(v)
    return v


# ------------------------------------------------------------------------ HTML

def number(value: Any, places: int = 2) -> str:
    """A cell for people: floats rounded (whole numbers without a fraction),
    thousands separated, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float):
        rounded = round(value, places)
        if rounded == int(rounded):
            return f"{int(rounded):,}"
        return f"{rounded:,.{places}f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return output.cell(value)


def rate(value: Any) -> str:
    """A rate (0..1) as a percentage with one decimal, ``-`` when undefined."""
    if value is None:
        return "-"
    return f"{float(value) * 100:.1f}%"


def html_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *,
               caption: str | None = None, rates: Iterable[str] = (),
               limit: int = HTML_ROWS) -> str:
    """An HTML table: numbers right-aligned and rounded, ``rates`` columns as
    percentages; more than ``limit`` rows are cut, with the number left out."""
    rate_set = set(rates)
    head = "".join(f"<th style=\"text-align:left;padding:2px 8px\">{html.escape(c)}</th>"
                   for c in columns)
    body = []
    for row in rows[:limit]:
        cells = []
        for c, v in zip(columns, row, strict=True):
            text = rate(v) if c in rate_set else number(v)
            numeric = isinstance(v, int | float | Fraction) and not isinstance(v, bool)
            align = "right" if numeric or c in rate_set else "left"
            cells.append(f"<td style=\"text-align:{align};padding:2px 8px\">"
                         f"{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = (f"<caption style=\"text-align:left;font-weight:bold\">{html.escape(caption)}"
           "</caption>") if caption else ""
    more = ""
    if len(rows) > limit:
        more = (f"<p style=\"color:#666\">… {output.plural(len(rows) - limit, 'more row')} "
                f"({output.plural(len(rows), 'row')} in all)</p>")
    return (f"<table style=\"{STYLE}\">{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{more}")


def html_block(title: str, body: str) -> str:
    """A titled block: the title in bold, then ``body`` (HTML)."""
    return f"<div><p style=\"font-weight:bold;margin:4px 0\">{html.escape(title)}</p>{body}</div>"


def html_pre(text: str) -> str:
    return f"<pre style=\"margin:2px 0\">{html.escape(text)}</pre>"


def store_html(title: str, schema: Any, counts: Mapping[str, int] | None) -> str:
    """A store: each table with its fields (and record count when known)."""
    rows = []
    for table in schema.tables:
        fields = ", ".join(f"{f.name} ({f.type})" for f in table.fields)
        rows.append((table.name, *(() if counts is None else (counts.get(table.name, 0),)),
                     fields))
    columns = ("table", *(() if counts is None else ("records",)), "fields")
    return html_block(title.strip("<>"), html_table(columns, rows, limit=len(rows)))


# -------------------------------------------------------------------- progress

def in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (IPython's ZMQ shell), not merely
    in a process that imported ipykernel (as notebook clients do)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return type(shell).__name__ == "ZMQInteractiveShell"


def watching() -> bool:
    """Whether a person sees progress: standard error is a terminal, or this
    runs in a Jupyter kernel."""
    if in_kernel():
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def progress(items: Iterable[_T], *, total: int | None = None, desc: str = "",
             enabled: bool | None = None) -> Iterator[_T]:
    """``items`` with a tqdm progress bar: ``enabled=None`` shows one when tqdm
    is installed (the ``progress`` extra) and :func:`watching`; True asks for
    one (an ImportError without tqdm); False never shows one."""
    if enabled is False or (enabled is None and not watching()):
        return iter(items)
    try:
        from tqdm import tqdm
        if in_kernel():
            import importlib.util
            if importlib.util.find_spec("ipywidgets") is not None:  # a widget bar
                from tqdm.notebook import tqdm
    except ImportError:
        if enabled:
            raise ImportError("progress bars need tqdm: pip install 'leadrules[progress]'"
                              ) from None
        return iter(items)
    return iter(tqdm(items, total=total, desc=desc, leave=False))
