"""DuckDBStore: leads and events in DuckDB (optional extra), or Parquet files in place.

A ``.duckdb`` file holds the layout of :mod:`.layout` (datetimes
``TIMESTAMPTZ``; no indexes: DuckDB scans columns, and rows are loaded in
``(lead_id, occurred_at)`` order so its zone maps prune).
:meth:`DuckDBStore.from_parquet` instead puts views over a folder of Parquet
files (``lead.parquet``, ``tracking.parquet``, …) and evaluates rules on them
where they lie; see ``docs/stores.md`` for what the files may hold.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import os
import re
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..errors import (
    DataError,
    Diagnostic,
    QueryTimeout,
    StoreError,
    UsageError,
    near_miss,
    nearest,
    suggest,
)
from ..files import database_kind
from ..loaders import NEAR, NearMisses, near_misses
from ..memory import MemoryStore
from ..schema import (
    DEFAULT_SCHEMA,
    EVENT_LEAD_KEY,
    EVENT_TIME,
    LEAD,
    LEAD_KEY,
    FieldType,
    Schema,
    Table,
)
from ..sql.layout import LOWER_SUFFIX, lower_column
from .base import Capability, spark_hint
from .dbapi import (
    Row,
    SqlStore,
    Writer,
    create_statements,
    layout_of,
    meta_rows,
    quote,
    schema_from_rows,
    schema_rows,
    write_errors,
)
from .layout import (
    ENGINE_SHADOWS,
    FIELD_TABLE,
    FRAME_ROW,
    META_TABLE,
    SEQ,
    TAG_SEPARATOR,
    check_names,
    physical_columns,
    row_encoder,
)
from .mapping import FrameColumns, kind_of, resolve, written_name

if TYPE_CHECKING:
    from .bulk import BulkPlan


_T = TypeVar("_T")


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise StoreError("DuckDB stores need the duckdb package: pip install 'leadrules[duckdb]'"
                         ) from None
    return duckdb


_OPENING_FRAMES: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "leadrules_opening_frames", default=False)
"""Set while :meth:`DuckDBStore.from_frames` builds its store, whose own checks
name the frame's rows."""


