"""Importing a CSV folder into a new SQLite file at engine speed: DuckDB reads,
checks and normalises the files (:class:`.bulk.Normalizer`, the path the DuckDB
and PostgreSQL imports take), converts the rows to the SQLite layout's encodings
(integer-µs datetimes, 0/1 booleans, the stand-in of :data:`.layout.SQLITE_NULL_INT`
for a missing value), and Python binds them into SQLite from Arrow batches.

What it saves against the Python path (:func:`leadrules.loaders.read_folder`, then
:func:`.sqlite.write`): parsing and normalising every cell in Python, one dict per
record, and the encoders' per-record work.  What it keeps: ``sqlite3`` binding and
stepping every row (about 2 µs for a tracking row), which no other way into a
SQLite file from the standard library does faster.  A text column is turned into
Python strings once per distinct value of a batch (Arrow's dictionary encoding)
and the rows of a batch are cut into 32-row parameter lists by numpy, so building
the parameters costs a fraction of binding them.

With ``processes=2`` a helper, forked before DuckDB starts its threads, writes the
second half of every table (by ``seq``, which for events is key order) into a part
file from Arrow IPC files the parent writes into the scratch folder, while the
parent writes the first half; the part's rows are then appended in key order by
one ``INSERT … SELECT`` per table, as :func:`.sqlite.write` does.  The rows stored
are exactly those of the Python path, ``seq`` and the leads' rowids included
(``tests/test_import_sqlite_bulk.py`` compares them).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, LeadRulesError, StoreError
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, FieldType, Schema, Table
from .dbapi import create_statements, meta_rows, quote, schema_rows
from .layout import (
    FIELD_TABLE,
    META_TABLE,
    SEQ,
    SQLITE_NULL_INT,
    check_names,
    physical_columns,
    sqlite_insert,
)
from .sqlite import _ANALYSIS_LIMIT, _BUILD_PRAGMAS, _ROWS_PER_INSERT, die_with_parent

if TYPE_CHECKING:
    import multiprocessing.connection

    from .bulk import BulkPlan

# Rows per Arrow batch: large enough that the per-batch work (one dictionary per
# text column, one numpy reshape) is noise, small enough to stay in the caches.
_BATCH_ROWS = 1 << 16
# Below this many rows in a table the helper gets none of it: writing an Arrow
# file and copying its rows back would cost more than it saves.
_SHARE_MIN_ROWS = 50_000


def available() -> bool:
    """Whether DuckDB, pyarrow and numpy (the engine path's needs) are installed."""
    try:
        import duckdb  # noqa: F401
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def engine_processes() -> int:
    """How many processes ``leadrules import`` writes a SQLite file with on the
    engine path: two on Linux with two CPUs or more (the helper is forked before
    DuckDB starts, when the importing process is still small), else one."""
    import sys
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        return 1
    return 2


def create_from_plan(path: str | os.PathLike[str], plan: BulkPlan, *, processes: int = 1
                     ) -> dict[str, int] | None:
    """Write the CSV folder of ``plan`` to a new SQLite file at ``path`` (which must
    not exist), read and normalised by DuckDB; the number of rows stored per table,
    or None (and no file) when DuckDB, pyarrow or numpy is missing or the folder
    holds a value DuckDB could convert differently from Python: import it through
    a ``MemoryStore`` then.

    ``processes=2`` forks one helper (where ``fork`` exists and no other thread
    runs) that writes half of the rows into a part file in the target's folder.
    """
    if not available():
        return None
    target = Path(path)
    if target.exists():
        raise StoreError(f"{target} already exists")
    check_names(plan.schema)
    helper = None
    if processes > 1 and _can_fork():
        helper = _Helper(plan.schema, target.parent / ".leadrules-part-engine.db")
    conn = sqlite3.connect(target)
    try:
        counts = _write(conn, plan, helper, target.parent)
    except BaseException:
        conn.close()
        target.unlink(missing_ok=True)
        raise
    finally:
        if helper is not None:
            helper.stop()
    conn.close()
    if counts is None:
        target.unlink(missing_ok=True)
    return counts


def _can_fork() -> bool:
    import multiprocessing
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _write(conn: sqlite3.Connection, plan: BulkPlan, helper: _Helper | None,
           scratch: Path) -> dict[str, int] | None:
    import duckdb

    from .bulk import Normalizer
    schema = plan.schema
    # DuckDB spills to disk inside the scratch folder, removed with it.
    engine = duckdb.connect(config={"temp_directory": str(scratch / "duckdb.tmp")})
    try:
        normalizer = Normalizer(engine, plan)
        if not normalizer.load():
            return None
        encoded: dict[str, tuple[str, int]] = {}
        for table in schema.tables:
            query = normalizer.select(table)
            if query is not None:
                encoded[table.name] = _encode(engine, table, query, len(encoded))
        normalizer.drop()
        counts = {table.name: 0 for table in schema.tables}
        firsts: dict[str, int] = {}
        for table in schema.tables:
            if table.name not in encoded:
                continue
            name, count = encoded[table.name]
            counts[table.name] = count
            first = firsts[table.name] = count
            if helper is not None and count >= _SHARE_MIN_ROWS:
                first = firsts[table.name] = count // 2
                part = scratch / f".leadrules-part-{name}.arrow"
                _export(engine, f"SELECT * FROM {name} WHERE {quote(SEQ)} >= {first}"
                        f"{_order(table)}", part)
                helper.send(table.name, part)
        collecting = gc.isenabled()
        gc.disable()  # the rows are short-lived lists: the collector's rounds find nothing
        try:
            for pragma in _BUILD_PRAGMAS:
                conn.execute(pragma)
            conn.execute("BEGIN")
            for statement in create_statements(schema, "sqlite", clustered_events=True):
                conn.execute(statement)
            conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", meta_rows())
            conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)",
                             schema_rows(schema))
            for table in schema.tables:
                if table.name in encoded:
                    name, _count = encoded[table.name]
                    reader = engine.sql(f"SELECT * FROM {name} WHERE {quote(SEQ)} < "
                                        f"{firsts[table.name]}{_order(table)}"
                                        ).to_arrow_reader(_BATCH_ROWS)
                    insert_batches(conn, table, reader)
            engine.close()
            helpers_file = None if helper is None else helper.finish()
            if helpers_file is not None:
                _append(conn, schema, helpers_file, firsts, counts)
            conn.execute(f'CREATE INDEX "lead_{SEQ}" ON "lead" ("{SEQ}")')
            conn.execute("COMMIT")
            if helpers_file is not None:
                conn.execute("DETACH DATABASE leadrules_part")
        finally:
            if collecting:
                gc.enable()
        conn.execute(f"PRAGMA analysis_limit = {_ANALYSIS_LIMIT}")
        conn.execute("ANALYZE")
        return counts
    finally:
        engine.close()


