"""Aggregates over a lead's selected events, shared by the compiled evaluator
and the explainer so both compute exactly the same values.

Aggregates ignore missing values: ``sum`` of nothing is 0; ``avg``, ``min``,
``max``, ``first`` and ``last`` of nothing are missing (None), so every
positive test on them is false; ``count distinct`` counts exact values.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from .schema import EVENT_TIME

Record = dict[str, Any]


def count(events: Sequence[Record]) -> int:
    return len(events)


def count_distinct(events: Sequence[Record], field: str) -> int:
    return len({v for e in events if (v := e[field]) is not None})


def total(events: Sequence[Record], field: str) -> int | float:
    values = [v for e in events if (v := e[field]) is not None]
    if any(isinstance(v, float) for v in values):
        # fsum: exact rounding, independent of the order of the events.
        return _fsum(values)
    return int(sum(values))


def average(events: Sequence[Record], field: str) -> float | None:
    values = [v for e in events if (v := e[field]) is not None]
    if not values:
        return None
    try:
        return math.fsum(values) / len(values)
    except OverflowError:  # the sum passes the float range, the mean need not
        return _rounded(sum(map(Fraction, values)) / len(values))


def _fsum(values: list[Any]) -> float:
    """``math.fsum``, which refuses a sum whose partial sums pass the float range
    (``1e308 + 1e308``): then the exact sum, as a float (±inf beyond the range)."""
    try:
        return math.fsum(values)
    except OverflowError:
        return _rounded(sum(map(Fraction, values)))


def _rounded(exact: Fraction | float) -> float:
    try:
        return float(exact)
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


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
