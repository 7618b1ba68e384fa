"""Aggregates over a lead's selected events, shared by the compiled evaluator
and the explainer so both compute exactly the same values.

Aggregates ignore missing values: ``sum`` of nothing is 0; ``avg``, ``min``,
``max``, ``first`` and ``last`` of nothing are missing (None), so every
positive test on them is false; ``count distinct`` counts exact values.
"""

from __future__ import annotations

import decimal
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .schema import EVENT_TIME

Record = dict[str, Any]


def count(events: Sequence[Record]) -> int:
    return len(events)


def count_distinct(events: Sequence[Record], field: str) -> int:
    return len({v for e in events if (v := e[field]) is not None})


def total(events: Sequence[Record], field: str) -> int | float:
    return _total([v for e in events if (v := e[field]) is not None])


def average(events: Sequence[Record], field: str) -> float | None:
    """The sum (as :func:`total`) divided by the number of values, in floating
    point: what every SQL store computes too."""
    values = [v for e in events if (v := e[field]) is not None]
    return _total(values) / len(values) if values else None


def _total(values: list[Any]) -> int | float:
    """Whole numbers exactly as ints; with a float among them, :func:`decimal_sum`."""
    if any(isinstance(v, float) for v in values):
        return decimal_sum(values)
    return int(sum(values))


_EXACT = decimal.Context(prec=1000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""Enough digits for any sum of floats' shortest decimals exactly (their digits
span about 650 places, from 1e308 to 1e-324)."""


def decimal_sum(values: Iterable[int | float | None]) -> float:
    """The sum of the numbers as they are written -- each float as its shortest
    decimal (``repr``: 33.3 is 33.3, not the binary fraction nearest to it) --
    added exactly in decimal and rounded once to a float (±inf beyond the float
    range), whatever the order of the events: 33.3 + 33.4 + 33.3 is 100.0 and
    0.1 + 0.2 is 0.3.  SQLite's ``leadrules_sum`` aggregate is this function;
    PostgreSQL, DuckDB and Spark compute the same in their decimal types
    (docs/data.md, "Sums and means")."""
    exact = decimal.Decimal(0)
    for v in values:
        if v is not None:
            exact = _EXACT.add(exact, decimal.Decimal(repr(v)) if isinstance(v, float)
                               else decimal.Decimal(v))
    return float(exact)


def minimum(events: Sequence[Record], field: str) -> Any:
    values = [v for e in events if (v := e[field]) is not None]
    return min(values) if values else None


def maximum(events: Sequence[Record], field: str) -> Any:
    values = [v for e in events if (v := e[field]) is not None]
    return max(values) if values else None


def first(events: Sequence[Record]) -> Any:
    return minimum(events, EVENT_TIME)


def last(events: Sequence[Record]) -> Any:
    return maximum(events, EVENT_TIME)


def groups(events: Sequence[Record], field: str) -> list[list[Record]]:
    """The events grouped by ``field``; events whose field is missing are in no group."""
    out: dict[Any, list[Record]] = {}
    for e in events:
        key = e[field]
        if key is not None:
            out.setdefault(key, []).append(e)
    return list(out.values())


AGGREGATES: dict[str, Callable[..., Any]] = {
    "count": count, "count distinct": count_distinct, "sum": total, "avg": average,
    "min": minimum, "max": maximum, "first": first, "last": last,
}


def aggregate(func: str, field: str | None, events: Sequence[Record]) -> Any:
    """The value of ``func`` (``count``, ``sum``, …) over ``events``."""
    fn = AGGREGATES[func]
    return fn(events) if field is None else fn(events, field)


def deep(fn: Callable[[Record, Any, dict[Any, Any]], Any], lead: Record, events: Any,
         depth: int) -> Any:
    """``fn(lead, events, {})`` for a declaration whose references nest ``depth``
    calls deep (a chain of thousands of segments, each using the previous one),
    with the interpreter's recursion limit raised enough for it.  Calls between
    Python functions use no C stack (CPython 3.11+), so a higher limit is safe;
    it is put back afterwards (unless something else changed it meanwhile), so
    code that relies on the usual limit -- a RecursionError as a guard -- keeps it."""
    old = sys.getrecursionlimit()
    need = 4 * depth + 1000
    if old >= need:
        return fn(lead, events, {})
    sys.setrecursionlimit(need)
    try:
        return fn(lead, events, {})
    finally:
        if sys.getrecursionlimit() == need:
            sys.setrecursionlimit(old)
