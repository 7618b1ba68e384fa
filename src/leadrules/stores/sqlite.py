"""SQLiteStore: the embedded default, on the standard library's ``sqlite3``.

Layout (see :mod:`.layout`): datetimes are integer microseconds (UTC), so a
``within 30 days`` filter is an integer range.  Each event table is a
``WITHOUT ROWID`` table whose primary key is ``(lead_id, occurred_at, seq)``:
the events of one lead are stored together, in time order, so both query
shapes — one correlated probe per lead, or one pass over a source — read
them sequentially, and ``events_of`` is a single range scan.

``matches`` runs RE2 (the evaluator's own engine,
:func:`leadrules.regex.compile_pattern`: linear time) through a registered
``REGEXP`` function, so regular expressions behave exactly as in memory.  ``POWER``
(score decay) is SQLite's built-in math function where the library has it
(it calls C ``pow``, as Python's ``**`` on floats does), else a registered
Python ``**``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..errors import Diagnostic, LeadRulesError, StoreError
from ..files import DEFAULT_TIMEOUT, database_kind
from ..limits import Deadline
from ..regex import compile_pattern
from ..runtime import decimal_sum
from ..schema import DEFAULT_SCHEMA, EVENT_LEAD_KEY, EVENT_TIME, LEAD_KEY, Schema, Table
from ..sql.dialects import LEAD_IDS
from ..sql.layout import to_micros
from ..values import ISO_PATTERN
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
from .layout import (
    FIELD_TABLE,
    META_TABLE,
    SEQ,
    TAG_SEPARATOR,
    check_names,
    physical_columns,
    row_encoder,
    sqlite_insert,
    sqlite_rows_encoder,
)
from .mapping import resolve, written_name

if TYPE_CHECKING:  # writing a store needs them; reading one does not
    import multiprocessing.connection
    import multiprocessing.process

    from ..memory import MemoryStore
    from ..sql.query import SqlQuery

_T = TypeVar("_T")


def _regexp(pattern: str | None, value: str | None) -> bool | None:
    # SQLite calls REGEXP(pattern, value) for "value REGEXP pattern".
    if pattern is None or value is None:
        return None
    return compile_pattern(pattern).search(value) is not None


def _power(base: float | None, exponent: float | None) -> float | None:
    # Python's float power (C pow), the operator the evaluator's decay uses.
    if base is None or exponent is None:
        return None
    value: float = float(base) ** float(exponent)
    return value


# SQLite virtual-machine steps between two checks of a query's deadline: each
# check is a Python call; every 10,000 steps a recursive count of 5M rows ran
# within a few per cent of no handler (1,000: a third slower).
_PROGRESS_STEPS = 10_000

# Above this many CTEs, or when one CTE is named in more than one place, a query
# runs staged (SQLiteStore._run) -- but a query of a few given leads (bound ids)
# is staged only when inlining would copy CTE bodies more than _INLINE_COPIES
# times: a tier's score named by each tier costs little for a few leads, and a
# query run as one statement is kept compiled (sql/remembered.py).
_STAGE_AFTER = 8
_INLINE_COPIES = 32


def _must_stage(query: SqlQuery, ctes: Sequence[SqlQuery]) -> bool:
    if len(ctes) > _STAGE_AFTER:
        return True
    if len(ctes) < 2:
        return False
    from sqlglot import exp  # only a query with CTEs gets here: sqlglot is loaded
    names = {cte.alias for cte in ctes}

    def named(part: SqlQuery) -> list[str]:
        return [t.name for t in part.tree.find_all(exp.Table) if t.name in names]
    main = named(query.staged())
    inside = {cte.alias: named(cte) for cte in ctes}
    uses = [*main, *(u for found in inside.values() for u in found)]
    if len(uses) == len(set(uses)):
        return False
    if LEAD_IDS not in query.params:
        return True
    copies: dict[str | None, int] = {}
    for cte in ctes:  # in dependency order: a CTE names only earlier ones
        copies[cte.alias] = 1 + sum(copies.get(u, 1) for u in inside[cte.alias])
    return sum(copies.get(u, 1) for u in main) > _INLINE_COPIES


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _micros(value: Any) -> int | None:
    """An ISO-8601 text of the grammar every store reads (:data:`leadrules.values.ISO_DATETIME`;
    offset or none: UTC) as µs since 1970; NULL if it is not one, or its instant
    lies outside years 1-9999 UTC."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if ISO_PATTERN.fullmatch(text) is None:
        return None
    when = dt.datetime.fromisoformat(text)
    if when.tzinfo is None:
        return to_micros(when.replace(tzinfo=dt.UTC))
    try:
        return to_micros(when.astimezone(dt.UTC))
    except OverflowError:  # 0001-01-01T00:00+01:00: before year 1 in UTC
        return None


