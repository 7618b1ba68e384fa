"""Every store query runs under a time limit the caller sets (``timeout=``,
``--timeout``), and a PostgreSQL query whose client dies is cancelled by the server.

Each store gets a query made slow on purpose: its ``lead`` table is replaced by
a view that first counts a huge generated set (a cross join of two number
series on PostgreSQL and DuckDB, a recursive CTE on SQLite; in memory, reading
each lead's events takes a millisecond).  Unbounded, each would run for
minutes; under a 1 s limit it must stop near 1 s with ``QueryTimeout``, and
the store must answer the next query (the view made quick again) exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules.errors import QueryTimeout, UsageError
from leadrules.limits import check_timeout
from leadrules.memory import MemoryStore
from leadrules.stores import duckdb as duck
from leadrules.stores import postgres as pg
from leadrules.stores import sqlite as lite
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.postgres import PostgresStore
from leadrules.stores.sqlite import SQLiteStore
from tests.backends import POSTGRES_URL, unique_name

RULES = 'segment acme {\n  match lead { company = "acme" }\n}\n'
# A diamond of segments: SQLite runs its query staged (each CTE a TEMP table).
DIAMOND = RULES + "".join(
    f'segment d{i} {{\n  1: segment {"acme" if i == 0 else f"d{i - 1}"}\n'
    f'  2: lead {{ status != "lost" }}\n  match (1 and 2) or (1 and not 2)\n}}\n'
    for i in range(12))
COMPANIES = ["acme", "Acme", "other", None, "ACME", "acmes"]
WANT = ["L0", "L1", "L4"]  # company = "acme" ignores case; None and "acmes" do not match
LIMIT = 1.0
SLACK = 3.0  # how much later than the limit a query may stop on a busy machine


def _data() -> MemoryStore:
    return MemoryStore([{"id": f"L{i}", "company": c, "status": "open",
                         "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
                        for i, c in enumerate(COMPANIES)])


# The slow views: each counts a set that takes minutes to generate.
SLOW_SQLITE = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
               "WHERE x < 4000000000) SELECT * FROM lead_data WHERE (SELECT count(*) "
               "FROM n) > 0")
SLOW_POSTGRES = ("SELECT * FROM {s}.lead_data WHERE (SELECT count(*) FROM "
                 "generate_series(1, 200000) a, generate_series(1, 200000) b "
                 "WHERE a + b > 0) > 0")
SLOW_DUCKDB = ("SELECT * FROM lead_data WHERE (SELECT count(*) FROM range(2000000) a, "
               "range(2000000) b WHERE a.range + b.range >= 0) > 0")


class SlowMemoryStore(MemoryStore):
    """Reading a lead's events takes ``delay`` seconds: 20,000 leads take 20 s."""

    delay = 0.001

    def events_of(self, lead_id: str) -> dict[str, list[dict[str, Any]]]:
        if self.delay:
            time.sleep(self.delay)
        return super().events_of(lead_id)


class Slow:
    """A store whose lead table is slow to read, and a switch making it quick."""

    def __init__(self, store: Any, quick: Callable[[], None], close: Callable[[], None]
                 ) -> None:
        self.store, self.quick, self.close = store, quick, close


def _sqlite(conn: sqlite3.Connection) -> Callable[[], None]:
    lite.write(conn, _data())
    conn.execute("ALTER TABLE lead RENAME TO lead_data")
    conn.execute(f"CREATE VIEW lead AS {SLOW_SQLITE}")
    conn.commit()

    def quick() -> None:
        conn.execute("DROP VIEW lead")
        conn.execute("CREATE VIEW lead AS SELECT * FROM lead_data")
        conn.commit()
    return quick


def _postgres_schema(conn: psycopg.Connection[Any], schema: str) -> Callable[[], None]:
    with conn.transaction():
        pg.write(conn, _data(), schema)
        conn.execute(f'ALTER TABLE "{schema}".lead RENAME TO lead_data')
        conn.execute(f'CREATE VIEW "{schema}".lead AS ' + SLOW_POSTGRES.format(s=f'"{schema}"'))

    def quick() -> None:
        conn.execute(f'CREATE OR REPLACE VIEW "{schema}".lead AS SELECT * FROM '
                     f'"{schema}".lead_data')
    return quick


