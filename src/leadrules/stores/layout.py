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
import functools
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from ..errors import Diagnostic, StoreError
from ..schema import FieldType, Schema, Table
from ..sql.layout import EPOCH, LOWER_SUFFIX, MICRO, from_micros, lower_column
from ..sql.layout import SEQ as SEQ

#: The row number a DataFrame is registered with (``open_store(frames)``): the
#: events' ``seq`` where the frame has none; no mapping may name it.
FRAME_ROW = "leadrules_row"

Engine = Literal["sqlite", "postgres", "duckdb", "spark"]
"""The engines of the SQL stores (Spark: only over mapped tables, datetimes as µs)."""

FORMAT_VERSION = "1"
META_TABLE = "leadrules_meta"
ENGINE_SHADOWS = ("shadows", "engine")
"""The metadata row of a DuckDB store whose shadows are engine shadows (see
``Layout.engine_shadows``): ``x__lower`` holds Python's ``str.lower()`` only where
DuckDB's ``lower()`` differs from it.  Stores without the row (written before it,
or by SQLite / PostgreSQL) hold it wherever it differs from the value itself."""
FIELD_TABLE = "leadrules_field"
TAG_SEPARATOR = "|"


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




def has_shadow(ftype: FieldType) -> bool:
    return ftype in (FieldType.TEXT, FieldType.TEXT_LIST)


# ----------------------------------------------------------------- time values






# ---------------------------------------------------------------- the columns


def physical_columns(table: Table) -> list[tuple[str, FieldType | None]]:
    """``(column, type)`` in table order; ``seq`` has type None (an integer)."""
    out: list[tuple[str, FieldType | None]] = [(SEQ, None)]
    for f in table.fields:
        out.append((f.name, f.type))
        if has_shadow(f.type):
            out.append((lower_column(f.name), FieldType.TEXT))
    return out


def check_names(schema: Schema, *, ignore_case: bool = False,
                folder: Path | None = None) -> None:
    """Refuse names the layout cannot hold (they would collide with its own columns);
    ``ignore_case``: for an engine whose names ignore case (SQLite, DuckDB), also
    fields of one table that differ only in case (``Email`` beside ``email``), every
    such pair at once, each named by its file when ``folder`` (the imported data
    folder) holds the table's file."""
    clashes: list[Diagnostic] = []
    for table in schema.tables:
        if table.name.startswith("leadrules_"):
            raise StoreError(f"table name '{table.name}' is reserved for leadrules metadata")
        seen: dict[str, str] = {}
        for f in table.fields:
            if f.name == SEQ or f.name.endswith(LOWER_SUFFIX):
                raise StoreError(
                    f"field '{table.name}.{f.name}' cannot be stored in a SQL store: "
                    f"'{SEQ}' and names ending in '{LOWER_SUFFIX}' are the layout's own columns")
            other = seen.setdefault(f.name.lower(), f.name)
            if ignore_case and other != f.name:
                clashes.append(_case_clash(table, other, f.name, folder))
    if clashes:
        raise StoreError(clashes)


def _case_clash(table: Table, other: str, name: str, folder: Path | None) -> Diagnostic:
    from ..loaders import EXTENSIONS
    from ..schema import DEFAULT_SCHEMA
    default = DEFAULT_SCHEMA.table(table.name)
    schema_field = next((n for n in (other, name) if default is not None
                         and default.field(n) is not None), None)
    hint = ("rename one of the columns, or import into PostgreSQL, whose "
            "quoted names keep case (memory and --data FOLDER read both too)")
    if schema_field is not None:
        # `Email` in the file beside the schema's own `email`: the file
        # most likely means that field.
        column = name if schema_field == other else other
        every = "lead" if table.is_lead else f"{table.name} event"
        hint = (f"'{schema_field}' is a field of every {every}: if the "
                f"column '{column}' holds it, rename the column to "
                f"'{schema_field}'; else {hint}")
    path = None if folder is None else next(
        (folder / f"{table.name}{ext}" for ext in EXTENSIONS.values()
         if (folder / f"{table.name}{ext}").is_file()), None)
    where = f" of {path.name}" if path is not None else ""
    return Diagnostic(
        f"fields '{table.name}.{other}' and '{table.name}.{name}'{where} differ only "
        "in case, and SQLite's and DuckDB's column names ignore case: one table "
        "cannot hold both", file=None if path is None else str(path), hint=hint)