def _tags(value: Any) -> str | None:
    """Text with ``|`` between tags as the layout keeps it (stripped, no empty tag)."""
    if not isinstance(value, str):
        return None
    tags = [t.strip() for t in value.split(TAG_SEPARATOR)]
    return TAG_SEPARATOR.join(t for t in tags if t) or None


def prepare_connection(connection: sqlite3.Connection) -> None:
    """Register the functions the compiled queries use: ``REGEXP``, and ``POWER``
    where SQLite lacks it (its math functions are a compile-time option, built
    in since 3.35; the built-in one is C ``pow``, which Python's float ``**``
    also calls, and is ten times faster than a Python callback); for mapped
    tables ``leadrules_lower`` (Python's ``str.lower()``: SQLite's own
    ``lower()`` only folds ASCII), ``leadrules_micros`` (ISO-8601 text ->
    µs) and ``leadrules_tags`` (tags stripped, empty ones dropped); the
    aggregate ``leadrules_sum``, a number field's sum as memory computes it
    (:func:`leadrules.runtime.decimal_sum`)."""
    connection.create_function("regexp", 2, _regexp, deterministic=True)
    connection.create_function("leadrules_lower", 1, _lower, deterministic=True)
    connection.create_function("leadrules_micros", 1, _micros, deterministic=True)
    connection.create_function("leadrules_tags", 1, _tags, deterministic=True)
    # typeshed types an aggregate as taking and giving ints only.
    connection.create_aggregate("leadrules_sum", 1, _DecimalSum)  # type: ignore[arg-type]
    if not has_builtin_power(connection):
        connection.create_function("power", 2, _power, deterministic=True)


class _DecimalSum:
    """``leadrules_sum(x)``: :func:`leadrules.runtime.decimal_sum` of the group's
    values (NULL for none), so SQLite sums exactly as memory does."""

    def __init__(self) -> None:
        self.values: list[int | float] = []

    def step(self, value: object) -> None:
        if isinstance(value, int | float):
            self.values.append(value)

    def finalize(self) -> float | None:
        return decimal_sum(self.values) if self.values else None


def has_builtin_power(connection: sqlite3.Connection) -> bool:
    """Whether this SQLite library has the built-in math function ``power``."""
    try:
        connection.execute("SELECT power(0.5, 2.0)").fetchone()
    except sqlite3.OperationalError:
        return False
    return True


# Per (thread, file): the writing connection of a store's write transaction in
# progress.  A list repository of the same file uses it in that thread: its own
# connection would wait for the lock this very transaction holds, and would not
# see the transaction's writes.
_OPEN_WRITES: dict[tuple[int, tuple[int, int]], sqlite3.Connection] = {}


def _file_key(path: Path) -> tuple[int, tuple[int, int]] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return threading.get_ident(), (st.st_dev, st.st_ino)


