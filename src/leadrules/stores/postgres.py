"""PostgresStore: leads and events in PostgreSQL, through psycopg 3.

Datetimes are ``timestamptz``; each event table has a btree index on
``(lead_id, occurred_at)``; data is bulk-loaded with ``COPY``.  A store may
live in its own PostgreSQL schema: ``schema_name=`` or ``?schema=NAME`` in
the URL (leadrules removes it before connecting).
"""

from __future__ import annotations

import contextlib
import math
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic, QueryTimeout, StoreError
from ..memory import MemoryStore
from ..schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, EVENT_TIME, LEAD, FieldType, Schema, Table
from ..sql.layout import lower_column
from .base import Capability
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
from .layout import FIELD_TABLE, META_TABLE, SEQ, check_names, physical_columns, row_encoder
from .mapping import resolve, written_name

if TYPE_CHECKING:
    import psycopg
    from sqlglot.expressions import Expr as Node

    from ..sql.query import SqlQuery
    from .bulk import BulkPlan


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError("PostgreSQL stores need psycopg 3: pip install 'leadrules[postgres]'"
                         ) from None
    return psycopg


def split_url(dsn: str) -> tuple[str, str | None]:
    """``dsn`` without its ``schema`` query parameter, and that parameter.

    Only ``schema=…`` is cut out of the query: every other parameter reaches libpq
    byte for byte (re-encoding them wrote a space as ``+``, which libpq does not
    decode: ``?options=-c%20statement_timeout%3D5000`` could not connect)."""
    parts = urllib.parse.urlsplit(dsn)
    params = parts.query.split("&") if parts.query else []
    schemas = [urllib.parse.unquote_plus(p.partition("=")[2]) for p in params
               if urllib.parse.unquote_plus(p.partition("=")[0]) == "schema"]
    if not schemas:
        return dsn, None
    kept = [p for p in params if urllib.parse.unquote_plus(p.partition("=")[0]) != "schema"]
    return urllib.parse.urlunsplit(parts._replace(query="&".join(kept))), schemas[0]


def psycopg_text(tree: Node) -> str:
    """``tree`` as the text psycopg runs: its placeholders ``%(name)s``, and every
    other ``%`` doubled.  A mapping's names and literals are written into the SQL
    (a column ``"discount%"``, a separator ``'%'``), where psycopg took a lone ``%``
    for a placeholder.  The placeholders are first renamed to a token no SQL text
    holds by chance, so only they stay single (:func:`~leadrules.sql.paramstyle.tagged_sql`,
    as ``--params`` does)."""
    from ..sql.paramstyle import tagged_sql
    text, tag, _ = tagged_sql(tree, "postgres")
    text = text.replace("%", "%%")
    return re.sub(rf"%%\({tag}_(\w+?)\)s", r"%(\1)s", text)


def connect(dsn: str, *, autocommit: bool) -> psycopg.Connection[Any]:
    driver = _psycopg()
    try:
        conn: psycopg.Connection[Any] = driver.connect(dsn, autocommit=autocommit)
    except driver.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip()) from None
    return conn


DEFAULT_WORK_MEM = "128MB"
"""``work_mem`` of the store's queries (see :class:`PostgresStore`)."""
_CLIENT_CHECK_MS = "1000"
"""``client_connection_check_interval`` of the store's queries, in ms."""


