"""The store backends every cross-backend test runs against, loaded from a MemoryStore.

PostgreSQL is the server at ``LEADRULES_TEST_POSTGRES`` (default: the CI
server, ``postgresql://postgres@127.0.0.1:5432/test``); each test session
works in its own schema and drops it at the end.  Nothing here skips: a
missing server is a test failure, as CI requires.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import duckdb
import psycopg

from leadrules.memory import MemoryStore
from leadrules.stores import duckdb as duck
from leadrules.stores import postgres as pg
from leadrules.stores import sqlite as lite
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.postgres import PostgresStore
from leadrules.stores.sqlite import SQLiteStore
from tests import mapped

POSTGRES_URL = os.environ.get("LEADRULES_TEST_POSTGRES",
                              "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgres", "duckdb")


def unique_name(prefix: str = "lr_test") -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def scratch_schema(prefix: str, *statements: str) -> Iterator[str]:
    """A PostgreSQL schema of its own, filled by ``statements`` (``{s}`` in them is
    the schema's quoted name), dropped afterwards."""
    name = unique_name(prefix)
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
        for statement in statements:
            conn.execute(statement.replace("{s}", f'"{name}"'))
    try:
        yield name
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{name}" CASCADE')


class Backends:
    """One connection per backend for a whole test session."""

    def __init__(self) -> None:
        self.pg_schema = unique_name()
        self.pg = psycopg.connect(POSTGRES_URL, autocommit=True)
        self._pg_made: dict[str, str] = {}  # the mapped copy's tables (tests/mapped.py)

    def load(self, data: MemoryStore) -> dict[str, Any]:
        """``data`` in every backend: name -> store (the same leads and events).

        The PostgreSQL schema is reused (one connection per session keeps the
        differential tests fast), so each load REPLACES the data of the
        previous one: use the stores of a load before loading again.
        """
        conn = sqlite3.connect(":memory:")
        lite.write(conn, data)
        duck_conn = duckdb.connect()
        duck.write(duck_conn, data)
        with self.pg.transaction():
            pg.write(self.pg, data, self.pg_schema)
        return {
            "sqlite": SQLiteStore(conn),
            "postgres": PostgresStore(self.pg, schema_name=self.pg_schema),
            "duckdb": DuckDBStore(duck_conn),
        }

    def mapped(self, data: MemoryStore, rules: object = None
               ) -> dict[str, tuple[Any, MemoryStore]]:
        """``data`` as the user's own tables on every engine (:mod:`tests.mapped`):
        name -> (mapped store, the memory store it must agree with).  Like
        :meth:`load`, each call replaces the previous PostgreSQL copy.

        ``rules`` (the AST the stores will run): an engine whose ``lower()`` is not
        Python's on one of its texts is left out, as no memory store can agree
        with it there: the rule's text is lower-cased by that engine
        (docs/stores.md, "Case-insensitive text without shadow columns")."""
        texts = sorted(mapped.texts_of(rules)) if rules is not None else []
        out: dict[str, tuple[Any, MemoryStore]] = {}
        want = mapped.oracle("sqlite", data, None)
        out["sqlite-mapped"] = (mapped.load_sqlite(want), want)
        if mapped.lowers_alike(self._pg_lower, texts):
            want = mapped.oracle("postgres", data, self._pg_lower)
            out["postgres-mapped"] = (
                mapped.load_postgres(self.pg, self.pg_schema + "_app", want, self._pg_made),
                want)
        duck_conn = duckdb.connect()

        def duck_lower(texts: list[str]) -> list[str]:
            return _duck_lower(duck_conn, texts)

        if mapped.lowers_alike(duck_lower, texts):
            want = mapped.oracle("duckdb", data, duck_lower)
            out["duckdb-mapped"] = (mapped.load_duckdb(want, duck_conn), want)
            # DataFrames in (issue 14 item 2): DuckDB over Arrow, the same lower().
            want = mapped.oracle("pandas", data, duck_lower)
            out["pandas-frames"] = (mapped.load_pandas(want), want)
            want = mapped.oracle("arrow", data, duck_lower)
            out["arrow-frames"] = (mapped.load_arrow(want), want)
        return out

    def _pg_lower(self, texts: list[str]) -> list[str]:
        rows = self.pg.execute("SELECT lower(t) FROM unnest(%s::text[]) WITH ORDINALITY "
                               "AS u(t, n) ORDER BY n", (texts,)).fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self.pg.execute(f'DROP SCHEMA IF EXISTS "{self.pg_schema}_app" CASCADE')
        self.pg.execute(f'DROP SCHEMA IF EXISTS "{self.pg_schema}" CASCADE')
        self.pg.close()


def _duck_lower(conn: Any, texts: list[str]) -> list[str]:
    return [conn.execute("SELECT lower(?)", [t]).fetchone()[0] for t in texts]


def session_backends() -> Iterator[Backends]:
    """A pytest fixture body: ``yield from session_backends()``."""
    backends = Backends()
    try:
        yield backends
    finally:
        backends.close()
