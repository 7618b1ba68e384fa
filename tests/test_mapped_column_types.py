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


# ------------------------------------------ epoch of 32-bit integers (round 2, reach 2)

# 1763510400 s is 20,411 days of 86,400 s: 2025-11-19T00:00Z (1970 + 55 years of 365
# days + 14 leap days = 20,089 days to 2025-01-01, + 322 days to 19 November).
_SECONDS = 1763510400
_INSTANT = dt.datetime(2025, 11, 19, tzinfo=UTC)
_EPOCH_RULES = lr.parse("segment recent { match created_at after 2025-01-01 }\n"
                        "segment viewed { match tracking { occurred_at after 2025-11-18 } "
                        "exists }")
# (column type, value as SQL, epoch unit, the instant by hand)
_EPOCH_COLUMNS = [
    ("INTEGER", str(_SECONDS), "s", _INSTANT),
    ("DECIMAL(18,3)", f"{_SECONDS}.123", "s", _INSTANT + dt.timedelta(milliseconds=123)),
    ("DECIMAL(18,6)", f"{_SECONDS}.123457", "s", _INSTANT + dt.timedelta(microseconds=123457)),
    ("DECIMAL(18,3)", f"{_SECONDS}123.456", "ms", _INSTANT + dt.timedelta(microseconds=123456)),
]


def _epoch_mapping(unit: str, table: str = "contacts", views: str = "views",
                   ) -> dict[str, Any]:
    return {"lead": {"table": table, "id": "id", "created_at": {"column": "t", "epoch": unit}},
            "tracking": {"table": views, "lead_id": "id",
                         "occurred_at": {"column": "t", "epoch": unit}}}


def _check_epoch(store: Any, want: dt.datetime) -> None:
    lead = store.lead("a")
    assert lead is not None and lead["created_at"] == want
    assert [e["occurred_at"] for e in store.events_of("a")["tracking"]] == [want]
    assert _EPOCH_RULES.segment("recent").select(store, as_of="2026-12-01") == ["a"]
    assert _EPOCH_RULES.segment("viewed").select(store, as_of="2026-12-01") == ["a"]


@pytest.mark.parametrize(("column_type", "value", "unit", "want"), _EPOCH_COLUMNS)
def test_duckdb_epoch_of_32_bit_integers_and_decimals(
        column_type: str, value: str, unit: str, want: dt.datetime) -> None:
    import duckdb
    conn = duckdb.connect()
    for table in ("contacts", "views"):
        conn.execute(f"CREATE TABLE {table} (id VARCHAR, t {column_type})")
        conn.execute(f"INSERT INTO {table} VALUES ('a', {value})")
    _check_epoch(lr.DuckDBStore(conn, mapping=_epoch_mapping(unit)), want)


@pytest.mark.parametrize(("column_type", "value", "unit", "want"), [
    *_EPOCH_COLUMNS, ("smallint", "20000", "s", dt.datetime(1970, 1, 1, 5, 33, 20, tzinfo=UTC))])
def test_postgres_epoch_of_32_bit_integers_and_numerics(
        pg_zoned: tuple[psycopg.Connection[Any], str], column_type: str, value: str,
        unit: str, want: dt.datetime) -> None:
    conn, schema = pg_zoned
    for table in ("contacts", "views"):
        conn.execute(f"CREATE TABLE {schema}.{table} (id text, t {column_type})")
        conn.execute(f"INSERT INTO {schema}.{table} VALUES ('a', {value})")
    store = PostgresStore(conn, schema_name=schema, mapping=_epoch_mapping(unit))
    # 20000 s is 5 h 33 min 20 s: too early for the rules, read exactly still.
    if column_type == "smallint":
        lead = store.lead("a")
        assert lead is not None and lead["created_at"] == want
        return
    _check_epoch(store, want)


def test_a_pandas_int32_epoch_column() -> None:
    import pandas as pd
    seconds = pd.array([_SECONDS], dtype="int32")
    store = lr.open_store({"lead": pd.DataFrame({"id": ["a"], "t": seconds}),
                           "tracking": pd.DataFrame({"id": ["a"], "t": seconds})},
                          mapping=_epoch_mapping("s", "lead", "tracking"))
    _check_epoch(store, _INSTANT)