@contextlib.contextmanager
def _shared(path: Path | None, conn: sqlite3.Connection) -> Iterator[None]:
    """Offer ``conn``, writing the file at ``path``, to :func:`open_transaction`."""
    key = None if path is None else _file_key(path)
    if key is None or key in _OPEN_WRITES:
        yield
        return
    _OPEN_WRITES[key] = conn
    try:
        yield
    finally:
        del _OPEN_WRITES[key]


def open_transaction(path: str | os.PathLike[str]) -> sqlite3.Connection | None:
    """The connection of a :class:`SQLiteStore`'s write transaction that this
    thread has open on the file at ``path`` (any path naming that file), or None."""
    key = _file_key(Path(path))
    return None if key is None else _OPEN_WRITES.get(key)


class SQLiteStore(SqlStore):
    """Leads and events in a SQLite database file (or an open ``sqlite3`` connection).

    ``schema`` adds fields and sources the file lacks (they read as missing).
    ``timeout`` (seconds, or None): a query running longer -- a staged one
    counted whole -- is stopped by a progress handler that checks the deadline
    every few thousand virtual-machine steps, and
    :class:`~leadrules.errors.QueryTimeout` is raised.
    """

    engine = "sqlite"
    _deadline: Deadline | None = None  # of the query running now
    capabilities = SqlStore.capabilities | {Capability.SEGMENT_BATCH}

    def __init__(self, path_or_connection: str | os.PathLike[str] | sqlite3.Connection, *,
                 schema: Schema | None = None,
                 mapping: Mapping[str, Mapping[str, Any]] | None = None,
                 timeout: float | None = None) -> None:
        self.timeout = timeout
        self._path: Path | None = None
        self._writer: sqlite3.Connection | None = None
        if isinstance(path_or_connection, sqlite3.Connection):
            self._conn = path_or_connection
            self._owned = False
        else:
            path = Path(path_or_connection)
            if not path.is_file():
                raise StoreError(f"no SQLite store at {path}")
            roll_back_hot_journal(path)
            try:
                # Read-only: selecting never writes; as_uri escapes '?' and '#'.
                self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                             check_same_thread=False)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open {path}: {exc}") from None
            self._owned = True
            self._path = path
        prepare_connection(self._conn)
        if mapping is not None:
            stored, layout = resolve(mapping, schema or DEFAULT_SCHEMA, "sqlite",
                                     self._describe, python_lower=True,
                                     datetime_as_micros=True, listing=self._tables)
            super().__init__(stored, layout, schema or DEFAULT_SCHEMA)
            self._refuse_repeated_ids()
            return
        stored = _read_schema(self._conn, str(path_or_connection))
        super().__init__(stored, layout_of(stored, datetime_as_micros=True), schema)

    def _describe(self, parts: tuple[str, ...]) -> list[tuple[str, str]] | None:
        """The columns of a table or view of the user's (a mapping's)."""
        if len(parts) > 2:
            return None
        schema_name = parts[0] if len(parts) == 2 else "main"
        try:
            rows = self._conn.execute("SELECT name, type FROM pragma_table_info(?, ?)",
                                      (parts[-1], schema_name)).fetchall()
        except sqlite3.Error:
            return None
        return [(str(n), str(t or "")) for n, t in rows] or None

    def _tables(self) -> list[str]:
        """The tables and views of the connection, as a mapping names them."""
        try:
            rows = self._conn.execute(
                "SELECT schema, name FROM pragma_table_list WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'").fetchall()
        except sqlite3.Error:  # SQLite before 3.37 has no table_list
            return []
        return [written_name(n) if sch == "main" else written_name(sch, n) for sch, n in rows]

    @property
    def _reader(self) -> sqlite3.Connection:
        """The connection queries run on: inside :meth:`transaction` the writing
        one, so that they see the transaction's own writes (the read-only
        connection sees only what is committed); else the read-only one."""
        if self._active is not None and self._writer is not None:
            return self._writer
        return self._conn

    def _fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        with self._bounded() as deadline:
            try:
                return self._reader.execute(sql, dict(params)).fetchall()
            except sqlite3.Error as exc:
                if deadline is not None and deadline.passed():
                    raise deadline.error() from None
                raise StoreError(f"SQLite failed: {exc}") from None

    @contextlib.contextmanager
    def _bounded(self) -> Iterator[Deadline | None]:
        """The deadline of the query running now: a new one (and the progress
        handler enforcing it) unless a query being staged has one already."""
        if self._deadline is not None or self.timeout is None:
            yield self._deadline
            return
        deadline = self._deadline = Deadline(self.timeout, "SQLite")
        at, clock = deadline.at, time.monotonic
        conn = self._reader
        # A non-zero answer makes SQLite abort the statement ("interrupted").
        conn.set_progress_handler(lambda: clock() > at, _PROGRESS_STEPS)
        try:
            yield deadline
        finally:
            conn.set_progress_handler(None, 0)
            self._deadline = None

    def _stages(self, query: SqlQuery) -> bool:
        return _must_stage(query, query.ctes)

    def _run(self, query: SqlQuery) -> list[Row]:
        """SQLite copies a CTE's body into every place that names it while it parses
        the query, ``MATERIALIZED`` or not: a diamond of segment references grows
        exponentially (``too many references to "lead"``) and a long chain past the
        expression depth limit.  Such queries run with each CTE staged as a TEMP
        table first, in dependency order, dropped afterwards."""
        ctes = query.ctes
        if not _must_stage(query, ctes):
            return super()._run(query)
        made: list[str] = []
        try:
            with self._bounded():  # one deadline for the stages and the query
                for cte in ctes:
                    assert cte.alias is not None
                    self._fetch(f"CREATE TEMP TABLE {quote(cte.alias)} AS {cte.render()}",
                                cte.params)
                    made.append(cte.alias)
                return super()._run(query.staged())
        finally:
            for name in reversed(made):
                self._reader.execute(f"DROP TABLE IF EXISTS temp.{quote(name)}")

    def _bound_ids(self, lead_ids: Sequence[str]) -> Any:
        # A JSON array, read by json_each: one parameter however many ids.
        return json.dumps(list(lead_ids))

    def close(self) -> None:
        if self._owned:
            self._conn.close()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self) -> Iterator[Writer]:
        """A write transaction.  A store opened from a path reads through a
        read-only connection; the first write opens a second, writing one
        (waiting up to ``DEFAULT_TIMEOUT`` for another writer's lock), which
        queries use while a :meth:`transaction` is open (:attr:`_reader`), as
        does a :class:`~leadrules.stores.lists.SqlListRepository` of the same
        file in this thread (:func:`open_transaction`).  On a connection passed
        in, a transaction the caller has open is joined with a savepoint."""
        conn = self._write_connection()

        def executemany(sql: str, rows: Sequence[Sequence[Any]]) -> None:
            conn.executemany(sql, rows)

        with write_errors("SQLite", sqlite3.Error):
            # Rolling back needs a journal (the import builds with none; an
            # in-memory database cannot have one on disk).
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "off" and conn.execute(
                    "PRAGMA journal_mode = DELETE").fetchone()[0] == "off":
                conn.execute("PRAGMA journal_mode = MEMORY")
            nested = conn.in_transaction
            conn.execute("SAVEPOINT leadrules_write" if nested else "BEGIN IMMEDIATE")
            try:
                with _shared(self._path, conn):
                    yield Writer(lambda sql, params: conn.execute(sql, params).fetchall(),
                                 executemany, "?")
            except BaseException:
                if nested:
                    conn.execute("ROLLBACK TO leadrules_write")
                    conn.execute("RELEASE leadrules_write")
                else:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("RELEASE leadrules_write" if nested else "COMMIT")

    def _write_connection(self) -> sqlite3.Connection:
        if self._path is None:
            return self._conn
        if self._writer is None:
            try:
                writer = sqlite3.connect(self._path, timeout=DEFAULT_TIMEOUT,
                                         isolation_level=None, check_same_thread=False)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write {self._path}: {exc}") from None
            prepare_connection(writer)  # queries run on it inside a transaction
            self._writer = writer
        return self._writer

    @classmethod
    def create(cls, path: str | os.PathLike[str], data: MemoryStore, *,
               processes: int = 1) -> SQLiteStore:
        """Write ``data`` to a new SQLite file at ``path`` (which must not exist) and open it.

        ``processes`` > 1 writes with forked helper processes where the platform
        has ``fork`` (the file is the same either way).  A library does not fork
        its caller's process unasked, so the default is 1; ``leadrules import``,
        which owns its process, passes :func:`default_processes`.
        """
        target = Path(path)
        if target.exists():
            raise StoreError(f"{target} already exists")
        conn = sqlite3.connect(target)
        try:
            write(conn, data, processes=processes, scratch=target.parent)
        except BaseException:
            conn.close()
            target.unlink(missing_ok=True)
            raise
        conn.close()
        return cls(target)


