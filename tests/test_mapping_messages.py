"""Mistakes a new user of mappings makes, as they meet them (issue 14).

Each test is one mistake, on the command line (``--map FILE``) or from Python
(``mapping=`` a dict), and what leadrules says or does; docs/stores.md, "Your
own tables", documents the same.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest

import leadrules as lr
from leadrules.cli import main
from leadrules.errors import DataError, UsageError
from leadrules.stores.mapping import load as load_mapping

MAP_TOML = """[lead]
table = "contacts"
id = "contact_id"
email = "email"
{company}

[tracking]
table = "page_views"
lead_id = "contact_id"
occurred_at = "viewed_at"
path = "page_path"
title = "page_title"
duration = "secs"
"""

RULES = """segment hot {
  match email exists
}
segment vips {
  match in list vips
}
"""


def _app(folder: Path, company: str = 'company = "company"') -> None:
    """app.db (contacts, page_views), map.toml and hot.rules in ``folder``."""
    conn = sqlite3.connect(folder / "app.db")
    conn.executescript("""
      CREATE TABLE contacts (contact_id TEXT, email TEXT, company TEXT);
      CREATE TABLE page_views (contact_id TEXT, viewed_at TEXT, page_path TEXT,
                               page_title TEXT, secs REAL);
      INSERT INTO contacts VALUES ('1', 'a@x', 'Acme'), ('2', NULL, 'Beta');
      INSERT INTO page_views VALUES ('1', '2026-11-20T09:00:00+00:00', '/pricing',
                                     'Pricing', 30);
    """)
    conn.commit()
    conn.close()
    (folder / "map.toml").write_text(MAP_TOML.format(company=company), encoding="utf-8")
    (folder / "hot.rules").write_text(RULES, encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. separator on a field that is not a list of text ------------------------------


def test_a_separator_on_a_text_field_says_it_applies_only_to_lists_of_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``company = { column = "company", separator = "|" }``: company is text and the
    column is text, so the types match; the option is the mistake, and the message
    says so, naming the field and its type (not "TEXT in the database but text in
    the rules", which reads as a match)."""
    _app(tmp_path, 'company = { column = "company", separator = "|" }')
    code, _, err = _run(capsys, "segment", tmp_path / "hot.rules", "hot", "--data",
                        tmp_path / "app.db", "--map", tmp_path / "map.toml")
    assert code == 2
    first, source, caret, hint = err.splitlines()
    assert first == (f"{tmp_path / 'map.toml'}:5:1: error: mapping: [lead] company: "
                     "separator applies only to list of text fields, and lead.company is "
                     "text in the rules")
    assert source == '  5 | company = { column = "company", separator = "|" }'
    assert caret == "      ^"
    assert 'map it without separator (company = "company")' in hint
    assert "in the database" not in err


def test_an_epoch_on_a_text_field_says_it_applies_only_to_datetimes(tmp_path: Path) -> None:
    _app(tmp_path)
    with pytest.raises(UsageError) as err:
        lr.SQLiteStore(tmp_path / "app.db", mapping={"lead": {
            "table": "contacts", "id": "contact_id",
            "company": {"column": "company", "epoch": "s"}}})
    message = err.value.diagnostics[0].message
    assert "epoch applies only to datetime fields, and lead.company is text" in message
    assert "in the database" not in message


# -- 2. a Python dict's mistakes in dict words, a file's in TOML words -----------------


