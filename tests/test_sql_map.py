"""``leadrules sql --dialect D --map FILE`` (issue 14 item 4): SQL for the user's own
tables, as the mapping names them, with the engine's lower-casing (no shadow
columns).  The printed SQL is run on each engine over tables made as the
mapping describes them, and must select the leads picked by hand below."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

from leadrules.cli import main
from leadrules.stores.sqlite import prepare_connection
from tests.backends import POSTGRES_URL, unique_name

RULES = """\
segment hot {
  1: tracking { path starts with "/PRICING" and occurred_at within 30 days } count >= 3
  2: lead { email ends with "@example.JP" and tags contains "vip" }
  match 1 and 2
}
"""
MAPPING = """\
[lead]
table = "{schema}contacts"
id = "contact_id"
email = "email_address"
tags = {{ column = "contact_tags", separator = ";" }}
[tracking]
table = "{schema}page_views"
lead_id = "contact_id"
occurred_at = "viewed_at"
path = "page_path"
"""
AS_OF = "2026-11-20T00:00:00Z"
# c1: three pricing views this month, a VIP address -> hot.  c2: two views.
# c3: another domain.  c4: tagged "vipx", not "vip".  c5: the views are too old.
CONTACTS = [("c1", "Hana@Example.jp", "news;VIP"), ("c2", "ken@example.jp", "vip"),
            ("c3", "aoi@example.com", "vip"), ("c4", "sho@example.jp", "vipx"),
            ("c5", "rin@example.jp", "vip")]
VIEWS = ([("c1", f"2026-11-{d:02d} 10:00:00+00", "/pricing/team") for d in (1, 5, 9)]
         + [("c2", f"2026-11-{d:02d} 10:00:00+00", "/pricing") for d in (1, 2)]
         + [(c, f"2026-11-{d:02d} 10:00:00+00", "/pricing") for c in ("c3", "c4")
            for d in (1, 2, 3)]
         + [("c5", f"2026-09-{d:02d} 10:00:00+00", "/pricing") for d in (1, 2, 3)])
HOT = [("c1",)]


def _sql(tmp_path: Path, dialect: str, schema: str, capsys: pytest.CaptureFixture[str]
         ) -> str:
    (tmp_path / "hot.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "map.toml").write_text(MAPPING.format(schema=schema), encoding="utf-8")
    assert main(["sql", str(tmp_path / "hot.rules"), "hot", "--dialect", dialect,
                 "--map", str(tmp_path / "map.toml"), "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    # Only the mapped columns are read from the user's tables: no shadow column.
    for column in ("contact_id", "email_address", "contact_tags", "viewed_at", "page_path"):
        assert column in text, column
    return text


def test_duckdb_runs_the_sql_for_its_own_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _sql(tmp_path, "duckdb", "crm.", capsys)
    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA crm")
    conn.execute("CREATE TABLE crm.contacts (contact_id VARCHAR, email_address VARCHAR, "
                 "contact_tags VARCHAR)")
    conn.execute("CREATE TABLE crm.page_views (contact_id VARCHAR, viewed_at TIMESTAMPTZ, "
                 "page_path VARCHAR)")
    conn.executemany("INSERT INTO crm.contacts VALUES (?, ?, ?)", CONTACTS)
    conn.executemany("INSERT INTO crm.page_views VALUES (?, ?, ?)", VIEWS)
    assert conn.execute(text).fetchall() == HOT


def test_postgres_runs_the_sql_for_its_own_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = unique_name("lr_map")
    text = _sql(tmp_path, "postgres", f"{schema}.", capsys)
    assert _run_on_postgres(schema, text, "timestamptz", VIEWS) == HOT


def _run_on_postgres(schema: str, text: str, viewed_at: str, views: list[Any]) -> list[Any]:
    """The rows of ``text`` over CONTACTS and ``views`` in a new schema (dropped
    after), ``viewed_at`` of the column type given."""
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            conn.execute(f'CREATE TABLE "{schema}".contacts (contact_id text, '
                         "email_address text, contact_tags text)")
            conn.execute(f'CREATE TABLE "{schema}".page_views (contact_id text, '
                         f"viewed_at {viewed_at}, page_path text)")
            with conn.cursor() as cur:
                cur.executemany(f'INSERT INTO "{schema}".contacts VALUES (%s, %s, %s)',
                                CONTACTS)
                cur.executemany(f'INSERT INTO "{schema}".page_views VALUES (%s, %s, %s)',
                                views)
            rows: list[Any] = conn.execute(text.rstrip().rstrip(";")).fetchall()
            return rows
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_sqlite_runs_the_sql_with_the_functions_leadrules_registers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _sql(tmp_path, "sqlite", "", capsys)
    conn = sqlite3.connect(":memory:")
    prepare_connection(conn)  # leadrules_lower / leadrules_micros (docs/stores.md)
    conn.execute("CREATE TABLE contacts (contact_id TEXT, email_address TEXT, "
                 "contact_tags TEXT)")
    conn.execute("CREATE TABLE page_views (contact_id TEXT, viewed_at TEXT, page_path TEXT)")
    conn.executemany("INSERT INTO contacts VALUES (?, ?, ?)", CONTACTS)
    conn.executemany("INSERT INTO page_views VALUES (?, ?, ?)",
                     [(c, t.replace(" ", "T").replace("+00", "Z"), p) for c, t, p in VIEWS])
    assert conn.execute(text).fetchall() == HOT


@pytest.mark.parametrize("dialect", ["spark", "bigquery", "snowflake", "trino"])
def test_warehouse_sql_reads_the_mapped_columns(
        tmp_path: Path, dialect: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = _sql(tmp_path, dialect, "crm.", capsys)
    assert "contacts" in text and "page_views" in text


def test_an_undeclared_field_needs_a_declaration_without_a_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "hot.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "map.toml").write_text(
        MAPPING.format(schema="") + 'score_band = "band"\n', encoding="utf-8")
    assert main(["sql", str(tmp_path / "hot.rules"), "hot", "--dialect", "duckdb",
                 "--map", str(tmp_path / "map.toml")]) == 2
    err = capsys.readouterr().err
    assert "[tracking] score_band" in err and "field tracking.score_band" in err


def test_epoch_columns_become_instants_each_engine_can_compute(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``occurred_at = { column = "viewed_at", epoch = "s" }``: PostgreSQL adds the
    µs as a multiple of an interval (run here, on seconds with a fraction);
    Snowflake has no interval to multiply and Trino's hold milliseconds, so they
    (and BigQuery) read the µs with their own function (parsed back: the node, no
    interval left)."""
    import datetime as dt

    import sqlglot
    from sqlglot import exp
    rules = tmp_path / "hot.rules"
    rules.write_text(RULES, encoding="utf-8")
    schema = unique_name("lr_epoch")

    def sql(dialect: str, prefix: str) -> str:
        mapping = tmp_path / f"{dialect}.toml"
        mapping.write_text(MAPPING.format(schema=prefix).replace(
            'occurred_at = "viewed_at"', 'occurred_at = { column = "viewed_at", epoch = "s" }'),
            encoding="utf-8")
        assert main(["sql", str(rules), "hot", "--dialect", dialect, "--map", str(mapping),
                     "--as-of", AS_OF]) == 0
        return capsys.readouterr().out

    printed = sql("snowflake", "")
    assert printed.count("TO_TIMESTAMP_TZ(") == 1
    tree = sqlglot.parse_one(printed, read="snowflake")
    # sqlglot reads TO_TIMESTAMP_TZ(n, 6) as µs since 1970 to a TIMESTAMPTZ.
    (call,) = tree.find_all(exp.UnixToTime)
    assert call.args["scale"].name == "6" and call.args["target_type"].sql() == "TIMESTAMPTZ"
    assert not list(tree.find_all(exp.Interval))
    # BigQuery: TIMESTAMP_MICROS(µs); Trino (whose intervals hold ms): nanoseconds.
    tree = sqlglot.parse_one(sql("bigquery", ""), read="bigquery")
    (call,) = tree.find_all(exp.UnixToTime)
    assert call.args["scale"] == exp.UnixToTime.MICROS
    assert not list(tree.find_all(exp.Interval))
    tree = sqlglot.parse_one(sql("trino", ""), read="trino")
    (nanos,) = [f for f in tree.find_all(exp.Anonymous) if f.name == "FROM_UNIXTIME_NANOS"]
    assert isinstance(nanos.expressions[0], exp.Mul) and nanos.expressions[0].expression.name \
        == "1000"
    assert not list(tree.find_all(exp.Interval))
    text = sql("postgres", f"{schema}.")
    seconds = [(c, dt.datetime.fromisoformat(t).timestamp() + 0.25, p) for c, t, p in VIEWS]
    assert _run_on_postgres(schema, text, "double precision", seconds) == HOT