class PostgresStore(SqlStore):
    """A leadrules store in a PostgreSQL database (a URL / DSN, or a psycopg connection).

    Each query runs in a transaction (a savepoint inside the caller's) that
    sets ``work_mem`` locally to ``work_mem`` and is rolled back after the
    rows are read, so the setting never outlives the query.  PostgreSQL's
    default of 4 MB is too small for a million leads: an ``IN`` / ``NOT IN``
    subquery that PostgreSQL cannot turn into a join (inside ``NOT``, ``OR``
    or ``CASE``) is hashed only when the hash fits, and otherwise scanned once
    per lead -- minutes instead of a second.  ``work_mem=None`` keeps the
    server's setting.  JIT compilation is turned off the same way: for a query
    with hundreds of CTEs it took longer than running the query.

    ``timeout`` (seconds, or None) is set the same way as the query's
    ``statement_timeout``: the server cancels a query running longer, and
    :class:`~leadrules.errors.QueryTimeout` is raised.  Every query also sets
    ``client_connection_check_interval`` (1 s), so a query whose client died
    (``kill -9``) is cancelled by the server within about a second.
    """

    engine = "postgres"
    capabilities = SqlStore.capabilities | {Capability.SEGMENT_BATCH}

    def __init__(self, dsn_or_connection: str | psycopg.Connection[Any], *,
                 schema_name: str | None = None, schema: Schema | None = None,
                 work_mem: str | None = DEFAULT_WORK_MEM,
                 mapping: Mapping[str, Mapping[str, Any]] | None = None,
                 timeout: float | None = None) -> None:
        self.work_mem = work_mem
        self.timeout = timeout
        if isinstance(dsn_or_connection, str):
            dsn, from_url = split_url(dsn_or_connection)
            schema_name = schema_name or from_url
            self._conn = connect(dsn, autocommit=True)
            self._owned = True
        else:
            self._conn = dsn_or_connection
            self._owned = False
        self.schema_name = schema_name
        if mapping is not None:
            stored, layout = resolve(mapping, schema or DEFAULT_SCHEMA, "postgres",
                                     self._describe, listing=self._tables,
                                     namespace=schema_name)
            super().__init__(stored, layout, schema or DEFAULT_SCHEMA)
            self._refuse_repeated_ids()
            return
        stored = self._read_schema()
        super().__init__(stored, layout_of(stored, namespace=schema_name), schema)

    def _describe(self, parts: tuple[str, ...]) -> list[tuple[str, str]] | None:
        """The columns of a table or view of the user's (a mapping's); an unqualified
        name is looked up in ``schema_name`` if given, else on the search path."""
        if len(parts) == 1 and self.schema_name:
            parts = (self.schema_name, *parts)
        name = ".".join(quote(p) for p in parts)
        rows = self._fetch(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
            "WHERE a.attrelid = to_regclass(%(name)s) AND a.attnum > 0 "
            "AND NOT a.attisdropped ORDER BY a.attnum", {"name": name})
        return [(str(n), str(t)) for n, t in rows] or None

    def _tables(self) -> list[str]:
        """The tables and views of the database, as a mapping names them: bare where
        an unqualified name finds them (``schema_name``, else the search path),
        else qualified."""
        rows = self._fetch(
            "SELECT table_schema, table_name, CASE WHEN %(schema)s::text IS NULL "
            "THEN table_schema = ANY(current_schemas(false)) ELSE table_schema = %(schema)s "
            "END FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
            {"schema": self.schema_name})
        return [written_name(str(n)) if visible else written_name(str(sch), str(n))
                for sch, n, visible in rows]

    def _read_schema(self) -> Schema:
        table = _qualified(self.schema_name, FIELD_TABLE)
        try:
            rows = self._fetch(f"SELECT tpos, tbl, pos, name, type FROM {table}", {})
        except StoreError:
            where = f"schema '{self.schema_name}'" if self.schema_name else "this database"
            raise StoreError(f"no leadrules store in {where}; make one with "
                             "'leadrules import SRC --into postgresql://…'") from None
        return schema_from_rows(rows)

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        psycopg = _psycopg()
        rows: list[Row] = []
        # JIT compilation of a query with hundreds of CTEs (a long chain of
        # segment references) costs seconds and never pays back here.  The
        # server checks every second that the client is still there: a query
        # whose client was killed is cancelled, not run on for minutes.
        # extra_float_digits 1 (the default, which a session may have lowered): a
        # double's text is its shortest decimal, which sums read (docs/data.md) and
        # values come back exactly as.
        settings = {"jit": "off", "client_connection_check_interval": _CLIENT_CHECK_MS,
                    "extra_float_digits": "1",
                    # Times come back in UTC: in a session zone east of UTC, the last
                    # hours of year 9999 are after year 10000 there, which psycopg
                    # cannot read ("timestamp too large").
                    "TimeZone": "UTC"}
        if self.work_mem is not None:
            settings["work_mem"] = self.work_mem
        if self.timeout is not None:
            settings["statement_timeout"] = str(max(1, math.ceil(self.timeout * 1000)))
        setting = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in settings)
        try:
            with self._conn.transaction() as tx:
                self._conn.execute(setting, tuple(settings.values()))
                rows = self._conn.execute(sql, dict(params)).fetchall()
                # Read only: rolling back ends the local settings, and leaves the
                # caller's transaction as it was.
                raise psycopg.Rollback(tx)
        except psycopg.errors.QueryCanceled as exc:
            if self.timeout is not None:
                raise QueryTimeout(self.timeout, "PostgreSQL") from None
            raise StoreError(f"PostgreSQL failed: {exc}".strip()) from None
        except psycopg.errors.NumericValueOutOfRange as exc:
            raise StoreError([Diagnostic(
                "PostgreSQL failed: " + re.sub(r"\d{40,}", lambda m: f"{m[0][:4]}…({len(m[0])} "
                                               "digits)", str(exc).strip()),
                hint="a sum of a number field (or a score) passed the 64-bit float range "
                     "(about 1.8e308): the values of the field are too large to add")]) from None
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL failed: {exc}".strip()) from None
        return rows

    def _bound_ids(self, lead_ids: Sequence[str]) -> Any:
        return list(lead_ids)  # a text[] array: `id = ANY(%(lead_ids)s)`

    def _text(self, query: SqlQuery) -> str:
        return psycopg_text(query.tree)

    def _render(self, tree: Node) -> str:
        return psycopg_text(tree)

    def close(self) -> None:
        if self._owned:
            self._conn.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Writer]:
        """A write transaction (a savepoint inside a transaction the caller has open)."""
        psycopg = _psycopg()
        conn = self._conn

        def execute(sql: str, params: Sequence[Any]) -> list[Row]:
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description is not None else []

        def executemany(sql: str, rows: Sequence[Sequence[Any]]) -> None:
            with conn.cursor() as cur:
                cur.executemany(sql, rows)

        with write_errors("PostgreSQL", psycopg.Error), conn.transaction():
            # Writers to one schema take turns with each other and with imports:
            # two appends at once would both read the same next seq and collide
            # on leadrules_meta's key.
            _take_turn(conn, self.schema_name or "public")
            yield Writer(execute, executemany, "%s")


