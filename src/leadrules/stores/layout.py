"""The table layout that every SQL store (and the warehouse SQL) uses.

One table per schema table: ``lead`` and one per event source, named after
it, with one column per field plus:

* ``seq`` (integer): the record's position in the data it was imported from,
  so leads keep their order and events at the same instant keep theirs (the
  in-memory store sorts stably);
* for every text field ``x`` a shadow column ``x__lower`` holding Python's
  ``x.lower()`` when it differs from ``x`` and NULL when it is the same (most
  values: ids, paths, kinds are already lower case), so case-insensitive
  tests compare ``COALESCE(x__lower, x)`` exactly as Python does, whatever
  the engine's own ``lower()`` thinks;
* for every list-of-text field ``x``: ``x`` holds the tags joined by ``|``
  (a tag can never contain ``|``) and ``x__lower`` always holds
  ``|tag1|tag2|`` lower-cased, so ``contains "vip"`` is a substring test for
  ``|vip|``: one portable expression on every engine, no side table.

Two metadata tables describe the schema: ``leadrules_meta(key, value)`` and
``leadrules_field(tbl, pos, name, type)``.

Value types per engine:

=============  ===========  ================  ===========
field type     SQLite       PostgreSQL        DuckDB
=============  ===========  ================  ===========
text           TEXT         text              VARCHAR
number         REAL         double precision  DOUBLE
bool           INTEGER 0/1  boolean           BOOLEAN
datetime       INTEGER µs   timestamptz       TIMESTAMPTZ
list of text   TEXT         text              VARCHAR
=============  ===========  ================  ===========

SQLite datetimes are integer microseconds since 1970-01-01 UTC: the range
filters of ``within`` and calendar periods are then plain integer ranges an
index serves.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any, Literal

import attrs

from ..errors import StoreError
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType, Schema, Table

Engine = Literal["sqlite", "postgres", "duckdb"]

FORMAT_VERSION = "1"
META_TABLE = "leadrules_meta"
FIELD_TABLE = "leadrules_field"
SEQ = "seq"
LOWER_SUFFIX = "__lower"
TAG_SEPARATOR = "|"

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)

COLUMN_TYPES: dict[Engine, dict[FieldType, str]] = {
    "sqlite": {FieldType.TEXT: "TEXT", FieldType.NUMBER: "REAL", FieldType.BOOL: "INTEGER",
               FieldType.DATETIME: "INTEGER", FieldType.TEXT_LIST: "TEXT"},
    "postgres": {FieldType.TEXT: "text", FieldType.NUMBER: "double precision",
                 FieldType.BOOL: "boolean", FieldType.DATETIME: "timestamptz",
                 FieldType.TEXT_LIST: "text"},
    "duckdb": {FieldType.TEXT: "VARCHAR", FieldType.NUMBER: "DOUBLE", FieldType.BOOL: "BOOLEAN",
               FieldType.DATETIME: "TIMESTAMPTZ", FieldType.TEXT_LIST: "VARCHAR"},
}
INTEGER_TYPES: dict[Engine, str] = {"sqlite": "INTEGER", "postgres": "bigint",
                                    "duckdb": "BIGINT"}


def lower_column(field: str) -> str:
    """The name of the lower-cased shadow column of a text or list field."""
    return field + LOWER_SUFFIX


def has_shadow(ftype: FieldType) -> bool:
    return ftype in (FieldType.TEXT, FieldType.TEXT_LIST)


# ----------------------------------------------------------------- time values


def to_micros(value: dt.datetime) -> int:
    """An aware datetime as integer microseconds since the Unix epoch (exact)."""
    return (value - _EPOCH) // _MICRO


def from_micros(value: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=value)


# ---------------------------------------------------------------- the columns


def physical_columns(table: Table) -> list[tuple[str, FieldType | None]]:
    """``(column, type)`` in table order; ``seq`` has type None (an integer)."""
    out: list[tuple[str, FieldType | None]] = [(SEQ, None)]
    for f in table.fields:
        out.append((f.name, f.type))
        if has_shadow(f.type):
            out.append((lower_column(f.name), FieldType.TEXT))
    return out


def check_names(schema: Schema) -> None:
    """Refuse names the layout cannot hold (they would collide with its own columns)."""
    for table in schema.tables:
        if table.name.startswith("leadrules_"):
            raise StoreError(f"table name '{table.name}' is reserved for leadrules metadata")
        for f in table.fields:
            if f.name == SEQ or f.name.endswith(LOWER_SUFFIX):
                raise StoreError(
                    f"field '{table.name}.{f.name}' cannot be stored in a SQL store: "
                    f"'{SEQ}' and names ending in '{LOWER_SUFFIX}' are the layout's own columns")


# -------------------------------------------------------------- encoding rows


def _lower_or_none(text: str) -> str | None:
    low = text.lower()
    return None if low == text else low


def _number(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:
        raise StoreError(f"the number {value} is too large for a SQL store "
                         "(numbers are 64-bit floating point)") from None


def row_encoder(table: Table, engine: Engine) -> Callable[[int, dict[str, Any]], tuple[Any, ...]]:
    """A function ``(seq, record) -> row`` in :func:`physical_columns` order."""
    steps: list[Callable[[Any], Sequence[Any]]] = []
    for f in table.fields:
        steps.append(_field_encoder(f.type, engine))
    names = [f.name for f in table.fields]

    def encode(seq: int, record: dict[str, Any]) -> tuple[Any, ...]:
        row: list[Any] = [seq]
        for name, step in zip(names, steps, strict=True):
            row.extend(step(record[name]))
        return tuple(row)

    return encode


def _field_encoder(ftype: FieldType, engine: Engine) -> Callable[[Any], Sequence[Any]]:
    if ftype == FieldType.TEXT:
        return lambda v: (None, None) if v is None else (v, _lower_or_none(v))
    if ftype == FieldType.TEXT_LIST:
        return lambda v: (None, None) if v is None else (
            TAG_SEPARATOR.join(v),
            TAG_SEPARATOR + TAG_SEPARATOR.join(t.lower() for t in v) + TAG_SEPARATOR)
    if ftype == FieldType.NUMBER:
        return lambda v: (None if v is None else _number(v),)
    if ftype == FieldType.DATETIME and engine == "sqlite":
        return lambda v: (None if v is None else to_micros(v),)
    return lambda v: (v,)


def value_decoder(ftype: FieldType, engine: Engine) -> Callable[[Any], Any]:
    """Stored value -> the normalised Python value :mod:`leadrules.values` defines."""
    if ftype == FieldType.NUMBER:
        return _decode_number
    if ftype == FieldType.BOOL:
        return lambda v: None if v is None else bool(v)
    if ftype == FieldType.DATETIME:
        if engine == "sqlite":
            return lambda v: None if v is None else from_micros(v)
        return lambda v: None if v is None else v.astimezone(dt.UTC)
    if ftype == FieldType.TEXT_LIST:
        return lambda v: None if v is None else tuple(v.split(TAG_SEPARATOR))
    return lambda v: v


def _decode_number(value: Any) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    # Stored as a float; whole numbers come back as the ints they were read as.
    if math.isfinite(number) and number.is_integer() and abs(number) < 2**63:
        return int(number)
    return number


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


def key_columns(table: Table) -> tuple[str, ...]:
    """The columns every table is looked up by."""
    return (LEAD_KEY,) if table.name == LEAD else (EVENT_LEAD_KEY, EVENT_TIME)
