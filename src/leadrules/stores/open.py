"""``open_store``: one string (a ``--data`` argument) -> the store it names;
``open_lists``: one string (a ``--state`` argument) -> the lead lists it names."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeGuard

from ..errors import Diagnostic, StoreError, UsageError
from ..limits import check_timeout
from ..schema import DEFAULT_SCHEMA, LEAD, Schema
from .base import spark_hint

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
DUCKDB_SUFFIXES = (".duckdb",)
_HINT = ("--data takes a CSV or JSON Lines folder, a folder of Parquet files, a SQLite file "
         "(.db, .sqlite), a DuckDB file (.duckdb) or a postgresql:// URL")


def is_postgres_url(spec: str | os.PathLike[str]) -> TypeGuard[str]:
    return isinstance(spec, str) and spec.startswith(("postgresql://", "postgres://"))


def open_store(spec: str | os.PathLike[str] | Mapping[str, Any],
               schema: Schema = DEFAULT_SCHEMA, *,
               mapping: Mapping[str, Any] | None = None, timeout: float | None = None,
               copy: bool = True) -> Any:
    """The store ``spec`` names, reading it with ``schema`` (fields the data lacks read
    as missing).

    * a folder of ``lead.csv`` / ``lead.jsonl`` … -> :class:`~leadrules.MemoryStore`;
    * a folder holding ``lead.parquet`` -> :meth:`DuckDBStore.from_parquet`;
    * ``*.db`` / ``*.sqlite`` -> :class:`SQLiteStore`; ``*.duckdb`` -> :class:`DuckDBStore`;
    * ``postgresql://…`` (optionally ``?schema=NAME``) -> :class:`PostgresStore`.

    * a dict of DataFrames (pandas, Polars) or pyarrow tables ->
      :meth:`DuckDBStore.from_frames` (keys: the schema's tables, or with
      ``mapping`` the tables it names).  ``copy`` (default True) loads them once
      into DuckDB's own in-memory tables, so queries run at a DuckDB store's
      speed at the cost of a second copy in memory; ``copy=False`` reads them
      in place on every query.

    ``mapping`` reads a database's own tables instead of an imported store
    (docs/stores.md, "Your own tables").  ``timeout`` is the store's time
    limit per query, in seconds (docs/reliability.md, "Query time limits").
    """
    check_timeout(timeout)
    if isinstance(spec, Mapping):
        from ..sql.dialects import require_sqlglot
        require_sqlglot()
        _require_frames()
        from .duckdb import DuckDBStore
        return DuckDBStore.from_frames(spec, schema=schema, mapping=mapping, timeout=timeout,
                                       copy=copy)
    if not isinstance(spec, str | os.PathLike):
        raise UsageError([Diagnostic(
            f"open_store: cannot open a {type(spec).__name__} as data",
            hint=spark_hint(spec) or
            "pass a folder, a store file, a postgresql:// URL, or a dict of DataFrames "
            "keyed by table ({'lead': leads, 'tracking': views})")])
    if is_postgres_url(spec):
        from ..sql.dialects import require_sqlglot
        require_sqlglot()
        from .postgres import PostgresStore
        return PostgresStore(spec, schema=schema, mapping=mapping, timeout=timeout)
    path = Path(spec)
    if mapping is not None and path.is_dir():
        raise UsageError([Diagnostic(f"a mapping reads database tables, not the folder {spec}",
                                     hint="mapping= goes with a SQLite or DuckDB file or a "
                                          "postgresql:// URL; a folder's files "
                                          "are read as they are, without mapping=")])
    if path.is_dir():
        if (path / f"{LEAD}.parquet").is_file():
            from .duckdb import DuckDBStore
            return DuckDBStore.from_parquet(path, schema=schema, timeout=timeout)
        from ..memory import MemoryStore  # the loaders: only for a folder
        return MemoryStore.from_folder(path, schema, timeout=timeout)
    suffix = path.suffix.lower()
    if suffix in SQLITE_SUFFIXES + DUCKDB_SUFFIXES:
        if not path.is_file():
            raise UsageError([Diagnostic(f"no such store file: {spec}", hint=_HINT)])
        from ..sql.dialects import require_sqlglot
        require_sqlglot()
        if suffix in DUCKDB_SUFFIXES:
            from .duckdb import DuckDBStore
            return DuckDBStore(path, schema=schema, mapping=mapping, timeout=timeout)
        from .sqlite import SQLiteStore
        return SQLiteStore(path, schema=schema, mapping=mapping, timeout=timeout)
    if not path.exists():
        raise UsageError([Diagnostic(f"no such data folder or store: {spec}", hint=_HINT)])
    raise UsageError([Diagnostic(f"cannot read {spec} as data", hint=_HINT)])


def open_lists(spec: str | os.PathLike[str], *, create: bool = True) -> Any:
    """The list repository ``spec`` names: a JSON file, or the tables of a SQLite
    file, a DuckDB file or a PostgreSQL database; every change is written as it
    happens.  ``create=False`` (what only reads lists, as ``check`` and the
    language server do): a file that does not exist is a :class:`UsageError`,
    never created."""
    path = Path(spec)
    if not create:
        require_state(spec)
    if is_postgres_url(spec) and not create:
        return _read_only_postgres_lists(spec)
    if is_postgres_url(spec):
        from .lists import SqlListRepository
        return SqlListRepository.postgres(spec)
    if path.suffix.lower() in SQLITE_SUFFIXES and not create:
        return _read_only_sqlite_lists(path)
    if path.suffix.lower() in SQLITE_SUFFIXES:
        from .lists import SqlListRepository
        return SqlListRepository.sqlite(path)
    if path.suffix.lower() in DUCKDB_SUFFIXES and not create:
        return _read_only_duckdb_lists(path)
    if path.suffix.lower() in DUCKDB_SUFFIXES:
        from .lists import SqlListRepository
        return SqlListRepository.duckdb(path)
    from ..lists import JsonListRepository
    return JsonListRepository(spec)


def require_state(spec: str | os.PathLike[str]) -> None:
    """A :class:`UsageError` unless the list state ``spec`` exists (a PostgreSQL URL
    always may): what reads lists, or removes from one, never creates it."""
    path = Path(spec)
    if is_postgres_url(spec) or path.is_file():
        return
    what = "not a list state file" if path.exists() else "no such list state file"
    raise UsageError([Diagnostic(
        f"{what}: {spec}",
        hint="a state is made by leadrules list add STATE NAME IDS… or list refresh "
             "(reading lists never creates one)")])


def _read_only_sqlite_lists(path: Path) -> Any:
    """The lists of a SQLite file, read through a read-only connection: no tables
    are added to a file that has none (it then has no lists)."""
    import sqlite3

    from ..sql.dialects import require_sqlglot
    from .own_lists import StoreLists
    from .sqlite import roll_back_hot_journal
    require_sqlglot()
    roll_back_hot_journal(path)  # of a list change killed mid-write
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise UsageError([Diagnostic(f"cannot open {path} for lists: {exc}")]) from None

    def fetch(statement: str, params: Mapping[str, Any]) -> list[Any]:
        try:
            return conn.execute(statement, dict(params)).fetchall()
        except sqlite3.Error as exc:
            raise UsageError([Diagnostic(f"cannot read the lists in {path}: {exc}")]) from None
    return StoreLists(fetch, "sqlite")


def _read_only_postgres_lists(url: str) -> Any:
    """The lists of a PostgreSQL database (the URL's ``?schema=NAME``, else the
    search path), read in read-only transactions: no tables are added to a schema
    that has none (it then has no lists), and no statement can write."""
    from ..sql.dialects import require_sqlglot
    from .own_lists import StoreLists
    from .postgres import connect, split_url
    require_sqlglot()
    import psycopg
    dsn, schema_name = split_url(url)
    where = "PostgreSQL" + (f" schema {schema_name}" if schema_name else "")
    try:
        conn = connect(dsn, autocommit=True)
        conn.execute("SET default_transaction_read_only = on")
    except StoreError as exc:
        raise UsageError(list(exc.diagnostics)) from None
    except psycopg.Error as exc:
        raise UsageError([Diagnostic(f"cannot connect for lists: {str(exc).strip()}")]
                         ) from None

    def fetch(statement: str, params: Mapping[str, Any]) -> list[Any]:
        try:
            return conn.execute(statement, dict(params)).fetchall()
        except psycopg.Error as exc:
            raise UsageError([Diagnostic(
                f"cannot read the lists in {where}: {str(exc).strip()}")]) from None
    return StoreLists(fetch, "postgres", schema_name)


def _read_only_duckdb_lists(path: Path) -> Any:
    """The lists of a DuckDB file, read through a read-only connection opened for
    each read (another process may write the file between two): no tables are
    added to a file that has none (it then has no lists)."""
    from ..sql.dialects import require_sqlglot
    from .own_lists import StoreLists
    require_sqlglot()
    try:
        import duckdb
    except ImportError:
        raise UsageError([Diagnostic("a DuckDB state needs duckdb: "
                                     "pip install 'leadrules[duckdb]'")]) from None

    def fetch(statement: str, params: Mapping[str, Any]) -> list[Any]:
        try:
            with duckdb.connect(str(path), read_only=True) as conn:
                return conn.execute(statement, dict(params)).fetchall()
        except duckdb.Error as exc:
            raise UsageError([Diagnostic(f"cannot read the lists in {path}: {exc}")]) from None
    return StoreLists(fetch, "duckdb")


def _require_frames() -> None:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        raise UsageError([Diagnostic("DataFrames are evaluated by DuckDB: "
                                     "pip install 'leadrules[frames]'")]) from None
