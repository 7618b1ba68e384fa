"""Replacing a store file's data while keeping everything the import does not own.

``leadrules import SRC --into leads.db`` (``--replace``, the default) builds the
new store in a temporary file beside the target and renames it over the target:
the data tables are swapped in one atomic step.  Everything else the old file
held — the lists and their history (:data:`~leadrules.stores.lists.LIST_TABLES`),
tables, indexes, views and triggers of the user's own — is copied into the new
file first, under the old file's write lock, so no list writer can change the old
file between the copy and the rename:

- SQLite: the old file is held with ``BEGIN IMMEDIATE`` (waiting up to ``timeout``
  for writers) from before the copy until after the rename.  A list writer that
  waited for that lock then finds the path naming another file and redoes its
  work there (:class:`~leadrules.stores.lists.SqlListRepository`).
- DuckDB: the old file is attached read-only, which keeps writing processes out
  (readers may stay) until after the rename; its stale write-ahead log, if any, is
  removed (its content was read and copied).

What the import owns is what the old store's ``leadrules_fields`` table names
(its lead and event tables) plus ``leadrules_meta`` and ``leadrules_fields``; a
file without them is kept whole.  A table the import does not own but the new
data needs (an event source named like it) is an error, as on PostgreSQL.  A file
that is not a database of the target's kind is refused, never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import BusyError, Diagnostic, StoreError, UsageError
from ..files import replace_durably, retry_until
from .dbapi import quote
from .layout import FIELD_TABLE, META_TABLE


@attrs.frozen
class _Kept:
    kind: str  # table, index, view, trigger, sequence
    name: str
    sql: str


def replace_sqlite(tmp: Path, target: Path, timeout: float) -> None:
    """Rename the finished SQLite store ``tmp`` over ``target``, keeping what the old
    ``target`` holds besides its leadrules data (see the module's documentation)."""
    if not target.exists():
        replace_durably(tmp, target)
        return
    guard = sqlite3.connect(target, timeout=timeout, isolation_level=None)
    try:
        try:
            wal = _leave_wal(guard, target, timeout)
            guard.execute("BEGIN IMMEDIATE")
            kept = _sqlite_kept(guard)
        except sqlite3.DatabaseError as exc:
            if _locked(exc):
                raise BusyError(f"cannot replace {target}: another process kept writing it "
                                f"for more than {timeout:g} s; nothing was changed") from None
            raise UsageError([Diagnostic(
                f"{target} exists and is not a SQLite database ({exc})",
                hint="import into another file, or remove it first")]) from None
        if kept:
            _sqlite_copy(tmp, target, kept)
        _keep_mode(tmp, target)
        if wal:
            _set_journal(tmp, "WAL")
        replace_durably(tmp, target)
    finally:
        guard.close()  # ends the transaction: waiting list writers move to the new file


def _leave_wal(conn: sqlite3.Connection, target: Path, timeout: float) -> bool:
    """Whether ``target`` was in WAL mode; if so it is switched back to a rollback
    journal first.  A WAL file (``NAME.db-wal``) belongs to the path, not to the
    file: left beside the renamed-in store, its frames of the old store would be
    replayed into the new one.  The switch checkpoints the log into the old file
    and deletes it; SQLite allows it only when no other connection has the file
    open, so the import waits for them (up to ``timeout``), then says who blocks."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return False

    def attempt() -> bool | None:
        try:
            return conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete" or None
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                return None
            raise
    retry_until(attempt, timeout, lambda: (
        f"cannot replace {target}: it is in WAL mode and other connections kept it open "
        f"for more than {timeout:g} s (its write-ahead log must be folded in first); "
        "close them, or import into another file; nothing was changed"))
    return True


def _set_journal(path: Path, mode: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode = {mode}")
    finally:
        conn.close()


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        or "database is locked" in str(exc))


def _sqlite_kept(conn: sqlite3.Connection) -> list[_Kept]:
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
                           ).fetchall()
    owned = _owned({name for kind, name, _tbl, _sql in objects if kind == "table"},
                   lambda: conn.execute(f"SELECT DISTINCT tbl FROM {FIELD_TABLE}").fetchall())
    kept = [_Kept(kind, name, sql) for kind, name, tbl, sql in objects
            if tbl not in owned and sql is not None]  # automatic indexes have no sql
    # Tables (with their rows) first, then indexes, triggers and views over them.
    order = {"table": 0, "index": 1, "trigger": 2, "view": 3}
    return sorted(kept, key=lambda k: order.get(k.kind, 4))


def _owned(tables: set[str], listed: Any) -> set[str]:
    """The tables a leadrules import owns among ``tables`` (``listed()``: the rows
    of the old store's field table)."""
    if FIELD_TABLE not in tables:
        return set()
    return {row[0] for row in listed()} | {FIELD_TABLE, META_TABLE}


def _sqlite_copy(tmp: Path, target: Path, kept: Sequence[_Kept]) -> None:
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        existing = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        _refuse_clashes(target, kept, existing)
        conn.execute("ATTACH DATABASE ? AS prev", (str(target),))
        conn.execute("BEGIN")
        for item in kept:
            conn.execute(item.sql)
            if item.kind == "table":
                _sqlite_copy_rows(conn, item)
        names = [k.name for k in kept if k.kind == "table"]
        if names and conn.execute("SELECT 1 FROM prev.sqlite_master WHERE name = "
                                  "'sqlite_sequence'").fetchone():
            marks = ", ".join("?" for _ in names)
            conn.execute(f"DELETE FROM main.sqlite_sequence WHERE name IN ({marks})", names)
            conn.execute(f"INSERT INTO main.sqlite_sequence SELECT * FROM prev.sqlite_sequence "
                         f"WHERE name IN ({marks})", names)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE prev")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot keep the lists and other tables of {target}: {exc}; "
                         "nothing was changed") from None
    finally:
        conn.close()


def _sqlite_copy_rows(conn: sqlite3.Connection, table: _Kept) -> None:
    name = quote(table.name)
    # Generated columns (hidden 2, 3) are computed, not copied; rowids are kept
    # where the table has them (a rowid table may be referred to by rowid).
    columns = [quote(r[1]) for r in conn.execute(f"PRAGMA prev.table_xinfo({name})")
               if r[6] == 0]
    if "WITHOUT ROWID" not in " ".join(table.sql.upper().split()):
        columns.insert(0, "rowid")
    listed = ", ".join(columns)
    conn.execute(f"INSERT INTO main.{name} ({listed}) SELECT {listed} FROM prev.{name}")


def _refuse_clashes(target: Path, kept: Sequence[_Kept], existing: set[str]) -> None:
    clash = sorted(k.name for k in kept if k.kind in ("table", "view") and k.name in existing)
    if clash:
        raise StoreError([Diagnostic(
            f"table {clash[0]} in {target} is not part of a leadrules store, and the new data "
            "has a table of that name", hint="rename that table or that source, or import "
                                             "into another file")])


def _keep_mode(tmp: Path, target: Path) -> None:
    with contextlib.suppress(OSError):  # not ours to change: the usual mode, then
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)