def _order(table: Table) -> str:
    # The leads' rowids follow seq, so their order is asked for; an event table's
    # order only speeds its inserts up (its key orders it), and DuckDB keeps the
    # order its rows were stored in, which is seq's.
    return f" ORDER BY {quote(SEQ)}" if table.is_lead else ""


def _encode(engine: Any, table: Table, query: str, index: int) -> tuple[str, int]:
    """Store the rows of ``query`` (the DuckDB layout's, in seq order) in a temporary
    table as the SQLite layout encodes them; its name and row count."""
    columns = []
    for column, ftype in physical_columns(table):
        # A field the file lacks is an untyped NULL: every column is cast.
        name = quote(column)
        if ftype == FieldType.DATETIME:
            columns.append(f"COALESCE(epoch_us(CAST({name} AS TIMESTAMPTZ)), "
                           f"{SQLITE_NULL_INT}) AS {name}")
        elif ftype == FieldType.BOOL:
            columns.append(f"COALESCE(CAST(CAST({name} AS BOOLEAN) AS BIGINT), "
                           f"{SQLITE_NULL_INT}) AS {name}")
        elif ftype == FieldType.NUMBER:
            # NaN binds fast and SQLite stores it as NULL (as the Python path's encoder).
            columns.append(f"COALESCE(CAST({name} AS DOUBLE), 'NaN'::DOUBLE) AS {name}")
        elif ftype is None:
            columns.append(f"CAST({name} AS BIGINT) AS {name}")
        else:
            columns.append(f"CAST({name} AS VARCHAR) AS {name}")
    name = f"leadrules_sqlite_{index}"
    engine.execute(f"CREATE TEMP TABLE {name} AS SELECT {', '.join(columns)} FROM ({query}) q")
    [(count,)] = engine.execute(f"SELECT count(*) FROM {name}").fetchall()
    return name, int(count)


