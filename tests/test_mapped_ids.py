"""A mapped lead table with a lead id on two rows is refused when the store opens
(docs/stores.md): every answer would count the lead twice (two score rows)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules.errors import DataError
from tests.backends import POSTGRES_URL, unique_name

ROWS = [("C1", "a@x.jp"), ("C1", "b@x.jp"), ("C2", "c@x.jp")]
MAPPING = {"lead": {"table": "contacts", "id": "contact_id", "email": "email_address"}}


def check(open_store: object, table: str = "contacts") -> None:
    with pytest.raises(DataError) as info:
        open_store()  # type: ignore[operator]
    text = info.value.render()
    assert (f"the lead table {table} holds the lead id 'C1' on 2 rows (column 'contact_id')"
            in text)
    assert f"FROM {table} GROUP BY contact_id HAVING count(*) > 1" in text


def test_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "own.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (contact_id TEXT, email_address TEXT)")
        conn.executemany("INSERT INTO contacts VALUES (?, ?)", ROWS)
    conn.close()
    check(lambda: lr.SQLiteStore(path, mapping=MAPPING))
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM contacts WHERE email_address = 'b@x.jp'")
    conn.close()
    with lr.SQLiteStore(path, mapping=MAPPING) as store:  # one row per lead: opens
        assert sorted(r["id"] for r in store.leads()) == ["C1", "C2"]


def test_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "own.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE contacts (contact_id VARCHAR, email_address VARCHAR)")
        conn.executemany("INSERT INTO contacts VALUES (?, ?)", [list(r) for r in ROWS])
    check(lambda: lr.DuckDBStore(path, mapping=MAPPING))


def test_postgres() -> None:
    schema = unique_name("lr_dup")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'CREATE TABLE "{schema}".contacts (contact_id text, email_address text)')
        with conn.cursor() as cur:
            cur.executemany(f'INSERT INTO "{schema}".contacts VALUES (%s, %s)', ROWS)
    try:
        check(lambda: lr.PostgresStore(POSTGRES_URL, schema_name=schema, mapping=MAPPING),
              f"{schema}.contacts")
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_sqlite_integer_and_text_of_one_id_are_one_lead(tmp_path: Path) -> None:
    """An untyped SQLite column keeps 1 and '1' apart; records read both as '1'."""
    path = tmp_path / "own.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (contact_id, email_address TEXT)")
        conn.executemany("INSERT INTO contacts VALUES (?, ?)", [(1, "x"), ("1", "y")])
    conn.close()
    with pytest.raises(DataError, match="holds the lead id '1' on 2 rows"):
        lr.SQLiteStore(path, mapping=MAPPING)