class DuckDBStore(SqlStore):
    """A leadrules store in a DuckDB database file (or an open duckdb connection).

    ``timeout`` (seconds, or None): a query running longer is interrupted
    (``connection.interrupt()`` from a timer thread) and
    :class:`~leadrules.errors.QueryTimeout` is raised.
    """

    engine = "duckdb"
    capabilities = SqlStore.capabilities | {Capability.SEGMENT_BATCH}
    #: A store of DataFrames: per (table, column), a column left out as unreadable
    #: (why, and the fix), for the checker's message about a rule that reads it.
    left_out: Mapping[tuple[str, str], tuple[str, str]] = {}

    def __init__(self, path_or_connection: str | os.PathLike[str] | Any, *,
                 schema: Schema | None = None,
                 mapping: Mapping[str, Mapping[str, Any]] | None = None,
                 timeout: float | None = None) -> None:
        duckdb = _duckdb()
        self.timeout = timeout
        self._path: Path | None = None
        if isinstance(path_or_connection, str | os.PathLike):
            path = self._path = Path(path_or_connection)
            if not path.is_file():
                raise StoreError(f"no DuckDB store at {path}")
            if database_kind(path) == "sqlite":
                raise StoreError(f"{path} is a SQLite file, not a DuckDB one: name it "
                                 f"{path.stem}.db to read it as SQLite")
            try:
                self._conn = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open {path}: {exc}") from None
            self._owned = True
        else:
            self._conn = path_or_connection
            self._owned = False
        if mapping is not None:
            stored, layout = resolve(mapping, schema or DEFAULT_SCHEMA, "duckdb",
                                     self._describe, listing=self._tables)
            super().__init__(stored, layout, schema or DEFAULT_SCHEMA)
            if not _OPENING_FRAMES.get():  # from_frames checks its ids, naming rows
                self._refuse_repeated_ids()
            return
        try:
            rows = self._fetch(f"SELECT tpos, tbl, pos, name, type FROM {FIELD_TABLE}", {})
        except StoreError:
            raise StoreError(f"{path_or_connection} is not a leadrules DuckDB store; make one "
                             "with DuckDBStore.create or 'leadrules import'") from None
        stored = schema_from_rows(rows)
        key, value = ENGINE_SHADOWS
        shadows = self._fetch(f"SELECT value FROM {META_TABLE} WHERE key = $key", {"key": key})
        super().__init__(stored, layout_of(stored, engine_shadows=shadows == [(value,)]),
                         schema)

    def _describe(self, parts: tuple[str, ...]) -> list[tuple[str, str]] | None:
        """The columns of a table, view or registered data frame of the user's."""
        duckdb = _duckdb()
        name = ".".join(quote(p) for p in parts)
        try:
            rows = self._conn.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()
        except duckdb.Error:
            return None
        return [(str(r[0]), str(r[1])) for r in rows] or None

    def _tables(self) -> list[str]:
        """The tables and views of the connection, as a mapping names them (the
        ``main`` schema's bare)."""
        rows = self._conn.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
        return [written_name(str(n)) if sch == "main" else written_name(str(sch), str(n))
                for sch, n in rows]

    @classmethod
    def from_frames(cls, frames: Mapping[str, Any], *, schema: Schema = DEFAULT_SCHEMA,
                    mapping: Mapping[str, Mapping[str, Any]] | None = None,
                    timeout: float | None = None, copy: bool = True) -> DuckDBStore:
        """Rules over DataFrames (pandas, Polars) or pyarrow tables, evaluated by
        DuckDB over Arrow: no row is copied into Python.

        Without ``mapping`` the keys are schema tables (``lead``, ``tracking`` …)
        and the columns are named as the fields (a ``seq`` column orders ties);
        with one, the keys are the tables its ``table`` entries name
        (docs/stores.md, "DataFrames").

        ``copy`` (the default) loads the frames once into DuckDB's own in-memory
        tables in the layout of an imported store (``x__lower`` and ``seq``
        computed by DuckDB, events in ``(lead_id, occurred_at)`` order), so
        every later query runs at the speed of a DuckDB store, at the cost of a
        second copy of the data in memory; ``copy=False`` reads the frames in
        place on every query (no copy, each query slower).
        """
        from .mapping import split_name
        duckdb = _duckdb()
        conn = duckdb.connect()
        names: dict[str, str] = {}
        numbered: set[str] = set()
        # Columns left out as unreadable (no mapping: keyed by table and column).
        left_out: dict[tuple[str, str], tuple[str, str]] = {}
        for k, (key, frame) in enumerate(frames.items()):
            if not isinstance(key, str):
                raise StoreError(f"open_store: the keys of a dict of frames are table names, "
                                 f"not {key!r}")
            kind = _frame_kind(frame)
            if kind is None:
                conn.close()
                raise UsageError([Diagnostic(
                    f"open_store: the '{key}' value is {_a(frame)}, not a frame",
                    hint=spark_hint(frame) or
                    "each value of the dict is a pandas or Polars DataFrame or a pyarrow "
                    "Table (docs/stores.md, 'DataFrames')")])
            shape = _frame_shape(key, frame, kind, own=mapping is None)
            if shape is not None:
                conn.close()
                raise UsageError([shape])
            if kind == "pandas" and len(frame) == 0:
                frame, kind = _empty_as_arrow(frame), "pyarrow"
            elif kind == "pandas":
                frame = _floored_times(frame)
            internal = f"leadrules_frame_{k}"
            # A pandas frame read in place stays the user's object (DuckDB reads its
            # arrays on each query, so changes made to it are seen): no row column.
            row = copy or kind != "pandas"
            if row:
                numbered.add(key)
            try:
                conn.register(internal, _numbered(frame, kind) if row else frame)
            except (duckdb.Error, TypeError, ValueError) as exc:
                try:
                    # Only when DuckDB refuses the frame: which columns it cannot read.
                    readable = _readable(conn, key, frame, kind,
                                         _needed(schema, key, mapping),
                                         left_out if mapping is None else {})
                    frame = readable if readable is not None else frame
                    conn.register(internal, _numbered(frame, kind) if row else frame)
                except (duckdb.Error, TypeError, ValueError):
                    conn.close()
                    raise StoreError(f"open_store: '{key}' is not a DataFrame or Arrow "
                                     f"table DuckDB can read ({type(frame).__name__}: "
                                     f"{exc})") from None
                except BaseException:
                    conn.close()
                    raise
            mixed = _mixed_times(conn, key, internal, frame) if kind == "pandas" else None
            if mixed is not None:
                conn.close()
                raise mixed
            parts = split_name(key)
            if len(parts) > 1:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(parts[-2])}")
            view = ".".join(quote(p) for p in parts[-2:])
            conn.execute(f"CREATE VIEW {view} AS SELECT * FROM {quote(internal)}")
            names[key] = parts[-1]
        try:
            mapped = (_frame_mapping(conn, frames, schema) if mapping is None
                      else _frame_tables(mapping, names, numbered))
            opening = _OPENING_FRAMES.set(True)
            try:
                store = cls(conn, schema=schema, mapping=mapped, timeout=timeout)
            except UsageError as exc:
                raise _in_the_frame(exc, frames, names) from None
            finally:
                _OPENING_FRAMES.reset(opening)
            frame_of = {last: key for key, last in names.items()}
            if mapping is not None:
                _warn_unread(conn, schema, store._layout, mapping, names)
            store._check_frames(frame_of, {names[key] for key in numbered})
            store.left_out = left_out
            if mapping is None:
                store.near_misses = _frame_near_misses(conn, frames, schema)
            if copy:
                store._copy_frames(schema, [f"leadrules_frame_{k}" for k in range(len(frames))],
                                   [".".join(quote(p) for p in split_name(key)[-2:])
                                    for key in frames], frame_of)
        except BaseException:
            conn.close()
            raise
        store._owned = True
        store._read_only = ("this store reads DataFrames: leadrules does not write to them "
                            "(change the frames and open the store again, or import the data "
                            "into a store of its own: DuckDBStore.create, leadrules import)")
        return store

    def _check_frames(self, frame_of: Mapping[str, str], numbered: Set[str]) -> None:
        """Refuse, with the frame, value and row named, what the data rules forbid
        and DuckDB would only stumble on later: a lead without an id, or an id twice
        (docs/data.md), and a datetime text DuckDB cannot read.  One aggregate over
        the lead frame's ids and one scan per datetime column held as text."""
        from ..sql import mapped
        for table in self._stored.tables:
            t = self._layout.table(table.name)
            if t is None or t.source is None:
                continue
            source = t.source
            frame = frame_of.get(source.parts[-1], source.parts[-1])
            where = ".".join(quote(p) for p in source.parts)
            row = quote(FRAME_ROW) if source.parts[-1] in numbered else "NULL"
            if table.name == LEAD:
                key = mapped.read(source.columns[LEAD_KEY], "duckdb", self._layout)[0]
                found = self._conn.execute(
                    f"SELECT v, count(*), list(r ORDER BY r)[1:2] FROM (SELECT "
                    f"{key.sql(dialect='duckdb')} AS v, {row} AS r FROM {where}) "
                    "GROUP BY v HAVING v IS NULL OR v = '' OR count(*) > 1 "
                    "ORDER BY min(r) LIMIT 1").fetchone()
                if found is not None:
                    raise _bad_id(frame, source.columns[LEAD_KEY].name, *found)
            for field in table.fields:
                column = source.columns.get(field.name)
                if column is None or column.read != "iso_text":
                    continue
                # TRY_CAST (sql.mapped): NULL for a text that is no time.
                value = mapped.read(column, "duckdb", self._layout)[0]
                col = quote(column.name)
                # A blank text is missing, as in a folder (docs/data.md): not refused.
                found = self._conn.execute(
                    f"SELECT {col}, {row} FROM {where} WHERE trim({col}) <> '' AND "
                    f"({value.sql(dialect='duckdb')}) IS NULL "
                    f"{'' if row == 'NULL' else f'ORDER BY {row} '}LIMIT 1"
                ).fetchone()
                if found is not None:
                    raise DataError([Diagnostic(
                        f"open_store: the '{frame}' frame's column '{column.name}' holds "
                        f"{found[0]!r}{_at_rows(found[1:], ' (', ')')}, which is not an "
                        "ISO-8601 datetime",
                        hint="datetimes in text are ISO-8601 (2026-11-18T09:00:00Z, or "
                             "without an offset: UTC); or give the column a datetime type "
                             "(pd.to_datetime, pl.col(...).str.to_datetime)")])
            if table.name != LEAD:
                # Every event needs the time it happened, as in a folder (docs/data.md):
                # an event whose time is missing (None, NaT, a blank text) is refused,
                # not left out of every answer.
                column = source.columns[EVENT_TIME]
                value = mapped.read(column, "duckdb", self._layout)[0]
                found = self._conn.execute(
                    f"SELECT {row} FROM {where} WHERE ({value.sql(dialect='duckdb')}) IS NULL "
                    f"{'' if row == 'NULL' else f'ORDER BY {row} '}LIMIT 1").fetchone()
                if found is not None:
                    raise DataError([Diagnostic(
                        f"open_store: the '{frame}' frame's column '{column.name}' has no "
                        f"value{_at_rows(found, ' in ', '')}",
                        hint="every event needs the time it happened: fill it in, or drop "
                             f"the row (df.dropna(subset=[{column.name!r}]))")])

    def _copy_frames(self, schema: Schema, registered: Sequence[str],
                     views: Sequence[str], frame_of: Mapping[str, str]) -> None:
        """Replace the mapped frames by DuckDB tables in the imported layout: one
        ``CREATE TABLE … AS SELECT`` over each frame's derived table (the
        mapping's reads, ``x__lower`` as ``NULLIF(lower(x), x)`` as a stored
        shadow column is, ``seq``), ordered as :func:`write` orders a file."""
        from ..sql import mapped
        stored, layout = self._stored, self._layout
        for table in stored.tables:
            t = layout.table(table.name)
            assert t is not None
            lead = table.name == LEAD
            select = mapped.derived(t, layout, "duckdb", "d", seq=True, lead=lead).sql(
                dialect="duckdb")
            columns = [quote(SEQ)]
            for f in table.fields:
                columns.append(quote(f.name))
                if f.type == FieldType.TEXT:
                    low = quote(lower_column(f.name))
                    columns.append(f"NULLIF(d.{low}, d.{quote(f.name)}) AS {low}")
                elif f.type == FieldType.TEXT_LIST:
                    columns.append(quote(lower_column(f.name)))
            order = (quote(LEAD_KEY) if lead else
                     f"{quote(EVENT_LEAD_KEY)}, {quote(EVENT_TIME)}, {quote(SEQ)}")
            query = f"SELECT {', '.join(columns)} FROM {select} ORDER BY {order}"
            if lead:
                # The leads' seq is their rank in id order (an integer, as in a store
                # file; the derived table's is the id itself): numbered as they come
                # out of the ordered subquery.
                query = (f"SELECT row_number() OVER () AS {quote(SEQ)}, * EXCLUDE ({quote(SEQ)}) "
                         f"FROM ({query}) o")
            self._conn.execute("SET preserve_insertion_order = true")
            try:
                self._conn.execute(f"CREATE TABLE {quote('leadrules_copy_' + table.name)} AS "
                                   f"{query}")
            except _duckdb().Error as exc:
                # What _check_frames does not foresee: DuckDB's own words (its first
                # line), never the statement it ran.
                assert t.source is not None
                frame = frame_of.get(t.source.parts[-1], t.source.parts[-1])
                raise DataError(f"open_store: DuckDB cannot read the '{frame}' frame: "
                                f"{str(exc).splitlines()[0]}") from None
            _python_shadows(self._conn, "leadrules_copy_" + table.name, table)
        for view in views:
            self._conn.execute(f"DROP VIEW IF EXISTS {view}")
        for name in registered:
            self._conn.unregister(name)
        for table in stored.tables:
            self._conn.execute(f"ALTER TABLE {quote('leadrules_copy_' + table.name)} "
                               f"RENAME TO {quote(table.name)}")
        SqlStore.__init__(self, stored, layout_of(stored), schema)

    @classmethod
    def from_parquet(cls, folder: str | os.PathLike[str], *,
                     schema: Schema = DEFAULT_SCHEMA,
                     timeout: float | None = None) -> DuckDBStore:
        """Rules over ``lead.parquet`` and one ``SOURCE.parquet`` per event source, in place."""
        duckdb = _duckdb()
        conn = duckdb.connect()
        # Naive timestamps in the files are UTC, as in every other input.
        conn.execute("SET TimeZone = 'UTC'")
        stored, columns = _parquet_views(conn, Path(folder), schema)
        store = cls.__new__(cls)
        store.is_folder = True
        store.near_misses = near_misses(schema, [(name, Path(folder) / f"{name}.parquet",
                                                  list(found), "column")
                                                 for name, found in columns.items()])
        store.timeout = timeout
        store._conn = conn
        store._owned = True
        store._path = None
        store._parquet = True
        SqlStore.__init__(store, stored, layout_of(stored), schema)
        return store

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        duckdb = _duckdb()
        alarm = None if self.timeout is None else _Interrupter(self._conn, self.timeout)
        try:
            rows: list[Row] = self._conn.execute(sql, dict(params) or None).fetchall()
        except duckdb.Error as exc:
            if alarm is not None and alarm.stop():
                raise QueryTimeout(alarm.limit, "DuckDB") from None
            raise StoreError(f"DuckDB failed: {exc}") from None
        finally:
            if alarm is not None:
                alarm.stop()
        return rows

    def _bound_ids(self, lead_ids: Sequence[str]) -> Any:
        return list(lead_ids)  # a LIST: `id = ANY($lead_ids)`

    def close(self) -> None:
        if self._owned:
            self._conn.close()

    _parquet = False
    near_misses: NearMisses | None = None
    """A Parquet folder's file and column names, or frames' column names, near the
    names they lack (:func:`leadrules.loaders.near_misses`), for the rules' check."""
    is_folder = False
    """Over a folder of files (Parquet): a source or field without a file or column
    is not warned about, as in a CSV folder (only near misses are)."""

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Writer]:
        """A write transaction.  A store opened from a path reads it read-only;
        the first write reopens the file for writing (DuckDB lets one process
        write a file, and then no other process may open it)."""
        duckdb = _duckdb()
        if self._parquet:
            raise StoreError("a DuckDB store over Parquet files is read-only: write the "
                             "files, or import them into a .duckdb file")
        if self._path is not None:
            self._open_for_writing(self._path)
        conn = self._conn

        def execute(sql: str, params: Sequence[Any]) -> list[Row]:
            rows: list[Row] = conn.execute(sql, list(params)).fetchall()
            return rows

        def executemany(sql: str, rows: Sequence[Sequence[Any]]) -> None:
            conn.executemany(sql, [list(r) for r in rows])

        with write_errors("DuckDB", duckdb.Error):
            conn.execute("BEGIN TRANSACTION")
            try:
                yield Writer(execute, executemany, "?")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _shadowed(self, table: Table, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if not self._layout.engine_shadows:
            return rows
        return engine_shadows(self._conn, table, rows)

    def _open_for_writing(self, path: Path) -> None:
        """Replace the read-only connection by a writing one (kept from then on).

        DuckDB refuses a second connection to a file, in one process, with another
        configuration: the read-only one is closed first.  When the file cannot be
        opened for writing (another process has it open, even read-only), it is
        opened read-only again, so that a failed write leaves the store readable.
        """
        duckdb = _duckdb()
        self._conn.close()
        try:
            self._conn = duckdb.connect(str(path))
        except duckdb.Error as exc:
            failed = f"DuckDB failed to write: {exc}".strip()
            try:
                self._conn = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as again:
                raise StoreError(f"{failed}; and {path} could not be opened again to "
                                 f"read: {again}") from None
            raise StoreError(failed) from None
        self._path = None

    # -- writing -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], data: MemoryStore, *,
               scratch: str | os.PathLike[str] | None = None) -> DuckDBStore:
        """Write ``data`` to a new DuckDB file at ``path`` (which must not exist) and open it.

        The rows pass through CSV files in a temporary folder in ``scratch``
        (default: the system's temporary folder)."""
        def fill(conn: Any) -> bool:
            write(conn, data, scratch=scratch)
            return True

        _new_file(Path(path), fill)
        return cls(path)

    @classmethod
    def create_from_plan(cls, path: str | os.PathLike[str], plan: BulkPlan
                         ) -> dict[str, int] | None:
        """Write the CSV folder of ``plan`` to a new DuckDB file at ``path``, read
        and normalised by DuckDB itself (:mod:`.bulk`); the number of rows stored
        per table, or None (and no file) when the folder holds a value DuckDB could
        convert differently from Python: import it through a ``MemoryStore``."""
        return _new_file(Path(path), lambda conn: write_plan(conn, plan))

    def write_parquet(self, folder: str | os.PathLike[str]) -> None:
        """Write every table as ``TABLE.parquet`` in the layout ``from_parquet`` reads."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for table in self._schema.tables:
            if self._layout.table(table.name) is None:
                continue
            target = str(out / f"{table.name}.parquet").replace("'", "''")
            self._fetch(f"COPY (SELECT {self._format_1_columns(table.name)} FROM "
                        f"{quote(table.name)} ORDER BY {quote(SEQ)}) "
                        f"TO '{target}' (FORMAT PARQUET)", {})

    def _format_1_columns(self, name: str) -> str:
        """The stored columns of table ``name``, engine shadows written out as the
        shadows of format 1 (Python's ``str.lower()`` where it differs from the
        value), which ``from_parquet`` reads."""
        stored = self._stored.table(name)
        if not self._layout.engine_shadows or stored is None:
            return "*"
        out = [quote(SEQ)]
        for f in stored.fields:
            value, low = quote(f.name), quote(lower_column(f.name))
            out.append(value)
            if f.type == FieldType.TEXT:
                out.append(f"NULLIF(COALESCE({low}, lower({value})), {value}) AS {low}")
            elif f.type == FieldType.TEXT_LIST:
                out.append(f"COALESCE({low}, '{TAG_SEPARATOR}' || lower({value}) || "
                           f"'{TAG_SEPARATOR}') AS {low}")
        return ", ".join(out)


class _Interrupter:
    """Interrupts the query running on ``conn`` once ``limit`` seconds have
    passed, unless :meth:`stop` came first (a lock orders the two, so a later
    query is never interrupted)."""

    def __init__(self, conn: Any, limit: float) -> None:
        self.limit = limit
        self._conn = conn
        self._lock = threading.Lock()
        self._running = True
        self._fired = False
        self._timer = threading.Timer(limit, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._running:
                self._fired = True
                self._conn.interrupt()

    def stop(self) -> bool:
        """Disarm the timer; whether it had interrupted the query."""
        with self._lock:
            self._running = False
        self._timer.cancel()
        return self._fired


def _new_file(target: Path, fill: Callable[[Any], _T | None]) -> _T | None:
    """``fill(conn)`` on a new DuckDB file at ``target`` (which must not exist),
    closed after; the file is removed when ``fill`` fails or returns None."""
    duckdb = _duckdb()
    if target.exists():
        raise StoreError(f"{target} already exists")
    conn = duckdb.connect(str(target))
    try:
        result = fill(conn)
    except BaseException:
        conn.close()
        target.unlink(missing_ok=True)
        raise
    conn.close()
    if result is None:
        target.unlink(missing_ok=True)
    return result


def write(conn: Any, data: MemoryStore, *,
          scratch: str | os.PathLike[str] | None = None) -> None:
    """Create the layout's tables in an empty DuckDB database and load ``data``."""
    schema = data.schema
    check_names(schema, ignore_case=True)
    conn.execute("BEGIN")
    for statement in create_statements(schema, "duckdb"):
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", [*meta_rows(), ENGINE_SHADOWS])
    conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)", schema_rows(schema))
    leads = data.leads()
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        for index, table in enumerate(schema.tables):
            records = leads if table.is_lead else _in_key_order(data, leads, table.name)
            _load_table(conn, table, records, Path(tmp) / f"{index}.csv")
    conn.execute("COMMIT")


