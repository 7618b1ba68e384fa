"""Where a store keeps each table and field: what the SQL compiler needs to know.

The physical layout of leadrules' own stores (shadow ``x__lower`` columns,
``seq``, integer-µs timestamps in SQLite) is described in
:mod:`leadrules.stores.layout`; this module holds only what queries are
compiled against.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from ..schema import Schema

LOWER_SUFFIX = "__lower"
SEQ = "seq"
"""Every stored event's integer position in the data it was imported from: with
``occurred_at`` it orders events at one instant the same way in every store."""

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICRO = dt.timedelta(microseconds=1)


def lower_column(field: str) -> str:
    """The name of the lower-cased shadow column of a text or list field."""
    return field + LOWER_SUFFIX


def to_micros(value: dt.datetime) -> int:
    """An aware datetime as integer microseconds since the Unix epoch (exact)."""
    return (value - EPOCH) // MICRO


def from_micros(value: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=value)


Read = Literal["as_is", "text_cast", "number", "bool_int", "timestamp", "iso_text",
               "epoch", "array", "delimited", "null", "nanos", "naive_cast", "unpadded",
               "wide_number"]
"""How a mapped column becomes the layout's value of its field (:mod:`.mapped`):
``as_is`` (already the layout's type), ``text_cast`` (an integer / uuid id as
text), ``number`` (any numeric type as a double), ``bool_int`` (0/1 integers),
``timestamp`` (naive, read as UTC), ``iso_text`` (ISO-8601 text, with or
without offset), ``epoch`` (a number of seconds / ms / µs), ``array`` (an
engine array of text), ``delimited`` (text with a declared separator), ``null`` (a column of type
NULL, as DuckDB types a DataFrame column holding only missing values: read as
``CAST(NULL AS <null_type>)``), ``nanos`` (DuckDB's ``TIMESTAMPTZ_NS`` and
``TIMESTAMP_NS``, naive read as UTC: the nanoseconds dropped, floored to the µs,
as every store drops them; a cast would round one and truncate the other),
``naive_cast`` (a naive time of a coarser precision, ``TIMESTAMP_MS`` / ``_S``,
or a ``DATE``: cast to the engine's µs ``TIMESTAMP``, then read as UTC),
``unpadded`` (Spark's ``CHAR(n)``, which reads padded with blanks to ``n``: as text
without its trailing blanks, as PostgreSQL's ``char(n)`` is read), ``wide_number``
(PostgreSQL's ``numeric``, whose values may lie beyond a double's range: a value a
double cannot hold is missing, as a file's ``1e400`` is, and one too small for the
smallest double is a zero of its sign, as Python's ``float()`` reads it; the cast
would raise instead)."""


@attrs.frozen
class Column:
    """One field of a mapped table: its column and how its values are read."""

    name: str
    read: Read = "as_is"
    separator: str | None = None
    micros_per_unit: int = 1
    """For ``epoch``: how many µs one unit of the column is (s: 1,000,000)."""
    text: bool = False
    """A text field: the layout's ``x__lower`` shadow is the engine's lower-casing."""
    null_type: str = "VARCHAR"
    """For ``null``: the layout's SQL type of the field."""


@attrs.frozen
class Source:
    """A table (or view) of the user's own, read through a mapping: its SQL name
    (catalog / schema / table parts), the column of each mapped field and the
    column ordering ties (``seq``), if it has one."""

    parts: tuple[str, ...]
    columns: dict[str, Column]
    seq: str | None = None


@attrs.frozen
class TableLayout:
    """Where one schema table lives: its SQL name and which fields it has.

    ``source`` is set for a table mapped onto the user's own: then the name is
    only the schema table's and every read goes through :mod:`.mapped`."""

    name: str
    fields: frozenset[str]
    source: Source | None = None


@attrs.frozen
class Layout:
    """The stored tables of one store, as the SQL compiler needs to know them.

    ``namespace`` is a schema (PostgreSQL) the tables live in.  A table or
    field of the rules' schema that the store lacks reads as empty / missing.
    """

    tables: dict[str, TableLayout]
    namespace: str | None = None
    datetime_as_micros: bool = False
    python_lower: bool = False
    """Mapped text is lower-cased with ``leadrules_lower()`` (SQLite: Python's
    ``str.lower()`` registered on the connection) instead of ``lower()``."""
    engine_shadows: bool = False
    """The stored ``x__lower`` shadows hold Python's ``str.lower()`` only where the
    engine's ``lower()`` differs from it (NULL elsewhere): text compares
    ``COALESCE(x__lower, lower(x))``, lists ``COALESCE(x__lower, '|' || lower(x) ||
    '|')``.  Without it (SQLite, PostgreSQL, DuckDB files of format 1) a NULL shadow
    means the value is its own lower case: ``COALESCE(x__lower, x)``."""

    @classmethod
    def for_schema(cls, schema: Schema, *, namespace: str | None = None,
                   datetime_as_micros: bool = False, engine_shadows: bool = False) -> Layout:
        tables = {t.name: TableLayout(t.name, frozenset(t.field_names)) for t in schema.tables}
        return cls(tables, namespace, datetime_as_micros, engine_shadows=engine_shadows)

    def table(self, name: str) -> TableLayout | None:
        return self.tables.get(name)

    def has(self, table: str, field: str) -> bool:
        t = self.tables.get(table)
        return t is not None and field in t.fields
