"""Time limits of queries: the ``timeout`` every store carries.

A store's ``timeout`` (seconds, or ``None`` for no limit) bounds each query it
runs -- each SQL statement on PostgreSQL and DuckDB, each query with its staged
parts on SQLite, each pass over the leads in memory.  The store enforces it
with its engine's own means and raises :class:`~leadrules.errors.QueryTimeout`;
this module holds what they share (docs/reliability.md, "Query time limits").
"""

from __future__ import annotations

import math
import time
from typing import Any

from .errors import Diagnostic, QueryTimeout, UsageError


def check_timeout(value: Any) -> float | None:
    """``value`` as a timeout: ``None``, or a positive finite number of seconds."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            math.isfinite(value) and value > 0):
        raise UsageError([Diagnostic(f"timeout must be a positive number of seconds, "
                                     f"not {value!r}", hint="e.g. timeout=30, or None "
                                     "for no limit")])
    return float(value)


def timeout_of(store: object) -> float | None:
    """The time limit of ``store``'s queries (a store without one has none)."""
    value = getattr(store, "timeout", None)
    return value if isinstance(value, int | float) else None


class Deadline:
    """The instant a query started under ``limit`` seconds must end by."""

    __slots__ = ("at", "engine", "limit")

    def __init__(self, limit: float, engine: str) -> None:
        self.limit = limit
        self.engine = engine
        self.at = time.monotonic() + limit

    def passed(self) -> bool:
        return time.monotonic() > self.at

    def error(self) -> QueryTimeout:
        return QueryTimeout(self.limit, self.engine)