def _export(engine: Any, query: str, path: Path) -> None:
    """Write the rows of ``query`` to an Arrow IPC file at ``path``."""
    import pyarrow
    reader = engine.sql(query).to_arrow_reader(_BATCH_ROWS)
    with pyarrow.OSFile(str(path), "wb") as sink, \
            pyarrow.ipc.new_file(sink, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


def insert_batches(conn: sqlite3.Connection, table: Table, batches: Any) -> int:
    """Insert the encoded rows of the Arrow record ``batches`` into ``table``,
    :data:`~.sqlite._ROWS_PER_INSERT` rows per statement; how many there were."""
    import numpy
    import pyarrow
    width = len(physical_columns(table))
    size = max(1, min(_ROWS_PER_INSERT,
                      conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    name = quote(table.name)
    many, one = sqlite_insert(name, table, size), sqlite_insert(name, table)
    count = 0
    for batch in batches:
        rows = batch.num_rows
        values = numpy.empty((rows, width), dtype=object)
        for j, column in enumerate(batch.columns):
            if pyarrow.types.is_integer(column.type) or pyarrow.types.is_floating(column.type):
                values[:, j] = column.to_numpy()  # Python ints and floats
            elif column.null_count == rows:
                values[:, j] = SQLITE_NULL_INT
            else:
                # Each distinct string made once; a missing one is the stand-in.
                coded = column.dictionary_encode()
                strings = numpy.array([*coded.dictionary.to_pylist(), SQLITE_NULL_INT],
                                      dtype=object)
                values[:, j] = strings[coded.indices.fill_null(len(strings) - 1).to_numpy()]
        whole = rows // size * size
        conn.executemany(many, values[:whole].reshape(-1, size * width).tolist())
        conn.executemany(one, values[whole:].tolist())
        count += rows
    return count


def _append(conn: sqlite3.Connection, schema: Schema, path: Path,
            firsts: dict[str, int], counts: dict[str, int]) -> None:
    """Copy the helper's part file into ``conn`` (attached as ``leadrules_part``
    until the transaction ends), each table in key order after the rows written."""
    conn.execute("ATTACH DATABASE ? AS leadrules_part", (str(path),))
    for table in schema.tables:
        if firsts.get(table.name, counts[table.name]) == counts[table.name]:
            continue
        columns = ", ".join(quote(column) for column, _ftype in physical_columns(table))
        order = "rowid" if table.is_lead else ", ".join(
            quote(c) for c in (EVENT_LEAD_KEY, EVENT_TIME, SEQ))
        conn.execute(f"INSERT INTO main.{quote(table.name)} ({columns}) SELECT {columns} "
                     f"FROM leadrules_part.{quote(table.name)} ORDER BY {order}")


class _Helper:
    """A process forked before DuckDB starts, writing the tables' second halves
    from the Arrow files it is sent into a SQLite file of its own."""

    def __init__(self, schema: Schema, path: Path) -> None:
        import multiprocessing
        context = multiprocessing.get_context("fork")
        self.path = path
        self._sent = False
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_write_part,
                                        args=(schema, path, child, os.getpid()),
                                        name="leadrules-sqlite-writer", daemon=True)
        try:
            self._process.start()
        finally:
            child.close()  # the child's copy stays open: EOF here if it dies

    def send(self, table: str, part: Path) -> None:
        """Have the helper insert the rows of the Arrow file ``part`` into ``table``."""
        self._sent = True
        self._conn.send((table, str(part)))

    def finish(self) -> Path | None:
        """Wait for the part file (None if nothing was sent); the helper's error,
        if it failed, raised here."""
        self._conn.send(None)
        outcome: tuple[Diagnostic, ...] | str | None
        try:
            outcome = self._conn.recv()
        except EOFError:  # it died without a word (killed, out of memory)
            self._process.join()
            outcome = f"it stopped with exit code {self._process.exitcode}"
        self._process.join()
        if isinstance(outcome, tuple):
            raise StoreError(outcome)
        if outcome is not None:
            raise StoreError(f"a process writing part of the SQLite file failed: {outcome}")
        return self.path if self._sent else None

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()
        self.path.unlink(missing_ok=True)


def _write_part(schema: Schema, path: Path, pipe: multiprocessing.connection.Connection,
                parent: int) -> None:
    """The helper's work: every Arrow file it is sent into its table at ``path``,
    until it is sent None; then its outcome (None: done) goes back."""
    die_with_parent(parent)
    outcome: object = None
    try:
        import pyarrow
        gc.disable()
        conn = sqlite3.connect(path)
        for pragma in _BUILD_PRAGMAS:
            conn.execute(pragma)
        conn.execute("BEGIN")
        for statement in create_statements(schema, "sqlite", clustered_events=True):
            conn.execute(statement)
        while (message := pipe.recv()) is not None:
            name, part = message
            table = schema.table(name)
            assert table is not None
            with pyarrow.memory_map(part) as source:
                reader = pyarrow.ipc.open_file(source)
                insert_batches(conn, table, (reader.get_batch(i)
                                             for i in range(reader.num_record_batches)))
            os.unlink(part)
        conn.execute("COMMIT")
        conn.close()
    except EOFError:  # the parent gave up: it removes the file
        os._exit(0)
    except LeadRulesError as exc:
        outcome = exc.diagnostics
    except BaseException as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    pipe.send(outcome)
    pipe.close()