def write_plan(conn: Any, plan: BulkPlan) -> dict[str, int] | None:
    """:func:`write` of a CSV folder that DuckDB reads and normalises itself (see
    :mod:`.bulk`): the rows stored per table, or None, with nothing written, when
    it declines the folder."""
    from .bulk import Normalizer, number_rows
    schema = plan.schema
    check_names(schema, ignore_case=True)
    normalizer = Normalizer(conn, plan)
    if not normalizer.load():
        return None
    counts: dict[str, int] = {}
    conn.execute("BEGIN")
    for statement in create_statements(schema, "duckdb"):
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", [*meta_rows(), ENGINE_SHADOWS])
    conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)", schema_rows(schema))
    for table in schema.tables:
        query = normalizer.select(table, numbered=False, engine_shadows=True)
        counts[table.name] = 0
        if query is not None:
            row = conn.execute(f"INSERT INTO {quote(table.name)} {query}").fetchone()
            counts[table.name] = int(row[0]) if row else 0
            number_rows(conn, table)
    conn.execute("COMMIT")
    normalizer.drop()
    return counts


def _python_shadows(conn: Any, name: str, table: Table) -> None:
    """Set the shadow columns of table ``name`` (made by DuckDB's ``lower()``) to
    Python's ``str.lower()`` where the two differ: for the distinct non-ASCII
    values only (ASCII lower-cases alike), as the engine import does."""
    from .bulk import is_ascii, python_shadow
    for f in table.fields:
        if f.type not in (FieldType.TEXT, FieldType.TEXT_LIST):
            continue
        value, low = quote(f.name), quote(lower_column(f.name))
        wrong = [(v, py) for v, engine in conn.execute(
                     f"SELECT DISTINCT {value}, {low} FROM {quote(name)} "
                     f"WHERE NOT {is_ascii(value)}").fetchall()
                 if (py := python_shadow(f.type, v)) != engine]
        if wrong:
            conn.execute(f"UPDATE {quote(name)} SET {low} = m.l FROM (SELECT "
                         "unnest(?::VARCHAR[]) AS v, unnest(?::VARCHAR[]) AS l) m "
                         f"WHERE {quote(name)}.{value} = m.v",
                         [[v for v, _ in wrong], [py for _, py in wrong]])