def write(conn: sqlite3.Connection, data: MemoryStore, *, processes: int = 1,
          scratch: str | os.PathLike[str] | None = None) -> None:
    """Create the layout's tables in an empty database and load ``data`` into them.

    Built for speed (``docs/benchmarks.md`` has the figures): no journal, no
    syncing and a large page cache (the importer builds a new file and
    renames it into place, so a crash leaves only a temp file behind); one
    generated encoder per table whose rows bind no ``None``, 32 rows per
    INSERT (see :func:`~.layout.sqlite_rows_encoder`); rows streamed to
    ``executemany`` without intermediate lists; each ``WITHOUT ROWID`` event
    table filled in its primary-key order (lead id, then time) so every insert appends to the
    B-tree; the secondary index built after the load; the garbage collector
    paused meanwhile (the rows are short-lived tuples: its rounds cost ~7 %).

    With ``processes`` > 1 (where ``fork`` exists) the leads, and the events
    by lead id, are cut into that many shares: forked helpers each write one
    share into a file of their own in ``scratch`` (default: the temporary
    folder) while this process writes the first; then their rows are
    appended here, in key order, by one ``INSERT … SELECT`` per table
    (~1 µs a row, in C, against ~3 µs to encode and bind one in Python).
    The stored rows are exactly those one process writes (``seq`` is
    shifted as they are copied).  Two cores save 10–25 %, not half: each
    process copies the memory pages it reads (see :func:`default_processes`).
    """
    schema = data.schema
    check_names(schema, ignore_case=True)
    import multiprocessing
    if "fork" not in multiprocessing.get_all_start_methods():
        processes = 1
    leads = data.leads()
    ids = _sorted_ids(leads)
    shares = _shares(len(leads), max(1, min(processes, len(leads))))
    folder = Path(tempfile.gettempdir() if scratch is None else scratch)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _Helpers(data, ids, shares[1:], folder) as helpers:
            for pragma in _BUILD_PRAGMAS:
                conn.execute(pragma)
            conn.execute("BEGIN")
            for statement in create_statements(schema, "sqlite", clustered_events=True):
                conn.execute(statement)
            conn.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", meta_rows())
            conn.executemany(f"INSERT INTO {FIELD_TABLE} VALUES (?, ?, ?, ?, ?)",
                             schema_rows(schema))
            written = {table.name: 0 for table in schema.tables}
            attached: list[str] = []
            for share, helper in zip(shares, [None, *helpers.started], strict=True):
                if helper is None:
                    for name, count in _fill(conn, data, ids, share, written).items():
                        written[name] += count
                else:
                    attached.append(_append(conn, schema, helper.finish(), written,
                                            f"leadrules_part{len(attached)}"))
            conn.execute(f'CREATE INDEX "lead_{SEQ}" ON "lead" ("{SEQ}")')
            conn.execute("COMMIT")
            for name in attached:
                conn.execute(f"DETACH DATABASE {name}")
    finally:
        if collecting:
            gc.enable()
    conn.execute(f"PRAGMA analysis_limit = {_ANALYSIS_LIMIT}")
    conn.execute("ANALYZE")


