"""Values of the user's own tables read as the folder reads them, on every engine
(docs/stores.md, "Your own tables"): ISO-8601 text in one grammar, whatever the
engine's time zone; PostgreSQL ``char(n)`` without its padding; SQLite's values of
another storage class than their column's; times outside years 1-9999.

Each expected value comes from the in-memory store given the same value (the
oracle), or is written out by hand where the folder would refuse the value (a
mapped table's is missing instead) -- never from another SQL store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules.errors import DataError
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.postgres import PostgresStore
from leadrules.stores.sqlite import SQLiteStore

PG = "postgresql://postgres@127.0.0.1:5432/test"
ZONE = "Asia/Tokyo"  # east of UTC: a bare date read in it is the day before, 15:00
AS_OF = "2030-01-01T00:00:00Z"
UTC = dt.UTC

# In the grammar: read as the in-memory store reads the same text.
READ = ["2026-11-01", "2026-11-19T10:00", "2026-11-19 10:00", "2026-11-19T10:00:30",
        "2026-11-19T10:00:30.5", "2026-11-19T10:00:30.123456", "2026-11-19T10:00:00Z",
        "2026-11-19T10:00:00+09:00", "2026-11-19T10:00:00+0900", "2026-11-19T10:00:00+09",
        "2026-11-19T10:00:00-05:30", "2026-11-19T23:59:59.999999-23:59",
        " 2026-11-19 ", "\t2026-11-19T10:00Z\n", "2024-02-29", "2000-02-29T00:00",
        "0001-01-01T00:00:00Z", "9999-12-30T23:59:59.999999", "2026-12-31T23:00:00-01:00"]
# Outside it: missing (a text that is no time), and refused by a folder (it read
# a few its own way, as Python's fromisoformat takes more than ISO's extended
# form: 2026-11-01+09:00 was 09:00 UTC).
MISSING = ["2026-11-19 10:00:00 EST", "2026-11-19 10:00:00 America/New_York",
           "20261119T100000Z", "2026-11-19T10:00:00,5Z", "11/19/2026 10:00",
           "Thu, 19 Nov 2026 10:00:00 GMT", "2026-11-19T10:00:60Z", "2026-11-19T10:00:00UTC",
           "2026-11-19T24:00:00", "2026-11-19T10:00:00.1234567Z", "2026-02-30", "2023-02-29",
           "1900-02-29", "2026-04-31", "2026-13-01", "0000-01-01", "2026-11-19T10",
           "2026-11-01+09:00", "2026-11-19T10:00:00+24:00", "2026-11-19T10:00:00z",
           "yesterday", "now", "abc", "2026", "2026-11", "+2026-11-19",
           # in the grammar, but before year 1 / after 9999 in UTC
           "0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00"]


def _oracle(text: str) -> dt.datetime:
    memory = lr.MemoryStore([{"id": "x", "created_at": text}])
    when = memory.lead("x")
    assert when is not None and when["created_at"] is not None, text
    return when["created_at"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("text", MISSING)
def test_a_text_the_mapped_grammar_leaves_out_is_refused_by_a_folder(text: str) -> None:
    """What every mapped store reads as missing, a folder (and records from Python)
    refuses with the row's error: never an instant of its own."""
    with pytest.raises(DataError, match=r"is not an ISO-8601 date or datetime|is outside"):
        lr.MemoryStore([{"id": "x", "created_at": text}])


@pytest.mark.parametrize("text", ["20261101", "2026-W44-7", "2026-11-01x09:00",
                                  "2026-11-01T0900", "2026-11-01T09:00.5", "2026-11-01T09+09",
                                  "2026-11-19T10:00:00+09:00:30"])
def test_forms_only_python_reads_are_refused_by_a_folder(text: str) -> None:
    with pytest.raises(DataError, match="is not an ISO-8601 date or datetime"):
        lr.MemoryStore([{"id": "x", "created_at": text}])


def _want() -> dict[str, dt.datetime | None]:
    want: dict[str, dt.datetime | None] = {f"r{i}": _oracle(t) for i, t in enumerate(READ)}
    want |= {f"m{i}": None for i in range(len(MISSING))}
    return want