def replace_duckdb(tmp: Path, target: Path, timeout: float) -> None:
    """Rename the finished DuckDB store ``tmp`` over ``target``, keeping what the old
    ``target`` holds besides its leadrules data (see the module's documentation)."""
    if not target.exists():
        replace_durably(tmp, target)
        return
    import duckdb  # the new file was just written with it
    conn = duckdb.connect()  # in memory: both files are attached to it

    def attach() -> bool | None:
        try:
            conn.execute("ATTACH ? AS prev (READ_ONLY)", [str(target)])
        except duckdb.Error as exc:
            if "Could not set lock" in str(exc):
                return None
            raise UsageError([Diagnostic(
                f"{target} exists and is not a DuckDB database ({exc})",
                hint="import into another file, or remove it first")]) from None
        return True
    try:
        retry_until(attach, timeout, lambda: (
            f"cannot replace {target}: another process kept writing it for more than "
            f"{timeout:g} s; nothing was changed"))
        kept = _duckdb_kept(conn)
        if kept:
            _duckdb_copy(conn, tmp, target, kept)
        _keep_mode(tmp, target)
        replace_durably(tmp, target)
        # The old file's log was read with it (its changes are in the copy); left
        # beside the new file it would not match it.
        Path(f"{target}.wal").unlink(missing_ok=True)
    finally:
        conn.close()


def _duckdb_kept(conn: Any) -> list[_Kept]:
    tables = {r[0]: r[1] for r in conn.execute(
        "SELECT table_name, sql FROM duckdb_tables() WHERE database_name = 'prev' "
        "AND schema_name = 'main' AND NOT internal").fetchall()}
    owned = _owned(set(tables), lambda: conn.execute(
        f"SELECT DISTINCT tbl FROM prev.main.{FIELD_TABLE}").fetchall())
    kept = [_Kept("sequence", name, _sequence_sql(name, start, step, last))
            for name, start, step, last in conn.execute(
                "SELECT sequence_name, start_value, increment_by, last_value FROM "
                "duckdb_sequences() WHERE database_name = 'prev' AND schema_name = 'main' "
                "AND NOT temporary").fetchall()]
    kept += [_Kept("table", name, sql) for name, sql in tables.items() if name not in owned]
    kept += [_Kept("index", name, sql) for name, table, sql in conn.execute(
        "SELECT index_name, table_name, sql FROM duckdb_indexes() WHERE database_name = "
        "'prev' AND schema_name = 'main' AND sql IS NOT NULL").fetchall()
        if table not in owned]
    kept += [_Kept("view", name, sql) for name, sql in conn.execute(
        "SELECT view_name, sql FROM duckdb_views() WHERE database_name = 'prev' "
        "AND schema_name = 'main' AND NOT internal").fetchall()]
    return kept


def _sequence_sql(name: str, start: int, step: int, last: int | None) -> str:
    # The copy continues where the old sequence stopped.
    first = start if last is None else last + step
    return f"CREATE SEQUENCE {quote(name)} INCREMENT BY {int(step)} START WITH {int(first)}"


def _duckdb_copy(conn: Any, tmp: Path, target: Path, kept: Sequence[_Kept]) -> None:
    import duckdb
    conn.execute("ATTACH ? AS fresh", [str(tmp)])
    try:
        existing = {r[0] for r in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'fresh'").fetchall()}
        _refuse_clashes(target, kept, existing)
        conn.execute("BEGIN")
        conn.execute("USE fresh")  # the objects' own SQL creates them in fresh.main
        try:
            for item in kept:
                conn.execute(item.sql)
                if item.kind == "table":
                    name = quote(item.name)
                    conn.execute(f"INSERT INTO fresh.main.{name} SELECT * FROM prev.main.{name}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("USE memory")
    except duckdb.Error as exc:
        raise StoreError(f"cannot keep the lists and other tables of {target}: {exc}; "
                         "nothing was changed") from None
    finally:
        conn.execute("DETACH fresh")  # closes (and checkpoints) the new file