@pytest.fixture()
def pg_conn() -> Iterator[tuple[psycopg.Connection[Any], str]]:
    schema = unique_name("lr_timeout")
    conn = psycopg.connect(POSTGRES_URL, autocommit=True)
    try:
        yield conn, schema
    finally:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.close()


def _slow(kind: str, pg_conn: tuple[psycopg.Connection[Any], str]) -> Slow:
    if kind == "memory":
        data = _data()
        leads = [{"id": f"M{i}", "company": "other", "status": "open"} for i in range(20_000)]
        store = SlowMemoryStore([*data.leads(), *leads], timeout=LIMIT)

        def quick() -> None:
            store.delay = 0
        return Slow(store, quick, lambda: None)
    if kind == "sqlite":
        conn = sqlite3.connect(":memory:")
        quick_lite = _sqlite(conn)
        return Slow(SQLiteStore(conn, timeout=LIMIT), quick_lite, conn.close)
    if kind == "duckdb":
        dconn = duckdb.connect()
        duck.write(dconn, _data())
        dconn.execute("ALTER TABLE lead RENAME TO lead_data")
        dconn.execute(f"CREATE VIEW lead AS {SLOW_DUCKDB}")

        def quick_duck() -> None:
            dconn.execute("CREATE OR REPLACE VIEW lead AS SELECT * FROM lead_data")
        return Slow(DuckDBStore(dconn, timeout=LIMIT), quick_duck, dconn.close)
    conn, schema = pg_conn
    quick_pg = _postgres_schema(conn, schema)
    return Slow(PostgresStore(conn, schema_name=schema, timeout=LIMIT), quick_pg, lambda: None)


STORES = ("memory", "sqlite", "postgres", "duckdb")


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("rules_text", [RULES, DIAMOND], ids=["segment", "diamond"])
def test_timeout_stops_a_slow_query_near_the_limit_on_every_store(
        kind: str, rules_text: str, pg_conn: tuple[psycopg.Connection[Any], str]) -> None:
    slow = _slow(kind, pg_conn)
    try:
        rules = lr.parse(rules_text)
        name = "acme" if rules_text is RULES else "d11"
        started = time.monotonic()
        with pytest.raises(QueryTimeout) as caught:
            rules.segment(name).select(slow.store, as_of="2026-06-01")
        took = time.monotonic() - started
        assert LIMIT * 0.9 <= took < LIMIT + SLACK, f"stopped after {took:.2f} s"
        assert caught.value.limit == LIMIT
        assert caught.value.code == "timeout"
        message = caught.value.render()
        assert "time limit of 1 s" in message and "--timeout SECONDS" in message
        # The store is usable afterwards, and answers exactly (a busy machine
        # may need more than a second for it).
        slow.quick()
        slow.store.timeout = 30
        assert rules.segment(name).select(slow.store, as_of="2026-06-01") == WANT
    finally:
        slow.close()


def test_timeout_leaves_no_staged_table_behind_on_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    quick = _sqlite(conn)
    store = SQLiteStore(conn, timeout=LIMIT)
    with pytest.raises(QueryTimeout):
        lr.parse(DIAMOND).segment("d11").select(store, as_of="2026-06-01")
    assert conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    quick()
    store.timeout = 30
    assert lr.parse(DIAMOND).segment("d11").select(store, as_of="2026-06-01") == WANT


def test_timeout_on_postgres_leaves_the_callers_transaction_usable(
        pg_conn: tuple[psycopg.Connection[Any], str]) -> None:
    conn, schema = pg_conn
    _postgres_schema(conn, schema)
    store = PostgresStore(conn, schema_name=schema, timeout=0.5)
    with conn.transaction():
        conn.execute("CREATE TEMP TABLE lr_mine (x int)")
        with pytest.raises(QueryTimeout):
            lr.parse(RULES).segment("acme").select(store, as_of="2026-06-01")
        conn.execute("INSERT INTO lr_mine VALUES (1)")  # the transaction is not aborted
        assert conn.execute("SELECT count(*) FROM lr_mine").fetchone() == (1,)
        # The limit was local to the query: the session's own is unchanged.
        assert conn.execute("SHOW statement_timeout").fetchone() == ("0",)