def _in_key_order(data: MemoryStore, leads: Sequence[dict[str, Any]], source: str
                  ) -> Iterator[dict[str, Any]]:
    """The events of ``source`` by lead id, then time (ties in stored order).

    Loading in this order lets DuckDB's zone maps prune on ``lead_id`` and
    ``occurred_at``; ``seq`` counts in this order, so ties keep their order.
    """
    ids = [lead[LEAD_KEY] for lead in leads]
    if any(a > b for a, b in itertools.pairwise(ids)):
        ids.sort()
    events_of = data.events_of
    for lead_id in ids:
        yield from events_of(lead_id)[source]


def _load_table(conn: Any, table: Table, records: Iterable[dict[str, Any]], scratch: Path
                ) -> None:
    # DuckDB inserts row by row slowly from Python (and binding lists of
    # values costs about 1 µs a value); its CSV reader is fast.  Each row is
    # one line made by generated code: text quoted (so a missing value, an
    # empty unquoted cell, never mixes up with text: normalised text is never
    # empty), datetimes as integer µs and bools as 0/1, converted in SQL.
    line = _csv_line_encoder(table)
    with scratch.open("w", encoding="utf-8", newline="") as f:
        f.writelines(map(line, itertools.count(), records))
    if scratch.stat().st_size == 0:
        return
    path = str(scratch).replace("'", "''")
    types, select = [], []
    columns = physical_columns(table)
    for i, (column, ftype) in enumerate(columns):
        cell = f"c{i}"
        if column.endswith(LOWER_SUFFIX):
            # The encoder's shadow (Python's lower() where it is not the value) as
            # an engine shadow: NULL where DuckDB's lower() gives the same.
            types.append(f"'{cell}': 'VARCHAR'")
            select.append(_as_engine_shadow(columns[i - 1][1], f"c{i - 1}", cell))
            continue
        if ftype is None or ftype in (FieldType.DATETIME, FieldType.BOOL):
            types.append(f"'{cell}': 'BIGINT'")
        elif ftype == FieldType.NUMBER:
            types.append(f"'{cell}': 'DOUBLE'")
        else:
            types.append(f"'{cell}': 'VARCHAR'")
        if ftype == FieldType.DATETIME:
            select.append(f"make_timestamp({cell}) AT TIME ZONE 'UTC'")
        elif ftype == FieldType.BOOL:
            select.append(f"CAST({cell} AS BOOLEAN)")
        else:
            select.append(cell)
    conn.execute(f"INSERT INTO {quote(table.name)} SELECT {', '.join(select)} "
                 f"FROM read_csv('{path}', columns = {{{', '.join(types)}}}, header = false, "
                 "delim = ',', quote = '\"', escape = '\"', nullstr = '', auto_detect = false)")


