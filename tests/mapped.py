"""Mapped copies of a data set: the user's own tables on every engine, for the
differential tests (issue 14 item 1).

Each engine gets the data under other table and column names, without shadow
columns or ``seq``, in the column types applications keep, a different mix
per engine:

=================  =====================  ========================  ===================
                   SQLite                 PostgreSQL                DuckDB
=================  =====================  ========================  ===================
lead.created_at    ISO text, +02:00       timestamptz               naive TIMESTAMP
bools              INTEGER 0/1            boolean                   INTEGER 0/1
tags               text, ``,``-separated  text[]                    VARCHAR[]
tracking time      ISO text, naive        naive timestamp           epoch µs BIGINT
application time   epoch s REAL           epoch s double            ISO text with offset
mail time          epoch µs INTEGER       ISO text with offset      timestamptz
event order        ``event_no`` (seq)     derived                   derived
=================  =====================  ========================  ===================

The memory store the mapped one must agree with (:func:`oracle`) differs from
the data only where the mapping is documented to differ: events at one instant
in the derived order (by their columns) where no ``seq`` column is mapped, and,
on PostgreSQL and DuckDB, text whose engine ``lower()`` is not Python's
replaced by an ASCII spelling (docs/stores.md, "Your own tables"); a rule whose
own text is such is not run on that engine (:func:`lowers_alike`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

import attrs
import duckdb
import psycopg

from leadrules.memory import MemoryStore
from leadrules.schema import EVENT_LEAD_KEY, EVENT_TIME, FieldType, Table
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.postgres import PostgresStore
from leadrules.stores.sqlite import SQLiteStore

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
PLUS2 = dt.timezone(dt.timedelta(hours=2))
MAPPED = ("sqlite-mapped", "postgres-mapped", "duckdb-mapped")
_TABLES = {"lead": "contacts", "tracking": "page_views", "application": "forms_sent",
           "mail": "mail_log"}
SEQ_COLUMN = "event_no"
# Which sources keep an order column, per engine.
WITH_SEQ = {"sqlite": True, "postgres": False, "duckdb": False, "pandas": True, "spark": False,
            "arrow": False}


def table_name(table: str) -> str:
    return _TABLES.get(table, "app_" + table)


def column(field: str) -> str:
    return "c_" + field.upper()


def _micros(when: dt.datetime) -> int:
    return (when - EPOCH) // dt.timedelta(microseconds=1)


def _time_kind(engine: str, table: str) -> str:
    kinds: dict[str, dict[str, str]] = {
        "sqlite": {"lead": "iso+2", "tracking": "iso", "application": "epoch_s",
                   "mail": "epoch_us"},
        "postgres": {"lead": "tz", "tracking": "naive", "application": "epoch_s",
                     "mail": "iso+2"},
        "duckdb": {"lead": "naive", "tracking": "epoch_us", "application": "iso+2",
                   "mail": "tz"},
    }
    return kinds[engine].get(table, "iso+2")


_SQL_TYPES = {
    "sqlite": {"text": "TEXT", "number": "REAL", "bool": "INTEGER", "tags": "TEXT",
               "iso": "TEXT", "iso+2": "TEXT", "epoch_s": "REAL", "epoch_us": "INTEGER"},
    "postgres": {"text": "text", "number": "double precision", "bool": "boolean",
                 "tags": "text[]", "tz": "timestamptz", "naive": "timestamp",
                 "epoch_s": "double precision", "iso+2": "text"},
    "duckdb": {"text": "VARCHAR", "number": "DOUBLE", "bool": "INTEGER", "tags": "VARCHAR[]",
               "tz": "TIMESTAMPTZ", "naive": "TIMESTAMP", "epoch_us": "BIGINT",
               "iso+2": "VARCHAR"},
}


def _kind(engine: str, table: str, ftype: FieldType) -> str:
    if ftype == FieldType.DATETIME:
        return _time_kind(engine, table)
    if ftype == FieldType.TEXT_LIST:
        return "tags"
    return {FieldType.TEXT: "text", FieldType.NUMBER: "number", FieldType.BOOL: "bool"}[ftype]


def _encode(engine: str, kind: str, value: Any) -> Any:
    if value is None:
        return None
    match kind:
        case "bool":
            return value if engine == "postgres" else int(value)
        case "tags":
            # As applications keep them, untidily: spaces around the tags and an empty
            # one, which the mapped store drops as to_text_list does.
            if engine == "sqlite":
                return " , ".join(value) + ", "
            return [f" {t}" for t in value] + [""]
        case "iso":
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
        case "iso+2":
            return value.astimezone(PLUS2).isoformat()
        case "naive":
            return value.astimezone(dt.UTC).replace(tzinfo=None)
        case "epoch_s":
            return _micros(value) / 1_000_000
        case "epoch_us":
            return _micros(value)
        case _:
            return value


def mapping_for(engine: str, memory: MemoryStore, namespace: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table in memory.schema.tables:
        entry: dict[str, Any] = {"table": (f"{namespace}.{table_name(table.name)}" if namespace
                                           else table_name(table.name))}
        for f in table.fields:
            kind = _kind(engine, table.name, f.type)
            spec: Any = column(f.name)
            if kind.startswith("epoch"):
                spec = {"column": column(f.name), "epoch": kind.split("_")[1]}
            elif kind == "tags" and engine == "sqlite":
                spec = {"column": column(f.name), "separator": ","}
            entry[f.name] = spec
        if not table.is_lead and WITH_SEQ[engine]:
            entry["seq"] = SEQ_COLUMN
        out[table.name] = entry
    return out


def _rows(engine: str, table: Table, records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    kinds = [_kind(engine, table.name, f.type) for f in table.fields]
    rows = []
    for n, r in enumerate(records):
        row = tuple(_encode(engine, k, r[f.name]) for k, f in zip(kinds, table.fields,
                                                                   strict=True))
        rows.append(row if table.is_lead else (*row, n))
    return rows


def _ddl(engine: str, table: Table, name: str) -> str:
    cols = [f'"{column(f.name)}" {_SQL_TYPES[engine][_kind(engine, table.name, f.type)]}'
            for f in table.fields]
    if not table.is_lead:
        cols.append(f'"{SEQ_COLUMN}" INTEGER')
    return f"CREATE TABLE {name} ({', '.join(cols)})"


def _records(memory: MemoryStore, table: Table) -> list[dict[str, Any]]:
    if table.is_lead:
        return list(memory.leads())
    out = []
    for lead in memory.leads():
        out += memory.events_of(lead["id"])[table.name]
    return out


def load_sqlite(memory: MemoryStore) -> SQLiteStore:
    conn = sqlite3.connect(":memory:")
    for table in memory.schema.tables:
        name = f'"{table_name(table.name)}"'
        conn.execute(_ddl("sqlite", table, name))
        rows = _rows("sqlite", table, _records(memory, table))
        if rows:
            conn.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})",
                             rows)
    return SQLiteStore(conn, mapping=mapping_for("sqlite", memory, None))


def load_postgres(pg: psycopg.Connection[Any], namespace: str, memory: MemoryStore,
                  made: dict[str, str] | None = None) -> PostgresStore:
    """The copy in schema ``namespace``.  ``made`` (table -> its DDL) is kept by the
    caller across calls: a table already made the same way is emptied with DELETE
    instead of dropped and created again (DDL waits for fsync: slow on a busy
    machine)."""
    made = {} if made is None else made
    with pg.transaction():
        if not made:
            pg.execute(f'DROP SCHEMA IF EXISTS "{namespace}" CASCADE')
            pg.execute(f'CREATE SCHEMA "{namespace}"')
        for table in memory.schema.tables:
            name = f'"{namespace}"."{table_name(table.name)}"'
            ddl = _ddl("postgres", table, name)
            if made.get(name) == ddl:
                pg.execute(f"DELETE FROM {name}")
            else:
                pg.execute(f"DROP TABLE IF EXISTS {name}")
                pg.execute(ddl)
                made[name] = ddl
            rows = _rows("postgres", table, _records(memory, table))
            with pg.cursor() as cur:
                if rows:
                    cur.executemany(
                        f"INSERT INTO {name} VALUES ({', '.join(['%s'] * len(rows[0]))})",
                        rows)
    return PostgresStore(pg, mapping=mapping_for("postgres", memory, namespace))


def load_duckdb(memory: MemoryStore, conn: Any = None) -> DuckDBStore:
    conn = conn if conn is not None else duckdb.connect()
    conn.execute("CREATE SCHEMA app")
    for table in memory.schema.tables:
        name = f'app."{table_name(table.name)}"'
        conn.execute(_ddl("duckdb", table, name))
        rows = _rows("duckdb", table, _records(memory, table))
        if rows:
            conn.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})",
                             rows)
    return DuckDBStore(conn, mapping=mapping_for("duckdb", memory, "app"))


# ----------------------------------------------------------------- the oracle

Lower = Callable[[list[str]], list[str]]


def texts_of(node: object) -> set[str]:
    """Every text in a rules AST (literals, names: a superset of what a rule
    lower-cases)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            out.add(n)
        elif isinstance(n, tuple | list | frozenset | set):
            stack.extend(n)
        elif attrs.has(type(n)):
            stack.extend(getattr(n, a.name) for a in attrs.fields(type(n)))
    return out


