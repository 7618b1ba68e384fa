"""Mappings onto the user's own tables: errors, epochs, read-only, the CLI (issue 14 item 1).

The answers themselves are checked by the differential tests on mapped copies
(tests/mapped.py); here, what those do not reach.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import duckdb
import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import LeadRulesError, StoreError, UsageError
from leadrules.stores.duckdb import DuckDBStore
from leadrules.stores.sqlite import SQLiteStore

RULES = """segment pricing {
  1: tracking { path starts with "/PRICING" } exists
  match 1
}
"""


def _app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("""
      CREATE TABLE contacts (contact_id INTEGER, email TEXT, seen INTEGER);
      CREATE TABLE page_views (contact_id INTEGER, viewed_at INTEGER, page_path TEXT);
      INSERT INTO contacts VALUES (1, 'a@x', 1), (2, 'b@y', 0);
      INSERT INTO page_views VALUES (1, 1795165200000, '/Pricing'), (2, 1795165200000, '/jobs');
    """)
    conn.commit()
    conn.close()


MAPPING = {"lead": {"table": "contacts", "id": "contact_id", "email": "email"},
           "tracking": {"table": "page_views", "lead_id": "contact_id",
                        "occurred_at": {"column": "viewed_at", "epoch": "ms"},
                        "path": "page_path"}}


def test_epoch_milliseconds_and_an_integer_id(tmp_path: Path) -> None:
    _app(tmp_path / "app.db")
    store = SQLiteStore(tmp_path / "app.db", mapping=MAPPING)
    assert lr.parse(RULES).segment("pricing").select(store, "2026-11-20T09:00:00Z") == ["1"]
    when = store.events_of("1")["tracking"][0]["occurred_at"]
    assert when == dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def test_a_column_of_the_wrong_type_names_table_column_and_both_types(tmp_path: Path) -> None:
    _app(tmp_path / "app.db")
    mapping = {**MAPPING, "tracking": {**MAPPING["tracking"], "occurred_at": "viewed_at"}}
    with pytest.raises(LeadRulesError) as err:
        SQLiteStore(tmp_path / "app.db", mapping=mapping)
    text = str(err.value)
    assert "page_views.viewed_at is INTEGER in the database" in text
    assert "tracking.occurred_at is datetime in the rules" in text
    assert '"epoch": "s"' in text


def test_unknown_tables_columns_and_fields_are_named(tmp_path: Path) -> None:
    _app(tmp_path / "app.db")
    cases = [({"lead": {"table": "contactz", "id": "contact_id"}}, "'contactz' does not exist"),
             ({"lead": {"table": "contacts", "id": "contact_idd"}}, "did you mean 'contact_id'"),
             ({"lead": {"table": "contacts"}}, "must map 'id'"),
             ({"leads": {"table": "contacts"}}, 'no "lead" key'),
             ({"lead": {"tabel": "contacts", "id": "contact_id"}},
              'needs "table": "schema.table" (a table or view) (did you mean "table", not '
              "'tabel'?)"),
             ({"table": "contacts", "lead": {"table": "contacts", "id": "contact_id"}},
              "mapping[\"table\"] = 'contacts' is not a dict: each key of a mapping is a "
              "schema table"),
             ({"lead": {"table": "contacts", "id": "contact_id", "seq": "seen"}},
              "seq orders the events of one instant in a source"),
             ({"lead": {"table": "contacts", "id": "CONTACT_ID"}},
              "has no column 'CONTACT_ID' (did you mean 'contact_id'?)"),
             ({"lead": {"table": "contacts", "id": "contact_id"},
               "trackng": {"table": "page_views", "lead_id": "contact_id",
                           "occurred_at": {"column": "viewed_at", "epoch": "ms"}}},
              'mapping["trackng"] is not a source of the rules: did you mean "tracking"?'),
             ({"lead": {"table": "contacts", "id": "contact_id"},
               "Tracking": {"table": "page_views", "lead_id": "contact_id",
                            "occurred_at": {"column": "viewed_at", "epoch": "ms"}}},
              'did you mean "tracking"?')]
    for mapping, message in cases:
        with pytest.raises(LeadRulesError, match=re.escape(message)):
            SQLiteStore(tmp_path / "app.db", mapping=mapping)


def test_a_misspelt_table_is_refused_with_the_one_meant_on_every_database(
        tmp_path: Path) -> None:
    import uuid

    import psycopg

    def refused(make: Any, table: str) -> str:
        with pytest.raises(UsageError) as err:
            make({"lead": {"table": table, "id": "contact_id"}})
        return str(err.value)

    _app(tmp_path / "app.db")
    lite = sqlite3.connect(tmp_path / "app.db")
    assert "'contact' does not exist in the database (did you mean 'contacts'?)" in refused(
        lambda m: SQLiteStore(lite, mapping=m), "contact")
    assert "did you mean 'page_views'" in refused(lambda m: SQLiteStore(lite, mapping=m),
                                                  "pageviews")
    # Nothing close: no guess.
    assert "did you mean" not in refused(lambda m: SQLiteStore(lite, mapping=m), "orders")
    lite.close()
    duck = duckdb.connect()
    duck.execute("CREATE SCHEMA crm")
    duck.execute("CREATE TABLE crm.contacts (contact_id VARCHAR)")
    duck.execute("CREATE VIEW crm.active AS SELECT * FROM crm.contacts")
    assert "did you mean 'crm.contacts'?" in refused(lambda m: DuckDBStore(duck, mapping=m),
                                                     "contacts")
    assert "did you mean 'crm.active'?" in refused(lambda m: DuckDBStore(duck, mapping=m),
                                                   "crm.activ")
    schema = f"map_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as pg:
        pg.execute(f"CREATE SCHEMA {schema}")
        try:
            pg.execute(f"CREATE TABLE {schema}.contacts (contact_id text)")
            # Not on the search path: the qualified name is the one meant (with
            # any other schema's contacts).
            message = refused(lambda m: lr.PostgresStore(pg, mapping=m), "contacts")
            assert "(did you mean '" in message and f"'{schema}.contacts'" in message
            # With schema_name the bare name finds it.
            assert "did you mean 'contacts'?" in refused(
                lambda m: lr.PostgresStore(pg, mapping=m, schema_name=schema), "contact")
        finally:
            pg.execute(f"DROP SCHEMA {schema} CASCADE")


# Values as applications keep them, and what the loaders make of them (by hand, from
# docs/data.md): an empty text and an empty list are missing; tags are stripped, empty
# ones dropped; a lead without an id and an event without its lead or time are not
# there; NaN and the infinities are no number.
UNTIDY_LEADS = [("a", "", "VIP | news", 1.0), ("b", "b@x", " news|x\t", float("nan")),
                ("c", None, "|news||", float("inf")), ("d", "d@x", "", 250.0),
                ("", "e@x", "news", 1.0), (None, "f@x", "news", 1.0),
                ("g", "g@x", " | \u3000|", float("-inf"))]
UNTIDY_EVENTS = [("a", "2026-11-01T00:00:00+00:00"), ("b", None),
                 (None, "2026-11-01T00:00:00+00:00"), ("", "2026-11-01T00:00:00+00:00")]
UNTIDY_RULES = """segment email { match email exists }
segment news { match tags contains "news" }
segment tagged { match tags exists }
segment sized { match employees exists }
segment big { match employees >= 100 }
segment all { match lead { } }
segment seen { 1: tracking exists
  match 1 }