# -------------------------------------------------------------- encoding rows

Encoder = Callable[[int, dict[str, Any]], tuple[Any, ...]]

SQLITE_NULL_INT = -(2**62)
"""What :func:`row_encoder` with ``bind_nulls=False`` puts for a missing value.

Binding ``None`` through ``sqlite3`` is about four times as slow as binding an
``int`` (it goes through the adapter lookup), and most shadow columns are
missing.  A missing text, tags, datetime or bool value is bound as this
integer, far outside any µs datetime, and the INSERT turns it back with
``NULLIF(?, -4611686018427387904)`` (see :func:`sqlite_insert`); a text value
is a ``str``, which never equals an integer.  An ``int`` binds in a third of
the time of even an empty ``str`` (which ``sqlite3`` converts and copies).  A
missing number becomes NaN, which SQLite stores as NULL by itself.
"""


def _number(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:
        raise StoreError(f"the number {value} is too large for a SQL store "
                         "(numbers are 64-bit floating point)") from None


def _tags_lower(tags: Sequence[str]) -> str:
    return TAG_SEPARATOR + TAG_SEPARATOR.join(t.lower() for t in tags) + TAG_SEPARATOR


@functools.lru_cache(maxsize=64)  # an app's add_events per event: compiled once a table
def row_encoder(table: Table, engine: Engine, *, bind_nulls: bool = True) -> Encoder:
    """A function ``(seq, record) -> row`` in :func:`physical_columns` order.

    The function is generated Python source, one straight-line body per
    table (no per-field calls or loops): importing millions of events spends
    most of its time here.  With ``bind_nulls=False`` (SQLite only, with the
    statement of :func:`sqlite_insert`) missing values are encoded as the
    stand-ins described at :data:`SQLITE_NULL_INT`.
    """
    if not bind_nulls and engine != "sqlite":
        raise ValueError("bind_nulls=False is for SQLite's sqlite_insert statement")
    body, out = _encoding(table, engine, bind_nulls, "")
    encode: Encoder = _define(table, "encode(seq, r)", body, ["seq", *out])
    return encode


RowsEncoder = Callable[[int, Sequence[dict[str, Any]]], tuple[Any, ...]]


@functools.lru_cache(maxsize=64)
def sqlite_rows_encoder(table: Table, count: int) -> RowsEncoder:
    """A function ``(seq, records) -> parameters`` for exactly ``count`` records.

    The parameters are the records' rows of :func:`row_encoder` with
    ``bind_nulls=False`` (numbered ``seq``, ``seq + 1``, …) one after the
    other, for the ``count``-row statement of :func:`sqlite_insert`.  One
    32-row INSERT binds the same values as 32 one-row INSERTs but steps
    once: it costs ``sqlite3`` about a third less per row.
    """
    body: list[str] = []
    out: list[str] = []
    for k in range(count):
        lines, names = _encoding(table, "sqlite", False, f"_{k}")
        body += [f"r = rs[{k}]", *lines]
        out += ["seq" if k == 0 else f"seq + {k}", *names]
    encode: RowsEncoder = _define(table, "encode(seq, rs)", body, out)
    return encode


def _encoding(table: Table, engine: Engine, bind_nulls: bool, suffix: str
              ) -> tuple[list[str], list[str]]:
    """The statements encoding the record ``r`` and the names of the values
    they leave, in :func:`physical_columns` order after ``seq``."""
    null_num = "None" if bind_nulls else "_NAN"
    null_text = null_int = "None" if bind_nulls else repr(SQLITE_NULL_INT)
    body: list[str] = []
    out: list[str] = []
    for i, f in enumerate(table.fields):
        v, low = f"v{i}{suffix}", f"l{i}{suffix}"
        body.append(f"{v} = r[{f.name!r}]")
        if f.type == FieldType.TEXT:
            body += [f"if {v} is None:", f"    {low} = {v} = {null_text}", "else:",
                     f"    {low} = {v}.lower()", f"    if {low} == {v}:",
                     f"        {low} = {null_text}"]
            out += [v, low]
        elif f.type == FieldType.TEXT_LIST:
            body += [f"if {v} is None:", f"    {low} = {v} = {null_text}", "else:",
                     f"    {low} = _tags_lower({v})", f"    {v} = _SEP.join({v})"]
            out += [v, low]
        elif f.type == FieldType.NUMBER:
            # float() of a huge int raises OverflowError: handled in _define, rarely.
            body.append(f"{v} = {null_num} if {v} is None else float({v})")
            out.append(v)
        elif f.type == FieldType.DATETIME and engine == "sqlite":
            body.append(f"{v} = {null_int} if {v} is None else ({v} - _EPOCH) // _MICRO")
            out.append(v)
        elif f.type == FieldType.BOOL and engine == "sqlite":
            body.append(f"{v} = {null_int} if {v} is None else (1 if {v} else 0)")
            out.append(v)
        else:
            if not bind_nulls:
                body.append(f"if {v} is None: {v} = {null_int}")
            out.append(v)
    return body, out


def _define(table: Table, signature: str, body: list[str], out: list[str]) -> Any:
    """Compile ``def <signature>`` running ``body`` and returning the tuple ``out``."""
    source = "\n".join([
        f"def {signature}:",
        "    try:",
        *(f"        {line}" for line in body),
        "    except OverflowError:",
        "        _too_large(table, r)",
        "        raise",
        f"    return ({', '.join(out)},)",
    ])
    namespace: dict[str, Any] = {"_NAN": math.nan, "_EPOCH": EPOCH, "_MICRO": MICRO,
                                 "_SEP": TAG_SEPARATOR, "_tags_lower": _tags_lower,
                                 "_too_large": _too_large, "table": table}
    exec(compile(source, f"<leadrules row encoder for {table.name}>", "exec"), namespace)
    return namespace["encode"]


def _too_large(table: Table, record: dict[str, Any]) -> None:
    """Raise the StoreError for the number of ``record`` that no float can hold."""
    for f in table.fields:
        value = record[f.name]
        if f.type == FieldType.NUMBER and value is not None:
            _number(value)


def sqlite_insert(table_sql: str, table: Table, rows: int = 1) -> str:
    """The INSERT of ``rows`` rows of :func:`row_encoder` with ``bind_nulls=False``
    (the parameters of :func:`sqlite_rows_encoder` for more than one)."""
    params = []
    for _column, ftype in physical_columns(table):
        if ftype in (FieldType.TEXT, FieldType.TEXT_LIST, FieldType.DATETIME, FieldType.BOOL):
            params.append(f"NULLIF(?, {SQLITE_NULL_INT})")
        else:
            params.append("?")
    row = f"({', '.join(params)})"
    return f"INSERT INTO {table_sql} VALUES {', '.join([row] * rows)}"


def value_decoder(ftype: FieldType, engine: Engine) -> Callable[[Any], Any]:
    """Stored value -> the normalised Python value :mod:`leadrules.values` defines."""
    if ftype == FieldType.NUMBER:
        return _decode_number
    if ftype == FieldType.BOOL:
        return lambda v: None if v is None else bool(v)
    if ftype == FieldType.DATETIME:
        if engine in ("sqlite", "spark"):  # integer µs
            return lambda v: None if v is None else from_micros(v)
        if engine == "duckdb":
            return _decode_duckdb_time
        return lambda v: None if v is None else v.astimezone(dt.UTC)
    if ftype == FieldType.TEXT_LIST:
        return lambda v: None if v is None else tuple(v.split(TAG_SEPARATOR))
    return lambda v: v


def _decode_duckdb_time(value: Any) -> dt.datetime | None:
    """A DuckDB ``TIMESTAMPTZ`` as an aware UTC datetime.  DuckDB gives a time
    whose wall clock in the connection's zone lies outside years 1-9999 (the last
    hours of 9999 east of UTC, the first of year 1 west of it) as its UTC text
    instead of a datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    moment: dt.datetime = value.astimezone(dt.UTC)
    return moment


def _decode_number(value: Any) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    # Stored as a float; whole numbers come back as the ints they were read as.
    if math.isfinite(number) and number.is_integer() and abs(number) < 2**63:
        return int(number)
    return number
