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

import functools
import gc
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LeadRulesError, StoreError
from ..loaders import collector_paused
from ..schema import EVENT_LEAD_KEY, EVENT_TIME, LEAD, LEAD_KEY, FieldType, Schema, Table
from .dbapi import create_statements, meta_rows, quote, schema_rows
from .layout import (
    FIELD_TABLE,
    META_TABLE,
    SEQ,
    SQLITE_NULL_INT,
    check_names,
    physical_columns,
)
from .sqlite import (
    _ANALYSIS_LIMIT,
    _BUILD_PRAGMAS,
    _ROWS_PER_INSERT,
    die_with_parent,
    helper_outcome,
)

if TYPE_CHECKING:
    import multiprocessing.connection

    from .bulk import BulkPlan, CsvFile

# Rows per Arrow batch: large enough that the per-batch work (one dictionary per
# text column, one numpy reshape) is noise, small enough to stay in the caches.
_BATCH_ROWS = 1 << 16
# Below this many rows the largest event table is written whole by the helper:
# splitting it and copying half of its rows back would cost more than it saves.
_SHARE_MIN_ROWS = 50_000
# The share of the leads whose events of the largest table the helper writes:
# more than half, as this process also sorts the other half and writes none
# of the other tables (figures: docs/benchmarks.md).
_HEAD_SHARE = 0.55


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
    runs) that writes the new file while this process runs DuckDB and writes
    half of the largest event table into a part file beside it.
    """
    if not available():
        return None
    target = Path(path)
    if target.exists():
        raise StoreError(f"{target} already exists")
    check_names(plan.schema, ignore_case=True)
    part = target.parent / ".leadrules-part-engine.db"
    arrows: list[Path] = []  # the helper deletes each it reads; the rest go here
    helper = None
    if processes > 1 and _can_fork():
        helper = _Helper(plan.schema, target)
    try:
        counts = (_alone(target, plan) if helper is None
                  else _shared(helper, plan, part, arrows))
    except BaseException:
        if helper is not None:
            helper.stop()
        target.unlink(missing_ok=True)
        raise
    finally:
        part.unlink(missing_ok=True)
        if helper is not None:
            helper.stop()  # before the files it may still be reading are deleted
        for arrow in arrows:
            arrow.unlink(missing_ok=True)
    if counts is None:
        target.unlink(missing_ok=True)
    return counts


def _can_fork() -> bool:
    import multiprocessing
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _engine(scratch: Path) -> Any:
    import duckdb
    # DuckDB spills to disk inside the scratch folder, removed with it.
    return duckdb.connect(config={"temp_directory": str(scratch / "duckdb.tmp")})


def _alone(target: Path, plan: BulkPlan) -> dict[str, int] | None:
    """The whole file written by this process, each table streamed from DuckDB."""
    from .bulk import Normalizer
    engine = _engine(target.parent)
    try:
        normalizer = Normalizer(engine, plan)
        if not normalizer.load():
            return None
        conn = sqlite3.connect(target)
        try:
            with collector_paused():
                _begin(conn, plan.schema, metadata=True)
                counts = {table.name: 0 for table in plan.schema.tables}
                for table in plan.schema.tables:
                    query = normalizer.select(table)
                    if query is not None:
                        reader = engine.sql(_encoded(table, query)).to_arrow_reader(_BATCH_ROWS)
                        counts[table.name] = insert_batches(conn, table, reader)
                _end(conn)
        finally:
            conn.close()
        return counts
    finally:
        engine.close()


def _shared(helper: _Helper, plan: BulkPlan, part: Path, arrows: list[Path]
            ) -> dict[str, int] | None:
    """The helper writes the new file: every table from the Arrow files this
    process exports as DuckDB finishes them (the lead file first, the largest
    event file last), but the second half of the largest, which this process
    writes into ``part`` meanwhile and the helper then appends."""
    from .bulk import Normalizer
    schema = plan.schema
    scratch = part.parent
    sizes = {f.table.name: f.path.stat().st_size for f in plan.files if not f.table.is_lead}
    largest = max(sizes, key=lambda name: sizes[name]) if sizes else None
    order = sorted(schema.tables, key=lambda t: (not t.is_lead, t.name == largest))
    engine = _engine(scratch)
    counts = {table.name: 0 for table in schema.tables}
    written = False
    try:
        normalizer = Normalizer(engine, plan)
        normalizer.start_scan()
        for index, table in enumerate(order):
            if not normalizer.load_table(table.name):
                normalizer.scanned()
                return None
            query = normalizer.select(table)
            if query is None:
                continue
            arrow = scratch / f".leadrules-part-{index}.arrow"
            arrows.append(arrow)
            if table.name != largest:
                counts[table.name] = _export(engine, _encoded(table, query), arrow)
                helper.send(table.name, arrow)
                continue
            halves = _halves(engine, normalizer, plan, table)
            if halves is None:  # a small table: the helper writes it whole
                counts[table.name] = _export(engine, _encoded(table, query), arrow)
                helper.send(table.name, arrow)
                continue
            # Each half is sorted (numbered) on its own: the helper inserts the first
            # while DuckDB sorts the second, which this process then writes.
            staged = normalizer.staged
            whole = staged[table.name]
            try:
                staged[table.name] = halves[0]
                head = normalizer.select(table)
                staged[table.name] = halves[1]
                tail = normalizer.select(table)
            finally:
                staged[table.name] = whole
            assert head is not None and tail is not None
            first = _export(engine, _encoded(table, head), arrow)
            helper.send(table.name, arrow)
            reader = engine.sql(_encoded(table, tail, first_seq=first)
                                ).to_arrow_reader(_BATCH_ROWS)
            counts[table.name] = first + _write_part(part, schema, table, reader)
            written = True
            for name in halves:
                engine.execute(f"DROP TABLE {name}")
        if not normalizer.scanned():
            return None
    finally:
        engine.close()
    helper.finish(part if written else None, largest)
    return counts


def _halves(engine: Any, normalizer: Any, plan: BulkPlan, table: Table
            ) -> tuple[str, str] | None:
    """The staged rows of the event ``table`` copied into two temporary tables,
    split by lead id (the first holding the events of about :data:`_HEAD_SHARE`
    of the leads, and the blank rows), each in the staged order; None for a
    table of fewer than :data:`_SHARE_MIN_ROWS` rows.

    Numbering each half on its own gives the rows the whole's numbering
    (shifted by the first half's count): the key order sorts by lead id first,
    and ties keep their relative order (DuckDB keeps the order of the rows it
    copies, ``preserve_insertion_order`` being on)."""
    staged = normalizer.staged
    file, lead_file = plan.file(table.name), plan.file(LEAD)
    if file is None or lead_file is None or table.name not in staged or LEAD not in staged:
        return None
    stage = staged[table.name]
    [(rows,)] = engine.execute(f"SELECT count(*) FROM {stage}").fetchall()
    if rows < _SHARE_MIN_ROWS:
        return None
    key = _staged_column(engine, stage, file, EVENT_LEAD_KEY)
    lead_key = _staged_column(engine, staged[LEAD], lead_file, LEAD_KEY)
    if key is None or lead_key is None:  # a staging this module does not know
        return None
    [(split,)] = engine.execute(f"SELECT quantile_disc({lead_key}, {_HEAD_SHARE}) "
                                f"FROM {staged[LEAD]}").fetchall()
    if split is None:
        return None
    head, tail = "leadrules_sqlite_head", "leadrules_sqlite_tail"
    engine.execute(f"CREATE TEMP TABLE {head} AS SELECT * FROM {stage} "
                   f"WHERE {key} < ? OR {key} IS NULL", [split])
    engine.execute(f"CREATE TEMP TABLE {tail} AS SELECT * FROM {stage} WHERE {key} >= ?",
                   [split])
    return head, tail


def _staged_column(engine: Any, stage: str, file: CsvFile, field: str) -> str | None:
    """The column of the staging table ``stage`` holding ``field``: the normalised
    value ``v{i}`` (``i`` the field's position) or the file's text cell; None when
    the table has neither (then the largest table is not split)."""
    from .bulk import staging_columns
    names = {d[0] for d in engine.execute(f"SELECT * FROM {stage} LIMIT 0").description}
    for name in (f"v{file.table.field_names.index(field)}",
                 staging_columns(file)[file.columns.index(field)]):
        if name in names:
            return name
    return None


def _write_part(path: Path, schema: Schema, table: Table, reader: Any) -> int:
    """The rows of ``reader`` in ``table`` of a new file at ``path``; how many."""
    conn = sqlite3.connect(path)
    try:
        with collector_paused():
            _begin(conn, schema, metadata=False)
            count = insert_batches(conn, table, reader)
            conn.execute("COMMIT")
    finally:
        conn.close()
    return count


def _begin(conn: sqlite3.Connection, schema: Schema, *, metadata: bool) -> None:
    for pragma in _BUILD_PRAGMAS:
        conn.execute(pragma)
    conn.execute("BEGIN")
    for statement in create_statements(schema, "sqlite", clustered_events=True):
        conn.execute(statement)
    if metadata:
        conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", meta_rows())
        conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)",
                         schema_rows(schema))


def _end(conn: sqlite3.Connection, *, attached: bool = False) -> None:
    conn.execute(f'CREATE INDEX "lead_{SEQ}" ON "lead" ("{SEQ}")')
    conn.execute("COMMIT")
    if attached:  # SQLite cannot detach a database inside a transaction
        conn.execute("DETACH DATABASE leadrules_part")
    conn.execute(f"PRAGMA analysis_limit = {_ANALYSIS_LIMIT}")
    conn.execute("ANALYZE")


def _encoded(table: Table, query: str, *, first_seq: int = 0) -> str:
    """The rows of ``query`` (the DuckDB layout's, in seq order) as the SQLite
    layout encodes them, ``seq`` counted from ``first_seq``."""
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
            columns.append(f"CAST({name} AS BIGINT) + {first_seq} AS {name}")
        else:
            columns.append(f"CAST({name} AS VARCHAR) AS {name}")
    return f"SELECT {', '.join(columns)} FROM ({query}) q"


def _export(engine: Any, query: str, path: Path) -> int:
    """Write the rows of ``query`` to an Arrow IPC file at ``path``; how many."""
    import pyarrow
    reader = engine.sql(query).to_arrow_reader(_BATCH_ROWS)
    count = 0
    with pyarrow.OSFile(str(path), "wb") as sink, \
            pyarrow.ipc.new_file(sink, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def insert_batches(conn: sqlite3.Connection, table: Table, batches: Any) -> int:
    """Insert the encoded rows of the Arrow record ``batches`` into ``table``,
    :data:`~.sqlite._ROWS_PER_INSERT` rows per statement; how many there were.

    The statement is :func:`~.layout.sqlite_insert`'s, but a column without a
    missing value in the batch binds its value bare instead of through ``NULLIF``
    (the same value stored; ~0.04 µs less per value)."""
    import numpy
    import pyarrow
    import pyarrow.compute
    width = len(physical_columns(table))
    size = max(1, min(_ROWS_PER_INSERT,
                      conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    name = quote(table.name)
    count = 0
    for batch in batches:
        rows = batch.num_rows
        values = numpy.empty((rows, width), dtype=object)
        missing = []
        for j, column in enumerate(batch.columns):
            if pyarrow.types.is_floating(column.type):  # NaN: SQLite stores NULL
                values[:, j] = column.to_numpy()
                missing.append(False)
            elif pyarrow.types.is_integer(column.type):
                values[:, j] = column.to_numpy()  # Python ints
                missing.append(rows > 0 and pyarrow.compute.min(column).as_py()
                               == SQLITE_NULL_INT)
            elif column.null_count == rows:
                values[:, j] = SQLITE_NULL_INT
                missing.append(True)
            else:
                # Each distinct string made once; a missing one is the stand-in.
                coded = column.dictionary_encode()
                strings = numpy.array([*coded.dictionary.to_pylist(), SQLITE_NULL_INT],
                                      dtype=object)
                values[:, j] = strings[coded.indices.fill_null(len(strings) - 1).to_numpy()]
                missing.append(column.null_count > 0)
        whole = rows // size * size
        conn.executemany(_insert(name, tuple(missing), size),
                         values[:whole].reshape(-1, size * width).tolist())
        conn.executemany(_insert(name, tuple(missing), 1), values[whole:].tolist())
        count += rows
    return count


@functools.lru_cache(maxsize=256)
def _insert(table_sql: str, missing: tuple[bool, ...], rows: int) -> str:
    """An INSERT of ``rows`` rows whose columns with a missing value bind
    through ``NULLIF(?, SQLITE_NULL_INT)`` (as :func:`~.layout.sqlite_insert`)."""
    row = "(" + ", ".join(f"NULLIF(?, {SQLITE_NULL_INT})" if m else "?" for m in missing) + ")"
    return f"INSERT INTO {table_sql} VALUES {', '.join([row] * rows)}"


def _append(conn: sqlite3.Connection, table: Table, path: Path) -> None:
    """Append the rows of ``table`` in the part file ``path`` in key order."""
    conn.execute("ATTACH DATABASE ? AS leadrules_part", (str(path),))
    columns = ", ".join(quote(column) for column, _ftype in physical_columns(table))
    order = ", ".join(quote(c) for c in (EVENT_LEAD_KEY, EVENT_TIME, SEQ))
    conn.execute(f"INSERT INTO main.{quote(table.name)} ({columns}) SELECT {columns} "
                 f"FROM leadrules_part.{quote(table.name)} ORDER BY {order}")


class _Helper:
    """A process forked before DuckDB starts, writing the new SQLite file from
    the Arrow files it is sent, then appending the part file it is given."""

    def __init__(self, schema: Schema, path: Path) -> None:
        import multiprocessing
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(schema, path, child, os.getpid()),
                                        name="leadrules-sqlite-writer", daemon=True)
        try:
            self._process.start()
        finally:
            child.close()  # the child's copy stays open: EOF here if it dies

    def send(self, table: str, rows: Path) -> None:
        """Have the helper insert the rows of the Arrow file ``rows`` into ``table``."""
        self._send((table, str(rows)))

    def finish(self, part: Path | None, table: str | None) -> None:
        """Have the helper append ``table`` of the ``part`` file (if any) and finish
        the file; wait for it.  The helper's error, if it failed, is raised here."""
        if part is not None:
            self._send((table, str(part), "append"))
        self._send(None)
        self._outcome()

    def _send(self, message: object) -> None:
        try:
            self._conn.send(message)
        except OSError:  # it stopped: its outcome says why
            self._outcome()
            raise StoreError("the process writing the SQLite file stopped") from None

    def _outcome(self) -> None:
        helper_outcome(self._conn, self._process, "the process writing the SQLite file")

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()


def _serve(schema: Schema, path: Path, pipe: multiprocessing.connection.Connection,
           parent: int) -> None:
    """The helper's work: the new file at ``path``, each Arrow file it is sent
    inserted into its table, a part file appended, until it is sent None; then
    its outcome (None: done) goes back."""
    die_with_parent(parent)
    outcome: object = None
    try:
        import pyarrow
        gc.disable()
        conn = sqlite3.connect(path)
        _begin(conn, schema, metadata=True)
        attached = False
        while (message := pipe.recv()) is not None:
            table = schema.table(message[0])
            assert table is not None
            if len(message) == 3:
                _append(conn, table, Path(message[1]))
                attached = True
                continue
            with pyarrow.memory_map(message[1]) as source:
                reader = pyarrow.ipc.open_file(source)
                insert_batches(conn, table, (reader.get_batch(i)
                                             for i in range(reader.num_record_batches)))
            os.unlink(message[1])
        _end(conn, attached=attached)
        conn.close()
    except EOFError:  # the parent gave up: it removes the file
        os._exit(0)
    except LeadRulesError as exc:
        outcome = exc.diagnostics
    except BaseException as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    pipe.send(outcome)
    pipe.close()