def _rows() -> list[tuple[str, str]]:
    return [(f"r{i}", t) for i, t in enumerate(READ)] + [
        (f"m{i}", t) for i, t in enumerate(MISSING)]


MAPPING = {"lead": {"table": "contacts", "id": "cid", "created_at": "made"},
           "tracking": {"table": "views", "lead_id": "cid", "occurred_at": "seen",
                        "path": "p"}}


def _check_iso(store: Any, name: str) -> None:
    want = _want()
    got = {i: store.lead(i)["created_at"] for i in want}
    assert got == want, name
    # An event whose time is no time is not an event (left out, as an import refuses it).
    times = {i: [e["occurred_at"] for e in store.events_of(i)["tracking"]] for i in want}
    assert times == {i: [] if w is None else [w] for i, w in want.items()}, name
    # The segments as the in-memory store answers them on the texts it reads (the
    # others missing: no created_at, no event).
    memory = lr.MemoryStore([{"id": i, "created_at": t if i[0] == "r" else None}
                             for i, t in _rows()],
                            {"tracking": [{"lead_id": i, "occurred_at": t, "path": "/p"}
                                          for i, t in _rows() if i[0] == "r"]})
    rules = lr.parse("segment seen { 1: tracking exists\n match 1 }\n"
                     "segment made { match created_at exists }\n")
    for segment in ("seen", "made"):
        want_ids = rules.segment(segment).select(memory, AS_OF)
        assert want_ids and rules.segment(segment).select(store, AS_OF) == want_ids, name


@pytest.fixture
def pg_schema() -> Iterator[tuple[psycopg.Connection[Any], str]]:
    """A connection whose session zone is not UTC, and a schema of its own."""
    schema = f"mapread_{uuid.uuid4().hex[:8]}"
    conn = psycopg.connect(PG, autocommit=True, options=f"-c timezone={ZONE}")
    conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield conn, schema
    finally:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def _zoned_duckdb() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    conn.execute(f"SET TimeZone = '{ZONE}'")
    return conn


# ------------------------------------------------------------ ISO text (items 1, 2)