def _take_turn(conn: psycopg.Connection[Any], namespace: str) -> None:
    """Wait for the other imports and writers of schema ``namespace``: a
    transaction advisory lock, held until the caller's transaction ends."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                 (f"leadrules import {namespace}",))


def _qualified(namespace: str | None, table: str) -> str:
    return quote(table) if namespace is None else f"{quote(namespace)}.{quote(table)}"


def write(conn: psycopg.Connection[Any], data: MemoryStore, schema_name: str | None = None
          ) -> None:
    """Replace the leadrules store in ``schema_name`` with ``data``, in the caller's transaction.

    Tables of a previous leadrules store there are dropped; any other table
    with one of the names needed is an error (it is not ours to drop).
    """
    schema = data.schema
    check_names(schema)
    if schema_name is not None:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(schema_name)}")
    _drop_previous(conn, schema, schema_name)
    for statement in create_statements(schema, "postgres", schema_name):
        conn.execute(statement)
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {_qualified(schema_name, META_TABLE)} VALUES (%s, %s)",
                        meta_rows())
        cur.executemany(f"INSERT INTO {_qualified(schema_name, FIELD_TABLE)} "
                        "VALUES (%s, %s, %s, %s, %s)", schema_rows(schema))
        for table in schema.tables:
            _copy(cur, schema_name, table, data)
    _index_and_analyze(conn, schema_name, schema.tables)



def _index_and_analyze(conn: psycopg.Connection[Any], schema_name: str | None,
                       tables: Iterable[Table]) -> None:
    """Once the rows of ``tables`` are in: each source's (lead, time, seq) index,
    then fresh statistics of every column but the text fields' shadows (queries
    read those only inside COALESCE(x__lower, x), whose estimates no column
    statistics inform; a list field's shadow, tested with LIKE, keeps its)."""
    for table in tables:
        name = _qualified(schema_name, table.name)
        if not table.is_lead:
            conn.execute(f"CREATE INDEX ON {name} ({quote(EVENT_LEAD_KEY)}, "
                         f"{quote(EVENT_TIME)}, {quote(SEQ)})")
        text_shadows = {lower_column(f.name) for f in table.fields if f.type == FieldType.TEXT}
        columns = [quote(c) for c, _ in physical_columns(table) if c not in text_shadows]
        conn.execute(f"ANALYZE {name} ({', '.join(columns)})")


