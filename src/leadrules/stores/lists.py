"""Lists and their history kept in a SQLite file, a DuckDB file or a PostgreSQL database.

:class:`SqlListRepository` implements :class:`leadrules.lists.ListRepository`
with three tables beside a store's own (see docs/lists.md):

- ``leadrules_lists``: one row per list (name, kind, segment, title, created /
  refreshed instants);
- ``leadrules_list_members``: (list, lead id, since, by);
- ``leadrules_list_history``: (list, sequence number, at, action, by, entered
  and left lead ids as JSON arrays).

Instants are stored as ISO-8601 UTC text (``2026-11-20T09:00:00.000000+00:00``):
portable, and they sort as they compare.  Values always travel as bind
parameters; every change of members and history happens in one transaction.
The same statements serve every engine: only the placeholder differs (``?`` for
sqlite3 and duckdb, ``%s`` for psycopg), and the column ``at`` is always quoted
(a keyword in DuckDB; quoting names the same column in the others).

Concurrent writers (see :meth:`SqlListRepository.atomically`) are serialised by
each engine's own means, and nothing is lost or numbered twice:

- SQLite: ``BEGIN IMMEDIATE`` takes the file's write lock before anything is
  read, and the connection waits up to ``timeout`` for it (SQLite's busy
  timeout).  A file replaced meanwhile (``leadrules import`` renames a new store
  file over the old one, after copying the lists into it) is noticed after the
  lock is taken — the path names another file — and the work is redone there.
  Inside a write transaction of a SQLiteStore of the same file in this thread
  (``with store.transaction():``), or on a connection in a transaction of the
  caller's, the work is a savepoint in that transaction.
- PostgreSQL: ``SERIALIZABLE`` transactions; one that fails to serialise (or
  collides on a key a concurrent one took) is rolled back and run again, with
  back-off, until ``timeout``.
- DuckDB: a file takes one writing process, so the file is opened for each unit of
  work and closed after it; opening retries with back-off while another process
  holds the file's lock.

Waiting longer than ``timeout`` seconds raises :class:`~leadrules.errors.BusyError`
with nothing changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

from ..errors import BusyError, Diagnostic, StoreError
from ..files import DEFAULT_TIMEOUT, LOCK_PAUSE, FileLock, lock_path, retry_until
from ..lists import LeadList, ListChange, Member
from .own_lists import HISTORY_COLUMNS, changes_of, lead_pattern, of_lead

Engine = Literal["sqlite", "postgres", "duckdb"]
_T = TypeVar("_T")

_TABLES = (
    """CREATE TABLE IF NOT EXISTS leadrules_lists (
        name TEXT PRIMARY KEY, kind TEXT NOT NULL, segment TEXT, title TEXT,
        created_at TEXT, created_by TEXT, refreshed_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS leadrules_list_members (
        list_name TEXT NOT NULL, lead_id TEXT NOT NULL, since TEXT NOT NULL, by_whom TEXT,
        PRIMARY KEY (list_name, lead_id))""",
    """CREATE TABLE IF NOT EXISTS leadrules_list_history (
        list_name TEXT NOT NULL, seq INTEGER NOT NULL, "at" TEXT NOT NULL, action TEXT NOT NULL,
        by_whom TEXT, entered TEXT NOT NULL, left_ids TEXT NOT NULL,
        PRIMARY KEY (list_name, seq))""",
)
LIST_TABLES = ("leadrules_lists", "leadrules_list_members", "leadrules_list_history")
"""The tables a :class:`SqlListRepository` keeps (``leadrules import`` never drops them)."""

# One key for every leadrules process: creating the tables is serialised, since
# concurrent CREATE TABLE IF NOT EXISTS can collide in PostgreSQL's catalog.
_PG_CREATE_LOCK = 0x6C6C6C73  # "llls"


def _text(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _instant(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise StoreError("lists in a DuckDB file need the duckdb package: "
                         "pip install 'leadrules[duckdb]'") from None
    return duckdb


def _engine_errors(engine: Engine) -> tuple[type[BaseException], ...]:
    """The driver's exceptions, which the repository reports as :class:`StoreError`."""
    if engine == "postgres":
        from psycopg import Error as PostgresError
        return (PostgresError, OSError)
    if engine == "duckdb":
        return (_duckdb().Error, OSError)
    return (sqlite3.Error, OSError)


class _Retry(Exception):
    """Internal: this attempt met another writer; roll back and try again."""


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


class _Connections:
    """Where a repository's connection comes from: a connection the caller gave
    (kept for the repository's life)."""

    def __init__(self, connection: Any, *, owned: bool) -> None:
        self._conn = connection
        self._owned = owned

    def acquire(self) -> Any:
        return self._conn

    def release(self, connection: Any) -> None:
        """Called after each unit of work."""

    def replaced(self) -> bool:
        """Whether the database the connection reads is no longer the one named."""
        return False

    def close(self) -> None:
        if self._owned:
            self._conn.close()


class _SQLiteFile(_Connections):
    """A SQLite file, reopened when the path comes to name another file (a re-import
    renames a new store over it).

    While a :class:`~leadrules.stores.sqlite.SQLiteStore` of the same file has a
    write transaction open in this thread (``with store.transaction():``), the
    work goes through that transaction's connection, in a savepoint: a connection
    of its own would wait for the lock the transaction holds (until the timeout),
    and would not see the transaction's writes (nor the transaction its own).
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self._path, self._timeout = path, timeout
        self._conn: sqlite3.Connection | None = None
        self._id: tuple[int, int] | None = None
        self._owned = True
        self._borrowed = False  # the last acquire gave a store's transaction's

    def acquire(self) -> sqlite3.Connection:
        from .sqlite import open_transaction
        store_transaction = open_transaction(self._path)
        self._borrowed = store_transaction is not None
        if store_transaction is not None:
            return store_transaction
        if self._conn is not None and not self.replaced():
            return self._conn
        self.close()
        while True:
            before = _file_id(self._path)
            conn = sqlite3.connect(self._path, timeout=self._timeout, isolation_level=None,
                                   check_same_thread=False)
            self._id = _file_id(self._path)
            if before is None or before == self._id:
                self._conn = conn
                return conn
            conn.close()  # renamed while opening: which file it opened is unknown

    def replaced(self) -> bool:
        # A store's transaction holds the file's lock: no import replaces it meanwhile.
        return not self._borrowed and _file_id(self._path) != self._id

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class _DuckDBFile(_Connections):
    """A DuckDB file, opened for each unit of work: the file takes one writing
    process at a time, so holding it open would lock every other process out.

    leadrules processes take turns on a lock file of their own first
    (:func:`~leadrules.files.lock_path`): trying it costs a system call, where a
    refused DuckDB open costs tens of milliseconds of work.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._turn = FileLock(lock_path(path), what=f"lists in {path}")

    def acquire(self) -> Any:
        duckdb = _duckdb()
        if not self._turn.try_acquire():
            raise _Retry
        try:
            return duckdb.connect(str(self._path))
        except duckdb.Error as exc:
            self._turn.release()
            if "Could not set lock" in str(exc):  # a process that is not leadrules
                raise _Retry from None
            raise StoreError([Diagnostic(
                f"cannot open {self._path} for lists: {exc}",
                hint="a DuckDB file takes one writer and cannot be written while it is open "
                     "as a store: keep the lists in a file of their own (e.g. lists.duckdb)",
            )]) from None

    def release(self, connection: Any) -> None:
        try:
            connection.close()
        finally:
            self._turn.release()

    def close(self) -> None:
        pass


class SqlListRepository:
    """Lists, members and history in database tables (SQLite, DuckDB or PostgreSQL).

    ``SqlListRepository(connection, engine)`` works on a connection the caller keeps
    (a sqlite3 connection, a DuckDB connection, or a psycopg connection in autocommit
    mode — in a transaction of the caller's, SQLite's or PostgreSQL's, the work is a
    savepoint in it, and the caller's commit or rollback decides); the
    class methods open a file or a database themselves and give the guarantees in
    the module's documentation.  ``timeout``: seconds to wait for other writers
    before :class:`~leadrules.errors.BusyError`.  One object per thread.
    """

    def __init__(self, connection: Any, engine: Engine, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._setup(_Connections(connection, owned=False), engine, timeout, str(engine))

    def _setup(self, connections: _Connections, engine: Engine, timeout: float,
               where: str) -> None:
        self._connections = connections
        self._engine = engine
        self._errors = _engine_errors(engine)
        self.timeout = timeout
        self._where = where
        self._cur: Any = None  # the cursor of the unit of work in progress
        # DuckDB waits for a turn on a lock file (cheap to try); PostgreSQL retries
        # whole transactions (back off further).
        self._pause = LOCK_PAUSE if engine == "duckdb" else 0.05
        self._create_tables()

    @classmethod
    def _opened(cls, connections: _Connections, engine: Engine, timeout: float, where: str
                ) -> SqlListRepository:
        repo = cls.__new__(cls)
        repo._setup(connections, engine, timeout, where)
        return repo

    @classmethod
    def sqlite(cls, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT
               ) -> SqlListRepository:
        """Lists in a SQLite file (a store made by ``leadrules import``, or any file)."""
        connections = _SQLiteFile(Path(path), timeout)
        try:
            connections.acquire()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path} for lists: {exc}") from None
        return cls._opened(connections, "sqlite", timeout, str(path))

    @classmethod
    def postgres(cls, dsn: str, *, schema_name: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> SqlListRepository:
        """Lists in a PostgreSQL database (in ``schema_name`` when given, or the URL's
        ``?schema=NAME``)."""
        from psycopg import connect, sql

        from .postgres import split_url

        url, in_url = split_url(dsn)
        schema_name = schema_name or in_url
        try:
            conn = connect(url, autocommit=True)
            if schema_name:
                # The schema of the URL is made when missing, as `leadrules import`
                # makes it (CREATE privilege needed only then).
                found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                                     (schema_name,)).fetchone()
                if found is None:
                    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                        sql.Identifier(schema_name)))
                conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema_name)))
        except Exception as exc:
            raise StoreError(f"cannot connect for lists: {exc}") from None
        return cls._opened(_Connections(conn, owned=True), "postgres", timeout,
                           "PostgreSQL" + (f" schema {schema_name}" if schema_name else ""))

    @classmethod
    def duckdb(cls, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT
               ) -> SqlListRepository:
        """Lists in a DuckDB file (created when missing).

        The file is opened for each unit of work and closed after it, so processes take
        turns.  A process cannot open a file for writing while it is open read-only (as
        a :class:`~leadrules.stores.duckdb.DuckDBStore` opens its file): keep the lists
        of a DuckDB store in a file of their own.
        """
        return cls._opened(_DuckDBFile(Path(path)), "duckdb", timeout, str(path))

    def close(self) -> None:
        self._connections.close()

    # -- plumbing ------------------------------------------------------------------
    def _sql(self, statement: str) -> str:
        # Positional placeholders: `?` for sqlite3 and duckdb, `%s` for psycopg.
        return statement.replace("?", "%s") if self._engine == "postgres" else statement

    def _create_tables(self) -> None:
        def work() -> None:
            cur = self._cur
            if self._engine == "postgres":
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_CREATE_LOCK,))
            for ddl in _TABLES:
                cur.execute(ddl)
        if self._engine == "postgres" and self._has_tables():
            return  # nothing to create: needs no CREATE privilege
        self._unit(work, serializable=False)

    def _has_tables(self) -> bool:
        rows = self._rows("SELECT count(to_regclass(name)) FROM unnest(%s::text[]) AS name",
                          (list(LIST_TABLES),))
        return bool(rows[0][0] == len(LIST_TABLES))

    def atomically(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` in one transaction, serialised against every other writer of
        these tables, and again if the database asks for a retry (see the module's
        documentation); nested calls just run."""
        if self._cur is not None:
            return work()
        return self._unit(work, serializable=True)

    def _unit(self, work: Callable[[], _T], *, serializable: bool) -> _T:
        def attempt() -> tuple[_T] | None:
            try:
                conn = self._connections.acquire()
            except _Retry:
                return None
            except self._errors as exc:
                raise StoreError(f"list storage failed: {exc}") from None
            try:
                return self._attempt(conn, work, serializable)
            finally:
                self._connections.release(conn)
        return retry_until(attempt, self.timeout, self._busy, longest=self._pause)[0]

    def _busy(self) -> str:
        return (f"lists in {self._where} are busy: another writer held them for more than "
                f"{self.timeout:g} s; nothing was changed")

    def _attempt(self, conn: Any, work: Callable[[], _T], serializable: bool
                 ) -> tuple[_T] | None:
        # A duckdb cursor is a connection of its own, with its own transaction: every
        # statement of the transaction goes through this one cursor.
        cur = conn.cursor()
        began = nested = False
        try:
            if self._engine == "postgres" and not conn.autocommit:
                with conn.transaction():  # a savepoint in the caller's transaction
                    self._cur = cur
                    return (work(),)
            # A SQLite connection in a transaction already (a store's, see
            # _SQLiteFile, or the caller's) is joined with a savepoint.
            nested = self._engine == "sqlite" and conn.in_transaction
            cur.execute("SAVEPOINT leadrules_lists" if nested else {
                "sqlite": "BEGIN IMMEDIATE", "duckdb": "BEGIN",
                "postgres": "BEGIN ISOLATION LEVEL SERIALIZABLE" if serializable
                else "BEGIN"}[self._engine])
            began = True
            if self._engine == "postgres":  # waiting on a row or table lock is bounded too
                cur.execute("SELECT set_config('lock_timeout', %s, true)",
                            (f"{max(1, round(self.timeout * 1000))}ms",))
            if self._connections.replaced():
                cur.execute("ROLLBACK")
                return None  # the next attempt opens the file now at the path
            self._cur = cur
            result = work()
            self._cur = None
            cur.execute("RELEASE leadrules_lists" if nested else "COMMIT")
            return (result,)
        except BaseException as exc:
            self._cur = None
            if began:
                with contextlib.suppress(*self._errors):
                    if nested:
                        cur.execute("ROLLBACK TO leadrules_lists")
                        cur.execute("RELEASE leadrules_lists")
                    else:
                        cur.execute("ROLLBACK")
            if isinstance(exc, self._errors):
                if self._retryable(exc):
                    return None
                if self._busy_error(exc):
                    raise BusyError(self._busy()) from None
                raise StoreError(f"list storage failed: {exc}") from None
            raise
        finally:
            self._cur = None
            cur.close()

    def _retryable(self, exc: BaseException) -> bool:
        """Errors that mean "another writer got there first; run it again"."""
        if self._engine == "postgres":
            from psycopg import errors
            return isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected
                              | errors.UniqueViolation)
        if self._engine == "duckdb":
            duckdb = _duckdb()
            return isinstance(exc, duckdb.TransactionException) or (
                isinstance(exc, duckdb.Error) and "Could not set lock" in str(exc))
        return False

    def _busy_error(self, exc: BaseException) -> bool:
        """Errors that mean "waited for a lock until the timeout"."""
        if self._engine == "postgres":
            from psycopg import errors
            return isinstance(exc, errors.LockNotAvailable)
        return self._engine == "sqlite" and _sqlite_busy(exc)

    def _rows(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self._cur is not None:  # inside a unit of work: its errors are its own
            self._cur.execute(self._sql(statement), tuple(params))
            return [tuple(r) for r in self._cur.fetchall()]

        def read() -> tuple[list[tuple[Any, ...]]] | None:
            try:
                conn = self._connections.acquire()
            except _Retry:
                return None
            except self._errors as exc:
                raise StoreError(f"reading lists failed: {exc}") from None
            cur = conn.cursor()
            try:
                cur.execute(self._sql(statement), tuple(params))
                return ([tuple(r) for r in cur.fetchall()],)
            except self._errors as exc:
                if self._busy_error(exc):
                    raise BusyError(self._busy()) from None
                raise StoreError(f"reading lists failed: {exc}") from None
            finally:
                cur.close()
                self._connections.release(conn)
        return retry_until(read, self.timeout, self._busy, longest=self._pause)[0]

    def _write(self, work: Callable[[Any], None]) -> None:
        """``work(cursor)`` inside the unit of work in progress, or a unit of its own."""
        self.atomically(lambda: work(self._cur))

    # -- ListRepository ----------------------------------------------------------------
    def list_names(self) -> tuple[str, ...]:
        return tuple(r[0] for r in self._rows("SELECT name FROM leadrules_lists ORDER BY name",
                                              ()))

    def get_list(self, name: str) -> LeadList | None:
        rows = self._rows("SELECT name, kind, segment, title, created_at, created_by, "
                          "refreshed_at FROM leadrules_lists WHERE name = ?", (name,))
        if not rows:
            return None
        n, kind, segment, title, created, created_by, refreshed = rows[0]
        return LeadList(n, kind, segment, title, _instant(created), created_by,
                        _instant(refreshed))

    def _put(self, cur: Any, table: str, key: Mapping[str, Any],
             values: Mapping[str, Any]) -> None:
        """Insert a row, or update the row with the same key.

        Never by deleting and inserting again: older DuckDB (1.0) rejects inserting a
        key deleted in the same transaction.  Table and column names are our own
        constants, never input.
        """
        where = " AND ".join(f"{column} = ?" for column in key)
        cur.execute(self._sql(f"SELECT 1 FROM {table} WHERE {where}"), tuple(key.values()))
        if cur.fetchone() is not None:
            assignments = ", ".join(f"{column} = ?" for column in values)
            cur.execute(self._sql(f"UPDATE {table} SET {assignments} WHERE {where}"),
                        (*values.values(), *key.values()))
        else:
            columns = {**key, **values}
            marks = ", ".join("?" for _ in columns)
            cur.execute(self._sql(f"INSERT INTO {table} ({', '.join(columns)}) "
                                  f"VALUES ({marks})"), tuple(columns.values()))

    def save_list(self, lead_list: LeadList) -> None:
        self._write(lambda cur: self._put(cur, "leadrules_lists", {"name": lead_list.name}, {
            "kind": lead_list.kind, "segment": lead_list.segment,
            "title": lead_list.title, "created_at": _text(lead_list.created_at),
            "created_by": lead_list.created_by,
            "refreshed_at": _text(lead_list.refreshed_at)}))

    def delete_list(self, name: str) -> None:
        def work(cur: Any) -> None:
            for table in LIST_TABLES:
                column = "name" if table == "leadrules_lists" else "list_name"
                # Table and column names are our own constants, never input.
                cur.execute(self._sql(f"DELETE FROM {table} WHERE {column} = ?"), (name,))
        self._write(work)

    def members(self, name: str) -> Mapping[str, Member]:
        rows = self._rows("SELECT lead_id, since, by_whom FROM leadrules_list_members "
                          "WHERE list_name = ? ORDER BY lead_id", (name,))
        out: dict[str, Member] = {}
        for lead_id, since, by in rows:
            when = _instant(since)
            assert when is not None
            out[lead_id] = Member(lead_id, when, by)
        return out

    def record(self, change: ListChange) -> None:
        self._write(lambda cur: self._record(cur, change))

    def _record(self, cur: Any, change: ListChange) -> None:
        for lead_id in change.entered:
            self._put(cur, "leadrules_list_members",
                      {"list_name": change.list_name, "lead_id": lead_id},
                      {"since": _text(change.at), "by_whom": change.by})
        for lead_id in change.left:
            cur.execute(self._sql("DELETE FROM leadrules_list_members WHERE list_name = ? "
                                  "AND lead_id = ?"), (change.list_name, lead_id))
        cur.execute(self._sql("SELECT COALESCE(MAX(seq), 0) FROM leadrules_list_history "
                              "WHERE list_name = ?"), (change.list_name,))
        seq = int(cur.fetchone()[0]) + 1
        cur.execute(self._sql(
            "INSERT INTO leadrules_list_history (list_name, seq, \"at\", action, by_whom, "
            "entered, left_ids) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            (change.list_name, seq, _text(change.at), change.action, change.by,
             json.dumps(list(change.entered), ensure_ascii=False),
             json.dumps(list(change.left), ensure_ascii=False)))
        if change.action == "refresh":
            cur.execute(self._sql("UPDATE leadrules_lists SET refreshed_at = ? "
                                  "WHERE name = ?"), (_text(change.at), change.list_name))

    def history(self, name: str) -> Sequence[ListChange]:
        return changes_of(self._rows(f"SELECT {HISTORY_COLUMNS} FROM leadrules_list_history "
                                     "WHERE list_name = ? ORDER BY seq", (name,)))

    def lead_history(self, lead_id: str) -> Sequence[ListChange]:
        """The changes of every list that ``lead_id`` entered or left, by list name,
        then in recording order (the rows read are only those that can name it)."""
        return of_lead(changes_of(self._rows(
            f"SELECT {HISTORY_COLUMNS} FROM leadrules_list_history WHERE entered LIKE ? "
            "ESCAPE '\\' OR left_ids LIKE ? ESCAPE '\\' ORDER BY list_name, seq",
            (lead_pattern(lead_id), lead_pattern(lead_id)))), lead_id)


def _sqlite_busy(exc: BaseException) -> bool:
    """SQLite gave up waiting for a lock (its busy timeout ran out)."""
    return isinstance(exc, sqlite3.OperationalError) and (
        getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, 6)  # 6: SQLITE_LOCKED
        or "database is locked" in str(exc))