"""
UNTIDY_WANT = {"email": ["b", "d", "g"], "news": ["a", "b", "c"], "tagged": ["a", "b", "c"],
               "sized": ["a", "d"], "big": ["d"], "all": ["a", "b", "c", "d", "g"],
               "seen": ["a"]}
UNTIDY_TAGS = {"a": ("VIP", "news"), "b": ("news", "x"), "c": ("news",), "d": None, "g": None}


def _untidy_rows(engine: str, lists: bool) -> list[tuple[Any, ...]]:
    out = []
    for i, email, tags, employees in UNTIDY_LEADS:
        if engine == "sqlite" and employees != employees:
            employees = None  # SQLite stores a NaN as NULL
        out.append((i, email, tags.split("|") if lists else tags, employees))
    return out


def test_untidy_values_of_own_tables_read_as_the_loaders_read_them(tmp_path: Path) -> None:
    import uuid

    import psycopg
    rules = lr.parse(UNTIDY_RULES)
    events = [(i, when, "/p") for i, when in UNTIDY_EVENTS]

    def mapping(tags: Any, table: str = "contacts") -> dict[str, Any]:
        return {"lead": {"table": table, "id": "cid", "email": "mail", "tags": tags,
                         "employees": "size"},
                "tracking": {"table": "views", "lead_id": "cid", "occurred_at": "seen_at",
                             "path": "p"}}

    stores: dict[str, Any] = {}
    lite = sqlite3.connect(tmp_path / "app.db")
    lite.execute("CREATE TABLE contacts (cid TEXT, mail TEXT, labels TEXT, size REAL)")
    lite.execute("CREATE TABLE views (cid TEXT, seen_at TEXT, p TEXT)")
    lite.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?)", _untidy_rows("sqlite", False))
    lite.executemany("INSERT INTO views VALUES (?, ?, ?)", events)
    lite.commit()
    stores["sqlite"] = SQLiteStore(lite, mapping=mapping({"column": "labels",
                                                          "separator": "|"}))
    duck = duckdb.connect()
    duck.execute("CREATE TABLE contacts (cid VARCHAR, mail VARCHAR, labels VARCHAR, "
                 "size DOUBLE)")
    duck.execute("CREATE TABLE listed (cid VARCHAR, mail VARCHAR, labels VARCHAR[], "
                 "size DOUBLE)")
    duck.execute("CREATE TABLE views (cid VARCHAR, seen_at TIMESTAMPTZ, p VARCHAR)")
    duck.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?)", _untidy_rows("duckdb", False))
    duck.executemany("INSERT INTO listed VALUES (?, ?, ?, ?)", _untidy_rows("duckdb", True))
    duck.executemany("INSERT INTO views VALUES (?, ?, ?)", events)
    stores["duckdb"] = DuckDBStore(duck, mapping=mapping({"column": "labels",
                                                          "separator": "|"}))
    stores["duckdb list"] = DuckDBStore(duck, mapping=mapping("labels", "listed"))
    schema = f"untidy_{uuid.uuid4().hex[:8]}"
    pg = psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True)
    pg.execute(f"CREATE SCHEMA {schema}")
    try:
        pg.execute(f"CREATE TABLE {schema}.contacts (cid text, mail text, labels text, "
                   "size float8)")
        pg.execute(f"CREATE TABLE {schema}.listed (cid text, mail text, labels text[], "
                   "size float8)")
        pg.execute(f"CREATE TABLE {schema}.views (cid text, seen_at timestamptz, p text)")
        with pg.cursor() as cur:
            cur.executemany(f"INSERT INTO {schema}.contacts VALUES (%s, %s, %s, %s)",
                            _untidy_rows("postgres", False))
            cur.executemany(f"INSERT INTO {schema}.listed VALUES (%s, %s, %s, %s)",
                            _untidy_rows("postgres", True))
            cur.executemany(f"INSERT INTO {schema}.views VALUES (%s, %s, %s)", events)
        # Unqualified names, found in (and queried from) the store's schema_name.
        stores["postgres"] = lr.PostgresStore(pg, schema_name=schema, mapping=mapping(
            {"column": "labels", "separator": "|"}))
        stores["postgres array"] = lr.PostgresStore(pg, schema_name=schema,
                                                    mapping=mapping("labels", "listed"))
        for name, store in stores.items():
            for segment, want in UNTIDY_WANT.items():
                got = rules.segment(segment).select(store, "2026-11-20T00:00:00Z")
                assert got == want, (name, segment)
            assert {i: store.lead(i)["tags"] for i in UNTIDY_TAGS} == UNTIDY_TAGS, name
            assert store.lead("a")["email"] is None, name
            assert [e["occurred_at"] for e in store.events_of("b")["tracking"]] == [], name
    finally:
        pg.execute(f"DROP SCHEMA {schema} CASCADE")
        pg.close()


def test_a_mapped_store_without_schema_has_the_default_fields_and_sources(
        tmp_path: Path) -> None:
    """``SQLiteStore(path, mapping=m)`` as docs/stores.md shows it: every field and
    source of the default schema the mapping leaves out is there and missing."""
    _app(tmp_path / "app.db")
    store = SQLiteStore(tmp_path / "app.db", mapping=MAPPING)
    assert store.lead("1")["industry"] is None
    assert store.events_of("1")["application"] == []
    # The rules check against it (the built-in library reads application, mail …).
    rules = lr.parse('segment s { match email exists and industry != "x" }', data=store)
    assert rules.segment("s").select(store, "2026-11-20T09:00:00Z") == ["1", "2"]
    assert rules.segment("s").explain("1", store=store, as_of="2026-11-20T09:00:00Z").result
    # A declaration the store was opened without: the hint says how to open it.
    text = "field lead.seen bool\nsegment s { match seen }\n"
    mapped = {**MAPPING, "lead": {**MAPPING["lead"], "seen": "seen"}}
    with pytest.raises(lr.CheckError, match="is number in the store, not bool") as err:
        lr.parse(text, data=SQLiteStore(tmp_path / "app.db", mapping=mapped))
    assert "open it with the rules' schema (schema=rules.schema)" in err.value.render()
    rules = lr.parse(text)
    store = SQLiteStore(tmp_path / "app.db", mapping=mapped, schema=rules.schema)
    assert rules.segment("s").select(store, "2026-11-20T09:00:00Z") == ["1"]


def test_a_mistake_in_a_mapping_file_names_its_file_line_and_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _app(tmp_path / "app.db")
    (tmp_path / "hot.rules").write_text(RULES, encoding="utf-8")
    cases = {
        '[lead]\ntable = "contacts"\nid = "contact_id"\nemail = "mial"\n':
            ("4:1", "email = \"mial\"", "has no column 'mial' (did you mean 'email'?)"),
        '[lead]\ntable = "contact"\nid = "contact_id"\n':
            ("2:1", "table = \"contact\"", "did you mean 'contacts'?"),
        '[lead]\ntable = "contacts"\nid = "contact_id"\n\n[tracking]\ntable = "page_views"\n'
        'lead_id = "contact_id"\n  occurred_at = { column = "viewed_at", epoch = "h" }\n':
            ("8:3", "  occurred_at = { column", "epoch = 'h': one of 's', 'ms', 'us'"),
        '[lead]\ntable = "contacts"\nid = "contact_id"\n[trackng]\ntable = "page_views"\n':
            ("4:1", "[trackng]", "did you mean [tracking]?"),
        '[lead]\ntable = "contacts"\n': ("1:1", "[lead]", "must map 'id'"),
    }
    for text, (where, line, message) in cases.items():
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        assert main(["segment", str(tmp_path / "hot.rules"), "pricing", "--data",
                     str(tmp_path / "app.db"), "--map", str(tmp_path / "map.toml")]) == 2
        first, source, caret, *_ = capsys.readouterr().err.splitlines()
        assert first.startswith(f"{tmp_path / 'map.toml'}:{where}: error: mapping: "), first
        assert message in first
        assert source.startswith(f"  {where.split(':')[0]} | {line}")
        column = int(where.split(":")[1])
        assert caret.index("^") == source.index("|") + 1 + column, (caret, source)
    # From Python, a dict has no file: no place, and its keys as a dict names them.
    with pytest.raises(UsageError) as err:
        SQLiteStore(tmp_path / "app.db", mapping={"lead": {"table": "contacts"}})
    assert err.value.render().startswith('leadrules: error: mapping["lead"] must map \'id\'')


def test_a_store_of_frames_takes_no_writes_and_hides_its_row_number() -> None:
    import pandas as pd
    leads = pd.DataFrame({"id": ["A", "B"], "email": ["a@x", None]})
    views = pd.DataFrame({"lead_id": ["A"], "path": ["/p"],
                          "occurred_at": pd.to_datetime(["2026-11-01T00:00:00Z"])})
    for copy in (True, False):
        store = lr.open_store({"lead": leads, "tracking": views}, copy=copy)
        writes = [lambda s: s.add_events("tracking", [
                      {"lead_id": "A", "occurred_at": "2026-11-02T00:00:00Z"}]),
                  lambda s: s.upsert_leads([{"id": "C"}]),
                  lambda s: s.delete_leads(["A"])]
        for write in writes:
            with pytest.raises(StoreError, match="this store reads DataFrames: leadrules "
                                                 "does not write to them"):
                write(store)
        assert sorted(r["id"] for r in store.leads()) == ["A", "B"], copy
        assert len(store.events_of("A")["tracking"]) == 1, copy
    contacts = leads.rename(columns={"id": "cid"})
    with pytest.raises(UsageError, match="'leadrules_row': that is the row number"):
        lr.open_store({"contacts": contacts},
                      mapping={"lead": {"table": "contacts", "id": "leadrules_row"}})
    with pytest.raises(UsageError) as err:
        lr.open_store({"contacts": contacts},
                      mapping={"lead": {"table": "contacts", "id": "cid", "email": "x"}})
    assert "known: cid, email)" in str(err.value)


def test_iso_text_that_is_no_time_is_missing_in_a_mapped_duckdb_table() -> None:
    conn = duckdb.connect()
    conn.execute("CREATE TABLE c (cid VARCHAR, made VARCHAR)")
    conn.execute("INSERT INTO c VALUES ('a', '2026-01-01T00:00:00Z'), ('b', 'yesterday')")
    conn.execute("CREATE TABLE v (cid VARCHAR, seen VARCHAR)")
    conn.execute("INSERT INTO v VALUES ('a', '31/12/2026'), ('a', '2026-11-01 10:00:00')")
    store = DuckDBStore(conn, mapping={
        "lead": {"table": "c", "id": "cid", "created_at": "made"},
        "tracking": {"table": "v", "lead_id": "cid", "occurred_at": "seen"}})
    assert [(r["id"], r["created_at"]) for r in store.leads()] == [
        ("a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)), ("b", None)]
    assert [e["occurred_at"] for e in store.events_of("a")["tracking"]] == [
        dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)]


def test_mapped_tables_are_never_written(tmp_path: Path) -> None:
    _app(tmp_path / "app.db")
    store = SQLiteStore(tmp_path / "app.db", mapping=MAPPING)
    with pytest.raises(StoreError, match="never writes"):
        store.upsert_leads([{"id": "3"}])
    conn = duckdb.connect()
    conn.execute("CREATE TABLE contacts (contact_id VARCHAR)")
    duck = DuckDBStore(conn, mapping={"lead": {"table": "contacts", "id": "contact_id"}})
    with pytest.raises(StoreError, match="never writes"):
        duck.delete_leads(["1"])


MAP_TOML = """
[lead]
table = "contacts"
id = "contact_id"
seen = "seen"
[tracking]
table = "page_views"
lead_id = "contact_id"
occurred_at = { column = "viewed_at", epoch = "ms" }
path = "page_path"
"""


def _mapped_app(folder: Path) -> None:
    """app.db (:func:`_app`), map.toml (MAP_TOML) and hot.rules (RULES) in ``folder``."""
    _app(folder / "app.db")
    (folder / "map.toml").write_text(MAP_TOML, encoding="utf-8")
    (folder / "hot.rules").write_text(RULES, encoding="utf-8")


def test_the_command_line_reads_a_mapping_file(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _mapped_app(tmp_path)
    code = main(["segment", str(tmp_path / "hot.rules"), "pricing", "--data",
                 str(tmp_path / "app.db"), "--map", str(tmp_path / "map.toml"),
                 "--as-of", "2026-11-20T09:00:00Z", "--format", "ids"])
    assert code == 0
    assert capsys.readouterr().out.split() == ["1"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[lead]\ntable = "contacts\nid = "contact_id"\n', encoding="utf-8")
    code = main(["segment", str(tmp_path / "hot.rules"), "pricing", "--data",
                 str(tmp_path / "app.db"), "--map", str(bad)])
    assert code == 2
    # The compiler's style: file:line:column, the line, a caret under the column.
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}:2:18: error: not a valid TOML mapping: illegal character '\\n'",
        '  2 | table = "contacts',
        "    " + " " * 19 + "^",
        "  a mapping file is TOML (https://toml.io): see docs/stores.md, 'Your own tables'"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reads_the_schema_of_the_mapped_tables(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _mapped_app(tmp_path)
    assert _run(capsys, "check", "hot.rules", "--data", "app.db", "--map", "map.toml") == (
        0, "hot.rules: ok (1 segment, 0 warnings)\n", "")
    # `seen` is a field only through the mapping (contacts.seen), so the typo's
    # nearest name is it: the rules were checked against the mapped tables.
    Path("typo.rules").write_text("segment s {\n  match seem = 1\n}\n", encoding="utf-8")
    code, out, err = _run(capsys, "check", "typo.rules", "--data", "app.db", "--map",
                          "map.toml")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["typo.rules:2:9: error: unknown field 'seem' of the lead",
                                "  2 |   match seem = 1",
                                "              ^^^^",
                                "  did you mean 'seen'?"]
    code, out, _ = _run(capsys, "check", "typo.rules", "--data", "app.db", "--map",
                        "map.toml", "--format", "json")
    assert code == 1
    assert [(d["code"], d["line"], d["column"], d["suggestion"])
            for d in json.loads(out)] == [("unknown-field", 2, 9, "seen")]
    # A declaration the mapped column contradicts is refused, naming both types.
    Path("when.rules").write_text("field lead.seen datetime\n\nsegment s {\n"
                                  "  match seen before 2026-01-01\n}\n", encoding="utf-8")
    code, _, err = _run(capsys, "check", "when.rules", "--data", "app.db", "--map", "map.toml")
    assert code == 2
    assert ("contacts.seen is INTEGER in the database but lead.seen is datetime in the "
            "rules") in err
    # Without --map the application's database is no leadrules store.
    code, _, err = _run(capsys, "check", "hot.rules", "--data", "app.db")
    assert code == 1 and "app.db is not a leadrules SQLite store" in err
    # A mapping with no database to map is a usage error, not ignored.
    code, out, err = _run(capsys, "check", "hot.rules", "--map", "map.toml")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "leadrules: error: --map map.toml maps the tables of the --data database, and "
        "there is no --data",
        "  give --data DATABASE, or drop --map"]


def test_explain_reads_the_mapped_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _mapped_app(tmp_path)
    mapped = ("--data", "app.db", "--map", "map.toml")
    # Contact 1 viewed /Pricing at 1795165200000 ms = 2026-11-20T09:00:00Z, and
    # "starts with" ignores case: in the segment as of that instant.
    code, out, err = _run(capsys, "explain", "hot.rules", "pricing", "1", *mapped,
                          "--as-of", "2026-11-20T09:00:00Z")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "✓ segment pricing  — in the segment",
        "  ✓ match 1  — see block 1",
        '  ✓ 1: tracking { path starts with "/PRICING" } exists  — 1 of 1 tracking event '
        "matched; exists: yes",
        "      · 2026-11-20T09:00:00+00:00 path=/Pricing"]
    # A second earlier the view has not happened yet; contact 2 only saw /jobs.
    for lead, as_of, detail in (("1", "2026-11-20T08:59:59Z", "0 of 0 tracking events "
                                 "matched; exists: no"),
                                ("2", "2026-11-20T09:00:00Z", "0 of 1 tracking event "
                                 "matched; exists: no")):
        code, out, _ = _run(capsys, "explain", "hot.rules", "pricing", lead, *mapped,
                            "--as-of", as_of, "--format", "json")
        found = json.loads(out)
        assert (code, found["result"], found["children"][1]["detail"]) == (0, False, detail)


def test_rule_tests_use_the_fields_of_the_mapped_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _mapped_app(tmp_path)
    # `seen` is not a default field: only the mapping's contacts.seen (INTEGER) makes
    # it one, a number.
    Path("seen.rules").write_text("segment seen_ones {\n  match seen = 1\n}\n",
                                  encoding="utf-8")
    Path("seen.toml").write_text("""as_of = 2026-11-20