def lowers_alike(engine_lower: Lower, texts: list[str]) -> bool:
    """Whether ``engine_lower`` lower-cases each of ``texts`` as ``str.lower()`` does."""
    return not texts or all(low == t.lower()
                            for t, low in zip(texts, engine_lower(texts), strict=True))


def oracle(engine: str, memory: MemoryStore, engine_lower: Lower | None) -> MemoryStore:
    """The memory store a mapped copy of ``memory`` on ``engine`` must agree with
    (``engine`` also names a kind of frames: ``pandas``, ``arrow``)."""
    texts: set[str] = set()
    for table in memory.schema.tables:
        for r in _records(memory, table):
            for f in table.fields:
                v = r[f.name]
                if f.type == FieldType.TEXT and v is not None:
                    texts.add(v)
                elif f.type == FieldType.TEXT_LIST and v is not None:
                    texts.update(v)
    swap: dict[str, str] = {}
    if engine_lower is not None and texts:
        ordered = sorted(texts)
        for v, low in zip(ordered, engine_lower(ordered), strict=True):
            if low != v.lower():
                swap[v] = v.encode("ascii", "backslashreplace").decode()

    def fix(table: Table, r: dict[str, Any]) -> dict[str, Any]:
        out = dict(r)
        for f in table.fields:
            v = out[f.name]
            if v is None:
                continue
            if f.type == FieldType.TEXT:
                out[f.name] = swap.get(v, v)
            elif f.type == FieldType.TEXT_LIST:
                out[f.name] = tuple(swap.get(t, t) for t in v)
        return out

    if not swap and WITH_SEQ[engine]:
        return memory
    leads = [fix(memory.schema.lead, r) for r in memory.leads()]
    events: dict[str, list[dict[str, Any]]] = {}
    for source in memory.schema.sources:
        records = [fix(source, r) for r in _records(memory, source)]
        if not WITH_SEQ[engine]:
            others = sorted(f.name for f in source.fields
                            if f.name not in (EVENT_LEAD_KEY, EVENT_TIME))
            records.sort(key=lambda r: (r[EVENT_LEAD_KEY], r[EVENT_TIME],
                                        *((r[n] is not None, r[n] if r[n] is not None else 0)
                                          for n in others)))
        events[source.name] = records
    return MemoryStore(leads, events, schema=memory.schema)