# Durability is not needed while the temporary file is built (see write).
_BUILD_PRAGMAS = ("PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                  "PRAGMA locking_mode = EXCLUSIVE", "PRAGMA temp_store = MEMORY",
                  "PRAGMA cache_size = -1048576")  # KiB: up to 1 GiB of pages
# Rows ANALYZE samples per index: enough for the planner's choices, and it
# keeps ANALYZE of 20M events to a fraction of a second.
_ANALYSIS_LIMIT = 2000
# Below this many leads (about 20 events each) one process writes everything:
# forking a helper and copying its rows back would cost more than it saves.
_PARALLEL_MIN_LEADS = 20_000
_MAX_PROCESSES = 4


def default_processes(data: MemoryStore) -> int:
    """How many processes :meth:`SQLiteStore.create` writes ``data`` with.

    One per available CPU (at most 4) for large data, on Linux only: the
    helpers must be forked to share the records without copying them, and
    ``fork`` is the safe default there alone.  It is 1 with other threads
    running (a forked child can inherit a lock another thread held), and
    when the memory available is less than this process holds: reading a
    record writes its reference count, so a helper ends up with a private
    copy of most memory pages it reads (at 100k leads, ~0.6–1.8 GB).
    """
    if (sys.platform != "linux" or len(data) < _PARALLEL_MIN_LEADS
            or threading.active_count() > 1 or not _memory_to_spare()):
        return 1
    return max(1, min(_MAX_PROCESSES, len(os.sched_getaffinity(0))))