[[test]]
name = "a contact the app saw"
lead = { id = "X", seen = 1 }
expect.in = ["seen_ones"]

[[test]]
name = "one it did not"
lead = { id = "Y", seen = 0 }
expect.not_in = ["seen_ones"]
""", encoding="utf-8")
    assert _run(capsys, "test", "seen.rules", "seen.toml", "--data", "app.db", "--map",
                "map.toml") == (0, "ok    seen.toml:3: a contact the app saw\n"
                                   "ok    seen.toml:8: one it did not\n"
                                   "2 tests: 2 passed, 0 failed\n", "")
    code, _, err = _run(capsys, "test", "seen.rules", "seen.toml")
    assert code == 1 and "unknown field 'seen'" in err


def test_list_add_checks_the_ids_against_the_mapped_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _mapped_app(tmp_path)
    mapped = ("--data", "app.db", "--map", "map.toml")
    # contacts holds contact_id 1 and 2, not 3 (a usage error, as on any store).
    code, out, err = _run(capsys, "list", "add", "lists.json", "vip", "1", "3", *mapped)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == ("leadrules: error: 1 lead id not in the data: 3; "
                                   "nothing was added")
    assert _run(capsys, "list", "add", "lists.json", "vip", "1", "2", *mapped) == (
        0, "vip: 2 added, 0 removed\n", "")
    code, _, err = _run(capsys, "list", "add", "lists.json", "vip", "3", "--force", "--map",
                        "map.toml")
    assert code == 2 and "there is no --data" in err


def test_dataframes_of_every_kind_answer_alike() -> None:
    """pandas, Polars and pyarrow frames (with and without a mapping) give the
    same answers as the memory store over the same records."""
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    utc = dt.UTC
    leads = [{"id": "L1", "email": "Ann@X.com", "tags": ("VIP", "news")},
             {"id": "L2", "email": None, "tags": None}]
    views = [{"lead_id": "L1", "occurred_at": dt.datetime(2026, 11, 18, 9, tzinfo=utc),
              "path": "/Pricing"},
             {"lead_id": "L1", "occurred_at": dt.datetime(2026, 11, 19, 9, 0, 0, 5, tzinfo=utc),
              "path": "/pricing/x"},
             {"lead_id": "L2", "occurred_at": dt.datetime(2026, 11, 19, 10, tzinfo=utc),
              "path": "/pricing"}]
    rules = lr.parse("""segment p {
  1: tracking { path starts with "/PRICING" } count >= 2
  2: lead { tags contains "vip"; email ends with "x.com" }
  match 1 and 2
}
""")
    as_of = "2026-11-20T09:00:00Z"
    want = rules.segment("p").select(lr.MemoryStore(leads, {"tracking": views}), as_of)
    assert want == ["L1"]
    lead_cols = {"id": [r["id"] for r in leads], "email": [r["email"] for r in leads],
                 "tags": [None if r["tags"] is None else list(r["tags"]) for r in leads]}
    view_cols = {k: [r[k] for r in views] for k in ("lead_id", "occurred_at", "path")}
    naive = [v.replace(tzinfo=None) for v in view_cols["occurred_at"]]
    kinds: dict[str, dict[str, object]] = {
        "pandas": {"lead": pd.DataFrame(lead_cols),
                   "tracking": pd.DataFrame({**view_cols, "occurred_at": naive})},
        "polars": {"lead": pl.DataFrame(lead_cols), "tracking": pl.DataFrame(view_cols)},
        "arrow": {"lead": pa.table(lead_cols), "tracking": pa.table(view_cols)},
    }
    for kind, frames in kinds.items():
        store = lr.open_store(frames)
        assert rules.segment("p").select(store, as_of) == want, kind
        assert store.lead("L1")["tags"] == ("VIP", "news"), kind
        assert [e["occurred_at"] for e in store.events_of("L1")["tracking"]] == [
            v["occurred_at"] for v in views[:2]], kind
    mapping = {"lead": {"table": "crm.contacts", "id": "cid", "email": "mail",
                        "tags": {"column": "labels", "separator": ";"}},
               "tracking": {"table": "page_views", "lead_id": "cid",
                            "occurred_at": {"column": "at_ms", "epoch": "ms"}, "path": "p"}}
    contacts = pl.DataFrame({"cid": [1, 2], "mail": ["Ann@X.com", None],
                             "labels": ["VIP;news", None]})
    page_views = pa.table({"cid": [1, 1, 2], "p": view_cols["path"],
                           "at_ms": [1794992400000, 1795078800000, 1795082400000]})
    store = lr.open_store({"contacts": contacts, "page_views": page_views}, mapping=mapping)
    assert rules.segment("p").select(store, as_of) == ["1"]
    with pytest.raises(LeadRulesError, match="'nope' is not in the dict of frames"):
        lr.open_store({"contacts": contacts},
                      mapping={"lead": {"table": "nope", "id": "cid"}})
    with pytest.raises(LeadRulesError, match=r"'contact' is not in the dict of frames "
                                             r"\(did you mean 'contacts'\?\)"):
        lr.open_store({"contacts": contacts},
                      mapping={"lead": {"table": "contact", "id": "cid"}})


def test_frames_copied_into_duckdb_tables_or_read_in_place() -> None:
    """``open_store(frames)`` loads the frames into DuckDB tables in the imported
    layout (``x__lower`` NULL where lower-casing changes nothing, events in key
    order); ``copy=False`` reads them in place; both answer alike."""
    import pyarrow as pa

    utc = dt.UTC
    leads = pa.table({"id": ["L2", "L1"], "email": ["ann@x.com", "Bob@X.com"]})
    views = pa.table({"lead_id": ["L2", "L1", "L1"],
                      "occurred_at": [dt.datetime(2026, 11, 19, tzinfo=utc),
                                      dt.datetime(2026, 11, 19, tzinfo=utc),
                                      dt.datetime(2026, 11, 18, tzinfo=utc)],
                      "path": ["/Pricing", "/pricing", "/x"]})
    rules = lr.parse("""segment p {
  1: tracking { path starts with "/PRICING" } count >= 1
  2: lead { email ends with "X.COM" }
  match 1 and 2
}
""")
    as_of = "2026-11-20T09:00:00Z"
    copied = lr.open_store({"lead": leads, "tracking": views})
    in_place = lr.open_store({"lead": leads, "tracking": views}, copy=False)
    assert rules.segment("p").select(copied, as_of) == ["L1", "L2"]
    assert rules.segment("p").select(in_place, as_of) == ["L1", "L2"]
    assert copied.events_of("L1") == in_place.events_of("L1")
    conn = copied._conn
    assert conn.execute('SELECT email__lower FROM "lead" ORDER BY id').fetchall() == [
        ("bob@x.com",), (None,)]
    assert conn.execute('SELECT lead_id, path FROM tracking').fetchall() == [
        ("L1", "/x"), ("L1", "/pricing"), ("L2", "/Pricing")]
    tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"lead", "tracking"}
    copied.close()
    in_place.close()


def test_a_near_miss_of_an_unmapped_field_is_refused_a_declared_one_is_not(
        tmp_path: Path) -> None:
    """``pth`` beside an unmapped ``path``: a typo that would make every rule on
    ``path`` silently false is refused with the field meant; declared in the rules
    (or far from every unmapped field) it is a new field as before."""
    _app(tmp_path / "app.db")
    mapping = {"lead": {"table": "contacts", "id": "contact_id"},
               "tracking": {"table": "page_views", "lead_id": "contact_id",
                            "occurred_at": {"column": "viewed_at", "epoch": "ms"},
                            "pth": "page_path"}}
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(tmp_path / "app.db", mapping=mapping)
    assert raised.value.render() == (
        "leadrules: error: mapping[\"tracking\"][\"pth\"]: 'pth' is not a field of tracking: "
        "did you mean 'path'?\n  to add a new field 'pth', declare it in the rules file "
        "(field tracking.pth TYPE)")
    rules = lr.parse(RULES + "\nfield tracking.pth text\n")
    store = lr.SQLiteStore(tmp_path / "app.db", mapping=mapping, schema=rules.schema)
    assert store.stored_schema.source("tracking").field("pth") is not None
    mapping["tracking"]["visited"] = mapping["tracking"].pop("pth")
    store = lr.SQLiteStore(tmp_path / "app.db", mapping=mapping)
    assert store.stored_schema.source("tracking").field("visited") is not None


def test_mistakes_with_dataframes_are_usage_errors_naming_what_is_there() -> None:
    """The mistakes people make with ``open_store({...})``: a misnamed key, a lead
    frame without ``id``, events without ``occurred_at``, a list instead of a dict --
    each one error naming what the frames hold, never a traceback of DuckDB's."""
    import pandas as pd
    leads = pd.DataFrame({"id": ["a"], "email": ["A@x.com"]})
    views = pd.DataFrame({"lead_id": ["a"], "occurred_at": pd.to_datetime(["2026-11-01T00:00:00Z"]),
                          "path": ["/pricing"]})
    cases: list[tuple[Any, str]] = [
        ({"leads": leads, "tracking": views},
         "open_store: the dict of frames has a key 'leads' that is no table of the schema: "
         "did you mean 'lead'?"),
        ({"lead": leads.rename(columns={"id": "ident"}), "tracking": views},
         "open_store: the 'lead' frame has no column 'id' (did you mean 'ident'?)"),
        ({"lead": leads.rename(columns={"id": "key"}), "tracking": views},
         "open_store: the 'lead' frame has no column 'id' (it has key, email)"),
        ({"lead": leads, "tracking": views.rename(columns={"occurred_at": "occured_at"})},
         "open_store: the 'tracking' frame has no column 'occurred_at' (did you mean "
         "'occured_at'?)"),
        ([leads, views], "open_store: cannot open a list as data"),
    ]
    for spec, message in cases:
        with pytest.raises(UsageError) as raised:
            lr.open_store(spec)
        assert raised.value.render().splitlines()[0] == f"leadrules: error: {message}"
    # A frame of a source the schema does not know is a new source, as before.
    store = lr.open_store({"lead": leads, "tracking": views, "webinar": views})
    assert store.stored_schema.source("webinar") is not None


