"""PostgreSQL and floats: a session with extra_float_digits 0 (15 digits) still
sums and reads the numbers as written; a sum beyond the float range says so."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

import leadrules as lr
from leadrules.errors import StoreError
from tests.backends import POSTGRES_URL, scratch_schema

MAPPING = {"lead": {"table": "c", "id": "cid"},
           "tracking": {"table": "t", "lead_id": "cid", "occurred_at": "at", "duration": "d"}}


@pytest.fixture
def schema() -> Iterator[str]:
    with scratch_schema("lr_floats", "CREATE TABLE {s}.c (cid text)",
                        "INSERT INTO {s}.c VALUES ('A'), ('B')",
                        "CREATE TABLE {s}.t (cid text, at timestamptz, d double precision)",
                        "INSERT INTO {s}.t VALUES ('A', '2026-11-01Z', 0.1234567890123456), "
                        "('A', '2026-11-02Z', 0.1)") as name:
        yield name


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