def test_a_quick_query_under_a_timeout_answers_as_without(tmp_path: Path) -> None:
    data = _data()
    rules = lr.parse(DIAMOND)
    conn = sqlite3.connect(tmp_path / "s.db")
    lite.write(conn, data)
    conn.close()
    dconn = duckdb.connect()
    duck.write(dconn, data)
    stores = [MemoryStore(data.leads(), timeout=30), SQLiteStore(tmp_path / "s.db", timeout=30),
              DuckDBStore(dconn, timeout=30)]
    for store in stores:
        for name in ("acme", "d11"):
            assert rules.segment(name).select(store, as_of="2026-06-01") == WANT
        assert [r[0] for r in rules.segment("acme").leads(store, as_of="2026-06-01").rows] \
            == WANT
        assert store.lead("L0") is not None


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "5", True])
def test_a_timeout_must_be_a_positive_number_of_seconds(bad: Any) -> None:
    with pytest.raises(UsageError, match="timeout must be a positive number of seconds"):
        check_timeout(bad)
    with pytest.raises(UsageError):
        MemoryStore(timeout=bad)
    with pytest.raises(UsageError):
        SQLiteStore(sqlite3.connect(":memory:"), timeout=bad)


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "leadrules", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def test_timeout_on_the_command_line_exits_1_with_the_limit_named(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "slow.db")
    _sqlite(conn)
    conn.close()
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    started = time.monotonic()
    process = _cli("segment", str(tmp_path / "r.rules"), "acme", "--data",
                   str(tmp_path / "slow.db"), "--timeout", "1", "--as-of", "2026-06-01")
    out, err = process.communicate(timeout=60)
    took = time.monotonic() - started
    assert process.returncode == 1, err
    assert out == ""
    assert err.splitlines()[0] == ("leadrules: error: the query ran longer than its time "
                                   "limit of 1 s on SQLite and was stopped")
    assert "Traceback" not in err
    assert took < 1 + SLACK + 3  # start-up included


@pytest.mark.parametrize("value", ["0", "-3", "soon", "inf"])
def test_a_bad_timeout_on_the_command_line_is_a_usage_error(value: str, tmp_path: Path) -> None:
    process = _cli("segment", "r.rules", "acme", "--data", str(tmp_path), "--timeout", value)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "is not a positive number of seconds" in err and "Traceback" not in err


def _active(conn: psycopg.Connection[Any], application: str) -> list[int]:
    rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                        (application,)).fetchall()
    return [int(r[0]) for r in rows]


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 and the server's client check")
def test_kill_9_of_a_client_cancels_its_query_on_the_server(
        pg_conn: tuple[psycopg.Connection[Any], str], tmp_path: Path) -> None:
    conn, schema = pg_conn
    _postgres_schema(conn, schema)
    (tmp_path / "r.rules").write_text(RULES, encoding="utf-8")
    application = unique_name("lr_kill")
    url = f"{POSTGRES_URL}?schema={schema}&application_name={application}"
    # No --timeout: only the server's check of its client can end the query.
    process = _cli("segment", str(tmp_path / "r.rules"), "acme", "--data", url,
                   "--as-of", "2026-06-01")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE "
                               "application_name = %s AND state = 'active' AND query LIKE %s",
                               (application, '%"lead"%')).fetchone()
            if row is not None and row[0] > 0:
                break
            time.sleep(0.05)
        else:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"the query never started: {process.communicate(timeout=10)}")
        time.sleep(0.5)  # well inside the query, which runs for minutes
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        killed = time.monotonic()
        while _active(conn, application) and time.monotonic() < killed + 10:
            time.sleep(0.05)
        gone = time.monotonic() - killed
        assert not _active(conn, application), "the server still runs the killed query"
        assert gone < 5, f"the server took {gone:.1f} s to cancel"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in _active(conn, application):
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