def test_a_value_that_is_not_a_frame_is_a_usage_error_naming_the_key() -> None:
    """A list of records, None or a Polars LazyFrame in the dict: a UsageError
    naming the key, what was given and what is accepted, not DuckDB's
    'not suitable for replacement scans'."""
    import pandas as pd
    import polars as pl
    leads = pd.DataFrame({"id": ["A"]})
    for value, what in (([{"lead_id": "A"}], "a list"), (None, "None"),
                        (pl.DataFrame({"lead_id": ["A"]}).lazy(), "a polars.LazyFrame")):
        with pytest.raises(UsageError) as raised:
            lr.open_store({"lead": leads, "tracking": value})
        assert raised.value.render().splitlines() == [
            f"leadrules: error: open_store: the 'tracking' value is {what}, not a frame",
            "  each value of the dict is a pandas or Polars DataFrame or a pyarrow Table "
            "(docs/stores.md, 'DataFrames')"]


def _frames_of(kind: str, table: dict[str, list[Any]]) -> Any:
    """``table`` (columns) as a pandas or Polars DataFrame or a pyarrow Table."""
    if kind == "pandas":
        import pandas as pd
        return pd.DataFrame(table)
    if kind == "polars":
        import polars as pl
        return pl.DataFrame(table)
    import pyarrow as pa
    return pa.table(table)


