"""DuckDBStore: leads and events in DuckDB (optional extra), or Parquet files in place.

A ``.duckdb`` file holds the layout of :mod:`.layout` (datetimes
``TIMESTAMPTZ``; no indexes: DuckDB scans columns, and rows are loaded in
``(lead_id, occurred_at)`` order so its zone maps prune).
:meth:`DuckDBStore.from_parquet` instead puts views over a folder of Parquet
files (``lead.parquet``, ``tracking.parquet``, …) and evaluates rules on them
where they lie; see ``docs/stores.md`` for what the files may hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..memory import MemoryStore
from ..schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType, Schema
from .dbapi import (
    Row,
    SqlStore,
    create_statements,
    layout_of,
    meta_rows,
    quote,
    schema_from_rows,
    schema_rows,
)
from .layout import (
    FIELD_TABLE,
    META_TABLE,
    SEQ,
    TAG_SEPARATOR,
    check_names,
    lower_column,
    physical_columns,
    row_encoder,
)


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise StoreError("DuckDB stores need the duckdb package: pip install 'leadrules[duckdb]'"
                         ) from None
    return duckdb


class DuckDBStore(SqlStore):
    """A leadrules store in a DuckDB database file (or an open duckdb connection)."""

    engine = "duckdb"
    shape = "semijoin"

    def __init__(self, path_or_connection: str | os.PathLike[str] | Any, *,
                 schema: Schema | None = None) -> None:
        duckdb = _duckdb()
        if isinstance(path_or_connection, str | os.PathLike):
            path = Path(path_or_connection)
            if not path.is_file():
                raise StoreError(f"no DuckDB store at {path}")
            try:
                self._conn = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open {path}: {exc}") from None
            self._owned = True
        else:
            self._conn = path_or_connection
            self._owned = False
        try:
            rows = self._fetch(f"SELECT tpos, tbl, pos, name, type FROM {FIELD_TABLE}", {})
        except StoreError:
            raise StoreError(f"{path_or_connection} is not a leadrules DuckDB store; make one "
                             "with DuckDBStore.create or 'leadrules import'") from None
        stored = schema_from_rows(rows)
        super().__init__(stored, layout_of(stored), schema)

    @classmethod
    def from_parquet(cls, folder: str | os.PathLike[str], *,
                     schema: Schema = DEFAULT_SCHEMA) -> DuckDBStore:
        """Rules over ``lead.parquet`` and one ``SOURCE.parquet`` per event source, in place."""
        duckdb = _duckdb()
        conn = duckdb.connect()
        # Naive timestamps in the files are UTC, as in every other input.
        conn.execute("SET TimeZone = 'UTC'")
        stored = _parquet_views(conn, Path(folder), schema)
        store = cls.__new__(cls)
        store._conn = conn
        store._owned = True
        SqlStore.__init__(store, stored, layout_of(stored), schema)
        return store

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        duckdb = _duckdb()
        try:
            rows: list[Row] = self._conn.execute(sql, dict(params) or None).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"DuckDB failed: {exc}") from None
        return rows

    def close(self) -> None:
        if self._owned:
            self._conn.close()

    # -- writing -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], data: MemoryStore) -> DuckDBStore:
        """Write ``data`` to a new DuckDB file at ``path`` (which must not exist) and open it."""
        duckdb = _duckdb()
        target = Path(path)
        if target.exists():
            raise StoreError(f"{target} already exists")
        conn = duckdb.connect(str(target))
        try:
            write(conn, data)
        except BaseException:
            conn.close()
            target.unlink(missing_ok=True)
            raise
        conn.close()
        return cls(target)

    def write_parquet(self, folder: str | os.PathLike[str]) -> None:
        """Write every table as ``TABLE.parquet`` in the layout ``from_parquet`` reads."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for table in self._schema.tables:
            if self._layout.table(table.name) is None:
                continue
            target = str(out / f"{table.name}.parquet").replace("'", "''")
            self._fetch(f"COPY (SELECT * FROM {quote(table.name)} ORDER BY {quote(SEQ)}) "
                        f"TO '{target}' (FORMAT PARQUET)", {})


def write(conn: Any, data: MemoryStore) -> None:
    """Create the layout's tables in an empty DuckDB database and load ``data``."""
    schema = data.schema
    check_names(schema)
    conn.execute("BEGIN")
    for statement in create_statements(schema, "duckdb"):
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", meta_rows())
    conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)", schema_rows(schema))
    with tempfile.TemporaryDirectory() as tmp:
        for index, table in enumerate(schema.tables):
            _load_table(conn, table, data, Path(tmp) / f"{index}.csv")
    conn.execute("COMMIT")


