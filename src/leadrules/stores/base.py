"""The store interface: what every backend provides.

A store holds leads and their events for one :class:`~leadrules.schema.Schema`.
Two kinds of caller use it:

* the in-memory evaluator and ``explain`` read **normalised records**
  (:meth:`Store.leads`, :meth:`Store.lead`, :meth:`Store.events_of`): dicts
  with every field of the table as a key, typed values as
  :mod:`leadrules.values` defines them (missing is ``None``, datetimes aware
  UTC, tags a tuple), each source's events sorted by ``occurred_at`` (ties in
  the order the data gave them) — exactly what :class:`~leadrules.MemoryStore`
  returns, so every rule can be evaluated and explained on any store;
* the API asks a store's **database-side methods** when it has them --
  :meth:`DatabaseStore.select_segment` (``SegmentRule.select``),
  ``score_rows`` (``ScoringRule.score``), ``grade_rows``
  (``GradingRule.grade``), ``tier_rows`` (``TiersRule.assign``) and
  ``depth_rows`` (funnel reports) -- and the store answers *inside its
  database*.

Each database-side method is optional for a store in general: the API falls
back to evaluating in memory over the record methods when a store lacks one.
A new backend therefore starts with the record methods and adds
database-side methods one at a time.  Lists and their history are kept by a
:class:`leadrules.lists.ListRepository` beside the store
(:class:`.lists.SqlListRepository` for SQLite, DuckDB and PostgreSQL).
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from ..check import Program
from ..dates import TimeContext
from ..errors import Diagnostic, UsageError
from ..schema import Schema

Record = dict[str, Any]


@runtime_checkable
class Store(Protocol):
    """What every store provides (structural: MemoryStore fits it too, minus select)."""

    @property
    def schema(self) -> Schema:
        """The schema of the stored data (fields and sources)."""

    def leads(self) -> Sequence[Record]:
        """Every lead, normalised, in the order they were stored."""

    def lead(self, lead_id: str) -> Record | None:
        """The lead with this id, or ``None``."""

    def events_of(self, lead_id: str) -> dict[str, list[Record]]:
        """The lead's events by source; every source a key; sorted by ``occurred_at``."""


class DatabaseStore(abc.ABC):
    """A store that evaluates rules inside its database.

    Subclasses implement the record methods and the database-side methods;
    this base adds the context manager and the schema check every
    database-side evaluation starts with.
    """

    @property
    @abc.abstractmethod
    def schema(self) -> Schema:
        """The schema of the stored data."""

    @abc.abstractmethod
    def leads(self) -> Sequence[Record]:
        """Every lead, normalised, in the order they were stored."""

    @abc.abstractmethod
    def lead(self, lead_id: str) -> Record | None:
        """The lead with this id, or ``None``."""

    @abc.abstractmethod
    def events_of(self, lead_id: str) -> dict[str, list[Record]]:
        """The lead's events by source, like :meth:`MemoryStore.events_of`."""

    @abc.abstractmethod
    def select_segment(self, program: Program, name: str, tc: TimeContext) -> list[str]:
        """The sorted ids of the leads in segment ``name``, evaluated in the database."""

    @abc.abstractmethod
    def score_rows(self, program: Program, name: str, tc: TimeContext
                   ) -> list[tuple[Any, ...]]:
        """``(lead_id, total, points of rule 1, points of rule 2, …)`` per lead
        existing as of ``tc``, sorted by id -- the rows of ``ScoringRule.score``'s
        table: scoring model ``name``, evaluated in the database."""

    @abc.abstractmethod
    def grade_rows(self, program: Program, name: str, tc: TimeContext
                   ) -> list[tuple[str, str]]:
        """``(lead_id, grade letter)`` per existing lead, sorted by id."""

    @abc.abstractmethod
    def tier_rows(self, program: Program, name: str, tc: TimeContext
                  ) -> list[tuple[str, str | None, str | None]]:
        """``(lead_id, tier or None, reason or None)`` per existing lead, sorted by id."""

    @abc.abstractmethod
    def depth_rows(self, program: Program, name: str, tc: TimeContext) -> dict[str, int]:
        """Per existing lead, its depth in the (not ordered) funnel ``name``: the
        index of the last stage whose condition it satisfies (``all`` holds for
        everyone), -1 when it satisfies none."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection (a connection passed in by the caller is left open)."""

    def __enter__(self) -> DatabaseStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def check_compatible(rules: Schema, stored: Schema) -> None:
    """Every field both schemas know must have the same type in each.

    Fields and sources the rules know but the store lacks are allowed: they
    read as missing values and empty sources.
    """
    problems = []
    for table in rules.tables:
        theirs = stored.table(table.name)
        if theirs is None:
            continue
        for f in table.fields:
            other = theirs.field(f.name)
            if other is not None and other.type != f.type:
                problems.append(f"{table.name}.{f.name} is {other.type} in the store but "
                                f"{f.type} in the rules")
    if problems:
        raise UsageError([Diagnostic(p, hint="declare the field with the store's type")
                          for p in problems])