FRAME_KINDS = ("pandas", "polars", "pyarrow")


TIES_RULES = """funnel f ordered within 7 days {
  visited: tracking { path = "/pricing" }
  applied: application
}
"""


@pytest.mark.parametrize("kind", FRAME_KINDS)
@pytest.mark.parametrize("copy", [True, False])
def test_events_of_one_instant_keep_the_frames_row_order(kind: str, copy: bool) -> None:
    """Three applications of L1 at one instant: events_of and a funnel attributed
    to the first application (``by=``) follow the frame's rows, as a MemoryStore
    of the same rows follows its file -- except a pandas frame read in place,
    whose ties are ordered by their other columns' values, missing first
    (docs/stores.md, 'DataFrames')."""
    utc = dt.UTC
    views = {"lead_id": ["L1"], "occurred_at": [dt.datetime(2026, 11, 1, tzinfo=utc)],
             "path": ["/pricing"]}
    apps = {"lead_id": ["L1"] * 3, "occurred_at": [dt.datetime(2026, 11, 2, tzinfo=utc)] * 3,
            "campaign": ["second", "first", None]}
    memory = lr.MemoryStore([{"id": "L1"}], {
        "tracking": [{k: v[0] for k, v in views.items()}],
        "application": [{k: v[i] for k, v in apps.items()} for i in range(3)]})
    store = lr.open_store({"lead": _frames_of(kind, {"id": ["L1"]}),
                           "tracking": _frames_of(kind, views),
                           "application": _frames_of(kind, apps)}, copy=copy)
    rules = lr.parse(TIES_RULES)

    def seen(s: Any) -> tuple[list[Any], list[tuple[str, int]]]:
        report = rules.funnel("f").report(s, "2026-11-20T09:00:00Z",
                                          by="application.campaign", attribution="applied")
        return ([e.get("campaign") for e in s.events_of("L1")["application"]],
                [(g.label, g.report["applied"].count) for g in report.groups])

    if kind == "pandas" and not copy:
        assert seen(store) == ([None, "first", "second"], [("(missing)", 1)])
    else:
        assert seen(store) == seen(memory) == (["second", "first", None], [("second", 1)])
    store.close()