def _load_table(conn: Any, table: Any, data: MemoryStore, scratch: Path) -> None:
    # DuckDB inserts row by row slowly from Python; its CSV reader is fast.
    # Every text value is quoted and a missing one is an empty unquoted cell,
    # so NULL and text never mix up (normalised text is never empty).
    encode = row_encoder(table, "duckdb")
    records = data.leads() if table.is_lead else data.events(table.name)
    rows = [encode(seq, record) for seq, record in enumerate(records)]
    if not table.is_lead:
        lead_at, time_at = 1 + _position(table, EVENT_LEAD_KEY), 1 + _position(table, EVENT_TIME)
        rows.sort(key=lambda r: (r[lead_at], r[time_at], r[0]))
    if not rows:
        return
    with scratch.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerows([_csv_cell(v) for v in row] for row in rows)
    path = str(scratch).replace("'", "''")
    conn.execute(f"COPY {quote(table.name)} FROM '{path}' "
                 "(FORMAT CSV, AUTO_DETECT false, HEADER false, DELIMITER ',', QUOTE '\"', "
                 "ESCAPE '\"', NULL '')")


def _position(table: Any, field: str) -> int:
    """The index of ``field``'s value column among the physical columns, minus seq."""
    columns = [c for c, _ in physical_columns(table)][1:]
    return columns.index(field)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- Parquet


_PARQUET_TYPES = {"VARCHAR": FieldType.TEXT, "BOOLEAN": FieldType.BOOL,
                  "VARCHAR[]": FieldType.TEXT_LIST}


def _parquet_type(duck_type: str) -> FieldType:
    if duck_type in _PARQUET_TYPES:
        return _PARQUET_TYPES[duck_type]
    if duck_type.startswith("TIMESTAMP") or duck_type == "DATE":
        return FieldType.DATETIME
    if duck_type.split("(")[0] in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                                   "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT",
                                   "DOUBLE", "DECIMAL"):
        return FieldType.NUMBER
    return FieldType.TEXT


def _parquet_views(conn: Any, folder: Path, schema: Schema) -> Schema:
    if not (folder / f"{LEAD}.parquet").is_file():
        raise StoreError(f"{folder} holds no {LEAD}.parquet")
    files = sorted(folder.glob("*.parquet"))
    columns: dict[str, dict[str, str]] = {}
    for file in files:
        path = str(file).replace("'", "''")
        described = conn.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        columns[file.stem] = {str(r[0]): str(r[1]) for r in described}
    stored = _schema_of_files(schema, columns)
    for file in files:
        table = stored.table(file.stem)
        assert table is not None
        conn.execute(_view_sql(table, columns[file.stem], file))
    return stored


def _schema_of_files(schema: Schema, columns: dict[str, dict[str, str]]) -> Schema:
    """``schema``'s tables as the files hold them, plus the files' extra columns."""
    out = Schema(schema.lead.__class__(LEAD, ()), ())
    for name in [LEAD, *sorted(n for n in columns if n != LEAD)]:
        present = columns[name]
        known = schema.table(name)
        required = [LEAD_KEY] if name == LEAD else [EVENT_LEAD_KEY, EVENT_TIME]
        for field in required:
            if field not in present:
                raise StoreError(f"{name}.parquet has no column '{field}'")
        fields = {f.name: f.type for f in (known.fields if known else ()) if f.name in present}
        for column, duck_type in present.items():
            if column not in fields and column != SEQ and not column.endswith("__lower"):
                fields[column] = _parquet_type(duck_type)
        if name != LEAD:
            fields = {EVENT_LEAD_KEY: fields.pop(EVENT_LEAD_KEY),
                      EVENT_TIME: fields.pop(EVENT_TIME), **fields}
        out = out.extend(name, fields)
    return out


def _view_sql(table: Any, present: dict[str, str], file: Path) -> str:
    path = str(file).replace("'", "''")
    seq = quote(SEQ) if SEQ in present else "file_row_number"
    select = [f"{seq} AS {quote(SEQ)}"]
    for f in table.fields:
        col = quote(f.name)
        low = lower_column(f.name)
        is_list = present[f.name].endswith("[]")
        if f.type == FieldType.TEXT_LIST and is_list:
            joined = f"NULLIF(array_to_string({col}, '{TAG_SEPARATOR}'), '')"
            select.append(f"{joined} AS {col}")
        elif f.type == FieldType.NUMBER:
            select.append(f"CAST({col} AS DOUBLE) AS {col}")
        elif f.type == FieldType.DATETIME:
            select.append(f"CAST({col} AS TIMESTAMPTZ) AS {col}")
        else:
            select.append(col)
        if f.type == FieldType.TEXT:
            select.append(quote(low) if low in present else f"lower({col}) AS {quote(low)}")
        elif f.type == FieldType.TEXT_LIST:
            if low in present:
                select.append(quote(low))
            else:
                text = (f"array_to_string({col}, '{TAG_SEPARATOR}')" if is_list else col)
                select.append(f"'{TAG_SEPARATOR}' || lower(NULLIF({text}, '')) || "
                              f"'{TAG_SEPARATOR}' AS {quote(low)}")
    return (f"CREATE VIEW {quote(table.name)} AS SELECT {', '.join(select)} "
            f"FROM read_parquet('{path}', file_row_number = true)")
