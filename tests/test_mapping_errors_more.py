"""Bad mapping files and dicts: each gives a clear error -- the file, line, column
and caret of the key at fault and a fix that works -- never a traceback nor a
place elsewhere in the file (issue 14; docs/stores.md, "Your own tables")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import UsageError
from leadrules.stores.mapping import load as load_mapping

RULES = "segment hot {\n  match email exists\n}\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _sql(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes,
         dialect: str = "spark") -> tuple[int, list[str]]:
    """``leadrules sql t.rules hot --map bad.toml`` (no database): exit code, stderr."""
    (tmp_path / "t.rules").write_text(RULES, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    if isinstance(text, bytes):
        bad.write_bytes(text)
    else:
        bad.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "sql", tmp_path / "t.rules", "hot", "--dialect", dialect,
                        "--map", bad)
    return code, err.splitlines()


# -- 1. the line of the key at fault, and the field meant ---------------------------


def test_an_undeclared_field_without_a_database_is_placed_on_its_line_with_the_one_meant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\nemial = "email_address"\n')
    assert code == 2
    assert err == [
        f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] 'emial' is not a field of "
        "lead: did you mean 'email'?",
        '  4 | emial = "email_address"',
        "      ^",
        "  to add a new field 'emial', declare it in the rules file (field lead.emial TYPE)"]
    # A key near no field: still its own line.
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\nwhatever = "w"\n')
    assert code == 2
    assert err[0] == (f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] whatever: the "
                      "rules do not declare this field, and without a database its "
                      "column's type is unknown")


def test_a_bad_epoch_without_a_database_is_placed_on_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     '[lead]\ntable = "contacts"\nid = "contact_id"\n\n[tracking]\n'
                     'table = "pv"\nlead_id = "cid"\noccurred_at = {column="t", epoch="sec"}\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:8:1: error: mapping: [tracking] occurred_at: "
        "epoch = 'sec': one of 's', 'ms', 'us'",
        '  8 | occurred_at = {column="t", epoch="sec"}',
        "      ^"]


# -- 2. a file that is not UTF-8, a byte order mark -----------------------------------


def test_a_mapping_file_not_utf8_names_the_first_bad_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys, b'[lead]\ntable = "contacts"\nid = "contact_id"\n'
                                       b'company="\x89\xef"\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:4:10: error: the mapping file is not UTF-8: byte 0x89 "
        "cannot be decoded",
        '  4 | company="\ufffd\ufffd"',
        "               ^"]
    assert "Traceback" not in "\n".join(err)
    # From Python: the documented reader says the same.
    with pytest.raises(UsageError) as raised:
        load_mapping(tmp_path / "bad.toml")
    [d] = raised.value.diagnostics
    assert (d.file, d.line, d.column) == (str(tmp_path / "bad.toml"), 4, 10)


def test_a_mapping_file_with_a_byte_order_mark_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys,
                     b'\xef\xbb\xbf[lead]\ntable = "contacts"\nid = "contact_id"\n'
                     b'emial = "e"\n')
    # Read: the next mistake is the one reported, on its line.
    assert code == 2
    assert err[0].startswith(f"{tmp_path / 'bad.toml'}:4:1: error: mapping: [lead] 'emial'")
    (tmp_path / "bom.toml").write_bytes(b'\xef\xbb\xbf[lead]\ntable = "contacts"\n'
                                        b'id = "contact_id"\n')
    assert load_mapping(tmp_path / "bom.toml") == {
        "lead": {"table": "contacts", "id": "contact_id"}}


# -- 3. the table, the [lead] header, a dict's keys, a path, a folder --------------------


def _db(folder: Path) -> Path:
    db = folder / "app.db"
    conn = sqlite3.connect(db)
    conn.executescript("""
      CREATE TABLE contacts (contact_id TEXT, email TEXT, n NUMERIC, r REAL, emp TEXT,
                             u UUID, j JSON, flag INTEGER, ts TIMESTAMP);
      CREATE TABLE pv (cid TEXT, t INTEGER);
      INSERT INTO contacts VALUES ('1', 'a@x', 1, 1.5, 'x', 'u', '{}', 1, NULL);
    """)
    conn.commit()
    conn.close()
    return db


def test_a_table_that_is_not_text_says_it_must_be_a_table_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _sql(tmp_path, capsys, '[lead]\ntable = 3\nid = "contact_id"\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:2:1: error: mapping: [lead] table = 3: table must be "
        'text, the name of a table or view (table = "schema.table")',
        "  2 | table = 3", "      ^"]
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), mapping={"lead": {"table": 3, "id": "contact_id"}})
    assert raised.value.diagnostics[0].message == (
        'mapping["lead"]["table"] = 3: table must be text, the name of a table or view '
        '("table": "schema.table")')


@pytest.mark.parametrize("header", ["Lead", "leads"])
def test_a_misspelt_lead_header_is_pointed_at_with_lead_suggested(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str) -> None:
    code, err = _sql(tmp_path, capsys, f'# contacts\n[{header}]\ntable = "c"\nid = "i"\n')
    assert code == 2
    assert err[:3] == [
        f"{tmp_path / 'bad.toml'}:2:1: error: the mapping has no [lead] table: it must name "
        f"the table of the leads and its id column (did you mean [lead], not [{header}]?)",
        f"  2 | [{header}]", "      ^"]
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), mapping={header: {"table": "c", "id": "i"}})
    assert raised.value.diagnostics[0].message.endswith(
        f'(did you mean "lead", not "{header}"?)')


def test_a_dict_mapping_with_a_key_that_is_not_text_says_so_in_dict_words(
        tmp_path: Path) -> None:
    db = _db(tmp_path)
    for mapping, said in [
            ({"lead": {"table": "contacts", "id": "contact_id", 3: "email"}},
             "mapping[\"lead\"][3]: the keys of mapping[\"lead\"] are 'table', 'seq' and "
             "field names, as text, not int"),
            ({"lead": {"table": "contacts", "id": "contact_id"}, 3: {}},
             "mapping[3]: the keys of a mapping are the names of schema tables as text "
             "('lead', a source), not int")]:
        with pytest.raises(UsageError) as raised:
            lr.SQLiteStore(db, mapping=mapping)  # type: ignore[arg-type]
        assert raised.value.diagnostics[0].message == said


def test_a_path_given_as_mapping_says_to_read_it_with_load(tmp_path: Path) -> None:
    db = _db(tmp_path)
    (tmp_path / "t.rules").write_text(RULES, encoding="utf-8")
    for path in ("sqlite.toml", tmp_path / "sqlite.toml"):
        said = (f"mapping={str(path)!r} is a path, not a mapping: read the file first, "
                f"mapping=leadrules.stores.mapping.load({str(path)!r})")
        with pytest.raises(UsageError) as raised:
            lr.SQLiteStore(db, mapping=path)  # type: ignore[arg-type]
        assert raised.value.diagnostics[0].message == said
        with pytest.raises(UsageError) as raised:
            lr.load(tmp_path / "t.rules", data=db, mapping=path)  # type: ignore[arg-type]
        assert raised.value.diagnostics[0].message == said


def test_a_mapping_over_a_folder_is_refused_in_python_words_and_in_cli_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(UsageError) as raised:
        lr.open_store(tmp_path / "folder", mapping={"lead": {"table": "c", "id": "i"}})
    [d] = raised.value.diagnostics
    assert d.hint == ("mapping= goes with a SQLite or DuckDB file or a postgresql:// URL; a "
                      "folder's files are read as they are, without mapping=")
    (tmp_path / "t.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "ok.toml").write_text('[lead]\ntable = "c"\nid = "i"\n', encoding="utf-8")
    for argv in (("segment", tmp_path / "t.rules", "hot", "--data", tmp_path / "folder"),
                 ("timeline", tmp_path / "folder", "1")):
        code, _, err = _run(capsys, *argv, "--map", tmp_path / "ok.toml")
        assert code == 2, argv
        assert err.splitlines() == [
            f"leadrules: error: a mapping reads database tables, not the folder "
            f"{tmp_path / 'folder'}",
            "  --map goes with a SQLite or DuckDB file or a postgresql:// URL; a folder's "
            "files are read as they are, without --map"]


# -- 4. a hint that works for each column that cannot hold its field ------------------

SEE = "(docs/stores.md, 'Your own tables')"
CONTACTS = {"table": "contacts", "id": "contact_id"}


@pytest.mark.parametrize(("entry", "message", "hint"), [
    ({"id": "n"}, "contacts.n is NUMERIC in the database but lead.id is text in the rules",
     f"ids are read as text: map a text or integer column, or a view of the table that "
     f"casts it: CAST(n AS TEXT) {SEE}"),
    ({"id": "r"}, "contacts.r is REAL in the database but lead.id is text in the rules",
     f"ids are read as text: map a text or integer column, or a view of the table that "
     f"casts it: CAST(r AS TEXT) {SEE}"),
    ({"employees": "emp"},
     "contacts.emp is TEXT in the database but lead.employees is number in the rules",
     "lead.employees is number in every schema (the rules cannot declare it otherwise): "
     f"map a column of a matching type, or a view of the table that casts it: "
     f"CAST(emp AS REAL) {SEE}"),
    ({"email": "u"}, "contacts.u is UUID in the database but lead.email is text in the rules",
     "no field type reads a UUID column: map a column of a matching type, or a view of the "
     f"table that casts it: CAST(u AS TEXT) {SEE}"),
    ({"email": "j"}, "contacts.j is JSON in the database but lead.email is text in the rules",
     "no field type reads a JSON column: map a column of a matching type, or a view of the "
     f"table that casts it: CAST(j AS TEXT) {SEE}"),
    ({"notes": "j"}, "contacts.j is JSON: cannot tell the type of lead.notes",
     f"no field type reads a JSON column: map a view of the table that casts it: "
     f"CAST(j AS TEXT) {SEE}"),
    ({"vip": "ts"},
     "contacts.ts is TIMESTAMP in the database but lead.vip is bool in the rules",
     f"map a column of a matching type, or declare the field with the column's type "
     f"(field lead.vip text) {SEE}"),
])
def test_a_column_that_cannot_hold_its_field_gets_a_hint_that_works(
        tmp_path: Path, entry: dict[str, str], message: str, hint: str) -> None:
    """Declaring the field with the column's type is offered only where the rules
    may declare it and a field can have that type."""
    schema = lr.parse("field lead.vip bool\nsegment s { match vip }").schema
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), schema=schema, mapping={"lead": {**CONTACTS, **entry}})
    [d] = raised.value.diagnostics
    assert (d.message, d.hint) == (message, hint)


def test_an_epoch_on_a_datetime_column_says_to_drop_epoch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb
    db = tmp_path / "app.duckdb"
    duck = duckdb.connect(str(db))
    duck.execute("CREATE TABLE c (id VARCHAR, ts TIMESTAMPTZ, a VARCHAR[])")
    duck.close()
    (tmp_path / "t.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "m.toml").write_text('[lead]\ntable = "c"\nid = "id"\n'
                                     'created_at = { column = "ts", epoch = "s" }\n',
                                     encoding="utf-8")
    code, _, err = _run(capsys, "segment", tmp_path / "t.rules", "hot", "--data", db,
                        "--map", tmp_path / "m.toml")
    assert code == 2
    assert err.splitlines() == [
        f"{tmp_path / 'm.toml'}:4:1: error: c.ts is TIMESTAMP WITH TIME ZONE in the database "
        "but lead.created_at is datetime in the rules (epoch is for a number of seconds, "
        "and this column holds datetimes already)",
        '  4 | created_at = { column = "ts", epoch = "s" }',
        "      ^",
        '  map it without epoch (created_at = "ts")']
    with pytest.raises(UsageError) as raised:
        lr.DuckDBStore(db, mapping={"lead": {"table": "c", "id": "id", "tags": {
            "column": "a", "separator": "|"}}})
    assert raised.value.diagnostics[0].hint == (
        'map it without separator (mapping["lead"]["tags"] = "a")')


def test_a_number_column_for_occurred_at_is_offered_epoch_not_a_declaration(
        tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), mapping={"lead": CONTACTS, "tracking": {
            "table": "pv", "lead_id": "cid", "occurred_at": "t"}})
    assert raised.value.diagnostics[0].hint == (
        'map a column of a matching type, or this one with epoch (mapping["tracking"]'
        '["occurred_at"] = {"column": "t", "epoch": "s"}; "ms" or "us" for milliseconds '
        "or microseconds)")


def test_a_mapped_store_opened_without_the_rules_schema_says_to_pass_it(
        tmp_path: Path) -> None:
    rules = lr.parse("field lead.vip bool\nsegment s { match vip }")
    mapping = {"lead": {**CONTACTS, "vip": "flag"}}
    store = lr.SQLiteStore(_db(tmp_path), mapping=mapping)
    with pytest.raises(UsageError) as raised:
        rules.segment("s").select(store)
    [d] = raised.value.diagnostics
    assert d.message == "lead.vip is number in the store but bool in the rules"
    assert d.hint.startswith("open the store with the rules' schema (schema=rules.schema")
    # The fix the hint gives works.
    assert rules.segment("s").select(lr.SQLiteStore(
        tmp_path / "app.db", mapping=mapping, schema=rules.schema)) == ["1"]


# -- 5. refused when the mapping is read: a shadow column's name, too many parts ------


def test_a_field_named_like_a_shadow_column_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``email__lower`` is the name of leadrules' lower-cased shadow of ``email``: on
    PostgreSQL it made every text comparison's query ambiguous."""
    code, err = _sql(tmp_path, capsys, '[lead]\ntable = "contacts"\nid = "contact_id"\n'
                                       'email = "email"\nemail__lower = "x"\n', "postgres")
    assert code == 2
    assert err == [
        f"{tmp_path / 'bad.toml'}:5:1: error: mapping: [lead] email__lower: a field cannot be "
        "named 'email__lower': names ending in '__lower' are leadrules' own columns (the "
        "lower-cased text of a field), as import refuses them",
        '  5 | email__lower = "x"', "      ^",
        '  map the column under another field name (email_lower = "x"), or leave it out: '
        "comparisons of text ignore case already"]
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), mapping={"lead": {**CONTACTS, "emp__lower": "emp"}})
    assert raised.value.diagnostics[0].message.startswith(
        "mapping[\"lead\"][\"emp__lower\"]: a field cannot be named 'emp__lower'")


def test_a_table_name_with_more_parts_than_the_engine_takes_says_how_many(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = '[lead]\ntable = "other.dirty.Contacts"\nid = "contact_id"\n'
    code, err = _sql(tmp_path, capsys, text, "postgres")
    assert code == 2
    assert err == [
        f"{tmp_path / 'bad.toml'}:2:1: error: mapping: [lead] table = 'other.dirty.Contacts': "
        "PostgreSQL names a table with at most 2 parts (schema.table), not 3",
        '  2 | table = "other.dirty.Contacts"', "      ^",
        "  name it as schema.table (a query reads only the database the connection is to)"]
    with pytest.raises(UsageError) as raised:
        lr.SQLiteStore(_db(tmp_path), mapping={"lead": {**CONTACTS, "table": "x.main.contacts"}})
    [d] = raised.value.diagnostics
    assert (d.message, d.hint) == (
        "mapping[\"lead\"][\"table\"] = 'x.main.contacts': SQLite names a table with at most "
        "2 parts (schema.table), not 3",
        "name it as schema.table (the schema is main or the name of an attached database)")
    # DuckDB and Spark take catalog.schema.table.
    assert _sql(tmp_path, capsys, text, "duckdb")[0] == 0