def _copy(cur: psycopg.Cursor[Any], schema_name: str | None, table: Any, data: MemoryStore
          ) -> None:
    encode = row_encoder(table, "postgres")
    columns = ", ".join(quote(c) for c, _ in physical_columns(table))
    records = data.leads() if table.is_lead else data.events(table.name)
    with cur.copy(f"COPY {_qualified(schema_name, table.name)} ({columns}) FROM STDIN") as copy:
        for seq, record in enumerate(records):
            copy.write_row(encode(seq, record))


def _drop_previous(conn: psycopg.Connection[Any], schema: Schema, schema_name: str | None
                   ) -> None:
    namespace = schema_name or "public"
    existing = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
        (namespace,)).fetchall()}
    ours: set[str] = set()
    if FIELD_TABLE in existing:
        ours = {r[0] for r in conn.execute(
            f"SELECT DISTINCT tbl FROM {_qualified(schema_name, FIELD_TABLE)}").fetchall()}
        ours |= {FIELD_TABLE, META_TABLE}
    needed = {t.name for t in schema.tables} | {FIELD_TABLE, META_TABLE}
    foreign = sorted((needed & existing) - ours)
    if foreign:
        raise StoreError(f"table {foreign[0]} in schema '{namespace}' is not part of a "
                         "leadrules store; import into another schema (?schema=NAME)")
    for name in sorted(ours & existing, key=lambda n: n != LEAD):
        conn.execute(f"DROP TABLE {_qualified(schema_name, name)}")


def import_into(dsn: str, data: MemoryStore) -> None:
    """Write ``data`` into the database at ``dsn`` in one transaction (all or nothing)."""
    _import(dsn, lambda conn, schema_name: write(conn, data, schema_name))


def import_plan(dsn: str, plan: BulkPlan) -> dict[str, int] | None:
    """Import the CSV folder of ``plan`` inside PostgreSQL (COPY of the files as
    text, then one ``INSERT … SELECT`` per table converting them, see
    :mod:`.bulk`), in one transaction.  False, with nothing changed, when
    PostgreSQL refused a value or the check found one it could convert
    differently from Python: the caller then imports through the Python path,
    which reports bad data by file, row and column.  Otherwise the number of
    rows stored per table."""
    psycopg = _psycopg()
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:  # the engine path needs both (the frames extra)
        return None
    counts: dict[str, int] = {}
    try:
        _import(dsn, lambda conn, schema_name: _write_plan(conn, plan, schema_name, counts),
                inexact=(psycopg.errors.DataException, _Inexact))
    except _Inexact:
        return None
    return counts


class _Inexact(Exception):
    """The engine path cannot import the folder exactly (see import_plan)."""


def _import(dsn: str, work: Callable[[psycopg.Connection[Any], str | None], None], *,
            inexact: tuple[type[BaseException], ...] = ()) -> None:
    psycopg = _psycopg()
    url, schema_name = split_url(dsn)
    namespace = schema_name or "public"
    conn = connect(url, autocommit=False)
    try:
        with conn.transaction():
            # The server checks every second that this client is still there, so
            # a killed import stops (and rolls back) at once, not at its next write.
            conn.execute("SET LOCAL client_connection_check_interval = 1000")
            # Imports into one schema take turns: two at once would both create
            # the tables (a duplicate-key error from the catalogue).
            _take_turn(conn, namespace)
            work(conn, schema_name)
    except inexact:
        raise _Inexact() from None
    except psycopg.Error as exc:
        hint = ""
        if isinstance(exc, psycopg.errors.UniqueViolation | psycopg.errors.DeadlockDetected
                      | psycopg.errors.SerializationFailure | psycopg.errors.LockNotAvailable):
            hint = " (another process changed the schema at the same time: run the import again)"
        raise StoreError(f"importing into schema '{namespace}' failed, nothing was changed: "
                         f"{str(exc).strip()}{hint}") from None
    finally:
        conn.close()


