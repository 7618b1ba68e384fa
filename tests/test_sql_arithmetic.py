"""The numbers a database computes for the SQL compiler are the evaluator's, bit for bit.

Scores decay by ``points * 0.5 ** ((as_of - t) / half_life)`` with ``t`` in
epoch seconds (``datetime.timestamp()``).  The compiler has each engine compute
``t`` (SQLite: integer microseconds / 10**6; PostgreSQL: ``date_part('epoch',
…)``; DuckDB: ``epoch_us(…) / 10**6``) and SQLite compute ``power``; these
tests pin each of them to Python's value exactly.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import duckdb
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadrules.sql.layout import to_micros
from leadrules.stores import sqlite as lite
from tests.backends import POSTGRES_URL

instants = st.lists(
    st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2199, 12, 31),
                 timezones=st.just(dt.UTC)),
    min_size=1, max_size=40)
# Ages in half-lives: never negative (events after as_of are never selected).
exponents = st.lists(st.floats(min_value=0, max_value=2000, allow_nan=False),
                     min_size=1, max_size=40)


@pytest.fixture(scope="module")
def pg() -> Iterator[psycopg.Connection]:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        yield conn


@settings(max_examples=60, deadline=None)
@given(exponents)
def test_sqlite_power_is_pythons_power(xs: list[float]) -> None:
    conn = sqlite3.connect(":memory:")
    lite.prepare_connection(conn)
    got = [conn.execute("SELECT power(0.5, ?)", (x,)).fetchone()[0] for x in xs]
    assert got == [0.5 ** x for x in xs]


def test_sqlite_power_falls_back_to_python_where_sqlite_has_none() -> None:
    assert lite._power(0.5, 3.0) == 0.125
    assert lite._power(None, 1.0) is None
    conn = sqlite3.connect(":memory:")
    assert lite.has_builtin_power(conn) == (sqlite3.sqlite_version_info >= (3, 35))


@settings(max_examples=40, deadline=None)
@given(instants)
def test_sqlite_epoch_seconds_are_timestamp(whens: list[dt.datetime]) -> None:
    conn = sqlite3.connect(":memory:")
    got = [conn.execute("SELECT ? / 1000000.0", (to_micros(w),)).fetchone()[0]
           for w in whens]
    assert got == [w.timestamp() for w in whens]


@settings(max_examples=40, deadline=None)
@given(instants)
def test_postgres_date_part_epoch_is_timestamp(pg: psycopg.Connection,
                                               whens: list[dt.datetime]) -> None:
    row = pg.execute("SELECT array_agg(date_part('epoch', w) ORDER BY i) "
                     "FROM unnest(%s::timestamptz[]) WITH ORDINALITY AS u(w, i)",
                     (whens,)).fetchone()
    assert row is not None
    assert row[0] == [w.timestamp() for w in whens]


@settings(max_examples=40, deadline=None)
@given(instants)
def test_duckdb_epoch_us_over_a_million_is_timestamp(whens: list[dt.datetime]) -> None:
    conn = duckdb.connect()
    got = [conn.execute("SELECT epoch_us(?::TIMESTAMPTZ) / 1000000.0", [w]).fetchone()[0]
           for w in whens]
    assert got == [w.timestamp() for w in whens]