def test_sql_map_prints_an_epoch_read_that_a_32_bit_column_can_run(
        tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """`leadrules sql --map` does not know the column's type: what it prints (what the
    store runs) multiplies by a BIGINT, so an INTEGER column of seconds runs too."""
    import duckdb

    from leadrules.cli import main
    from tests.backends import unique_name
    from tests.test_sql_map import CONTACTS, HOT, MAPPING, RULES, VIEWS, _run_on_postgres
    (tmp_path / "hot.rules").write_text(RULES, encoding="utf-8")
    seconds = [(c, int(dt.datetime.fromisoformat(t).timestamp()), p) for c, t, p in VIEWS]

    def printed(dialect: str, prefix: str) -> str:
        mapping = tmp_path / "map.toml"
        mapping.write_text(MAPPING.format(schema=prefix).replace(
            'occurred_at = "viewed_at"', 'occurred_at = { column = "viewed_at", epoch = "s" }'),
            encoding="utf-8")
        assert main(["sql", str(tmp_path / "hot.rules"), "hot", "--dialect", dialect,
                     "--map", str(mapping), "--as-of", "2026-11-20T00:00:00Z"]) == 0
        return capsys.readouterr().out

    conn = duckdb.connect()
    conn.execute("CREATE TABLE contacts (contact_id VARCHAR, email_address VARCHAR, "
                 "contact_tags VARCHAR)")
    conn.execute("CREATE TABLE page_views (contact_id VARCHAR, viewed_at INTEGER, "
                 "page_path VARCHAR)")
    conn.executemany("INSERT INTO contacts VALUES (?, ?, ?)", CONTACTS)
    conn.executemany("INSERT INTO page_views VALUES (?, ?, ?)", seconds)
    assert conn.execute(printed("duckdb", "")).fetchall() == HOT
    schema = unique_name("lr_epoch32")
    assert _run_on_postgres(schema, printed("postgres", f"{schema}."), "integer",
                            seconds) == HOT


# ------------------------------- SQLite columns without a declared type (round 2, reach 3)


def test_sqlite_view_columns_without_a_type_read_as_text_for_text_fields(
        tmp_path: Any) -> None:
    """A view's computed column (pid + 0, COALESCE(zip, 'none')) has no declared type:
    its integers are read as their text, as an INTEGER column's are, so the ids join
    the events and `=` agrees with `starts with`.  A real reads as SQLite writes it
    (1.5 is '1.5', 2.0 is '2.0')."""
    import sqlite3
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.executescript("""
        CREATE TABLE people (pid INTEGER PRIMARY KEY, zip INTEGER, score REAL);
        CREATE TABLE visits (pid INTEGER, at TEXT, page TEXT);
        INSERT INTO people VALUES (1, 100, 1.5), (2, NULL, 2.0);
        INSERT INTO visits VALUES (1, '2026-11-01T00:00:00Z', '/pricing'),
                                  (2, '2026-11-02T00:00:00Z', '/pricing');
        CREATE VIEW leads_v AS SELECT pid + 0 AS id, COALESCE(zip, 'none') AS region,
                                      score * 1 AS band FROM people;
        CREATE VIEW visits_v AS SELECT COALESCE(pid, 0) AS lead_id, at, page FROM visits;
    """)
    conn.commit()
    rules = lr.parse('''
        segment visited { match tracking exists }
        segment r100 { match region = "100" }
        segment r1 { match region starts with "1" }
        segment none { match region in ("none") }
        segment band2 { match company = "2.0" }
    ''')
    for views in ("visits", "visits_v"):  # an INTEGER lead_id, then a computed one
        store = lr.SQLiteStore(tmp_path / "app.db", mapping={
            "lead": {"table": "leads_v", "id": "id", "region": "region", "company": "band"},
            "tracking": {"table": views, "lead_id": "pid" if views == "visits" else "lead_id",
                         "occurred_at": "at", "path": "page"}})
        got = {s: rules.segment(s).select(store, as_of="2026-12-01")
               for s in ("visited", "r100", "r1", "none", "band2")}
        assert got == {"visited": ["1", "2"], "r100": ["1"], "r1": ["1"], "none": ["2"],
                       "band2": ["2"]}, views
        lead = store.lead("1")
        assert lead is not None
        assert (lead["id"], lead["region"], lead["company"]) == ("1", "100", "1.5")
        assert [lead["id"] for lead in store.leads()] == ["1", "2"]


# ------------------------------------------------- PostgreSQL URLs (round 2, reach 4)


def test_postgres_url_parameters_other_than_schema_reach_libpq_as_written(
        pg_zoned: tuple[psycopg.Connection[Any], str]) -> None:
    """`?options=-c%20statement_timeout%3D5000`: re-encoded, the space became '+',
    which libpq does not decode (`unrecognized configuration parameter
    "+statement_timeout"`)."""
    from leadrules.stores.postgres import split_url
    conn, schema = pg_zoned
    conn.execute(f"CREATE TABLE {schema}.contacts (id text)")
    conn.execute(f"INSERT INTO {schema}.contacts VALUES ('a')")
    options = "options=-c%20statement_timeout%3D5000"
    url = f"{PG}?{options}&schema={schema}&application_name=a+b"
    assert split_url(url) == (f"{PG}?{options}&application_name=a+b", schema)
    assert split_url(f"{PG}?{options}") == (f"{PG}?{options}", None)
    store = PostgresStore(url, mapping={"lead": {"table": "contacts", "id": "id"}})
    try:
        assert store.schema_name == schema
        assert store._conn.execute("SHOW statement_timeout").fetchone() == ("5s",)
        assert [lead["id"] for lead in store.leads()] == ["a"]
    finally:
        store.close()


# ---------------------------------------- '%' in a PostgreSQL mapping (round 2, reach 5)


def test_postgres_mapping_with_percent_in_names_and_separator(
        pg_zoned: tuple[psycopg.Connection[Any], str]) -> None:
    """A column "discount%", a table "deals%" and `separator = "%"` are written into
    the SQL, where psycopg took a lone '%' for a placeholder and failed."""
    conn, schema = pg_zoned
    conn.execute(f'CREATE TABLE {schema}."deals%" (id text, "discount%" double precision, '
                 '"co%" text, tags text)')
    conn.execute(f"INSERT INTO {schema}.\"deals%\" VALUES ('a', 5, '100% off', 'vip%news'), "
                 "('b', 0.5, 'plain', 'news')")
    rules = lr.parse('field lead.discount number\n'
                     'segment big { match discount > 1 }\n'
                     'segment vip { match tags contains "vip" }\n'
                     'segment news { match tags contains "news" }\n'
                     'segment off { match company contains "0% o" }\n')
    store = PostgresStore(conn, schema_name=schema, schema=rules.schema, mapping={
        "lead": {"table": "deals%", "id": "id", "discount": "discount%", "company": "co%",
                 "tags": {"column": "tags", "separator": "%"}}})
    got = {s: rules.segment(s).select(store, as_of="2026-12-01")
           for s in ("big", "vip", "news", "off")}
    assert got == {"big": ["a"], "vip": ["a"], "news": ["a", "b"], "off": ["a"]}
    lead = store.lead("a")
    assert lead is not None
    assert (lead["discount"], lead["company"], lead["tags"]) == (5.0, "100% off",
                                                                  ("vip", "news"))


def test_duckdb_fixed_size_arrays_are_lists_of_text() -> None:
    # VARCHAR[2], DuckDB's ARRAY type (a pyarrow fixed_size_list reads as one too),
    # was refused as "VARCHAR[2] in the database but list of text in the rules".
    import duckdb
    import pyarrow as pa
    conn = duckdb.connect()
    conn.execute("CREATE TABLE contacts (cid VARCHAR, tags VARCHAR[2])")
    conn.execute("INSERT INTO contacts VALUES ('A', ['vip', 'b']), ('B', ['x', NULL]), "
                 "('C', NULL)")
    rules = lr.parse('segment v "V" { 1: lead { tags contains "VIP" } }\n'
                     'segment w "W" { 1: lead { tags not exists } }\n'
                     'segment x "X" { 1: lead { tags not contains "vip" } }\n')
    mapping = {"lead": {"table": "contacts", "id": "cid", "tags": "tags"}}
    frame = pa.table({"cid": ["A", "B", "C"], "tags": pa.array(
        [["vip", "b"], ["x", None], None], type=pa.list_(pa.string(), 2))})
    for store in (lr.DuckDBStore(conn, mapping=mapping),
                  lr.open_store({"contacts": frame}, mapping=mapping)):
        assert rules.segment("v").select(store, as_of="2026-01-01") == ["A"]
        assert rules.segment("w").select(store, as_of="2026-01-01") == ["C"]
        assert rules.segment("x").select(store, as_of="2026-01-01") == ["B", "C"]
        assert [lead["tags"] for lead in store.leads()] == [("vip", "b"), ("x",), None]


@pytest.mark.parametrize("declared", ["TIMESTAMP", "DATETIME", "DATE"])
def test_sqlite_date_and_time_columns_of_epoch_numbers(declared: str) -> None:
    # SQLite gives these types NUMERIC affinity: an application's epoch seconds are
    # numbers there; `epoch` was refused ("this column holds text").
    import sqlite3
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE contacts (cid TEXT, made {declared})")
    conn.execute(f"CREATE TABLE views (cid TEXT, ts {declared}, path TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('A', 1763510400), ('B', NULL)")
    conn.execute("INSERT INTO views VALUES ('A', 1763510400, '/p'), ('B', 1763596800.5, '/p')")
    mapping = {"lead": {"table": "contacts", "id": "cid",
                        "created_at": {"column": "made", "epoch": "s"}},
               "tracking": {"table": "views", "lead_id": "cid", "path": "path",
                            "occurred_at": {"column": "ts", "epoch": "s"}}}
    store = lr.SQLiteStore(conn, mapping=mapping)
    rules = lr.parse('segment late "L" { 1: tracking { occurred_at >= 2025-11-20 } }')
    assert rules.segment("late").select(store, as_of="2026-01-01") == ["B"]
    assert [lead["created_at"] for lead in store.leads()] == [
        dt.datetime(2025, 11, 19, tzinfo=dt.UTC), None]