def _write_plan(conn: psycopg.Connection[Any], plan: BulkPlan, schema_name: str | None,
                counts: dict[str, int]) -> None:
    """:func:`write` of a CSV folder that DuckDB reads and normalises (see
    :mod:`.bulk`); its rows are streamed to ``COPY`` as CSV text."""
    import duckdb

    from .bulk import Normalizer
    schema = plan.schema
    check_names(schema)
    scratch = duckdb.connect()
    try:
        normalizer = Normalizer(scratch, plan)
        if schema_name is not None:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(schema_name)}")
        _drop_previous(conn, schema, schema_name)
        for statement in create_statements(schema, "postgres", schema_name):
            conn.execute(statement)
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {_qualified(schema_name, META_TABLE)} "
                            "VALUES (%s, %s)", meta_rows())
            cur.executemany(f"INSERT INTO {_qualified(schema_name, FIELD_TABLE)} "
                            "VALUES (%s, %s, %s, %s, %s)", schema_rows(schema))
            for table in schema.tables:
                counts[table.name] = 0
            # A larger sort memory for the index builds than the server's default 64 MB.
            conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
            # Each file is read, checked and normalised by DuckDB in a thread while the
            # previous rows are copied, indexed and analysed (a table's index and
            # statistics as soon as its rows are in, while DuckDB works on the next);
            # a file DuckDB cannot convert exactly raises _Inexact here, and the
            # transaction is rolled back.
            copied = set()
            with _CsvStream(normalizer, _copy_order(plan)) as stream:
                for table, chunks in stream.tables():
                    columns = ", ".join(quote(c) for c, _ in physical_columns(table))
                    # FREEZE: the table is new in this transaction, so its rows can be
                    # written frozen and all-visible (no hint-bit rewrite later).
                    with cur.copy(f"COPY {_qualified(schema_name, table.name)} ({columns}) "
                                  "FROM STDIN (FORMAT csv, FREEZE true)") as copy:
                        for chunk, rows in chunks:
                            copy.write(chunk)
                            counts[table.name] += rows
                    _index_and_analyze(conn, schema_name, [table])
                    copied.add(table.name)
    except duckdb.Error:
        raise _Inexact() from None
    finally:
        scratch.close()
    # The tables without rows: their indexes and (empty) statistics.
    _index_and_analyze(conn, schema_name, [t for t in schema.tables if t.name not in copied])


def _copy_order(plan: BulkPlan) -> list[Any]:
    """The tables in the order they are copied: the leads first (the events'
    rows join them), then the sources by the size of their files, the largest
    last, so that DuckDB reads and sorts the large one while PostgreSQL copies the
    others (the rows and their ``seq`` do not depend on the order)."""
    def size(table: Any) -> int:
        file = plan.file(table.name)
        return 0 if file is None else file.path.stat().st_size
    return [plan.schema.lead, *sorted(plan.schema.sources, key=size)]