LEAD = {"table": "contacts", "id": "contact_id"}
VIEWS = {"table": "page_views", "lead_id": "contact_id", "occurred_at": "viewed_at"}
# (the dict, what its error says, the same mistake in a file, where, what that says)
MISTAKES = [
    ({"table": "contacts", "lead": LEAD},
     "mapping[\"table\"] = 'contacts' is not a dict: each key of a mapping is a schema "
     "table (lead or a source) and its value a dict",
     'table = "contacts"\n[lead]\ntable = "contacts"\nid = "contact_id"\n', "1:1",
     "mapping: table = 'contacts' is outside any header"),
    ({"leads": LEAD}, 'the mapping has no "lead" key',
     '[leads]\ntable = "contacts"\nid = "contact_id"\n', None, "the mapping has no [lead] table"),
    ({"lead": {"tabel": "contacts", "id": "contact_id"}},
     'mapping["lead"] needs "table": "schema.table" (a table or view) (did you mean '
     "\"table\", not 'tabel'?)",
     '[lead]\ntabel = "contacts"\nid = "contact_id"\n', "2:1",
     "mapping: [lead] needs table = \"schema.table\" (a table or view) (did you mean "
     "table, not 'tabel'?)"),
    ({"lead": {**LEAD, "emial": "email"}},
     "mapping[\"lead\"][\"emial\"]: 'emial' is not a field of lead: did you mean 'email'?",
     '[lead]\ntable = "contacts"\nid = "contact_id"\nemial = "email"\n', "4:1",
     "mapping: [lead] 'emial' is not a field of lead: did you mean 'email'?"),
    ({"lead": LEAD, "trackng": VIEWS},
     'mapping["trackng"] is not a source of the rules: did you mean "tracking"?',
     '[lead]\ntable = "contacts"\nid = "contact_id"\n[trackng]\ntable = "page_views"\n', "4:1",
     "mapping: [trackng] is not a source of the rules: did you mean [tracking]?"),
    ({"lead": {**LEAD, "email": 3}},
     'mapping["lead"]["email"] must be a column name or {"column": "…", "separator": "|"} / '
     '{"column": "…", "epoch": "s"}',
     '[lead]\ntable = "contacts"\nid = "contact_id"\nemail = 3\n', "4:1",
     'mapping: [lead] email must be a column name or { column = "…", separator = "|" } / '
     '{ column = "…", epoch = "s" }'),
    ({"lead": {**LEAD, "email": {"column": "email", "sep": ","}}},
     "mapping[\"lead\"][\"email\"]: unknown option 'sep'",
     '[lead]\ntable = "contacts"\nid = "contact_id"\nemail = { column = "email", sep = "," }\n',
     "4:1", "mapping: [lead] email: unknown option 'sep'"),
    ({"lead": {**LEAD, "created_at": "secs_since"}},
     '(a number of seconds? declare it: mapping["lead"]["created_at"] = {"column": '
     '"secs_since", "epoch": "s"})',
     '[lead]\ntable = "contacts"\nid = "contact_id"\ncreated_at = "secs_since"\n', "4:1",
     '(a number of seconds? declare it: created_at = { column = "secs_since", epoch = "s" })'),
    ({"lead": {**LEAD, "company": {"column": "company", "separator": "|"}}},
     'mapping["lead"]["company"]: separator applies only to list of text fields',
     '[lead]\ntable = "contacts"\nid = "contact_id"\n'
     'company = { column = "company", separator = "|" }\n', "4:1",
     "mapping: [lead] company: separator applies only to list of text fields"),
]
TOML_WORDS = ("[lead]", "[trackng]", "[tracking]", "header", "{ column", "column =", "table = ")


def test_a_dict_mappings_mistakes_are_named_by_its_keys_a_files_by_line_and_toml(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``mapping=`` a dict: the error names ``mapping["lead"]["emial"]``, never a TOML
    header, inline table or line; the same mistake in a ``--map`` file keeps its
    TOML words and the file, line, column and caret."""
    _app(tmp_path)
    lite = sqlite3.connect(tmp_path / "app.db")
    lite.execute("ALTER TABLE contacts ADD COLUMN secs_since INTEGER")
    lite.commit()
    lite.close()
    for mapping, said, text, where, file_said in MISTAKES:
        with pytest.raises(UsageError) as err:
            lr.SQLiteStore(tmp_path / "app.db", mapping=mapping)
        [diagnostic] = err.value.diagnostics
        assert said in diagnostic.message, (said, diagnostic.message)
        rendered = err.value.render()
        assert not [w for w in TOML_WORDS if w in rendered], rendered
        assert (diagnostic.file, diagnostic.line, diagnostic.column) == (None, None, None)
        # lr.load(…, mapping=) says the same.
        with pytest.raises(UsageError) as again:
            lr.load(tmp_path / "hot.rules", data=tmp_path / "app.db", mapping=mapping)
        assert again.value.render() == rendered
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        code, _, out = _run(capsys, "segment", tmp_path / "hot.rules", "hot", "--data",
                            tmp_path / "app.db", "--map", tmp_path / "map.toml")
        assert code == 2
        first = out.splitlines()[0]
        assert file_said in first, (file_said, first)
        if where is not None:
            assert first.startswith(f"{tmp_path / 'map.toml'}:{where}: error: "), first
            assert out.splitlines()[2].strip() == "^"


# -- 3. `in list` on a mapped database without --state --------------------------------


def test_in_list_on_a_mapped_database_without_state_names_state(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists live in a leadrules state (--state), never in the user's tables: the
    error says to give --state, on every command that reads the rules with --map."""
    monkeypatch.chdir(tmp_path)
    _app(tmp_path)
    mapped = ("--data", "app.db", "--map", "map.toml")
    for argv in (("segment", "hot.rules", "vips", *mapped), ("check", "hot.rules", *mapped),
                 ("score", "hot.rules", "default", *mapped)):
        code, _, err = _run(capsys, *argv)
        assert code == 1, argv
        assert "unknown list 'vips'" in err
        hint = err.splitlines()[3]
        assert hint.startswith("  --map map.toml reads your own tables, which hold no "
                               "leadrules lists: give --state STATE"), (argv, hint)
    # check --format json: the same hint, machine-readable.
    code, out, _ = _run(capsys, "check", "hot.rules", *mapped, "--format", "json")
    assert code == 1
    assert "--state" in json.loads(out)[0]["hint"]
    # With --state the list is found.
    assert _run(capsys, "list", "add", "state.json", "vips", "1", *mapped)[0] == 0
    assert _run(capsys, "segment", "hot.rules", "vips", *mapped, "--state", "state.json",
                "--format", "ids") == (0, "1\n", "")
    # Without --map (a folder): the hint is the one for a store without lists.
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "lead.csv").write_text("id,email\n1,a@x\n", encoding="utf-8")
    code, _, err = _run(capsys, "segment", "hot.rules", "vips", "--data", "folder")
    assert code != 0 and "--state STATE" in err and "--map" not in err


