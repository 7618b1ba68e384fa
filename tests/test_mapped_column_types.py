"""Column types of the user's own tables that applications and ORMs make, read as
docs/stores.md ("Your own tables") says: ``timestamptz(n)`` as an instant, epoch
columns of 32-bit integers and decimals, SQLite view columns without a declared
type, and the PostgreSQL names and URLs a mapping may hold.

Each expected value is worked out by hand (a Unix time's instant, a zone's
offset), never read from another store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

import leadrules as lr
from leadrules.stores.postgres import PostgresStore

PG = "postgresql://postgres@127.0.0.1:5432/test"
UTC = dt.UTC
AS_OF = "2026-11-20T06:00:00Z"


@pytest.fixture
def pg_zoned() -> Iterator[tuple[psycopg.Connection[Any], str]]:
    """A connection whose session zone is Asia/Tokyo (UTC+9), and a schema of its own."""
    schema = f"maptypes_{uuid.uuid4().hex[:8]}"
    conn = psycopg.connect(PG, autocommit=True, options="-c timezone=Asia/Tokyo")
    conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield conn, schema
    finally:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


# ------------------------------------------------- timestamptz(n) (round 2, reach 1)

_TIMES = lr.parse("""
segment early { match created_at before 2026-11-01T06:00:00Z }
segment late { match created_at after 2026-11-01T18:00:00Z }
segment viewed_today { match tracking { occurred_at within 1 days } exists }
""")


@pytest.mark.parametrize("column_type", ["timestamptz(3)", "timestamptz(6)",
                                         "timestamp(0) with time zone", "timestamptz"])
def test_postgres_timestamptz_with_a_precision_is_an_instant(
        pg_zoned: tuple[psycopg.Connection[Any], str], column_type: str) -> None:
    """Prisma's @db.Timestamptz(3): format_type spells it 'timestamp(3) with time zone'.
    Read as naive, it was shifted by the session's 9 hours."""
    conn, schema = pg_zoned
    conn.execute(f"CREATE TABLE {schema}.contacts (id text, signed_up {column_type})")
    conn.execute(f"CREATE TABLE {schema}.views (lead_id text, viewed_at {column_type}, "
                 "page text)")
    conn.execute(f"INSERT INTO {schema}.contacts VALUES ('x', '2026-11-01T12:00:00Z')")
    conn.execute(f"INSERT INTO {schema}.views VALUES ('x', '2026-11-19T12:00:00Z', '/p')")
    store = PostgresStore(conn, schema_name=schema, mapping={
        "lead": {"table": "contacts", "id": "id", "created_at": "signed_up"},
        "tracking": {"table": "views", "lead_id": "lead_id", "occurred_at": "viewed_at",
                     "path": "page"}})
    lead = store.lead("x")
    assert lead is not None and lead["created_at"] == dt.datetime(2026, 11, 1, 12, tzinfo=UTC)
    # 12:00Z is neither before 06:00Z nor after 18:00Z; the view is 18 h before as_of.
    assert [_TIMES.segment(s).select(store, as_of=AS_OF)
            for s in ("early", "late", "viewed_today")] == [[], [], ["x"]]


@pytest.mark.parametrize("column_type", ["timestamp(3)", "timestamp(6) without time zone"])
def test_postgres_naive_timestamp_with_a_precision_is_read_as_utc(
        pg_zoned: tuple[psycopg.Connection[Any], str], column_type: str) -> None:
    conn, schema = pg_zoned
    conn.execute(f"CREATE TABLE {schema}.contacts (id text, signed_up {column_type})")
    conn.execute(f"INSERT INTO {schema}.contacts VALUES ('x', '2026-11-01 12:00:00.125')")
    store = PostgresStore(conn, schema_name=schema, mapping={
        "lead": {"table": "contacts", "id": "id", "created_at": "signed_up"}})
    lead = store.lead("x")
    assert lead is not None
    assert lead["created_at"] == dt.datetime(2026, 11, 1, 12, 0, 0, 125000, tzinfo=UTC)


def test_postgres_time_of_day_with_a_precision_is_refused_as_a_time_of_day(
        pg_zoned: tuple[psycopg.Connection[Any], str]) -> None:
    conn, schema = pg_zoned
    conn.execute(f"CREATE TABLE {schema}.contacts (id text, signed_up time(3) with time zone)")
    refused = r"signed_up is time\(3\) with time zone in the database"
    with pytest.raises(lr.UsageError, match=refused):
        PostgresStore(conn, schema_name=schema, mapping={
            "lead": {"table": "contacts", "id": "id", "created_at": "signed_up"}})
