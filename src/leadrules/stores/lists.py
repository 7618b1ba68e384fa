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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from ..errors import Diagnostic, StoreError
from ..lists import LeadList, ListChange, Member

Engine = Literal["sqlite", "postgres", "duckdb"]

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


class SqlListRepository:
    """Lists, members and history in database tables (SQLite, DuckDB or PostgreSQL)."""

    def __init__(self, connection: Any, engine: Engine) -> None:
        self._conn = connection
        self._engine = engine
        self._errors = _engine_errors(engine)
        with self._transaction() as cur:
            for ddl in _TABLES:
                cur.execute(ddl)

    @classmethod
    def sqlite(cls, path: str | Path) -> SqlListRepository:
        """Lists in a SQLite file (a store made by ``leadrules import``, or any file)."""
        try:
            conn = sqlite3.connect(str(path), isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path} for lists: {exc}") from None
        return cls(conn, "sqlite")

    @classmethod
    def postgres(cls, dsn: str, *, schema_name: str | None = None) -> SqlListRepository:
        """Lists in a PostgreSQL database (in ``schema_name`` when given)."""
        from psycopg import connect, sql

        try:
            conn = connect(dsn, autocommit=True)
            if schema_name:
                conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema_name)))
        except Exception as exc:
            raise StoreError(f"cannot connect for lists: {exc}") from None
        return cls(conn, "postgres")

    @classmethod
    def duckdb(cls, path: str | Path) -> SqlListRepository:
        """Lists in a DuckDB file (created when missing), opened for writing.

        DuckDB lets one process write a file, and a process cannot open it for writing
        while it is open read-only (as a :class:`~leadrules.stores.duckdb.DuckDBStore`
        opens its file): keep the lists of a DuckDB store in a file of their own.
        """
        duckdb = _duckdb()
        try:
            conn = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise StoreError([Diagnostic(
                f"cannot open {path} for lists: {exc}",
                hint="a DuckDB file takes one writer and cannot be written while it is open "
                     "as a store: keep the lists in a file of their own (e.g. lists.duckdb)",
            )]) from None
        return cls(conn, "duckdb")

    def close(self) -> None:
        self._conn.close()

    # -- plumbing ------------------------------------------------------------------
    def _sql(self, statement: str) -> str:
        # Positional placeholders: `?` for sqlite3 and duckdb, `%s` for psycopg.
        return statement.replace("?", "%s") if self._engine == "postgres" else statement

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        # A duckdb cursor is a connection of its own, with its own transaction: every
        # statement of the transaction goes through this one cursor.
        cur = self._conn.cursor()
        try:
            if self._engine == "postgres":
                with self._conn.transaction():
                    yield cur
            else:
                cur.execute("BEGIN")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
        except self._errors as exc:
            raise StoreError(f"list storage failed: {exc}") from None
        finally:
            cur.close()

    def _rows(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        cur = self._conn.cursor()
        try:
            cur.execute(self._sql(statement), tuple(params))
            return [tuple(r) for r in cur.fetchall()]
        except self._errors as exc:
            raise StoreError(f"reading lists failed: {exc}") from None
        finally:
            cur.close()

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
        with self._transaction() as cur:
            self._put(cur, "leadrules_lists", {"name": lead_list.name}, {
                "kind": lead_list.kind, "segment": lead_list.segment,
                "title": lead_list.title, "created_at": _text(lead_list.created_at),
                "created_by": lead_list.created_by,
                "refreshed_at": _text(lead_list.refreshed_at)})

    def delete_list(self, name: str) -> None:
        with self._transaction() as cur:
            for table in ("leadrules_lists", "leadrules_list_members",
                          "leadrules_list_history"):
                column = "name" if table == "leadrules_lists" else "list_name"
                # Table and column names are our own constants, never input.
                cur.execute(self._sql(f"DELETE FROM {table} WHERE {column} = ?"), (name,))

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
        with self._transaction() as cur:
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
        rows = self._rows("SELECT \"at\", action, by_whom, entered, left_ids FROM "
                          "leadrules_list_history WHERE list_name = ? ORDER BY seq", (name,))
        out = []
        for at, action, by, entered, left in rows:
            when = _instant(at)
            assert when is not None
            out.append(ListChange(name, when, action, tuple(json.loads(entered)),
                                  tuple(json.loads(left)), by))
        return tuple(out)