@pytest.mark.parametrize("kind", FRAME_KINDS)
@pytest.mark.parametrize("copy", [True, False])
def test_a_lead_frame_with_an_id_twice_or_none_is_refused(kind: str, copy: bool) -> None:
    """docs/data.md: every lead needs a non-empty id, unique in the file.  A lead
    frame breaking that is a DataError naming the frame, the id and its rows (a
    pandas frame read in place has no row numbers), never a lead answered twice."""
    rows = "" if kind == "pandas" and not copy else ", rows 0 and 2, counting from 0"
    cases = [
        ({"id": ["A", "B", "A"], "email": ["a@x", None, None]},
         f"the 'lead' frame has the id 'A' 2 times (column 'id'{rows})"),
        ({"id": ["A", "B", None]},
         "the 'lead' frame has a lead without an id (column 'id'"
         f"{rows.replace('rows 0 and 2', 'row 2')})"),
        ({"id": ["A", "", "B"]},
         "the 'lead' frame has a lead whose id is empty (column 'id'"
         f"{rows.replace('rows 0 and 2', 'row 1')})"),
    ]
    for lead, message in cases:
        with pytest.raises(lr.DataError) as raised:
            lr.open_store({"lead": _frames_of(kind, lead)}, copy=copy)
        assert raised.value.render().splitlines()[0] == f"leadrules: error: open_store: {message}"
    crm = {"lead": {"table": "contacts", "id": "cid"}}
    with pytest.raises(lr.DataError, match="the 'contacts' frame has the id '7' 2 times"):
        lr.open_store({"contacts": _frames_of(kind, {"cid": [7, 7]})}, mapping=crm, copy=copy)


