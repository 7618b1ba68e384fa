"""The store backends every cross-backend test runs against, loaded from a MemoryStore.

PostgreSQL is the server at ``LEADRULES_TEST_POSTGRES`` (default: the CI
server, ``postgresql://postgres@127.0.0.1:5432/test``); each test session
works in its own schema and drops it at the end.  Nothing here skips: a
missing server is a test failure, as CI requires.
"""

from __future__ import annotations

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

POSTGRES_URL = os.environ.get("LEADRULES_TEST_POSTGRES",
                              "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgres", "duckdb")


def unique_name(prefix: str = "lr_test") -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


class Backends:
    """One connection per backend for a whole test session."""

    def __init__(self) -> None:
        self.pg_schema = unique_name()
        self.pg = psycopg.connect(POSTGRES_URL, autocommit=True)

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

    def close(self) -> None:
        self.pg.execute(f'DROP SCHEMA IF EXISTS "{self.pg_schema}" CASCADE')
        self.pg.close()


def session_backends() -> Iterator[Backends]:
    """A pytest fixture body: ``yield from session_backends()``."""
    backends = Backends()
    try:
        yield backends
    finally:
        backends.close()
