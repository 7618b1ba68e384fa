"""PostgreSQL and floats: a session with extra_float_digits 0 (15 digits) still
sums and reads the numbers as written; a sum beyond the float range says so."""

from __future__ import annotations

import psycopg
import pytest

import leadrules as lr
from leadrules.errors import StoreError
from tests.backends import POSTGRES_URL, unique_name

MAPPING = {"lead": {"table": "c", "id": "cid"},
           "tracking": {"table": "t", "lead_id": "cid", "occurred_at": "at", "duration": "d"}}


@pytest.fixture
def schema() -> object:
    name = unique_name("lr_floats")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
        conn.execute(f'CREATE TABLE "{name}".c (cid text)')
        conn.execute(f"INSERT INTO \"{name}\".c VALUES ('A'), ('B')")
        conn.execute(f'CREATE TABLE "{name}".t (cid text, at timestamptz, d double precision)')
        conn.execute(f"INSERT INTO \"{name}\".t VALUES ('A', '2026-11-01Z', 0.1234567890123456),"
                     "('A', '2026-11-02Z', 0.1)")
    yield name
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{name}" CASCADE')


def test_a_session_with_fewer_float_digits_still_sums_as_written(schema: str) -> None:
    rules = lr.parse("segment s {\n  1: tracking sum duration = 0.2234567890123456\n}\n")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute("SET extra_float_digits = 0")
        store = lr.PostgresStore(conn, schema_name=schema, mapping=MAPPING)
        assert rules.segment("s").select(store, "2026-11-20") == ["A"]
        assert store.events_of("A")["tracking"][0]["duration"] == 0.1234567890123456


def test_a_sum_beyond_the_float_range_says_so(schema: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"INSERT INTO \"{schema}\".t VALUES ('B', '2026-11-01Z', 1e308), "
                     "('B', '2026-11-02Z', 1e308)")
    rules = lr.parse("segment s {\n  1: tracking sum duration >= 1\n}\n")
    with (lr.PostgresStore(POSTGRES_URL, schema_name=schema, mapping=MAPPING) as store,
          pytest.raises(StoreError) as info):
        rules.segment("s").select(store, "2026-11-20")
    text = info.value.render()
    assert "2000…(309 digits)" in text and "passed the 64-bit float range" in text