@pytest.mark.parametrize("kind", FRAME_KINDS)
@pytest.mark.parametrize("copy", [True, False])
def test_a_datetime_text_that_is_not_iso_is_a_data_error_naming_the_value(
        kind: str, copy: bool) -> None:
    """``occurred_at`` "18/11/2026" in a frame: a DataError naming the frame, the
    column, the value and its row, not DuckDB's ConversionException and SQL."""
    frames = {"lead": _frames_of(kind, {"id": ["A"]}),
              "tracking": _frames_of(kind, {"lead_id": ["A", "A", "A"], "occurred_at": [
                  "2026-11-18T09:00:00Z", "2026-11-18", "18/11/2026"]})}
    row = "" if kind == "pandas" and not copy else " (row 2, counting from 0)"
    with pytest.raises(lr.DataError) as raised:
        lr.open_store(frames, copy=copy)
    assert raised.value.render().splitlines()[0] == (
        "leadrules: error: open_store: the 'tracking' frame's column 'occurred_at' holds "
        f"'18/11/2026'{row}, which is not an ISO-8601 datetime")
    frames["tracking"] = _frames_of(kind, {"lead_id": ["A", "A"], "occurred_at": [
        "2026-11-18T09:00:00Z", "2026-11-18 10:00:00+02:00"]})
    with lr.open_store(frames, copy=copy) as store:
        times = [e["occurred_at"] for e in store.events_of("A")["tracking"]]
    assert times == [dt.datetime(2026, 11, 18, 8, tzinfo=dt.UTC),
                     dt.datetime(2026, 11, 18, 9, tzinfo=dt.UTC)]


def test_a_frame_key_that_misspells_an_absent_source_is_refused() -> None:
    """``trackings`` or ``Tracking`` beside no ``tracking`` frame would be a new,
    empty-to-every-rule source: refused with the source meant.  A key the rules
    declare, or one near no absent source, is a source as before."""
    import pandas as pd
    leads = pd.DataFrame({"id": ["A"]})
    views = pd.DataFrame({"lead_id": ["A"], "occurred_at": pd.to_datetime(["2026-11-01"],
                                                                          utc=True)})
    for key in ("trackings", "Tracking"):
        with pytest.raises(UsageError) as raised:
            lr.open_store({"lead": leads, key: views})
        assert raised.value.render().splitlines()[0] == (
            f"leadrules: error: open_store: the dict of frames has a '{key}' frame but no "
            "'tracking' frame: did you mean 'tracking'?")
    declared = lr.parse("source trackings { x text }\nsegment s { match trackings count >= 1 }")
    with lr.open_store({"lead": leads, "trackings": views}, schema=declared.schema) as store:
        assert declared.segment("s").select(store, "2026-11-20T09:00:00Z") == ["A"]
    with lr.open_store({"lead": leads, "tracking": views, "trackings": views}) as store:
        assert store.stored_schema.source("trackings") is not None