def test_iso_text_on_sqlite(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.execute("CREATE TABLE contacts (cid TEXT, made TEXT)")
    conn.execute("CREATE TABLE views (cid TEXT, seen TEXT, p TEXT)")
    conn.executemany("INSERT INTO contacts VALUES (?, ?)", _rows())
    conn.executemany("INSERT INTO views VALUES (?, ?, '/p')", _rows())
    conn.commit()
    _check_iso(SQLiteStore(conn, mapping=MAPPING), "sqlite")


def test_iso_text_on_postgres_in_another_zone(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    conn, schema = pg_schema
    conn.execute(f"CREATE TABLE {schema}.contacts (cid text, made text)")
    conn.execute(f"CREATE TABLE {schema}.views (cid text, seen text, p text)")
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {schema}.contacts VALUES (%s, %s)", _rows())
        cur.executemany(f"INSERT INTO {schema}.views VALUES (%s, %s, '/p')", _rows())
    # Text outside the grammar is missing here too, not a PostgreSQL cast error.
    _check_iso(PostgresStore(conn, schema_name=schema, mapping=MAPPING), "postgres")


def test_iso_text_on_duckdb_in_another_zone() -> None:
    conn = _zoned_duckdb()
    conn.execute("CREATE TABLE contacts (cid VARCHAR, made VARCHAR)")
    conn.execute("CREATE TABLE views (cid VARCHAR, seen VARCHAR, p VARCHAR)")
    conn.executemany("INSERT INTO contacts VALUES (?, ?)", _rows())
    conn.executemany("INSERT INTO views VALUES (?, ?, '/p')", _rows())
    _check_iso(DuckDBStore(conn, mapping=MAPPING), "duckdb")


def test_a_bare_date_in_a_frame_is_utc_midnight_whatever_the_zone() -> None:
    """The report's case: open_store's DuckDB connection takes the process's zone."""
    import os
    import subprocess
    import sys
    code = ("import leadrules as lr, pandas as pd; st = lr.open_store({'lead': pd.DataFrame("
            "{'id': ['A'], 'created_at': ['2026-11-01']})}); "
            "print(st.lead('A')['created_at'].isoformat())")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TZ": ZONE},
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == _oracle("2026-11-01").isoformat() == "2026-11-01T00:00:00+00:00"


# test_iso_text_on_spark_in_another_zone is in tests/test_spark.py, whose worker
# holds the suite's one Spark session (a second would start a second JVM).


# ------------------------------------------------------------ char(n) (item 3)


def test_postgres_char_n_reads_without_its_padding(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    conn, schema = pg_schema
    conn.execute(f"CREATE TABLE {schema}.contacts (cid char(4), company char(6), "
                 "region character(3))")
    conn.execute(f"INSERT INTO {schema}.contacts VALUES ('A', 'ab', 'eu'), ('B', '', NULL), "
                 "('C', 'x b', 'us')")
    store = PostgresStore(conn, schema_name=schema, mapping={"lead": {
        "table": "contacts", "id": "cid", "company": "company", "region": "region"}})
    # The oracle: the same values in a folder (char(n)'s '' is '': missing).
    memory = lr.MemoryStore([{"id": "A", "company": "ab", "region": "eu"},
                             {"id": "B", "company": "", "region": None},
                             {"id": "C", "company": "x b", "region": "us"}])
    for i in "ABC":
        assert store.lead(i) == memory.lead(i), i
    rules = lr.parse('segment b_end { match company matches "b$" }\n'
                     'segment ab { match company = "ab" and region ends with "u" }\n'
                     'segment long { match company starts with "x b" }\n')
    for segment in ("b_end", "ab", "long"):
        want = rules.segment(segment).select(memory, AS_OF)
        assert want and rules.segment(segment).select(store, AS_OF) == want, segment
    shown = rules.segment("ab").explain("A", store=store, as_of=AS_OF)
    assert shown.result and "'ab    '" not in str(shown.render() if hasattr(
        shown, "render") else shown)


def test_postgres_numeric_values_beyond_a_double_read_as_a_file_s_cell_would(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    """A ``numeric`` holds numbers no double can: those ``float()`` makes infinite are
    missing (as a file's ``1e400`` is), those it makes 0 are 0; the cast to a double
    would raise "out of range" and fail every query of the table."""
    conn, schema = pg_schema
    cells = {"big": "1e400", "neg": "-1e400", "tiny": "1e-400", "ntiny": "-1e-400",
             "nan": "NaN", "max": "1.7976931348623157e308", "sub": "4.9e-324", "five": "5",
             "below": str(2 ** 1024 - 2 ** 970 - 1), "at": str(2 ** 1024 - 2 ** 970),
             "half": f"{5 ** 1075}e-1075", "above": f"{5 ** 1075 + 1}e-1075"}
    conn.execute(f"CREATE TABLE {schema}.c (cid text, emp numeric)")
    conn.cursor().executemany(f"INSERT INTO {schema}.c VALUES (%s, %s::numeric)",
                              list(cells.items()))
    store = PostgresStore(conn, schema_name=schema, mapping={"lead": {
        "table": "c", "id": "cid", "employees": "emp"}})
    for cid, cell in cells.items():
        number = float(cell)  # the oracle: Python's reading of the same text
        want = None if number != number or abs(number) == float("inf") else number
        assert store.lead(cid).get("employees") == want, cid
    rules = lr.parse("segment s { match employees >= 0 }\n"
                     "segment m { match employees not exists }\n")
    assert rules.segment("s").select(store, AS_OF) == sorted(
        ["tiny", "ntiny", "max", "sub", "five", "below", "half", "above"])
    assert rules.segment("m").select(store, AS_OF) == sorted(["big", "neg", "nan", "at"])


# ------------------------------------------------- SQLite storage classes (item 4)


def test_sqlite_values_of_another_storage_class_are_missing(tmp_path: Path) -> None:
    """Any value may sit in any SQLite column: a text in an INTEGER / REAL / BOOLEAN
    column mapped to a number, bool or epoch field is no number (missing), where
    SQLite's own CAST would make '1,234' 1 and 'abc' 0; bools are the integers 0 and
    1 only."""
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.execute("CREATE TABLE contacts (cid TEXT, size INTEGER, age REAL, rival BOOLEAN, "
                 "made REAL)")
    rows = [("n1", 1234, 41.5, 1, 1795082400.5), ("n2", "1,234", "abc", "false", "abc"),
            ("n3", "abc", "", "f", ""), ("n4", "", "12x", "", "2026-11-19"),
            ("n5", 0, 0.0, 0, 0), ("n6", -3, 2.5, 2, -1.25), ("n7", None, None, None, None),
            ("n8", "12", "1e3", "true", "1795082400"), ("n9", 7, 3, 1.0, 17)]
    conn.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("CREATE TABLE views (cid TEXT, seen REAL, p TEXT)")
    conn.executemany("INSERT INTO views VALUES (?, ?, '/p')", [(r[0], r[4]) for r in rows])
    conn.commit()
    # What SQLite holds (affinity turns numeric-looking text into numbers).
    kinds = dict(conn.execute("SELECT cid, typeof(size) || typeof(age) || typeof(rival) || "
                              "typeof(made) FROM contacts").fetchall())
    assert kinds["n2"] == "texttexttexttext" and kinds["n8"] == "integerrealtextreal"
    store = SQLiteStore(conn, mapping={
        "lead": {"table": "contacts", "id": "cid", "employees": "size", "age": "age",
                 "is_competitor": "rival", "created_at": {"column": "made", "epoch": "s"}},
        "tracking": {"table": "views", "lead_id": "cid",
                     "occurred_at": {"column": "seen", "epoch": "s"}, "path": "p"}})
    at = dt.datetime(2026, 11, 19, 10, tzinfo=UTC)
    # By hand: the numbers as stored; a text (but what affinity made a number) missing.
    want = {"n1": (1234, 41.5, True, at + dt.timedelta(seconds=0.5)),
            "n2": (None, None, None, None), "n3": (None, None, None, None),
            "n4": (None, None, None, None),
            "n5": (0, 0.0, False, dt.datetime(1970, 1, 1, tzinfo=UTC)),
            "n6": (-3, 2.5, None, dt.datetime(1969, 12, 31, 23, 59, 58, 750000, tzinfo=UTC)),
            "n7": (None, None, None, None), "n8": (12, 1000.0, None, at),
            "n9": (7, 3.0, True, dt.datetime(1970, 1, 1, 0, 0, 17, tzinfo=UTC))}
    got = {i: tuple(store.lead(i)[f] for f in ("employees", "age", "is_competitor",
                                               "created_at")) for i in want}
    assert got == want
    events = {i: [e["occurred_at"] for e in store.events_of(i)["tracking"]] for i in want}
    assert events == {i: [] if w[3] is None else [w[3]] for i, w in want.items()}
    # The rules answer as the folder holding those values does.
    memory = lr.MemoryStore([{"id": i, "employees": w[0], "age": w[1], "is_competitor": w[2],
                              "created_at": w[3]} for i, w in want.items()],
                            {"tracking": [{"lead_id": i, "occurred_at": w[3], "path": "/p"}
                                          for i, w in want.items() if w[3] is not None]})
    rules = lr.parse("segment rival { match is_competitor }\n"
                     "segment not_rival { match not is_competitor }\n"
                     "segment sized { match employees >= 0 }\n"
                     "segment seen { 1: tracking exists\n match 1 }\n")
    for segment in ("rival", "not_rival", "sized", "seen"):
        expected = rules.segment(segment).select(memory, AS_OF)
        assert expected and rules.segment(segment).select(store, AS_OF) == expected, segment


def test_integer_bools_are_0_and_1_on_postgres_and_duckdb(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    rows = [("a", 1), ("b", 0), ("c", 2), ("d", -1), ("e", None)]
    want = {"a": True, "b": False, "c": None, "d": None, "e": None}
    conn, schema = pg_schema
    conn.execute(f"CREATE TABLE {schema}.contacts (cid text, rival integer)")
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {schema}.contacts VALUES (%s, %s)", rows)
    mapping = {"lead": {"table": "contacts", "id": "cid", "is_competitor": "rival"}}
    duck = duckdb.connect()
    duck.execute("CREATE TABLE contacts (cid VARCHAR, rival BIGINT)")
    duck.executemany("INSERT INTO contacts VALUES (?, ?)", rows)
    memory = lr.MemoryStore([{"id": i, "is_competitor": w} for i, w in want.items()])
    rules = lr.parse("segment rival { match is_competitor }\n"
                     "segment not_rival { match not is_competitor }\n")
    for name, store in (("postgres", PostgresStore(conn, schema_name=schema, mapping=mapping)),
                        ("duckdb", DuckDBStore(duck, mapping=mapping))):
        assert {i: store.lead(i)["is_competitor"] for i in want} == want, name
        for segment in ("rival", "not_rival"):
            assert rules.segment(segment).select(store, AS_OF) == rules.segment(
                segment).select(memory, AS_OF), (name, segment)


# ----------------------------------------------- outside years 1-9999 (item 5)

MS = 1763510400000  # 2025-11-19T00:00:00Z in milliseconds, declared as seconds
EPOCH_ROWS = [("ok", 1763510400), ("ms", MS), ("us", MS * 1000), ("early", -62135596801),
              ("first", -62135596800), ("last", 253402300799.999999), ("after", 253402300800)]
EPOCH_WANT = {"ok": dt.datetime(2025, 11, 19, tzinfo=UTC), "ms": None, "us": None,
              "early": None, "first": dt.datetime(1, 1, 1, tzinfo=UTC),
              "last": dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
              "after": None}
EPOCH_RULES = ("segment seen { 1: tracking exists\n match 1 }\n"
               "segment made { match created_at exists }\n")


def _check_times(store: Any, want: dict[str, dt.datetime | None], name: str) -> None:
    assert {i: store.lead(i)["created_at"] for i in want} == want, name
    events = {i: [e["occurred_at"] for e in store.events_of(i)["tracking"]] for i in want}
    assert events == {i: [] if w is None else [w] for i, w in want.items()}, name
    memory = lr.MemoryStore([{"id": i, "created_at": w} for i, w in want.items()],
                            {"tracking": [{"lead_id": i, "occurred_at": w, "path": "/p"}
                                          for i, w in want.items() if w is not None]})
    rules = lr.parse(EPOCH_RULES)
    for segment in ("seen", "made"):
        expected = rules.segment(segment).select(memory, AS_OF)
        assert expected and rules.segment(segment).select(store, AS_OF) == expected, (
            name, segment)
    for i in want:  # no traceback: a time that is none is simply not there
        store.timeline(i, as_of=AS_OF)
        assert rules.segment("seen").explain(i, store=store, as_of=AS_OF) is not None


def test_epoch_numbers_outside_years_1_to_9999_are_missing(
        tmp_path: Path, pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    mapping = {"lead": {"table": "contacts", "id": "cid",
                        "created_at": {"column": "t", "epoch": "s"}},
               "tracking": {"table": "views", "lead_id": "cid",
                            "occurred_at": {"column": "t", "epoch": "s"}, "path": "p"}}
    # The last one's tail (.999999) exactly: a double holds it only to ~0.03 ms.
    rows = [(i, t) for i, t in EPOCH_ROWS if i != "last"]
    want = {i: w for i, w in EPOCH_WANT.items() if i != "last"}
    lite = sqlite3.connect(tmp_path / "app.db")
    lite.execute("CREATE TABLE contacts (cid TEXT, t REAL)")
    lite.execute("CREATE TABLE views (cid TEXT, t REAL, p TEXT)")
    lite.executemany("INSERT INTO contacts VALUES (?, ?)", rows)
    lite.executemany("INSERT INTO views VALUES (?, ?, '/p')", rows)
    lite.commit()
    _check_times(SQLiteStore(lite, mapping=mapping), want, "sqlite")
    conn, schema = pg_schema
    for table in ("contacts", "views"):
        conn.execute(f"CREATE TABLE {schema}.{table} (cid text, t bigint, p text)")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {schema}.{table} VALUES (%s, %s, '/p')",
                            [(i, int(t)) for i, t in rows])
    _check_times(PostgresStore(conn, schema_name=schema, mapping=mapping), want, "postgres")
    duck = _zoned_duckdb()
    for table in ("contacts", "views"):
        duck.execute(f"CREATE TABLE {table} (cid VARCHAR, t DOUBLE, p VARCHAR)")
        duck.executemany(f"INSERT INTO {table} VALUES (?, ?, '/p')", rows)
    _check_times(DuckDBStore(duck, mapping=mapping), want, "duckdb")


@pytest.mark.parametrize("column", ["HUGEINT", "DECIMAL(38, 0)", "UBIGINT", "DECIMAL(38, 6)"])
def test_duckdb_wide_epoch_numbers_beyond_any_year_are_missing_not_an_error(column: str) -> None:
    """DuckDB compares a HUGEINT (or wide DECIMAL) with the year bounds as a
    DECIMAL(38, 6): a value beyond that was a conversion error; it is missing."""
    mapping = {"lead": {"table": "contacts", "id": "cid",
                        "created_at": {"column": "t", "epoch": "s"}},
               "tracking": {"table": "views", "lead_id": "cid",
                            "occurred_at": {"column": "t", "epoch": "s"}, "path": "p"}}
    duck = _zoned_duckdb()
    huge = "10::HUGEINT ^ 35" if column != "DECIMAL(38, 6)" else "10::DECIMAL(38, 6) ^ 31"
    if column == "UBIGINT":
        huge = "18446744073709551615::UBIGINT"
    for table in ("contacts", "views"):
        duck.execute(f"CREATE TABLE {table} (cid VARCHAR, t {column}, p VARCHAR)")
        duck.execute(f"INSERT INTO {table} VALUES ('ok', 1763510400, '/p'), "
                     f"('huge', ({huge})::{column}, '/p'), ('none', NULL, '/p')")
        if column.startswith("DECIMAL"):
            duck.execute(f"INSERT INTO {table} VALUES ('neg', -({huge})::{column}, '/p')")
    want = {"ok": dt.datetime(2025, 11, 19, tzinfo=UTC), "huge": None, "none": None}
    if column.startswith("DECIMAL"):
        want["neg"] = None
    _check_times(DuckDBStore(duck, mapping=mapping), want, column)


def test_infinite_timestamps_are_missing(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    """PostgreSQL's and DuckDB's 'infinity' / '-infinity', in a timestamptz and a
    naive timestamp column."""
    rows = [("a", "2026-11-19 10:00:00+00"), ("b", "infinity"), ("c", "-infinity")]
    want = {"a": dt.datetime(2026, 11, 19, 10, tzinfo=UTC), "b": None, "c": None}
    conn, schema = pg_schema
    duck = duckdb.connect()
    stores = []
    for kind in ("timestamptz", "timestamp"):
        conn.execute(f"CREATE TABLE {schema}.c_{kind} (cid text, t {kind})")
        conn.execute(f"CREATE TABLE {schema}.v_{kind} (cid text, t {kind}, p text)")
        duck.execute(f"CREATE TABLE c_{kind} (cid VARCHAR, t {kind})")
        duck.execute(f"CREATE TABLE v_{kind} (cid VARCHAR, t {kind}, p VARCHAR)")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {schema}.c_{kind} VALUES (%s, CAST(%s AS {kind}))",
                            rows)
            cur.executemany(f"INSERT INTO {schema}.v_{kind} VALUES (%s, CAST(%s AS {kind}), "
                            "'/p')", rows)
        duck.executemany(f"INSERT INTO c_{kind} VALUES (?, CAST(? AS {kind}))", rows)
        duck.executemany(f"INSERT INTO v_{kind} VALUES (?, CAST(? AS {kind}), '/p')", rows)
        mapping = {"lead": {"table": f"c_{kind}", "id": "cid", "created_at": "t"},
                   "tracking": {"table": f"v_{kind}", "lead_id": "cid", "occurred_at": "t",
                                "path": "p"}}
        stores += [(f"postgres {kind}", PostgresStore(conn, schema_name=schema,
                                                      mapping=mapping)),
                   (f"duckdb {kind}", DuckDBStore(duck, mapping=mapping))]
    for name, store in stores:
        _check_times(store, want, name)


def test_the_ends_of_years_1_and_9999_read_back_in_a_session_zone_off_utc(
        pg_schema: tuple[psycopg.Connection[Any], str]) -> None:
    """East of UTC the last hours of 9999 are in year 10000 on the session's clock,
    west of it the first of year 1 are in year 0: neither Python nor psycopg has such
    a datetime (DuckDB gives its text, psycopg raised "timestamp too large")."""
    times = {"last": "9999-12-31 23:59:59.999999+00", "late": "9999-12-31 15:00:00+00",
             "first": "0001-01-01 00:00:00+00", "early": "0001-01-01 04:56:01+00"}
    want = {k: dt.datetime.fromisoformat(v) for k, v in times.items()}
    conn, schema = pg_schema
    for zone in (ZONE, "America/New_York"):
        conn.execute(f"SET TimeZone = '{zone}'")
        conn.execute(f"DROP TABLE IF EXISTS {schema}.c")
        conn.execute(f"CREATE TABLE {schema}.c (cid text, made timestamptz)")
        conn.cursor().executemany(f"INSERT INTO {schema}.c VALUES (%s, %s::timestamptz)",
                                  list(times.items()))
        duck = duckdb.connect()
        duck.execute(f"SET TimeZone = '{zone}'")
        duck.execute("CREATE TABLE c (cid VARCHAR, made TIMESTAMPTZ)")
        duck.executemany("INSERT INTO c VALUES (?, ?::TIMESTAMPTZ)", list(times.items()))
        mapping = {"lead": {"table": "c", "id": "cid", "created_at": "made"}}
        for store in (PostgresStore(conn, schema_name=schema, mapping=mapping),
                      lr.DuckDBStore(duck, mapping=mapping)):
            for cid, moment in want.items():
                assert store.lead(cid)["created_at"] == moment, (zone, store.engine, cid)
        duck.close()


def test_sqlite_integers_too_large_for_64_bits_are_not_merged_into_one_id(
        tmp_path: Path) -> None:
    """SQLite keeps 2**64 in an INTEGER column as a REAL, whose text has 15 digits:
    2**64 and 2**64 + 4096 would be one id, '1.84467440737096e+19', and the events of
    one go to the other.  A REAL its text does not give back is missing."""
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.execute("CREATE TABLE c (cid INTEGER, email TEXT)")
    conn.execute("INSERT INTO c VALUES (18446744073709551616, 'a'), (5, 'b'), (1.5, 'c')")
    conn.execute("CREATE TABLE v (cid INTEGER, at TEXT, path TEXT)")
    conn.execute("INSERT INTO v VALUES (18446744073709555712, '2026-11-01', '/p'), "
                 "(18446744073709551616, '2026-11-02', '/p'), (5, '2026-11-02', '/p'), "
                 "(1.5, '2026-11-03', '/p')")
    conn.commit()
    assert conn.execute("SELECT DISTINCT CAST(cid AS TEXT) FROM v WHERE typeof(cid) = 'real' "
                        "AND cid > 1e19").fetchall() == [("1.84467440737096e+19",)]
    store = SQLiteStore(conn, mapping={
        "lead": {"table": "c", "id": "cid", "email": "email"},
        "tracking": {"table": "v", "lead_id": "cid", "occurred_at": "at", "path": "path"}})
    rules = lr.parse("scoring seen { tracking exists => +1 per event }\n")
    assert rules.scoring("seen").score(store, AS_OF).rows == (("1.5", 1, 1), ("5", 1, 1))
    assert [e["occurred_at"].day for e in store.events_of("1.5")["tracking"]] == [3]