def _as_engine_shadow(ftype: FieldType | None, value: str, shadow: str) -> str:
    """SQL turning a shadow that holds Python's ``str.lower()`` where it differs from
    the value (:func:`.layout.row_encoder`'s) into an engine shadow (NULL where
    DuckDB's ``lower()`` gives Python's)."""
    if ftype == FieldType.TEXT_LIST:
        return (f"CASE WHEN {shadow} = '{TAG_SEPARATOR}' || lower({value}) || "
                f"'{TAG_SEPARATOR}' THEN NULL ELSE {shadow} END")
    python = f"COALESCE({shadow}, {value})"
    return f"CASE WHEN {python} = lower({value}) THEN NULL ELSE {python} END"


def engine_shadows(conn: Any, table: Table, rows: Sequence[Sequence[Any]]
                   ) -> list[tuple[Any, ...]]:
    """Rows of :func:`.layout.row_encoder` (shadows: Python's ``str.lower()`` where
    it differs from the value) with engine shadows instead: NULL where DuckDB's
    ``lower()`` gives Python's.  ASCII lower-cases alike; DuckDB lower-cases the
    distinct other values, in one query."""
    columns = physical_columns(table)
    shadows = [(i, columns[i - 1][1] == FieldType.TEXT_LIST)
               for i, (c, _) in enumerate(columns) if c.endswith(LOWER_SUFFIX)]
    if not shadows:
        return [tuple(r) for r in rows]
    other = sorted({r[i - 1] for r in rows for i, _ in shadows
                    if r[i - 1] is not None and not r[i - 1].isascii()})
    engine: dict[str, str] = {}
    if other:
        engine = dict(conn.execute("SELECT v, lower(v) FROM (SELECT unnest(?::VARCHAR[]) AS v)",
                                   [other]).fetchall())
    out = []
    for row in rows:
        new = list(row)
        for i, is_list in shadows:
            value = row[i - 1]
            if value is None:
                continue
            low = value.lower() if value.isascii() else engine[value]
            if is_list:
                low = TAG_SEPARATOR + low + TAG_SEPARATOR
            python = value if row[i] is None else row[i]
            new[i] = None if python == low else python
        out.append(tuple(new))
    return out


def _csv_line_encoder(table: Table) -> Callable[[int, dict[str, Any]], str]:
    """A generated ``(seq, record) -> CSV line`` over the SQLite encoder's row
    (µs datetimes, 0/1 bools, floats, None for missing)."""
    encode = row_encoder(table, "sqlite")
    cells = []
    for i, (_column, ftype) in enumerate(physical_columns(table)):
        c = f"c{i}"
        if ftype in (FieldType.TEXT, FieldType.TEXT_LIST):
            cells.append(f"'' if {c} is None else '\"' + {c}.replace('\"', '\"\"') + '\"'")
        else:
            cells.append(f"'' if {c} is None else repr({c})")
    names = ", ".join(f"c{i}" for i in range(len(cells)))
    source = "\n".join([
        "def line(seq, r):",
        f"    {names}, = encode(seq, r)",
        f"    return ','.join(({', '.join(f'({c})' for c in cells)},)) + '\\n'",
    ])
    namespace: dict[str, Any] = {"encode": encode}
    exec(compile(source, f"<leadrules CSV encoder for {table.name}>", "exec"), namespace)
    line: Callable[[int, dict[str, Any]], str] = namespace["line"]
    return line


# ---------------------------------------------------------------- Parquet


# The frame's own row number (0, 1, …), a column added to each frame as it is
# registered: the ``seq`` of its events, so events of one instant keep the frame's
# row order (DuckDB gives no row order of a scan), and the row an error names.
_FRAME_TYPES = (("pandas", "DataFrame"), ("polars", "DataFrame"), ("pyarrow", "Table"))


def _frame_kind(frame: Any) -> str | None:
    """``pandas``, ``polars`` or ``pyarrow`` for a frame of one, else None (a
    library not imported cannot have made the value)."""
    for module, name in _FRAME_TYPES:
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(frame, getattr(loaded, name, ())):
            return module
    return None


def _frame_shape(key: str, frame: Any, kind: str, *, own: bool) -> Diagnostic | None:
    """What makes ``frame``'s columns unreadable as fields, or None: a pandas
    MultiIndex of columns (DuckDB names each by its tuple), or a column name twice,
    also in another case (DuckDB's names ignore case: it reads the second as
    ``email_1``, and the rules would see the first) or, when the columns are the
    fields (``own``: no mapping), with spaces around it."""
    if kind == "pandas" and getattr(frame.columns, "nlevels", 1) > 1:
        shown = ", ".join(repr(tuple(c)) for c in list(frame.columns)[:3])
        more = ", …" if len(frame.columns) > 3 else ""
        return Diagnostic(
            f"open_store: the '{key}' frame's columns are a MultiIndex ({shown}{more}): "
            "each column needs one name",
            hint="flatten them: df.columns = df.columns.get_level_values(-1) keeps the "
                 "last level, df.columns = ['_'.join(map(str, c)) for c in df.columns] "
                 "joins them")
    names = [str(c) for c in (frame.column_names if kind == "pyarrow" else frame.columns)]
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        # One field: the spaces around a name are dropped, as a CSV header's are.
        seen.setdefault((name.strip() if own else name).lower() or name.lower(), []
                        ).append(i)
    for places in seen.values():
        if len(places) < 2:
            continue
        spelled = list(dict.fromkeys(names[i] for i in places))
        fix = {"pandas": "df = df.loc[:, ~df.columns.duplicated()] keeps the first",
               "polars": "df.rename({...})",
               "pyarrow": "table.rename_columns([...]), table.drop_columns([...])"}[kind]
        hint = f"give each column a name of its own, or drop the repeats ({fix})"
        if len(spelled) > 1:
            drop = {"pandas": "df.drop(columns=[{}])", "polars": "df.drop({})",
                    "pyarrow": "table.drop_columns([{}])"}[kind].format(repr(spelled[-1]))
            hint = f"give each column a name of its own, or drop one ({drop})"
        if len(spelled) == 1:
            return Diagnostic(
                f"open_store: the '{key}' frame has the column '{spelled[0]}' "
                f"{len(places)} times (columns {' and '.join(map(str, places))}, "
                "counting from 0)", hint=hint)
        why = ("one name to DuckDB (its column names ignore case)"
               if len({n.lower() for n in spelled}) == 1 else
               "one field to leadrules (the spaces around a column's name are dropped, "
               "as a CSV header's are" + ("" if len({n.strip() for n in spelled}) == 1 else
                                         ", and DuckDB's column names ignore case") + ")")
        return Diagnostic(
            f"open_store: the '{key}' frame has the columns "
            f"{' and '.join(repr(n) for n in spelled)}, {why}", hint=hint)
    return None