def test_a_new_source_frame_without_occurred_at_names_the_frame_not_a_mapping() -> None:
    """No mapping was written: a frame of a new source without ``occurred_at``
    names the frame and its columns, and a column of the wrong type is so "in the
    frame", not "in the database"."""
    import pandas as pd
    leads = pd.DataFrame({"id": ["A"]})
    with pytest.raises(UsageError) as raised:
        lr.open_store({"lead": leads, "webinar": pd.DataFrame({"lead_id": ["A"]})})
    assert raised.value.render().splitlines()[0] == (
        "leadrules: error: open_store: the 'webinar' frame has no column 'occurred_at' "
        "(it has lead_id)")
    with pytest.raises(UsageError) as raised:
        lr.open_store({"lead": pd.DataFrame({"id": ["A"], "employees": ["250"]})})
    assert raised.value.render().splitlines()[0] == (
        "leadrules: error: lead.employees is VARCHAR in the frame but lead.employees is "
        "number in the rules")


TYPED_AS_OF = "2026-11-20T09:00:00Z"


@pytest.mark.parametrize("copy", [True, False])
def test_frames_of_other_time_precisions_dates_and_categories_read_as_the_csv_does(
        copy: bool) -> None:
    # Each raised a DuckDB Binder error (TIMESTAMP_NS, TIMESTAMPTZ_NS, _MS, _S) or was
    # refused (DATE, a pandas category) before.
    import pandas as pd
    import pyarrow as pa
    when = dt.datetime(2026, 11, 1, 12, 0)
    rules = lr.parse('segment s {\n  1: lead { industry = "Software"; created_at before '
                     '2026-11-02 }\n  2: tracking { occurred_at within 30 days } exists\n'
                     '  match 1 and 2\n}\n'
                     'scoring m {\n  tracking { path contains "/p" } => 10 per event\n'
                     '  decay half-life 7 days\n}\n')
    want_score = rules.scoring("m").score(lr.MemoryStore(
        [{"id": "L1", "industry": "Software", "created_at": "2026-11-01T00:00:00Z"}],
        {"tracking": [{"lead_id": "L1", "occurred_at": "2026-11-01T12:00:00Z",
                       "path": "/p"}]}), TYPED_AS_OF).to_dicts()
    times = [pa.array([when], pa.timestamp(u)) for u in ("ns", "ms", "s")] + [
        pa.array([when.replace(tzinfo=dt.UTC)], pa.timestamp("ns", tz="Asia/Tokyo"))]
    for created in (pa.array([when.date()], pa.date32()),
                    pa.array([dt.datetime(2026, 11, 1)], pa.timestamp("ns"))):
        for time in times:
            leads = pd.DataFrame({"id": ["L1"], "industry": pd.Categorical(["Software"]),
                                  "created_at": created.to_pandas()})
            views = pa.table({"lead_id": ["L1"], "occurred_at": time, "path": ["/p"]})
            store = lr.open_store({"lead": leads, "tracking": views}, copy=copy)
            assert rules.segment("s").select(store, TYPED_AS_OF) == ["L1"], (created, time)
            assert rules.scoring("m").score(store, TYPED_AS_OF).to_dicts() == want_score


@pytest.mark.parametrize("copy", [True, False])
def test_a_non_ascii_text_in_a_frame_equals_itself(copy: bool) -> None:
    # 'İstanbul' matched nothing: DuckDB lower-cased the column, Python the literal.
    import pandas as pd
    leads = pd.DataFrame({"id": ["L1", "L2"], "company": ["İstanbul A.Ş.", "istanbul a.ş."]})
    rules = lr.parse('segment eq {\n  match company = "İstanbul A.Ş."\n}\n'
                     'segment has {\n  match company contains "İstanbul"\n}\n'
                     'segment starts {\n  match company starts with "İst"\n}\n')
    store = lr.open_store({"lead": leads}, copy=copy)
    memory = lr.MemoryStore(leads.to_dict("records"))
    for name in ("eq", "has", "starts"):
        got = rules.segment(name).select(store, TYPED_AS_OF)
        assert "L1" in got
        if copy:  # copied with Python's lower-casing: exactly the evaluator's answer
            assert got == rules.segment(name).select(memory, TYPED_AS_OF) == ["L1"]
        else:  # read in place: DuckDB's lower() ('İ' -> 'i'), docs/stores.md
            assert got == ["L1", "L2"]


def test_a_field_the_rules_declare_and_the_mapping_leaves_out_is_refused(
        tmp_path: Path) -> None:
    # docs/stores.md: undeclared fields a mapping leaves out are missing (a warning);
    # a declared one is an error, with the column it most likely is.
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE contacts (cid TEXT, score_y REAL)")
    conn.execute("INSERT INTO contacts VALUES ('A', 5)")
    declared = lr.parse('field lead.score_x number\nfield lead.score_y number\n'
                        'segment v "V" { 1: lead { score_x not exists } }')
    store = lr.SQLiteStore(conn, schema=declared.schema, mapping={
        "lead": {"table": "contacts", "id": "cid", "score_y": "score_y"}})
    with pytest.raises(lr.UsageError, match=r"declare field lead\.score_x.*\n.*'score_y'"):
        declared.segment("v").select(store, as_of="2026-01-01")
    undeclared = lr.parse('segment v "V" { 1: lead { company not exists } }')
    assert undeclared.segment("v").select(store, as_of="2026-01-01") == ["A"]
