"""Where a store keeps each table and field: what the SQL compiler needs to know.

The physical layout of leadrules' own stores (shadow ``x__lower`` columns,
``seq``, integer-µs timestamps in SQLite) is described in
:mod:`leadrules.stores.layout`; this module holds only what queries are
compiled against.
"""

from __future__ import annotations

import datetime as dt

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


@attrs.frozen
class TableLayout:
    """Where one schema table lives: its SQL name and which fields it has."""

    name: str
    fields: frozenset[str]


@attrs.frozen
class Layout:
    """The stored tables of one store, as the SQL compiler needs to know them.

    ``namespace`` is a schema (PostgreSQL) the tables live in.  A table or
    field of the rules' schema that the store lacks reads as empty / missing.
    """

    tables: dict[str, TableLayout]
    namespace: str | None = None
    datetime_as_micros: bool = False

    @classmethod
    def for_schema(cls, schema: Schema, *, namespace: str | None = None,
                   datetime_as_micros: bool = False) -> Layout:
        tables = {t.name: TableLayout(t.name, frozenset(t.field_names)) for t in schema.tables}
        return cls(tables, namespace, datetime_as_micros)

    def table(self, name: str) -> TableLayout | None:
        return self.tables.get(name)

    def has(self, table: str, field: str) -> bool:
        t = self.tables.get(table)
        return t is not None and field in t.fields