# -- 4. timeline fields in the schema's order -----------------------------------------


def test_timeline_json_fields_are_in_the_schema_order_on_folder_and_mapped_stores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The mapping lists path, title, duration; the schema's order is url, path,
    title, duration, session -- the order of ``fields`` in both."""
    _app(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "lead.csv").write_text("id,email\n1,a@x\n", encoding="utf-8")
    (folder / "tracking.csv").write_text(
        "lead_id,occurred_at,duration,title,path\n1,2026-11-20T09:00:00Z,30,Pricing,"
        "/pricing\n", encoding="utf-8")
    schema_order = list(lr.DEFAULT_SCHEMA.source("tracking").field_names[2:])
    fields = []
    for argv in ((folder, "1"), (tmp_path / "app.db", "1", "--map", tmp_path / "map.toml")):
        code, out, _ = _run(capsys, "timeline", *argv, "--format", "json")
        assert code == 0
        [entry] = json.loads(out)
        assert list(entry["fields"]) == schema_order, argv
        fields.append(entry["fields"])
    assert fields[0] == fields[1]
    # The Python API and the table output (detail) follow the same order.
    store = lr.SQLiteStore(tmp_path / "app.db", mapping=load_mapping(tmp_path / "map.toml"))
    [event] = store.timeline("1")
    assert list(event.fields) == schema_order
    assert event.detail == "path=/pricing title=Pricing duration=30"


# -- 5. a '|' inside one element of an array of tags ----------------------------------


TAG_RULES = lr.parse("""segment vip { match tags contains "vip" }
segment whole { match tags contains "vip|news" }
segment news { match tags contains "news" }
""")


def _tag_answers(store: Any) -> tuple[object, dict[str, list[str]]]:
    lead = store.lead("1")
    assert lead is not None
    return lead["tags"], {s: TAG_RULES.segment(s).select(store) for s in ("vip", "whole", "news")}


SEVERAL_TAGS = (("vip", "news", "x"), {"vip": ["1"], "whole": [], "news": ["1"]})


def test_a_bar_inside_one_element_of_a_mapped_list_reads_as_several_tags() -> None:
    """An array element 'vip|news' (DuckDB LIST, PostgreSQL text[]) or, with another
    separator, a delimited part holding '|' (SQLite) reads as the tags 'vip' and
    'news', in the records and in the rules alike: as the same text would in a CSV
    file, where the memory loader refuses the tag 'vip|news' itself."""
    duck = duckdb.connect()
    duck.execute("CREATE TABLE contacts (cid VARCHAR, labels VARCHAR[])")
    duck.execute("INSERT INTO contacts VALUES ('1', ['vip|news', 'x'])")
    assert _tag_answers(lr.DuckDBStore(duck, mapping={"lead": {
        "table": "contacts", "id": "cid", "tags": "labels"}})) == SEVERAL_TAGS
    lite = sqlite3.connect(":memory:")
    lite.execute("CREATE TABLE contacts (cid TEXT, labels TEXT)")
    lite.execute("INSERT INTO contacts VALUES ('1', 'vip|news,x')")
    assert _tag_answers(lr.SQLiteStore(lite, mapping={"lead": {
        "table": "contacts", "id": "cid",
        "tags": {"column": "labels", "separator": ","}}})) == SEVERAL_TAGS
    schema = f"map_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as pg:
        pg.execute(f"CREATE SCHEMA {schema}")
        try:
            pg.execute(f"CREATE TABLE {schema}.contacts (cid text, labels text[])")
            pg.execute(f"INSERT INTO {schema}.contacts VALUES ('1', ARRAY['vip|news', 'x'])")
            assert _tag_answers(lr.PostgresStore(pg, schema_name=schema, mapping={"lead": {
                "table": "contacts", "id": "cid", "tags": "labels"}})) == SEVERAL_TAGS
        finally:
            pg.execute(f"DROP SCHEMA {schema} CASCADE")
    with pytest.raises(DataError, match=r"tag 'vip\|news' contains '\|'"):
        lr.MemoryStore(leads=[{"id": "1", "tags": ["vip|news", "x"]}])