def _needed(schema: Schema, key: str, mapping: Any) -> Callable[[str], bool]:
    """Whether a column of the ``key`` frame holds a field: without a mapping one
    named as a field of the schema's ``key`` table (or an id, an event's time);
    with one, a column any of its entries names."""
    if mapping is None:
        table = schema.table(key)
        fields = {LEAD_KEY, EVENT_LEAD_KEY, EVENT_TIME, SEQ,
                  *(table.field_names if table is not None else ())}
        return lambda column: (column.strip() or column) in fields
    named: set[str] = set()
    for entry in mapping.values() if isinstance(mapping, Mapping) else ():
        for spec in entry.values() if isinstance(entry, Mapping) else ():
            column = spec.get("column") if isinstance(spec, Mapping) else spec
            if isinstance(column, str):
                named.add(column.lower())
    return lambda column: column.lower() in named


def _readable(conn: Any, key: str, frame: Any, kind: str, needed: Callable[[str], bool],
              left_out: dict[tuple[str, str], tuple[str, str]]) -> Any:
    """``frame`` without the columns DuckDB cannot read (a pandas ``Period``,
    ``complex`` or ``Sparse`` column, a Polars ``Object`` one, an Arrow ``float16``),
    each left out with a warning: no field needs it, and no rule could read it.
    One a field needs is a usage error naming the frame, the column and the fix.
    None when each column alone is readable (the frame as a whole is not)."""
    names = [str(c) for c in (frame.column_names if kind == "pyarrow" else frame.columns)]
    bad: list[tuple[str, str]] = []
    for i, name in enumerate(names):
        column = (frame.iloc[:, [i]] if kind == "pandas" else
                  frame.select([i]) if kind == "pyarrow" else frame[:, [i]])
        try:
            conn.register("leadrules_probe", column)
        except (_duckdb().Error, TypeError, ValueError):
            dtype = (frame.dtypes.iloc[i] if kind == "pandas" else
                     frame.schema.types[i] if kind == "pyarrow" else frame.dtypes[i])
            bad.append((name, str(dtype)))
        finally:
            conn.unregister("leadrules_probe")
    if not bad:
        return None
    for name, dtype in bad:
        if needed(name):
            raise UsageError([Diagnostic(
                f"open_store: the '{key}' frame's column '{name}' is {dtype}, which DuckDB "
                "cannot read",
                hint=f"convert it: {_conversion(kind, name, dtype)}")])
    for name, dtype in bad:
        warnings.warn(f"open_store: the '{key}' frame's column '{name}' ({dtype}) is left "
                      "out: DuckDB cannot read it, and no field needs it; to read it, "
                      f"convert it: {_conversion(kind, name, dtype)}", stacklevel=4)
        left_out[(key, name)] = (f"the '{key}' frame's column '{name}' ({dtype}) was left "
                                 "out: DuckDB cannot read it",
                                 f"convert it: {_conversion(kind, name, dtype)}")
    left = [n for n, _ in bad]
    if kind == "pandas":
        return frame.drop(columns=left)
    return frame.drop_columns(left) if kind == "pyarrow" else frame.drop(left)


def _conversion(kind: str, name: str, dtype: str) -> str:
    """The statement that makes the ``name`` column of a frame of ``kind`` one
    DuckDB reads: text, or for an Arrow number a double, a pandas period its start."""
    c = repr(name)
    if kind == "polars":
        return f"df = df.with_columns(pl.col({c}).map_elements(str, return_dtype=pl.String))"
    if kind == "pyarrow":
        to = ("pa.float64()" if dtype.startswith(("halffloat", "decimal", "float"))
              else "pa.string()")
        return (f"table = table.set_column(table.column_names.index({c}), {c}, "
                f"table[{c}].cast({to}))")
    if dtype.startswith("period"):
        return f"df[{c}] = df[{c}].dt.to_timestamp() (its start), or .astype(str)"
    if dtype.startswith("Sparse"):
        return f"df[{c}] = df[{c}].sparse.to_dense()"
    return f"df[{c}] = df[{c}].astype(str)"


def _empty_as_arrow(frame: Any) -> Any:
    """An empty pandas frame as an Arrow table whose ``object`` and ``float64``
    columns (pandas' type of a column made of ``[]``) are of Arrow's null type:
    they hold no value, so they read as the schema's type, as an empty Polars
    frame's columns do, not as DOUBLE."""
    import pyarrow
    names = [str(c) for c in frame.columns]
    columns = [pyarrow.nulls(0) if str(dtype) in ("object", "float64")
               else pyarrow.Array.from_pandas(frame.iloc[:, i])
               for i, dtype in enumerate(frame.dtypes)]
    return pyarrow.table(columns, names=names)


def _floored_times(frame: Any) -> Any:
    """``frame`` with each aware nanosecond column that holds nanoseconds floored to
    the µs (the frame itself when none does).  DuckDB reads such a pandas column as
    a µs ``TIMESTAMPTZ``, rounding toward 1970, so an instant before it would be a
    µs later than every other store makes it (values.to_datetime, the ``nanos``
    read of sql.mapped): nanoseconds are dropped, floored, everywhere."""
    floored = {}
    for name, dtype in frame.dtypes.items():
        if getattr(dtype, "tz", None) is None or getattr(dtype, "unit", None) != "ns":
            continue
        column = frame[name]
        if (column.dt.nanosecond > 0).any():
            floored[name] = column.dt.floor("us")
    if not floored:
        return frame
    frame = frame.copy(deep=False)
    for name, column in floored.items():
        frame[name] = column
    return frame


def _time_kind(value: Any) -> str:
    """What a value of an object column is, for :func:`_mixed_times`."""
    import datetime as dt
    if isinstance(value, dt.datetime):
        return "an aware datetime" if value.tzinfo is not None else "a naive datetime"
    return f"a {type(value).__name__}"


def _mixed_times(conn: Any, key: str, internal: str, frame: Any) -> DataError | None:
    """A pandas ``object`` column DuckDB types as a timestamp (by its first values)
    holding values it cannot convert to that type -- naive datetimes beside aware
    ones, or values that are no datetime: the column and a row of each kind.  One
    DuckDB scan of each such column; the rows are found only when it fails."""
    objects = [str(c) for c, t in frame.dtypes.items() if str(t) == "object"]
    if not objects:
        return None
    types = {str(r[0]): str(r[1]) for r in conn.execute(
        f"DESCRIBE SELECT * FROM {quote(internal)}").fetchall()}
    for name in objects:
        if not types.get(name, "").startswith("TIMESTAMP"):
            continue
        try:
            conn.execute(f"SELECT min({quote(name)}) FROM {quote(internal)}").fetchone()
            continue
        except _duckdb().Error:
            pass
        first: dict[str, int] = {}
        for row, value in enumerate(frame[name]):
            missing = value is None or type(value).__name__ == "NaTType" or (
                isinstance(value, float) and value != value)  # None, NaT, NaN
            if not missing:
                first.setdefault(_time_kind(value), row)
            if len(first) > 1:
                break
        kinds = " and ".join(f"{kind} (row {row})" for kind, row in first.items())
        return DataError([Diagnostic(
            f"open_store: the '{key}' frame's column '{name}' holds {kinds}, counting "
            "from 0: DuckDB reads the column as one type and cannot convert the others",
            hint=f"give the column one type: df[{name!r}] = pd.to_datetime(df[{name!r}], "
                 "utc=True) (naive datetimes read as UTC, as everywhere in leadrules), or "
                 "attach the zone you mean to the naive ones")])
    return None