# ----------------------------------------------------------------- DataFrames


def load_pandas(memory: MemoryStore) -> DuckDBStore:
    """``memory`` as pandas DataFrames named after the schema's tables, columns after
    the fields (naive UTC datetimes, nullable booleans, lists of tags, ``seq``),
    opened without a mapping."""
    import pandas as pd

    import leadrules as lr
    frames: dict[str, Any] = {}
    for table in memory.schema.tables:
        records = _records(memory, table)
        columns: dict[str, Any] = {}
        for f in table.fields:
            values = [r[f.name] for r in records]
            if f.type == FieldType.DATETIME:
                columns[f.name] = pd.Series(
                    [None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None)
                     for v in values], dtype="datetime64[us]")
            elif f.type == FieldType.BOOL:
                columns[f.name] = pd.Series(values, dtype="boolean")
            elif f.type == FieldType.NUMBER:
                columns[f.name] = pd.Series(values, dtype="Float64")
            elif f.type == FieldType.TEXT_LIST:
                columns[f.name] = pd.Series([None if v is None else list(v) for v in values],
                                            dtype=object)
            else:
                columns[f.name] = pd.Series(values, dtype=object)
        if not table.is_lead:
            columns["seq"] = pd.Series(range(len(records)), dtype="int64")
        frames[table.name] = pd.DataFrame(columns)
    return lr.open_store(frames, memory.schema)  # type: ignore[no-any-return]


def load_arrow(memory: MemoryStore) -> DuckDBStore:
    """``memory`` as pyarrow tables under other names (tz-aware µs timestamps,
    lists, an epoch-ms column where exact), opened through a mapping."""
    import pyarrow as pa

    import leadrules as lr
    frames: dict[str, Any] = {}
    mapping: dict[str, Any] = {}
    for table in memory.schema.tables:
        records = _records(memory, table)
        name = table_name(table.name)
        arrays: dict[str, Any] = {}
        entry: dict[str, Any] = {"table": f"crm.{name}"}
        for f in table.fields:
            values = [r[f.name] for r in records]
            col = column(f.name)
            entry[f.name] = col
            if f.type == FieldType.DATETIME:
                arrays[col] = pa.array(values, pa.timestamp("us", tz="UTC"))
            elif f.type == FieldType.BOOL:
                arrays[col] = pa.array(values, pa.bool_())
            elif f.type == FieldType.NUMBER:
                arrays[col] = pa.array([None if v is None else float(v) for v in values],
                                       pa.float64())
            elif f.type == FieldType.TEXT_LIST:
                arrays[col] = pa.array([None if v is None else list(v) for v in values],
                                       pa.list_(pa.string()))
            else:
                arrays[col] = pa.array(values, pa.string())
        frames[name] = pa.table(arrays) if arrays else pa.table({})
        mapping[table.name] = entry
    # Read in place (copy=False); pandas frames are copied into DuckDB tables (the default).
    return lr.open_store(frames, memory.schema, mapping=mapping,  # type: ignore[no-any-return]
                         copy=False)