def _memory_to_spare() -> bool:
    """Whether Linux reports more memory available than this process holds."""
    try:
        resident = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf(
            "SC_PAGE_SIZE")
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            available = next(int(line.split()[1]) * 1024 for line in meminfo
                             if line.startswith("MemAvailable:"))
    except (OSError, ValueError, StopIteration):
        return False
    return available > resident


@attrs.frozen
class _Share:
    """Leads ``[start, stop)`` of the store's order, and the events of the
    leads ``[start, stop)`` of the sorted ids."""

    start: int
    stop: int


def _shares(count: int, parts: int) -> list[_Share]:
    bounds = [count * k // parts for k in range(parts + 1)]
    return [_Share(a, b) for a, b in itertools.pairwise(bounds)]


def _fill(conn: sqlite3.Connection, data: MemoryStore, ids: Sequence[str], share: _Share,
          first_seq: Mapping[str, int]) -> dict[str, int]:
    """Insert the rows of ``share``, numbering each table's from ``first_seq``;
    the number of rows inserted per table."""
    leads = data.leads()
    counts: dict[str, int] = {}
    for table in data.schema.tables:
        records = (leads[share.start:share.stop] if table.is_lead
                   else _in_key_order(data, ids[share.start:share.stop], table.name))
        counts[table.name] = _insert(conn, table, records, first_seq[table.name])
    return counts


def _insert(conn: sqlite3.Connection, table: Table, records: Iterable[dict[str, Any]],
            seq: int) -> int:
    """Insert ``records`` numbered from ``seq``, :data:`_ROWS_PER_INSERT` rows
    per statement, the rest one by one; how many there were."""
    name = quote(table.name)
    width = len(physical_columns(table))
    size = max(1, min(_ROWS_PER_INSERT,
                      conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    rest: list[dict[str, Any]] = []
    count = conn.executemany(sqlite_insert(name, table, size),
                             map(sqlite_rows_encoder(table, size), itertools.count(seq, size),
                                 _chunks(records, size, rest))).rowcount
    encode = row_encoder(table, "sqlite", bind_nulls=False)
    conn.executemany(sqlite_insert(name, table), map(encode, itertools.count(seq + count), rest))
    return count + len(rest)


# One statement of 32 rows costs sqlite3 a third less per row than 32 of one
# (docs/benchmarks.md); more gains little.
_ROWS_PER_INSERT = 32


def _chunks(records: Iterable[_T], size: int, rest: list[_T]) -> Iterator[list[_T]]:
    """``records`` in lists of ``size``; the last, shorter, list goes to ``rest``."""
    iterator = iter(records)
    while len(chunk := list(itertools.islice(iterator, size))) == size:
        yield chunk
    rest.extend(chunk)


def _append(conn: sqlite3.Connection, schema: Schema, path: Path,
            written: dict[str, int], name: str) -> str:
    """Copy every table of the helper's file ``path`` into ``conn``, in key
    order and after the rows already ``written`` (whose count is updated).

    The file is attached as ``name`` (returned), until the transaction ends:
    SQLite cannot detach it before.
    """
    conn.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
    for table in schema.tables:
        columns = [quote(column) for column, _ftype in physical_columns(table)]
        order = "rowid" if table.is_lead else ", ".join(
            quote(c) for c in (EVENT_LEAD_KEY, EVENT_TIME, SEQ))
        cursor = conn.execute(
            f"INSERT INTO main.{quote(table.name)} ({', '.join(columns)}) "
            f"SELECT {columns[0]} + ?, {', '.join(columns[1:])} "
            f"FROM {name}.{quote(table.name)} ORDER BY {order}", (written[table.name],))
        written[table.name] += cursor.rowcount
    return name


def helper_outcome(conn: multiprocessing.connection.Connection,
                   process: multiprocessing.process.BaseProcess, what: str) -> None:
    """Wait for the outcome a helper process sends on ``conn`` when it is done
    (None), and for the process to end; its error, or its death without a
    word (killed, out of memory), raised as a :class:`StoreError` naming
    ``what`` it was."""
    outcome: tuple[Diagnostic, ...] | str | None
    try:
        outcome = conn.recv()
    except EOFError:
        process.join()
        outcome = f"it stopped with exit code {process.exitcode}"
    process.join()
    if isinstance(outcome, tuple):
        raise StoreError(outcome)
    if outcome is not None:
        raise StoreError(f"{what} failed: {outcome}")


class _Helper:
    """A forked process writing one share into its own SQLite file."""

    def __init__(self, data: MemoryStore, ids: Sequence[str], share: _Share,
                 path: Path) -> None:
        import multiprocessing
        context = multiprocessing.get_context("fork")
        self.path = path
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_write_share,
                                        args=(data, ids, share, path, writer, os.getpid()),
                                        name="leadrules-sqlite-writer", daemon=True)
        try:
            self._process.start()
        finally:
            writer.close()  # the child's copy stays open: EOF here if it dies

    def finish(self) -> Path:
        """Wait for the file; the helper's error, if it failed, raised here."""
        helper_outcome(self._reader, self._process, "a process writing part of the SQLite file")
        return self.path

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.close()
        self.path.unlink(missing_ok=True)


class _Helpers:
    """Start a helper per share (those that fail to start are left to the
    caller: ``started`` holds None for them); stop them and delete their
    files on exit."""

    def __init__(self, data: MemoryStore, ids: Sequence[str], shares: Sequence[_Share],
                 scratch: Path) -> None:
        self._data, self._ids, self._shares, self._scratch = data, ids, shares, scratch
        self.started: list[_Helper | None] = []

    def __enter__(self) -> _Helpers:
        # write() paused the garbage collector: a child that ran it would
        # write to (and so copy) the memory pages of the whole store.  The
        # child inherits the open connection and never touches it.
        try:
            for share in self._shares:
                fd, name = tempfile.mkstemp(prefix=".leadrules-part-", suffix=".db",
                                            dir=self._scratch)
                os.close(fd)
                path = Path(name)
                path.unlink()  # sqlite3 creates it
                try:
                    self.started.append(_Helper(self._data, self._ids, share, path))
                except OSError:  # no fork (memory, process limits): write it here
                    self.started.append(None)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        for helper in self.started:
            if helper is not None:
                helper.stop()


def _write_share(data: MemoryStore, ids: Sequence[str], share: _Share, path: Path,
                 result: multiprocessing.connection.Connection, parent: int) -> None:
    """The helper's work: ``share`` into a new file at ``path`` (``seq`` from 0)."""
    die_with_parent(parent)
    outcome: object = None
    try:
        conn = sqlite3.connect(path)
        for pragma in _BUILD_PRAGMAS:
            conn.execute(pragma)
        conn.execute("BEGIN")
        for statement in create_statements(data.schema, "sqlite", clustered_events=True):
            conn.execute(statement)
        _fill(conn, data, ids, share, {table.name: 0 for table in data.schema.tables})
        conn.execute("COMMIT")
        conn.close()
    except LeadRulesError as exc:
        outcome = exc.diagnostics
    except BaseException as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    result.send(outcome)
    result.close()


def die_with_parent(parent: int) -> None:
    """Make this (forked) process end when ``parent`` does, even by ``kill -9``.

    On Linux the kernel sends SIGKILL when the parent dies
    (``prctl(PR_SET_PDEATHSIG)``, through ctypes); elsewhere a daemon thread
    checks every 0.1 s whether the process was handed to another parent.  Either
    way, a parent that died before this was set up is noticed at once.
    """
    import signal
    import time
    if sys.platform == "linux":
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.1)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="leadrules-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _sorted_ids(leads: Sequence[dict[str, Any]]) -> list[str]:
    """The lead ids in code-point order (SQLite's BINARY collation of UTF-8)."""
    ids = [lead[LEAD_KEY] for lead in leads]
    if any(a > b for a, b in itertools.pairwise(ids)):
        ids.sort()
    return ids


def _in_key_order(data: MemoryStore, ids: Sequence[str], source: str
                  ) -> Iterator[dict[str, Any]]:
    """The events of ``source`` of the leads ``ids`` (sorted) ordered by the
    table's key ``(lead_id, occurred_at, seq)``.

    ``events_of`` gives each lead's events in time order (ties in stored
    order); ``seq`` counts in this order, so events at the same instant keep
    their stored order.
    """
    events_of = data.events_of
    for lead_id in ids:
        yield from events_of(lead_id)[source]


def roll_back_hot_journal(path: Path) -> None:
    """Roll back the write a killed process left in ``path``: its rollback
    journal (``NAME-journal``) is *hot*, and only a connection allowed to write
    may replay it, so every read through the store's read-only connection
    failed with "attempt to write a readonly database".  One read on a writing
    connection lets SQLite do it (SQLite itself tells a hot journal from the
    journal of a writer still at work, whose transaction is left alone).  Where
    the file cannot be written, the read-only open below says so."""
    if not path.with_name(path.name + "-journal").exists():
        return
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        pass
    finally:
        conn.close()


def _read_schema(conn: sqlite3.Connection, where: str) -> Schema:
    try:
        rows = conn.execute(f"SELECT tpos, tbl, pos, name, type FROM {FIELD_TABLE}").fetchall()
    except sqlite3.DatabaseError as exc:
        if "readonly" in str(exc) and Path(where + "-journal").exists():
            raise StoreError(
                f"{where} holds an unfinished write (its journal {where}-journal is left "
                "from a process that stopped mid-write), and this process may not write "
                "the file or its folder to roll it back: open it once as a user who "
                "may") from None
        if database_kind(where) == "duckdb":
            raise StoreError(f"{where} is a DuckDB file, not a SQLite one: name it "
                             f"{Path(where).stem}.duckdb to read it as DuckDB") from None
        raise StoreError(f"{where} is not a leadrules SQLite store ({exc}); "
                         "make one with 'leadrules import SRC --into FILE.db'") from None
    return schema_from_rows(rows)