def _index_names(frame: Any) -> list[str]:
    """The names of a pandas frame's index levels (DuckDB reads no index); none for
    other frames."""
    if _frame_kind(frame) != "pandas":
        return []
    return [str(n) for n in frame.index.names if n is not None]


def _a(value: Any) -> str:
    """What ``value`` is, for an error: ``None``, ``a list``, ``a polars.LazyFrame``."""
    if value is None:
        return "None"
    kind, module = type(value).__name__, type(value).__module__.split(".")[0]
    return f"a {kind}" if module == "builtins" else f"a {module}.{kind}"


def _numbered(frame: Any, kind: str) -> Any:
    """``frame`` with :data:`FRAME_ROW` added, sharing the frame's columns (pandas
    copies on write, Polars and Arrow columns are immutable)."""
    if kind == "polars":
        return frame.with_row_index(FRAME_ROW)
    try:
        import numpy
        rows: Any = numpy.arange(len(frame), dtype="int64")
    except ImportError:  # pyarrow without numpy
        rows = range(len(frame))
    if kind == "pandas":
        return frame.assign(**{FRAME_ROW: rows})
    import pyarrow
    return frame.append_column(FRAME_ROW, pyarrow.array(rows, pyarrow.int64()))


def _bad_id(frame: str, column: str, value: Any, count: int, rows: Sequence[int]
            ) -> DataError:
    if value is None or value == "":
        what = "a lead without an id" if value is None else "a lead whose id is empty"
        rows = rows[:1]
    else:
        what = f"the id {value!r} {count} times"
    return DataError([Diagnostic(
        f"open_store: the '{frame}' frame has {what} (column '{column}'"
        f"{_at_rows(rows, ', ', '')})",
        hint="every lead needs a non-empty id, unique in the lead frame (docs/data.md)")])


def _at_rows(rows: Sequence[int | None], before: str, after: str) -> str:
    """``before + "rows 0 and 2, counting from 0" + after``, or nothing when the
    rows are unknown (a pandas frame read in place has no row numbers)."""
    known = [str(r) for r in rows if r is not None]
    if not known:
        return ""
    return (f"{before}row{'s' if len(known) > 1 else ''} {' and '.join(known)}, "
            f"counting from 0{after}")


def _in_the_frame(exc: UsageError, frames: Mapping[str, Any], names: Mapping[str, str]
                  ) -> UsageError:
    """A mapping's error about a frame says so: the frames are not a database (a
    type error is "in the frame"; a table the mapping names is not "in the dict of
    frames"); a column it misses that is the pandas frame's index says so."""
    def framed(message: str) -> str:
        message = re.sub(r" in the database but ", " in the frame but ", message)
        return re.sub(r" does not exist in the database", " is not in the dict of frames",
                      message)

    def hint(d: Diagnostic) -> str | None:
        if d.hint and "existing table" in d.hint:
            return "name a key of the dict of frames"
        missing = re.search(r"(\S+) has no column '([^']+)'", d.message)
        if missing is not None:
            for key, last in names.items():
                if missing.group(1) in (key, last) and \
                        missing.group(2) in _index_names(frames[key]):
                    return (f"'{missing.group(2)}' is the '{key}' frame's index, which "
                            "DuckDB does not read: make it a column with df.reset_index()")
        return d.hint

    return UsageError([attrs.evolve(d, message=framed(d.message), hint=hint(d))
                       for d in exc.diagnostics])


def _frame_mapping(conn: Any, frames: Mapping[str, Any], schema: Schema
                   ) -> dict[str, dict[str, Any]]:
    """The mapping of frames named after the schema's tables, columns after fields;
    a missing lead frame or required column, or a key that misspells a source of
    the schema, is a usage error naming what is there."""
    def near(name: str, known: Sequence[str]) -> str:
        return suggest(name, known) or f"it has {', '.join(known) or 'none'}"

    tables = ", ".join(t.name for t in schema.tables)
    hint = (f"the keys are the schema's tables ({tables}) and the columns are "
            "named as the fields, or pass mapping= (docs/stores.md, 'DataFrames')")
    if LEAD not in frames:
        keys = [str(k) for k in frames]
        others = [k for k in keys if schema.table(k) is None]
        meant = next((k for k in others if near_miss(k, [LEAD]) is not None), None)
        if meant is not None:
            raise UsageError([Diagnostic(
                f"open_store: the dict of frames has a key '{meant}' that is no table of "
                f"the schema: did you mean '{LEAD}'?",
                hint=f"the keys are the schema's tables ({tables}), the leads under "
                     f"'{LEAD}'; or pass mapping= (docs/stores.md, 'DataFrames')")])
        if others:
            lead_entry = _entry(schema, LEAD, others[0], _frame_columns(conn, others[0]),
                                [LEAD_KEY])
            frames_arg = f"{{{_py(others[0])}: df}}" if len(keys) == 1 else "frames"
            hint = (f"name the leads' frame '{LEAD}' (the keys are the schema's tables: "
                    f"{tables}), or say which frame holds them with mapping=, e.g. "
                    f"lr.open_store({frames_arg}, mapping={_py({LEAD: lead_entry})}) "
                    "(docs/stores.md, 'DataFrames')")
        raise UsageError([Diagnostic(
            f"open_store: the dict of frames has no '{LEAD}' frame "
            f"({near(LEAD, keys)})", hint=hint)])
    absent = [t.name for t in schema.tables if t.name not in frames]
    out: dict[str, dict[str, Any]] = {}
    for key in frames:
        table = schema.table(key)
        meant = None if table is not None else near_miss(key, absent, cutoff=0.8)
        if meant is not None:
            raise UsageError([Diagnostic(
                f"open_store: the dict of frames has a '{key}' frame but no '{meant}' "
                f"frame: did you mean '{meant}'?",
                hint=f"a key the schema does not know is a new source; to keep '{key}' as "
                     f"one, declare it in the rules (source {key} {{ … }})")])
        typed = [(str(r[0]), str(r[1])) for r in conn.execute(
            f"DESCRIBE SELECT * FROM {quote(key)}").fetchall()]
        described = [c for c, _ in typed]
        columns = [c for c in described if c != FRAME_ROW]
        # Spaces around a column's name are dropped, as a CSV header's are (a frame
        # read by pd.read_csv keeps them): the column 'industry ' holds industry.
        field_of = {c: c.strip() or c for c in columns}
        # A column of a type no field has (a dict column is a STRUCT, a list of
        # numbers INTEGER[]) cannot be declared, so no rule can read it: left out,
        # unless the rules declare a field of its name (then its type is refused).
        declared = {f.name for f in table.fields} if table is not None else set()
        unreadable = {c for c, t in typed if kind_of("duckdb", t) == "other"
                      and field_of.get(c, c) not in declared
                      and field_of.get(c, c) not in (LEAD_KEY, EVENT_LEAD_KEY, EVENT_TIME)}
        required = [LEAD_KEY] if key == LEAD else [EVENT_LEAD_KEY, EVENT_TIME]
        for column in required:
            if column in field_of.values():
                continue
            if column in _index_names(frames[key]):
                raise UsageError([Diagnostic(
                    f"open_store: the '{key}' frame has no column '{column}': '{column}' "
                    "is its index, which DuckDB does not read",
                    hint="make the index a column: df.reset_index()")])
            raise UsageError([Diagnostic(
                f"open_store: the '{key}' frame has no column '{column}' "
                f"({near(column, columns)})",
                hint=_column_hint(conn, schema, key, column, required, columns))])
        entry: dict[str, Any] = {"table": key}
        if key != LEAD and len(columns) < len(described):
            entry["seq"] = FRAME_ROW
        for c in columns:
            name = field_of[c]
            if name == SEQ:
                entry["seq"] = c
            elif not name.endswith(LOWER_SUFFIX) and name != "table" and c not in unreadable:
                entry[name] = c
        out[key] = entry
    return FrameColumns(out, schema)