class _CsvStream:
    """The rows of each table as CSV chunks, read, checked and normalised by
    DuckDB (:class:`~.bulk.Normalizer`) and written as CSV by pyarrow in a thread
    of their own while the caller writes the previous chunks to ``COPY`` (DuckDB
    and pyarrow release the GIL; PostgreSQL parses in its own process), at most
    ``_AHEAD_BYTES`` of CSV ahead (or one chunk, when it is larger).  Only that
    thread uses the DuckDB connection until the stream is closed.  A file the
    engine cannot convert exactly makes :meth:`tables` raise :class:`_Inexact`."""

    def __init__(self, normalizer: Any, tables: Sequence[Any]) -> None:
        import queue
        import threading
        self._normalizer = normalizer
        self._tables = list(tables)
        self._queue: queue.Queue[tuple[Any, Any, int] | BaseException | None] = queue.Queue()
        # The bytes of the chunks in the queue, and their condition.
        self._ahead = 0
        self._room = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="leadrules-copy",
                                        daemon=True)

    def __enter__(self) -> _CsvStream:
        self._thread.start()
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self._stop.set()
        if kind is not None and self._thread.is_alive():
            # COPY failed or was interrupted: stop DuckDB's running query too.
            self._normalizer.conn.interrupt()
        while self._thread.is_alive():
            self._drain()
            self._thread.join(0.05)
        self._drain()

    def _drain(self) -> None:
        import queue
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass

    @staticmethod
    def _size(item: tuple[Any, Any, int] | BaseException | None) -> int:
        return len(item[1]) if isinstance(item, tuple) and item[1] is not None else 0

    def _put(self, item: tuple[Any, Any, int] | BaseException | None) -> bool:
        size = self._size(item)
        with self._room:
            while self._ahead and self._ahead + size > _AHEAD_BYTES:
                if self._stop.is_set():
                    return False
                self._room.wait(0.1)
            if self._stop.is_set():
                return False
            self._ahead += size
            self._queue.put(item)
        return True

    def _produce(self) -> None:
        import pyarrow
        import pyarrow.csv
        options = pyarrow.csv.WriteOptions(include_header=False)
        normalizer = self._normalizer
        scanned = False
        try:
            normalizer.start_scan()
            for table in self._tables:
                if not normalizer.load_table(table.name):
                    raise _Inexact()
                query = normalizer.select(table, by_lead_position=True, as_text=True,
                                          lead_range=not table.is_lead)
                if query is None:
                    continue
                made = 0
                for low, high in self._ranges(table):
                    # The rows of the leads low..high (by place in the lead file),
                    # numbered on from the rows before: one sort of a part, whose
                    # first rows COPY gets while DuckDB sorts the next part.
                    params = {} if table.is_lead else {"low": low, "high": high, "first": made}
                    reader = normalizer.conn.sql(query, params=params).to_arrow_reader(
                        _BATCH_ROWS)
                    for batch in reader:
                        sink = pyarrow.BufferOutputStream()
                        pyarrow.csv.write_csv(batch, sink, options)
                        # No byte reaches PostgreSQL before the scan has passed every file.
                        if not scanned and not (scanned := normalizer.scanned()):
                            raise _Inexact()
                        made += batch.num_rows
                        if not self._put((table, memoryview(sink.getvalue()),
                                          batch.num_rows)):
                            return
                if not self._put((table, None, 0)):
                    return
            if not normalizer.scanned():
                raise _Inexact()
            self._put(None)
        except BaseException as exc:
            self._put(exc)

    def _ranges(self, table: Any) -> list[tuple[int, int]]:
        """The parts of ``table``'s rows sorted one at a time: ranges of lead
        positions, one part per ``_PART_BYTES`` of the file (at most
        ``_MAX_PARTS``); the leads in one part."""
        file = self._normalizer.plan.file(table.name)
        if table.is_lead or file is None:
            return [(0, 0)]  # one part (the lead table's query has no range)
        leads = self._normalizer.lead_count()
        if leads == 0:
            return [(0, 0)]
        parts = max(1, min(_MAX_PARTS, file.path.stat().st_size // _PART_BYTES, leads))
        step = -(-leads // parts)
        return [(low, min(low + step, leads) - 1) for low in range(0, leads, step)]

    def _get(self) -> tuple[Any, Any, int] | None:
        item = self._queue.get()
        if size := self._size(item):
            with self._room:
                self._ahead -= size
                self._room.notify()
        if isinstance(item, BaseException):
            raise item
        return item

    def tables(self) -> Iterator[tuple[Any, Iterator[tuple[Any, int]]]]:
        """Each table with rows, with its chunks (each with its number of rows);
        consume a table's chunks before asking for the next table."""
        while True:
            first = self._get()
            if first is None:
                return
            table = first[0]

            def chunks(item: tuple[Any, Any, int] | None = first) -> Iterator[tuple[Any, int]]:
                while item is not None and item[1] is not None:
                    yield item[1], item[2]
                    item = self._get()

            yield table, chunks()


# Rows per Arrow batch streamed from DuckDB to COPY, and the CSV made ahead at most
# (the small tables' rows wait while DuckDB sorts the large one's).
_BATCH_ROWS = 100_000
_AHEAD_BYTES = 256 << 20
# An event file's rows are sorted in parts of about this many bytes of the file
# each, at most _MAX_PARTS (each part scans the file's staged rows once more).
_PART_BYTES = 48 << 20
_MAX_PARTS = 16