def _py(value: Any) -> str:
    """``value`` (strings, dicts of them) as Python source, for a hint."""
    import json
    return json.dumps(value, ensure_ascii=False)


def _likely(field: str, columns: Sequence[str]) -> str:
    """The column of a frame most likely to hold ``field``, for a mapping shown in
    a hint: a near name, for an id a column named ``…id``, else ``COLUMN``."""
    close = nearest(field, columns)
    if close is None and field in (LEAD_KEY, EVENT_LEAD_KEY):
        close = next((c for c in columns if c.lower().endswith("id")), None)
    return close or "COLUMN"


def _frame_columns(conn: Any, key: str) -> list[str]:
    """The columns of the frame under ``key``, without the row number leadrules adds."""
    return [str(r[0]) for r in conn.execute(f"DESCRIBE SELECT * FROM {quote(key)}").fetchall()
            if r[0] != FRAME_ROW]


def _entry(schema: Schema, name: str, key: str, columns: Sequence[str],
           required: Sequence[str]) -> dict[str, str]:
    """A mapping entry, for a hint: the schema table ``name`` in the ``key`` frame,
    its ``required`` fields in the columns most likely to hold them, the fields
    that are columns of the frame as they are (a mapping's unmapped fields are
    missing)."""
    table = schema.table(name)
    fields = [f.name for f in table.fields] if table is not None else []
    entry = {"table": key}
    entry.update({f: f if f in columns else _likely(f, columns) for f in required})
    entry.update({f: f for f in fields if f in columns and f not in entry})
    return entry


def _frame_near_misses(conn: Any, frames: Mapping[str, Any], schema: Schema) -> NearMisses:
    """A frame's column named near a field the frame lacks (``Email``, ``employes``):
    a field of its own, so every rule on the field it lacks would be silently false
    (as a folder's near misses, :func:`leadrules.loaders.near_misses`)."""
    found: NearMisses = {}
    for key in frames:
        table = schema.table(key)
        if table is None:
            continue
        columns = [str(r[0]) for r in conn.execute(f"DESCRIBE SELECT * FROM {quote(key)}"
                                                   ).fetchall()]
        present = {c.strip() for c in columns}
        missing = [f for f in table.field_names if f not in present]
        for column in columns:
            meant = (None if table.field(column.strip()) is not None
                     else near_miss(column, missing, cutoff=NEAR))
            if meant is None:
                continue
            every = "every lead" if table.is_lead else f"every {key} event"
            kind = "lead field" if table.is_lead else f"{key} field"
            case = (" (column names are case-sensitive)"
                    if column.lower() == meant.lower() else "")
            found.setdefault((key, meant), (
                f"{kind} '{meant}' has no column in the '{key}' frame: it is missing for "
                f"{every}",
                f"the '{key}' frame has a column '{column}', read as a new field: rename it "
                f"(df.rename(columns={{{column!r}: {meant!r}}})){case}"))
    return found


def _column_hint(conn: Any, schema: Schema, key: str, column: str, required: Sequence[str],
                 columns: Sequence[str]) -> str:
    """How to name the missing ``column`` of the ``key`` frame: rename it, or map
    the frame's ``required`` fields (in Python; an event frame's mapping needs the
    leads' entry too)."""
    entry = _entry(schema, key, key, columns, required)
    mapping = {key: entry} if key == LEAD else {
        LEAD: _entry(schema, LEAD, LEAD, _frame_columns(conn, LEAD), [LEAD_KEY]), key: entry}
    return (f"name the column '{column}' (df.rename(columns={{{_py(entry[column])}: "
            f"{_py(column)}}})), or map the frame: mapping={_py(mapping)} "
            "(docs/stores.md, 'DataFrames')")


def _warn_unread(conn: Any, schema: Schema, layout: Any, mapping: Mapping[str, Any],
                 names: Mapping[str, str]) -> None:
    """A warning for each frame the mapping names no table for: the user gave it,
    and it is not read (as a database's table the mapping does not name is not)."""
    from .mapping import split_name
    read = {t.source.parts[-1].lower() for t in layout.tables.values() if t.source is not None}
    tables = ", ".join(f"{name} -> {entry.get('table')!r}" for name, entry in mapping.items()
                       if isinstance(entry, Mapping))
    for key, last in names.items():
        if last.lower() in read:
            continue
        fix = "leave it out of the dict"
        if key != LEAD:
            source = last if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", last) else "SOURCE"
            view = ".".join(quote(p) for p in split_name(key)[-2:])
            columns = [str(r[0]) for r in conn.execute(f"DESCRIBE SELECT * FROM {view}")
                       .fetchall() if r[0] != FRAME_ROW]
            entry = _entry(schema, source, key, columns, [EVENT_LEAD_KEY, EVENT_TIME])
            fix = f"map it as a source (mapping[{_py(source)}] = {_py(entry)}), or " + fix
        warnings.warn(f"open_store: the '{key}' frame is not read: the mapping names no "
                      f"table '{key}' (it maps {tables}); {fix}", stacklevel=4)


def _frame_tables(mapping: Any, names: Mapping[str, str], numbered: Set[str]) -> Any:
    """``mapping`` with each ``table`` that names a frame by its last part only
    (``crm.contacts`` for the key ``contacts``) pointed at that frame, and the
    frame's row order as the ``seq`` of events that declare none.  What is no
    mapping (a path, a list) is returned as it is: :func:`.mapping.resolve`
    names the mistake."""
    if not isinstance(mapping, Mapping) or any(not isinstance(k, str) for k in mapping):
        return mapping
    by_last = {v: k for k, v in names.items()}
    out: dict[str, dict[str, Any]] = {}
    for name, entry in mapping.items():
        if not isinstance(entry, Mapping):
            out[name] = entry  # resolve() names the mistake
            continue
        for key, spec in entry.items():
            column = spec.get("column") if isinstance(spec, Mapping) else spec
            if key != "table" and column == FRAME_ROW:
                raise UsageError([Diagnostic(
                    f"mapping[{name!r}][{key!r}] = {FRAME_ROW!r}: that is the row number "
                    "leadrules gives each frame, not a column of yours",
                    hint="map a column of the frame")])
        fixed = dict(entry)
        table = entry.get("table")
        if isinstance(table, str) and table not in names:
            last = table.rsplit(".", 1)[-1]
            if last in by_last:
                fixed["table"] = by_last[last]
        if name != LEAD and fixed.get("table") in numbered and "seq" not in fixed:
            fixed["seq"] = FRAME_ROW
        out[name] = fixed
    return out


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


def _parquet_views(conn: Any, folder: Path, schema: Schema
                   ) -> tuple[Schema, dict[str, dict[str, str]]]:
    """Views over the folder's Parquet files: the schema they make, and each
    file's columns (name: DuckDB type) by table."""
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
    return stored, columns


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
